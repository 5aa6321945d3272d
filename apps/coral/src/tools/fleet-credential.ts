/**
 * The operator's provisioning step: print the fleet credential of one game server.
 *
 *   FLEET_KEY=... npm run fleet-credential -w @glaceon/coral -- ms_eu1
 *
 * The fleet secret is read from the environment (never from argv, where other local
 * users could read it); the output is that server's FLEET_SERVER_KEY and nothing else.
 */
import { isId } from '@glaceon/protocol';
import { fleetServerKey } from '@glaceon/protocol/node';

const serverId = process.argv[2] ?? '';
const secret = process.env.FLEET_KEY ?? '';
if (!isId('ms_', serverId)) {
  process.stderr.write('usage: FLEET_KEY=<fleet secret> fleet-credential ms_<server id>\n');
  process.exit(2);
}
if (secret.length < 32) {
  process.stderr.write('FLEET_KEY (the fleet secret, at least 32 characters) must be set in the environment.\n');
  process.exit(2);
}
process.stdout.write(`${fleetServerKey(secret, serverId)}\n`);
