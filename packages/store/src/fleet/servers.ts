import type { FleetAllocation, FleetRegisterRequest } from '@glaceon/protocol';
import type { RedisClient } from '../redis.js';
import { assertSafeId, fleetKeys } from './keys.js';
import { allocationFromRow, toInt } from './records.js';
import { FLEET_ENDED_GAME_TTL_MS, FLEET_OUTBOX_CLAIM_MS, fleetScripts } from './scripts.js';

export interface HeartbeatResult {
  /** Redis clock, ms. */
  now: number;
  /** Games running on this server in the fleet's view (the reconcile list). */
  games: FleetAllocation[];
  /** Games this call ended because the server restarted (new instanceId): deliver them like any other ending. */
  endedGameIds: string[];
}

/** Register a server or renew its heartbeat (one atomic script). */
export async function heartbeatServer(
  redis: RedisClient,
  serverId: string,
  registration: FleetRegisterRequest,
  options: { ttlMs: number; /** The Coral receiving this heartbeat (the sweep judges the deadline against its stalls). */ via?: string },
): Promise<HeartbeatResult> {
  assertSafeId('server id', serverId);
  const r = registration;
  const reply = (await fleetScripts(redis).heartbeat(
    [fleetKeys.servers(), fleetKeys.deadlines(), fleetKeys.server(serverId), fleetKeys.serverGames(serverId)],
    [
      fleetKeys.prefix,
      serverId,
      r.address,
      r.controlUrl,
      r.region,
      r.capacity,
      r.version,
      r.instanceId,
      r.draining ? '1' : '0',
      options.ttlMs,
      FLEET_ENDED_GAME_TTL_MS,
      FLEET_OUTBOX_CLAIM_MS,
      (options.via ?? '').slice(0, 120),
    ],
  )) as [number, number, string[], unknown[][]];
  const [, now, ended, running] = reply;
  return {
    now: toInt(now, 'now'),
    endedGameIds: ended.map(String),
    games: running.map((row) => allocationFromRow(serverId, row)).sort((a, b) => a.allocatedAt - b.allocatedAt),
  };
}

/** A server leaves now; games still running there end ('server_lost'). */
export async function leaveFleet(redis: RedisClient, serverId: string): Promise<{ existed: boolean; endedGameIds: string[] }> {
  assertSafeId('server id', serverId);
  const [existed, ended] = (await fleetScripts(redis).leave(
    [fleetKeys.server(serverId)],
    [fleetKeys.prefix, serverId, FLEET_ENDED_GAME_TTL_MS, FLEET_OUTBOX_CLAIM_MS],
  )) as [number, string[]];
  return { existed: existed === 1, endedGameIds: ended.map(String) };
}

/**
 * Drop servers past their heartbeat deadline and end their games ('server_lost'). Safe to run
 * from several Corals at once. `graceMs`: a deadline counts as missed only once it is older than
 * that (the caller's own measured stall time: a heartbeat queued behind a stalled event loop is
 * not a dead server), or than the grace of the Coral the server heartbeats through (`via`, published
 * by its own sweeps) plus that Coral's silence, capped (it may be stalled right now).
 */
export async function sweepFleet(
  redis: RedisClient,
  options: {
    limit?: number;
    graceMs?: number;
    /** The sweeping Coral: its grace is published for the others, which judge the servers heartbeating through it by it. */
    coralId?: string;
    /** Cap on a receiving Coral's silence counted as grace (default 6 s, two default TTLs). */
    maxSilenceMs?: number;
  } = {},
): Promise<{ removedServerIds: string[]; endedGameIds: string[] }> {
  const [, removed, ended] = (await fleetScripts(redis).sweep(
    [fleetKeys.deadlines(), fleetKeys.liveness()],
    [
      fleetKeys.prefix,
      options.limit ?? 100,
      FLEET_ENDED_GAME_TTL_MS,
      FLEET_OUTBOX_CLAIM_MS,
      Math.max(0, Math.round(options.graceMs ?? 0)),
      (options.coralId ?? '').slice(0, 120),
      options.maxSilenceMs ?? 6000,
    ],
  )) as [number, string[], string[]];
  return { removedServerIds: removed.map(String), endedGameIds: ended.map(String) };
}

export interface FleetServerStatus {
  serverId: string;
  address: string;
  controlUrl: string;
  region: string;
  capacity: number;
  load: number;
  draining: boolean;
  version: string;
  heartbeatDeadline: number;
}

/** Every registered server with its load (fleet health; not on any hot path). */
export async function listFleetServers(redis: RedisClient): Promise<FleetServerStatus[]> {
  const ids = (await redis.smembers(fleetKeys.servers())).sort();
  const out: FleetServerStatus[] = [];
  for (const serverId of ids) {
    const [s, load, deadline] = await Promise.all([
      redis.hmget(fleetKeys.server(serverId), 'address', 'controlUrl', 'region', 'capacity', 'draining', 'version'),
      redis.scard(fleetKeys.serverGames(serverId)),
      redis.zscore(fleetKeys.deadlines(), serverId),
    ]);
    if (!s[0] || deadline === null) continue; // removed meanwhile
    out.push({
      serverId,
      address: s[0] ?? '',
      controlUrl: s[1] ?? '',
      region: s[2] ?? '',
      capacity: toInt(s[3], 'capacity'),
      load,
      draining: s[4] === '1',
      version: s[5] ?? '',
      heartbeatDeadline: toInt(deadline, 'deadline'),
    });
  }
  return out;
}

/**
 * Free game slots on the live, non-draining servers of `region` (every region when absent),
 * in one script. The matchmaker's "waiting for a game server" reason reads it at most once a
 * second per region slot; O(servers) inside Redis.
 */
export async function freeServerCapacity(redis: RedisClient, region?: string): Promise<{ free: number; servers: number }> {
  const [free, servers] = (await fleetScripts(redis).freeCapacity([fleetKeys.servers(), fleetKeys.deadlines()], [fleetKeys.prefix, region ?? ''])) as [
    number,
    number,
  ];
  return { free: Number(free), servers: Number(servers) };
}
