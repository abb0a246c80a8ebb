import type { DurableEngine } from '../../local/durable/engine.js';
import type { VirtualClock } from '../../local/host/clock.js';
import { terminalStatuses } from '../../local/durable/store.js';

/** What draining took. */
export interface Drained {
  wallMs: number;
  /** Times the clock had to move: activity retries (a transient failure) wait on durable timers. */
  retryWakes: number;
}

/** Instances of the intake pipeline (intake, auto-upgrade, update run) not yet finished. */
async function unfinished(engine: DurableEngine): Promise<string[]> {
  const ids: string[] = [];
  for (const prefix of ['release|', 'autoupgrade|', 'updaterun|']) {
    const { instances } = await engine.query({ instanceIdPrefix: prefix, showInput: false });
    for (const i of instances) if (!terminalStatuses.has(i.runtimeStatus)) ids.push(i.instanceId);
  }
  return ids;
}

/** The failure reasons in an instance's history (why it waits on a retry timer). */
async function failures(engine: DurableEngine, instanceId: string): Promise<string[]> {
  return (await engine.history(instanceId)).filter((e) => e.Reason !== undefined).map((e) => `${e.Reason ?? ''}`.slice(0, 300));
}

/**
 * Waits until every intake, auto-upgrade and run orchestration finished. The engine is idle when
 * nothing is queued or running; if some instance still waits then, it waits on a durable timer
 * (an activity retry after a transient failure), so the clock moves to the next wake — bounded
 * by `maxWakes` — and the failures are printed.
 */
export async function drain(engine: DurableEngine, clock: VirtualClock, maxWakes = 50): Promise<Drained> {
  const started = performance.now();
  for (let wakes = 0; ; wakes++) {
    await engine.waitForIdle();
    const waiting = await unfinished(engine);
    if (waiting.length === 0) return { wallMs: performance.now() - started, retryWakes: wakes };
    for (const id of waiting.slice(0, 3)) console.error(`event-intake: ${id} waits; failures: ${JSON.stringify(await failures(engine, id))}`);
    await clock.whenSleeping(1, 1_000).catch(() => undefined);
    const next = clock.nextWake;
    if (!next || wakes >= maxWakes) throw new Error(`${waiting.length} intake instances never finished (e.g. ${waiting.slice(0, 3).join(', ')}).`);
    await clock.advanceTo(next);
  }
}
