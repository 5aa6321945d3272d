import { readFileSync } from 'node:fs';

/**
 * The soft "Max open files" limit of this process (RLIMIT_NOFILE), read from
 * /proc/self/limits at start. undefined where that file does not exist (not Linux)
 * or says "unlimited": then only a configured MAX_PLAYER_SOCKETS caps sockets.
 */
export function readFdLimit(limitsText: string | undefined = readProcLimits()): number | undefined {
  if (limitsText === undefined) return undefined;
  const line = limitsText.split('\n').find((l) => l.startsWith('Max open files'));
  const soft = line?.slice('Max open files'.length).trim().split(/\s+/)[0];
  if (!soft || soft === 'unlimited') return undefined;
  const n = Number(soft);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function readProcLimits(): string | undefined {
  try {
    return readFileSync('/proc/self/limits', 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * How many player sockets this Coral holds at most: the file-descriptor limit minus
 * `headroom` (Redis connections, the internal listener's health/metrics/fleet requests,
 * log files, the sockets being refused), and never more than a configured cap. A limit
 * too small to leave headroom stops the process with a clear message instead of a Coral
 * that goes dark (EMFILE) the moment it fills.
 */
export function playerSocketCap(options: { fdLimit: number | undefined; headroom: number; configured: number | undefined }): number {
  const { fdLimit, headroom, configured } = options;
  const fromFds = fdLimit === undefined ? Number.POSITIVE_INFINITY : fdLimit - headroom;
  if (fromFds < 1) {
    throw new Error(
      `The file-descriptor limit (ulimit -n = ${fdLimit}) leaves no room for player sockets after FD_HEADROOM=${headroom}; raise the limit (e.g. LimitNOFILE in the unit file) or lower FD_HEADROOM.`,
    );
  }
  const cap = Math.min(fromFds, configured ?? Number.POSITIVE_INFINITY);
  // Neither a limit nor a configured cap (no /proc, unlimited): a bound all the same.
  return Number.isFinite(cap) ? cap : 1_000_000;
}
