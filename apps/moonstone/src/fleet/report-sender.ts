import { fleetDecoders, MAX_GAMES_PER_REPORT, type FleetGamesReport, type FleetReport } from '@glaceon/protocol';
import { fleetAuthHeaders } from './auth.js';
import type { FleetAnswer, FleetRequest } from './http-client.js';

/** Requests in flight at once; reports that come meanwhile wait and leave together. */
const MAX_IN_FLIGHT = 2;
const TIMEOUT_MS = 5000;
/** 64 games' answers, each with the longest typed error, stay far below this. */
const MAX_ANSWER_CHARS = 1024 * 1024;

interface Pending {
  gameId: string;
  report: FleetReport;
  resolve: (answer: FleetAnswer) => void;
  reject: (error: unknown) => void;
}

/**
 * The transport under the Reporter: each game's next request, answered as the per-game route
 * `POST /v1/fleet/games/:gameId/events` answers it. Games whose reports are due while a request
 * is in flight go together in one `POST /v1/fleet/reports` (coral-perf-011): when thousands of
 * games end at once that is a few requests instead of one per game, and an idle server still
 * sends each report at once. The Reporter keeps the order within a game and the retries.
 */
export class ReportSender {
  private readonly pending: Pending[] = [];
  private inFlight = 0;
  private scheduled = false;
  /** false once Coral answered the several-games route with 404 (an older Coral): per game from then on. */
  private severalGames = true;

  constructor(
    private readonly coralFleetUrl: string,
    private readonly serverId: string,
    private readonly serverKey: string,
    private readonly request: FleetRequest,
  ) {}

  /** The answer for this game's report(s); rejects on a network error or a timeout (the caller retries). */
  send(gameId: string, report: FleetReport): Promise<FleetAnswer> {
    return new Promise((resolve, reject) => {
      this.pending.push({ gameId, report, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= MAX_IN_FLIGHT || this.pending.length === 0) return;
    this.scheduled = true;
    // After this turn: the reports of one moment (games whose timers fired together) go together.
    setImmediate(() => {
      this.scheduled = false;
      while (this.inFlight < MAX_IN_FLIGHT && this.pending.length > 0) {
        const take = this.pending.splice(0, MAX_GAMES_PER_REPORT);
        this.inFlight++;
        void this.deliver(take).finally(() => {
          this.inFlight--;
          this.schedule();
        });
      }
    });
  }

  private async deliver(take: Pending[]): Promise<void> {
    const games = new Set(take.map((p) => p.gameId));
    if (take.length === 1 || !this.severalGames || games.size !== take.length) {
      await Promise.all(take.map((p) => this.one(p)));
      return;
    }
    const body: FleetGamesReport = {
      serverId: this.serverId,
      games: take.map(({ gameId, report }) => ({ gameId, reports: report.type === 'reports' ? report.reports : [report] })),
    };
    let answer: FleetAnswer;
    try {
      answer = await this.post('/v1/fleet/reports', body);
    } catch (error) {
      for (const p of take) p.reject(error);
      return;
    }
    if (answer.status === 404) this.severalGames = false;
    if (answer.status === 200) {
      const decoded = fleetDecoders.gamesReportAnswer.decodeText(answer.text, MAX_ANSWER_CHARS);
      const results = new Map(decoded.ok ? decoded.value.results.map((r) => [r.gameId, r]) : []);
      for (const p of take) {
        const r = results.get(p.gameId);
        // No answer for this game: like a 5xx, the Reporter sends it again.
        if (!r) p.resolve({ status: 502, ok: false, text: 'no result for this game in the answer' });
        else p.resolve({ status: r.status, ok: r.status >= 200 && r.status < 300, text: JSON.stringify(r.body) });
      }
      return;
    }
    if (answer.status >= 500 || answer.status === 429) {
      for (const p of take) p.resolve(answer);
      return;
    }
    // Refused whole (an older Coral's 404, or a 4xx caused by one game's reports): each game alone,
    // so only a report that can never succeed is dropped, never its neighbours.
    await Promise.all(take.map((p) => this.one(p)));
  }

  private async one(p: Pending): Promise<void> {
    try {
      p.resolve(await this.post(`/v1/fleet/games/${encodeURIComponent(p.gameId)}/events`, p.report));
    } catch (error) {
      p.reject(error);
    }
  }

  private post(path: string, body: unknown): Promise<FleetAnswer> {
    return this.request(`${this.coralFleetUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...fleetAuthHeaders(this.serverId, this.serverKey) },
      body: JSON.stringify(body),
      timeoutMs: TIMEOUT_MS,
    });
  }
}
