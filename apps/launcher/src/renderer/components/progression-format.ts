import type { GameEndReason, GameRecord, GameTeam } from '@glaceon/protocol';
import { t } from '../strings.js';

export const END_REASON_TEXT: Record<GameEndReason, string> = t.result.endReason;

export const TEAM_RESULT_TEXT: Record<GameTeam['result'], string> = t.result.teamResult;

/** "+24", "-7", "±0". */
export function formatDelta(delta: number): string {
  return delta > 0 ? `+${delta}` : delta < 0 ? `−${Math.abs(delta)}` : '±0';
}

/** This player's team and entry in a game, if they played in it. */
export function myEntry(record: GameRecord, playerId: string | undefined) {
  for (const team of record.teams) {
    const player = team.players.find((p) => p.playerId === playerId);
    if (player) return { team, player };
  }
  return undefined;
}

export function formatDate(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
