import { MAX_REPORTS_PER_BATCH, type FleetReport, type FleetSingleReport } from '@glaceon/protocol';
import { createFleetClient } from './http-client.js';
import type { Log } from './log.js';
import { ReportSender } from './report-sender.js';

const GIVE_UP_AFTER_MS = 5 * 60_000;
/** A player's connected/left reports are held this long, so a flapping connection costs Coral nothing. */
export const REPORT_DEBOUNCE_MS = 1000;

type PlayerReport = Extract<FleetSingleReport, { playerId: string }>;

/**
 * Sends a game's reports to Coral in order, one at a time, retrying the head
 * (network errors, 5xx, 429) with backoff until answered. Reports are
 * idempotent on Coral's side, so a retry after a lost answer is harmless.
 */
export class Reporter {
  private readonly queues = new Map<string, FleetSingleReport[]>();
  private readonly pumps = new Map<string, Promise<void>>();
  /** Held player reports, by "<gameId> <playerId>". */
  private readonly held = new Map<string, { gameId: string; report: PlayerReport; timer: NodeJS.Timeout }>();
  private stopped = false;
  /** Games due at the same moment share a request (coral-perf-011). */
  private readonly sender: ReportSender;

  constructor(
    coralFleetUrl: string,
    private readonly serverId: string,
    serverKey: string,
    private readonly log: Log,
    private readonly debounceMs = REPORT_DEBOUNCE_MS,
  ) {
    this.sender = new ReportSender(coralFleetUrl, serverId, serverKey, createFleetClient(16));
  }

  /**
   * Debounced: a player's report waits `debounceMs`; a `left` followed by `connected`
   * inside that time cancel out (Coral already thinks the player connected), anything
   * else sends the held one first, so the order Coral sees is the order they happened.
   * `game.ended` sends the game's held reports first, then itself.
   */
  report(gameId: string, report: FleetSingleReport): void {
    if (report.type === 'game.ended') {
      for (const [key, h] of this.held) if (h.gameId === gameId) this.release(key);
      this.enqueue(gameId, report);
      return;
    }
    const key = `${gameId} ${report.playerId}`;
    const pending = this.held.get(key);
    if (pending) {
      if (pending.report.type === 'player.left' && report.type === 'player.connected') {
        clearTimeout(pending.timer);
        this.held.delete(key);
        return;
      }
      this.release(key);
    }
    const timer = setTimeout(() => this.release(key), this.debounceMs);
    this.held.set(key, { gameId, report, timer });
  }

  private release(key: string): void {
    const h = this.held.get(key);
    if (!h) return;
    clearTimeout(h.timer);
    this.held.delete(key);
    this.enqueue(h.gameId, h.report);
  }

  /** Send now (after the game's earlier reports), one at a time, in order. */
  private enqueue(gameId: string, report: FleetSingleReport): void {
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
    for (const key of [...this.held.keys()]) this.release(key);
    const deadline = Date.now() + timeoutMs;
    while (this.pumps.size > 0 && Date.now() < deadline) {
      await Promise.race([Promise.all(this.pumps.values()), new Promise((r) => setTimeout(r, Math.max(1, deadline - Date.now())))]);
    }
    return this.pumps.size === 0;
  }

  stop(): void {
    for (const h of this.held.values()) clearTimeout(h.timer);
    this.held.clear();
    this.stopped = true;
  }

  /**
   * Everything queued for the game leaves in one request (a batch when there are several: a
   * game that ends with four no-shows is one request, not five), in order; reports queued
   * while it is in flight go in the next one.
   */
  private async pump(gameId: string): Promise<void> {
    // Start after this turn, so the reports of one moment (the no-shows and the end) go together.
    await new Promise((resolve) => setImmediate(resolve));
    const queue = this.queues.get(gameId);
    while (queue && queue.length > 0 && !this.stopped) {
      const head = queue.slice(0, MAX_REPORTS_PER_BATCH);
      await this.deliver(gameId, head.length === 1 ? head[0]! : { type: 'reports', serverId: this.serverId, reports: head });
      queue.splice(0, head.length);
    }
    this.queues.delete(gameId);
  }

  private async deliver(gameId: string, report: FleetReport): Promise<void> {
    const started = Date.now();
    let delay = 100;
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        const res = await this.sender.send(gameId, report);
        const text = res.text;
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
