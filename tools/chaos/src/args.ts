/** `npm run chaos -- --minutes M --corals 4 --realms 2 --moonstones 4 --rate R --seed S [--cluster]` */
export interface ChaosArgs {
  minutes: number;
  corals: number;
  realms: number;
  moonstones: number;
  /** New simulated players per second. */
  rate: number;
  seed: number;
  cluster: boolean;
  /** Mean seconds between faults (default: enough for >= 50 faults in 10 minutes). */
  faultEvery: number;
  /** Write every service's output (timestamped, prefixed by service) to this file, to investigate a finding. */
  serviceLog?: string;
}

const LIMITS: Record<Exclude<keyof ChaosArgs, 'cluster' | 'serviceLog'>, [min: number, max: number]> = {
  minutes: [0.1, 240],
  corals: [1, 16],
  realms: [1, 8],
  moonstones: [1, 16],
  rate: [0.1, 50],
  seed: [0, 2 ** 31 - 1],
  faultEvery: [1, 600],
};

export const DEFAULT_ARGS: ChaosArgs = { minutes: 3, corals: 4, realms: 2, moonstones: 4, rate: 1, seed: 1, cluster: false, faultEvery: 6 };

export function parseArgs(argv: readonly string[]): ChaosArgs {
  const out: ChaosArgs = { ...DEFAULT_ARGS };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--cluster') {
      out.cluster = true;
      continue;
    }
    if (flag === '--service-log') {
      const file = argv[++i];
      if (!file || file.startsWith('--')) throw new Error('--service-log needs a file path');
      out.serviceLog = file;
      continue;
    }
    const name = flag.replace(/^--/, '').replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as keyof typeof LIMITS;
    if (!flag.startsWith('--') || !(name in LIMITS))
      throw new Error(`unknown option ${flag} (options: ${Object.keys(LIMITS).join(', ')}, cluster, service-log)`);
    const value = Number(argv[++i]);
    const [min, max] = LIMITS[name];
    if (!Number.isFinite(value) || value < min || value > max) throw new Error(`${flag} must be a number in [${min}, ${max}]`);
    out[name] = name === 'seed' || name === 'corals' || name === 'realms' || name === 'moonstones' ? Math.floor(value) : value;
  }
  return out;
}

export function replayCommand(a: ChaosArgs): string {
  return `npm run chaos -- --minutes ${a.minutes} --corals ${a.corals} --realms ${a.realms} --moonstones ${a.moonstones} --rate ${a.rate} --seed ${a.seed} --fault-every ${a.faultEvery}${a.cluster ? ' --cluster' : ''}`;
}
