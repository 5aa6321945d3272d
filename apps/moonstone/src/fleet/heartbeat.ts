import { fleetDecoders, type FleetAllocation, type FleetRegisterRequest, type FleetRegisterResponse } from '@glaceon/protocol';
import { fleetAuthHeaders } from './auth.js';
import { createFleetClient } from './http-client.js';
import type { Log } from './log.js';

export interface HeartbeatOptions {
  coralFleetUrl: string;
  /** This server's credential (never the fleet secret). */
  serverKey: string;
  serverId: string;
  registration: () => FleetRegisterRequest;
  /** Called with each answer and the local time the request was sent (for reconciliation). */
  onAnswer(answer: FleetRegisterResponse, sentAt: number): void;
  log: Log;
}

/**
 * Register, then heartbeat every `heartbeatMs` as Coral's answer says (1 s
 * until the first answer). A failed heartbeat is retried at the same pace;
 * Coral drops the server only after `ttlMs` without one.
 */
export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  private intervalMs = 1000;
  private stopped = false;
  private failures = 0;
  private registered = false;
  private inFlight: Promise<void> = Promise.resolve();

  /** Its own connection: never behind the reports (see createFleetClient). */
  private readonly request = createFleetClient(2);

  constructor(private readonly options: HeartbeatOptions) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Beat now (e.g. right after starting to drain), then keep the pace. */
  async beatNow(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    await this.inFlight;
    // The beat we waited for scheduled the next one: replace it, so only one loop runs.
    if (this.timer) clearTimeout(this.timer);
    this.inFlight = this.beat();
    await this.inFlight;
    this.schedule(this.intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.inFlight;
  }

  /** Leave the fleet (DELETE). Best effort: if it fails, Coral drops the server after ttlMs anyway. */
  async leave(): Promise<void> {
    const { coralFleetUrl, serverKey, serverId, log } = this.options;
    try {
      const res = await this.request(`${coralFleetUrl}/v1/fleet/servers/${serverId}`, {
        method: 'DELETE',
        headers: { ...fleetAuthHeaders(serverId, serverKey) },
        timeoutMs: 3000,
      });
      log.info({ status: res.status }, 'left the fleet');
    } catch (error) {
      log.warn({ err: String(error) }, 'could not leave the fleet; Coral will drop this server after its TTL');
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.inFlight = this.beat().finally(() => this.schedule(this.intervalMs));
    }, delayMs);
  }

  private async beat(): Promise<void> {
    const { coralFleetUrl, serverKey, serverId, log } = this.options;
    const sentAt = Date.now();
    try {
      const res = await this.request(`${coralFleetUrl}/v1/fleet/servers/${serverId}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...fleetAuthHeaders(serverId, serverKey) },
        body: JSON.stringify(this.options.registration()),
        timeoutMs: Math.max(1000, this.intervalMs),
      });
      const text = res.text;
      if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
      const answer = fleetDecoders.registerResponse.decodeText(text, 16 * 1024 * 1024);
      if (!answer.ok) throw new Error(`bad heartbeat answer: ${answer.error.message}`);
      if (!this.registered || this.failures > 0) log.info({ heartbeatMs: answer.value.heartbeatMs, ttlMs: answer.value.ttlMs }, 'registered with the fleet');
      this.failures = 0;
      this.registered = true;
      this.intervalMs = answer.value.heartbeatMs;
      if (!this.stopped) this.options.onAnswer(answer.value, sentAt);
    } catch (error) {
      this.failures++;
      if (this.failures === 1 || this.failures % 10 === 0) log.warn({ failures: this.failures, err: String(error) }, 'heartbeat failed');
    }
  }
}

export type { FleetAllocation };
