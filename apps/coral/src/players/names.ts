import { getAccountNames, type RedisClient } from '@glaceon/store';

/** Names read from Redis that are kept (the oldest go first past this). */
const REMEMBERED_NAMES = 50_000;

/**
 * Account names of players, for a game's roster and `match.cancelled.by`. A name never changes
 * (accounts have no rename), so what is known is never stale:
 * - a player held here: the name their session gave the socket;
 * - one read before: remembered, a bounded number of them;
 * - the rest: one `HGET` each, remembered.
 * Every game's roster read its four names from Redis, about one `HGET` per player.
 */
export class AccountNames {
  private readonly remembered = new Map<string, string>();

  constructor(
    private readonly deps: {
      redis: RedisClient;
      /** The name of a player held here (from their session), if any. */
      held: (playerId: string) => string | undefined;
      max?: number;
    },
  ) {}

  /** Names of these players; players with no account are left out. */
  async of(playerIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const missing: string[] = [];
    for (const id of playerIds) {
      const name = this.deps.held(id) ?? this.remembered.get(id);
      if (name === undefined) missing.push(id);
      else out.set(id, name);
    }
    if (missing.length === 0) return out;
    for (const [id, name] of await getAccountNames(this.deps.redis, missing)) {
      out.set(id, name);
      this.remember(id, name);
    }
    return out;
  }

  private remember(id: string, name: string): void {
    const max = this.deps.max ?? REMEMBERED_NAMES;
    this.remembered.set(id, name);
    for (const oldest of this.remembered.keys()) {
      if (this.remembered.size <= max) break;
      this.remembered.delete(oldest);
    }
  }
}
