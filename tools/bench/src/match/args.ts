import { isQueueId, type QueueModeId } from '@glaceon/protocol';

export interface BenchArgs {
  mode: QueueModeId;
  corals: number;
  /** All-at-once form: this many players queue at the same moment. */
  players: number;
  /** Arrival form: players arrive at this rate (Poisson) for `seconds`. */
  rate?: number;
  seconds?: number;
  /** Client worker processes (each holds its share of the sockets). */
  workers: number;
  /** Standard deviation of the players' ratings around 1500 (settled skills); 0: every player new (default). */
  ratingSpread: number;
  /** Stop waiting for matches this long after the last progress. */
  idleTimeoutMs: number;
  /** Ladder form: offered rates (players/s), one step of `seconds` each. */
  ladder?: number[];
  /** taskset CPU list for every server process (Corals, Redis, nginx, Moonstones), and for the simulated players. */
  pinServers?: string;
  pinClients?: string;
  /** Ladder form: an unmeasured first step at this rate (players/s, for `seconds`), so the steps measure warm code; 0 skips it. */
  warmup?: number;
  /** Reference Moonstones (ladder form). */
  moonstones: number;
  /** Burst and rate forms: run the queue in this many generated regions with a latency matrix (one reference Moonstone per region). */
  regions?: number;
}

const USAGE =
  'usage: npm run bench:match -- [--players N | --rate R --seconds S | --ladder R1,R2,... --seconds S [--pin-servers CPU --pin-clients CPU] [--moonstones M] [--warmup R]] [--corals K] [--mode <queue id from GLACEON_QUEUES, default 2v2>] [--rating-spread SD] [--regions N] [--workers W]';

export function parseArgs(argv: readonly string[]): BenchArgs {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}\n${USAGE}`);
    const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    const v = inline ?? argv[++i];
    if (v === undefined) throw new Error(`--${k} needs a value\n${USAGE}`);
    flags.set(k, v);
  }
  const int = (k: string, fallback?: number): number | undefined => {
    const v = flags.get(k);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${k} must be a positive number\n${USAGE}`);
    return n;
  };
  for (const k of flags.keys())
    if (
      ![
        'players',
        'corals',
        'mode',
        'rate',
        'seconds',
        'workers',
        'idle-timeout-ms',
        'ladder',
        'pin-servers',
        'warmup',
        'pin-clients',
        'moonstones',
        'rating-spread',
        'regions',
      ].includes(k)
    )
      throw new Error(`unknown flag --${k}\n${USAGE}`);
  const mode = flags.get('mode') ?? '2v2';
  if (!isQueueId(mode)) throw new Error(`--mode ${mode} is not a queue id\n${USAGE}`);
  const ratingSpread = int('rating-spread', 0) === 0 ? 0 : Math.min(1000, int('rating-spread') as number);
  const cpu = (k: string): string | undefined => {
    const v = flags.get(k);
    if (v !== undefined && !/^\d+([-,]\d+)*$/.test(v)) throw new Error(`--${k} must be a CPU list for taskset (e.g. 0 or 0-1)\n${USAGE}`);
    return v;
  };
  const regions = flags.has('regions') ? Math.floor(int('regions') as number) : undefined;
  if (regions !== undefined && regions > 8) throw new Error(`--regions is at most 8\n${USAGE}`);
  const ladderText = flags.get('ladder');
  const ladder = ladderText?.split(',').map((x) => Number(x.trim()));
  if (ladder && (ladder.length === 0 || ladder.some((n) => !Number.isFinite(n) || n <= 0)))
    throw new Error(`--ladder must be a comma-separated list of positive rates\n${USAGE}`);
  if (ladder) {
    if (flags.has('rate') || flags.has('players')) throw new Error(`--ladder replaces --rate and --players\n${USAGE}`);
    const seconds = int('seconds', 10) as number;
    return {
      mode: mode,
      corals: Math.floor(int('corals', 2) as number),
      players: Math.ceil(Math.max(...ladder) * seconds * 1.1 + 50),
      seconds,
      workers: Math.floor(int('workers', 1) as number),
      idleTimeoutMs: int('idle-timeout-ms', 5_000) as number,
      ladder,
      ...(regions !== undefined ? { regions } : {}),
      // --warmup 0 skips the warm-up step (docs/coral.md); any other value must be positive.
      warmup: flags.get('warmup') === '0' ? 0 : (int('warmup', Math.min(200, ...ladder)) as number),
      moonstones: Math.floor(int('moonstones', 2) as number),
      ratingSpread,
      ...(cpu('pin-servers') !== undefined ? { pinServers: cpu('pin-servers') } : {}),
      ...(cpu('pin-clients') !== undefined ? { pinClients: cpu('pin-clients') } : {}),
    };
  }
  const rate = int('rate');
  const seconds = int('seconds');
  if ((rate === undefined) !== (seconds === undefined)) throw new Error(`--rate and --seconds go together\n${USAGE}`);
  const players = rate !== undefined && seconds !== undefined ? Math.ceil(rate * seconds * 1.15 + 50) : Math.floor(int('players', 2000) as number);
  return {
    mode,
    corals: Math.floor(int('corals', 2) as number),
    players,
    ...(rate !== undefined ? { rate, seconds } : {}),
    workers: Math.floor(int('workers', Math.max(1, Math.ceil(players / 6000))) as number),
    idleTimeoutMs: int('idle-timeout-ms', 15_000) as number,
    moonstones: 0,
    ratingSpread,
    ...(regions !== undefined ? { regions } : {}),
  };
}
