import type { AppState } from './types.js';

/**
 * The one connection model the UI reads: Realm unreachable while signed in. Actions that
 * need the network are disabled and the banner is shown exactly when this is true.
 */
export function selectNetworkDown(s: AppState): boolean {
  return s.session.status === 'signed-in' && s.connection.realmDownSince !== null;
}
