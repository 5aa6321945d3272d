export { newId } from '@glaceon/protocol';

/** The game id of a prematch: derived, so no retry or second Coral can create two games. */
export function gameIdOf(prematchId: string): string {
  return `g_${prematchId.replace(/^pm_/, '')}`;
}

/** The prematch id of a game id made by gameIdOf. */
export function prematchIdOf(gameId: string): string {
  return `pm_${gameId.replace(/^g_/, '')}`;
}

/** cjson encodes an empty Lua table as `{}`: read arrays defensively. */
export function arr<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

export { parseJson } from '../json.js';
