import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/**
 * Runs `work` under the V8 CPU profiler when `file` is set (`DURABLE_FLEET_BENCH_CPU_PROFILE`),
 * writing a `.cpuprofile` (Chrome DevTools / speedscope) of just that phase; otherwise just runs it.
 */
export async function profiled<T>(file: string | undefined, work: () => Promise<T>): Promise<T> {
  if (!file) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(file, JSON.stringify(profile));
    session.disconnect();
    console.error(`event-intake: CPU profile of the delivery written to ${file}`);
  }
}
