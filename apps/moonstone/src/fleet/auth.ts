import { FLEET_SERVER_HEADER } from '@glaceon/protocol';

/** How this server authenticates to Coral: its id and its own credential (docs/moonstone-contract.md). */
export function fleetAuthHeaders(serverId: string, serverKey: string): Record<string, string> {
  return { [FLEET_SERVER_HEADER]: serverId, authorization: `Bearer ${serverKey}` };
}
