import type { FleetReport } from '@glaceon/protocol';
import { fleetAuthHeaders } from './auth.js';
import type { Log } from './log.js';

const GIVE_UP_AFTER_MS = 5 * 60_000;

/**
 * Sends a game's reports to Coral in order, one at a time, retrying the head
 * (network errors, 5xx, 429) with backoff until answered. Reports are
 * idempotent on Coral's side, so a retry after a lost answer is harmless.
 */
export class Reporter {
  private readonly queues = new Map<string, FleetReport[]>();
  private readonly pumps = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(
    private readonly coralFleetUrl: string,
    private readonly serverId: string,
    private readonly serverKey: string,
    private readonly log: Log,
  ) {}

  enqueue(gameId: string, report: FleetReport): void {
    const queue = this.queues.get(gameId) ?? [];
    queue.push(report);
    this.queues.set(gameId, queue);
    if (!this.pumps.has(gameId)) {
      this.pumps.set(
        gameId,
        this.pump(gameId).finally(() => this.pumps.delete(gameId)),
      );
    }
  }

  /** Resolves when every queued report was answered, or after timeoutMs. */
  async flush(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.pumps.size > 0 && Date.now() < deadline) {
      await Promise.race([Promise.all(this.pumps.values()), new Promise((r) => setTimeout(r, Math.max(1, deadline - Date.now())))]);
    }
    return this.pumps.size === 0;
  }

  stop(): void {
    this.stopped = true;
  }

  private async pump(gameId: string): Promise<void> {
    const queue = this.queues.get(gameId);
    while (queue && queue.length > 0 && !this.stopped) {
      await this.deliver(gameId, queue[0]!);
      queue.shift();
    }
    this.queues.delete(gameId);
  }

  private async deliver(gameId: string, report: FleetReport): Promise<void> {
    const started = Date.now();
    let delay = 100;
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        const res = await fetch(`${this.coralFleetUrl}/v1/fleet/games/${encodeURIComponent(gameId)}/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...fleetAuthHeaders(this.serverId, this.serverKey) },
          body: JSON.stringify(report),
          signal: AbortSignal.timeout(5000),
        });
        const text = await res.text().catch(() => '');
        if (res.ok) return;
        if (res.status < 500 && res.status !== 429) {
          // Will never succeed (unknown game, not ours, bad body): drop it, say why.
          this.log.warn({ gameId, type: report.type, status: res.status, body: text.slice(0, 300) }, 'report refused by Coral; dropped');
          return;
        }
      } catch (error) {
        if (attempt === 1 || attempt % 10 === 0)
          this.log.warn({ gameId, type: report.type, attempt, err: String(error) }, 'report not delivered yet; retrying');
      }
      if (Date.now() - started > GIVE_UP_AFTER_MS) {
        this.log.error({ gameId, type: report.type }, 'report given up after 5 minutes');
        return;
      }
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 2000);
    }
  }
}
