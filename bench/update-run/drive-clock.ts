import type { DurableEngine } from '../../local/durable/engine.js';
import type { VirtualClock } from '../../local/host/clock.js';

/** What {@link driveUntilDone} saw. */
export interface DriveResult {
  runtimeStatus: string;
  /** Simulated seconds from the drive's start to the instance's end. */
  simulatedSec: number;
  /** Times the clock was moved to the next wake. */
  wakes: number;
  wallMs: number;
}

const terminal = new Set(['Completed', 'Failed', 'Terminated', 'Canceled']);

/** Prints a progress line every `everyMs` of wall time: members finished and simulated time. */
function progressPrinter(engine: DurableEngine, clock: VirtualClock, prefix: string, startMs: number, everyMs: number): () => Promise<void> {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < everyMs) return;
    last = performance.now();
    const done = await engine.query({ runtimeStatus: ['Completed'], instanceIdPrefix: prefix });
    const members = done.instances.filter((i) => i.instanceId.includes('|m|')).length;
    const rssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
    console.error(`  members done ${members}, simulated ${((clock.now().getTime() - startMs) / 1000).toFixed(0)} s, wall ${(performance.now() / 1000).toFixed(0)} s, rss ${rssMiB} MiB`);
  };
}

/**
 * Drives `clock` until orchestration `instanceId` ends: whenever the engine is idle, moves the
 * clock to its next wake (durable timers, and whatever else sleeps on it). Gives up when the
 * instance waits with nothing left on the clock, or after `maxWallMs`.
 */
export async function driveUntilDone(engine: DurableEngine, clock: VirtualClock, instanceId: string, maxWallMs: number): Promise<DriveResult> {
  const start = clock.now().getTime();
  const wallStart = performance.now();
  const progress = progressPrinter(engine, clock, instanceId, start, 10_000);
  let wakes = 0;
  for (;;) {
    await engine.waitForIdle();
    const status = await engine.getStatus(instanceId, { showInput: false });
    if (status && terminal.has(status.runtimeStatus)) {
      return { runtimeStatus: status.runtimeStatus, simulatedSec: (clock.now().getTime() - start) / 1000, wakes, wallMs: performance.now() - wallStart };
    }
    if (performance.now() - wallStart > maxWallMs) throw new Error(`${instanceId} still ${status?.runtimeStatus ?? 'missing'} after ${maxWallMs} ms of wall time.`);
    await clock.whenSleeping(1, 5_000);
    const next = clock.nextWake;
    if (!next) throw new Error(`${instanceId} is ${status?.runtimeStatus ?? 'missing'} with nothing left on the clock.`);
    await clock.advanceTo(next);
    wakes++;
    await progress();
  }
}
