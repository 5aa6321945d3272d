import { GlaceonError, type FleetRosterEntry } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { assertSafeId, fleetKeys } from './keys.js';
import { parseRoster, toInt } from './records.js';
import { fleetScripts } from './scripts.js';

export interface AllocateInput {
  gameId: string;
  mode: string;
  roster: FleetRosterEntry[];
  /** Preferred region: a server there is chosen when one has room, else any region (unless `strictRegion`). */
  region?: string;
  /** Only a server of `region` will do (a queue that runs in regions): null when none there has room. */
  strictRegion?: boolean;
  /** Number of teams (Coral passes its queue's); default 2. The store knows no queue. */
  teams?: number;
  /** How long players have to connect (sets joinDeadline). Default 60 s. */
  joinWindowMs?: number;
  /** Maximum game length (ms): past it the fleet sweeper ends the game 'timeout'. Default: none. */
  maxGameMs?: number;
}

export interface Allocation {
  serverId: string;
  address: string;
  controlUrl: string;
  region: string;
  gameId: string;
  mode: string;
  teams: number;
  roster: FleetRosterEntry[];
  allocatedAt: number;
  joinDeadline: number;
  /** false when the game already had a server (a repeated call). */
  created: boolean;
  /** 'ended' when a repeated call finds the game already over. */
  state: 'running' | 'ended';
}

export const DEFAULT_JOIN_WINDOW_MS = 60_000;
/** A queue id (the queue configuration's pattern, @glaceon/protocol QueueIdSchema). */
const MODE_PATTERN = /^[a-z0-9][a-z0-9-]{1,31}$/;
const REGION_PATTERN = /^[a-z0-9-]{1,32}$/;

/**
 * Allocate a Moonstone server for a game: one Lua script on `{fleet}`, least
 * loaded live server with a free slot, never more games than capacity even
 * under concurrent callers, idempotent by gameId (a second call returns the
 * same server). null: no server has room right now.
 */
export async function allocateServer(redis: RedisClient, input: AllocateInput): Promise<Allocation | null> {
  assertSafeId('game id', input.gameId);
  if (!MODE_PATTERN.test(input.mode)) throw new GlaceonError('INVALID_MESSAGE', `Invalid mode ${JSON.stringify(input.mode)}`);
  if (input.region !== undefined && !REGION_PATTERN.test(input.region)) throw new GlaceonError('INVALID_MESSAGE', 'Invalid region');
  if (input.roster.length === 0) throw new GlaceonError('INVALID_MESSAGE', 'A game needs at least one player');
  // The store knows no queue: the caller (Coral) says how many teams; two when it does not.
  const teams = input.teams ?? 2;
  const seen = new Set<string>();
  for (const p of input.roster) {
    assertSafeId('player id', p.playerId);
    if (seen.has(p.playerId)) throw new GlaceonError('INVALID_MESSAGE', `Player ${p.playerId} is twice in the roster`);
    seen.add(p.playerId);
    if (!Number.isInteger(p.team) || p.team < 0 || p.team >= teams) throw new GlaceonError('INVALID_MESSAGE', `Team ${p.team} out of range`);
  }
  const roster = input.roster.map(({ playerId, name, team }) => ({ playerId, name, team }));
  parseRoster(JSON.stringify(roster), input.gameId); // the same check the readers apply
  const reply = (await fleetScripts(redis).allocate(
    [fleetKeys.servers(), fleetKeys.deadlines(), fleetKeys.game(input.gameId)],
    [
      fleetKeys.prefix,
      input.gameId,
      input.mode,
      JSON.stringify(roster),
      teams,
      input.region ?? '',
      input.joinWindowMs ?? DEFAULT_JOIN_WINDOW_MS,
      roster.map((p) => p.playerId).join(' '),
      input.maxGameMs ?? 0,
      input.strictRegion && input.region ? '1' : '',
    ],
  )) as unknown[];
  if (reply[0] === -1) return null;
  const [created, serverId, address, controlUrl, region, allocatedAt, joinDeadline, state, mode, storedTeams, storedRoster] = reply as string[];
  return {
    created: Number(created) === 1,
    serverId: String(serverId),
    address: String(address),
    controlUrl: String(controlUrl),
    region: String(region),
    gameId: input.gameId,
    mode: String(mode),
    teams: toInt(storedTeams, 'teams'),
    roster: parseRoster(storedRoster, input.gameId),
    allocatedAt: toInt(allocatedAt, 'allocatedAt'),
    joinDeadline: toInt(joinDeadline, 'joinDeadline'),
    state: state === 'running' ? 'running' : 'ended',
  };
}
