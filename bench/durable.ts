/**
 * `npm run bench -- durable`: the local Durable engine on real persistence (SQLite, WAL)
 * running the real `durable-functions` library: a 1,000-activity fan-out/fan-in, a 200-activity
 * sequential chain, 100 concurrent orchestrations of 10 activities, and as a baseline the same
 * no-op activity invoked 1,000 times in a plain loop through the host's invoker.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DurableEngine } from '../local/durable/engine.js';
import { startHost } from '../local/host/host.js';
import { silentLogger } from '../local/host/logger.js';

const appRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bench/durable-app');

const perSecond = (count: number, ms: number): number => Math.round((count / ms) * 1000);

/** Runs `instances` orchestrations of `name` and resolves to activities per second. */
async function measure(engine: DurableEngine, name: string, input: number, instances: number, activities: number): Promise<number> {
  const started = performance.now();
  const ids = await Promise.all(Array.from({ length: instances }, () => engine.startNew(name, { input })));
  await engine.waitForIdle();
  const elapsed = performance.now() - started;
  for (const id of ids) {
    const status = await engine.getStatus(id);
    if (status?.runtimeStatus !== 'Completed') throw new Error(`${name} ${id} ended ${status?.runtimeStatus}: ${JSON.stringify(status?.output)}`);
  }
  console.log(`${name} x${instances} (input ${input}): ${activities} activities in ${elapsed.toFixed(0)} ms`);
  return perSecond(activities, elapsed);
}

/** Runs the benchmark and resolves to its metrics. */
export default async function durableBench(): Promise<Record<string, number>> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'durable-bench-'));
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const env = { ...process.env, TASKHUB_NAME: 'BenchHub' };
  process.env.TASKHUB_NAME = 'BenchHub';
  const host = await startHost({ appRoot, dataDir, port: 0, httpsPort: 0, inMemoryStorage: true, durableStore: 'sqlite', logger: silentLogger, env });
  try {
    const engine = host.durable;
    await measure(engine, 'benchChain', 20, 1, 20); // warm-up
    const fanOutActivitiesPerSec = await measure(engine, 'benchFanOut', 1000, 1, 1000);
    const sequentialActivitiesPerSec = await measure(engine, 'benchChain', 200, 1, 200);
    const concurrentActivitiesPerSec = await measure(engine, 'benchChain', 10, 100, 1000);

    const noop = host.registry.get('benchNoop');
    if (!noop) throw new Error('benchNoop is not registered');
    const started = performance.now();
    for (let i = 0; i < 1000; i++) await host.invoker.invokeTrigger(noop, { json: String(i) });
    const baselineActivitiesPerSec = perSecond(1000, performance.now() - started);

    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return {
      fanOutActivitiesPerSec,
      sequentialActivitiesPerSec,
      concurrentActivitiesPerSec,
      baselineActivitiesPerSec,
      historyEventsReplayed: engine.stats().historyEventsReplayed,
      peakRssMiB: Math.round(peakRss / 1024 / 1024),
    };
  } finally {
    clearInterval(sampler);
    await host.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
