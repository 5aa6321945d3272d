/**
 * BENCH_CORAL_PROF=<dir>: a V8 CPU profile of each Coral's main thread over
 * the measured window only ("go" to the last game), through the inspector
 * protocol (Corals start with --inspect on a free loopback port). The
 * connection phase, which dominates a whole-process profile, is left out.
 * With BENCH_CORAL_PROF_KIND=heap it is a sampling allocation profile instead
 * (every allocation sampled, the ones the collector freed included): what makes
 * the garbage, by stack. The file name is the same with `.heapprofile`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { WebSocket } from 'ws';

export interface WindowProfiler {
  stop(file: string): Promise<void>;
}

export async function startWindowProfile(serviceOutput: string): Promise<WindowProfiler> {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(serviceOutput)?.[1];
  if (!url) throw new Error('BENCH_CORAL_PROF: no inspector URL in the Coral output');
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const call = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      const onMessage = (data: Buffer) => {
        const m = JSON.parse(data.toString()) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
        if (m.id !== id) return;
        ws.off('message', onMessage);
        if (m.error) reject(new Error(`${method}: ${m.error.message}`));
        else resolve(m.result ?? {});
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, method, params }));
    });
  const heap = profileKind() === 'heap';
  if (heap) {
    await call('HeapProfiler.enable');
    await call('HeapProfiler.startSampling', { samplingInterval: 16_384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
  } else {
    await call('Profiler.enable');
    await call('Profiler.setSamplingInterval', { interval: 500 });
    await call('Profiler.start');
  }
  return {
    async stop(file) {
      const { profile } = await call(heap ? 'HeapProfiler.stopSampling' : 'Profiler.stop');
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(heap ? file.replace(/\.cpuprofile$/, '.heapprofile') : file, JSON.stringify(profile));
      ws.close();
    },
  };
}

/** BENCH_CORAL_PROF_KIND: `cpu` (default) or `heap`. */
function profileKind(): 'cpu' | 'heap' {
  const kind = process.env.BENCH_CORAL_PROF_KIND ?? 'cpu';
  if (kind !== 'cpu' && kind !== 'heap') throw new Error(`BENCH_CORAL_PROF_KIND takes cpu or heap, not ${kind}`);
  return kind;
}

export const profileDir = (): string | undefined => (process.env.BENCH_CORAL_PROF ? path.resolve(process.env.BENCH_CORAL_PROF) : undefined);
