import { readdirSync, readFileSync } from 'node:fs';

/**
 * Process-table helpers for leak checks in tests. A zombie (dead, not yet reaped by
 * its parent) counts as gone: it holds no resources and cannot be signalled.
 */

/** Fields of /proc/<pid>/stat after the command name: [state, ppid, pgrp, ...]; undefined off Linux or when gone. */
function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** True while pid names a live (non-zombie) process. */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return procStat(pid)?.[0] !== 'Z';
}

/** Resolve once pid is gone; reject after timeoutMs. */
export async function waitForProcessGone(pid: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (processExists(pid)) {
    if (Date.now() > deadline) throw new Error(`Process ${pid} still runs after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Live pids in process group pgid (Linux /proc; [] elsewhere). Lists nginx's workers, for instance. */
export function processGroupMembers(pgid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  return entries
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      const stat = procStat(pid);
      return stat !== undefined && stat[0] !== 'Z' && Number(stat[2]) === pgid;
    });
}
