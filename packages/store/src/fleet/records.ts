import { Type } from '@sinclair/typebox';
import { createDecoder, FleetRosterEntrySchema, GlaceonError, type FleetAllocation, type FleetRosterEntry } from '@glaceon/protocol';

/** Roster JSON read back from Redis is validated like any other input. */
const rosterDecoder = createDecoder(Type.Array(FleetRosterEntrySchema, { minItems: 1, maxItems: 128 }));

export function parseRoster(text: string | null | undefined, gameId: string): FleetRosterEntry[] {
  const decoded = rosterDecoder.decodeText(text ?? '');
  if (!decoded.ok) throw new GlaceonError('INTERNAL', `Corrupt roster stored for ${gameId}: ${decoded.error.message}`);
  return decoded.value;
}

export function toInt(value: unknown, what: string): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isSafeInteger(n)) throw new GlaceonError('INTERNAL', `Corrupt fleet record: ${what}=${String(value)}`);
  return n;
}

/** The allocation record a script returns as { gameId, mode, teams, roster, allocatedAt, joinDeadline }. */
export function allocationFromRow(serverId: string, row: unknown[]): FleetAllocation {
  const [gameId, mode, teams, roster, allocatedAt, joinDeadline] = row as string[];
  return {
    gameId: String(gameId),
    serverId,
    mode: String(mode),
    teams: toInt(teams, 'teams'),
    roster: parseRoster(roster, String(gameId)),
    allocatedAt: toInt(allocatedAt, 'allocatedAt'),
    joinDeadline: toInt(joinDeadline, 'joinDeadline'),
  };
}
