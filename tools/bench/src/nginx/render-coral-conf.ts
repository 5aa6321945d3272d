/**
 * Print an nginx stream config for N Corals:
 *   node --conditions=glaceon-source --import tsx tools/bench/src/nginx/render-coral-conf.ts \
 *     [--corals host:port,host:port,...] [--listen host:port] [--module /path/ngx_stream_module.so|none]
 * With no flags it prints deploy/nginx/coral.conf.
 */
import { renderCoralConf, SHIPPED_CORAL_CONF } from './coral-conf.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(String(process.argv[i]).replace(/^--/, ''), String(process.argv[i + 1]));
const listen = args.get('listen');
const module = args.get('module');
process.stdout.write(
  renderCoralConf({
    corals: args.get('corals')?.split(',') ?? SHIPPED_CORAL_CONF.corals,
    listen: listen ? { host: listen.slice(0, listen.lastIndexOf(':')), port: Number(listen.slice(listen.lastIndexOf(':') + 1)) } : SHIPPED_CORAL_CONF.listen,
    ...(module === 'none' ? {} : { streamModulePath: module ?? SHIPPED_CORAL_CONF.streamModulePath }),
  }),
);
