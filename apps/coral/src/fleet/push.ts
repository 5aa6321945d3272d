import type { FleetAllocation } from '@glaceon/protocol';
import type { Allocation } from '@glaceon/store';

export interface PushResult {
  ok: boolean;
  status?: number;
  error?: string;
}

/** The push body: exactly the contract's Fleet.Allocation fields. */
export function allocationBody(a: Allocation): FleetAllocation {
  return {
    gameId: a.gameId,
    serverId: a.serverId,
    mode: a.mode,
    teams: a.teams,
    roster: a.roster.map(({ playerId, name, team }) => ({ playerId, name, team })),
    allocatedAt: a.allocatedAt,
    joinDeadline: a.joinDeadline,
  };
}

/**
 * Tell the allocated Moonstone about its game: POST <controlUrl>/v1/games.
 * Best effort and never throws: a server that misses the push learns the game
 * from its next heartbeat answer, within heartbeatMs.
 */
export async function pushAllocation(allocation: Allocation, options: { fleetKey: string; timeoutMs?: number }): Promise<PushResult> {
  const url = `${allocation.controlUrl.replace(/\/+$/, '')}/v1/games`;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.fleetKey}` },
      body: JSON.stringify(allocationBody(allocation)),
      signal: AbortSignal.timeout(options.timeoutMs ?? 2000),
    });
    await res.arrayBuffer().catch(() => undefined);
    return res.ok ? { ok: true, status: res.status } : { ok: false, status: res.status, error: `HTTP ${res.status}` };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
