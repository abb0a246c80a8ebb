/**
 * The engine's scheduling contracts, with a scripted orchestrator and activities the test
 * completes by hand: batching, concurrency limits and resuming from the store.
 */
import { describe, expect, it } from 'vitest';
import { ActionType } from '../../local/durable/actions.js';
import { DurableEngine } from '../../local/durable/engine.js';
import { EventType } from '../../local/durable/history.js';
import { MemoryStore } from '../../local/durable/memory-store.js';
import type { ActivityOutcome, FunctionRunner, OrchestrationTriggerInput, OrchestratorOutcome } from '../../local/durable/runner.js';
import { VirtualClock } from '../../local/host/clock.js';

const fanOut = 10;

/** `fan`: Task.all of 10 `act` calls; activities wait until the test completes them. */
class ScriptedApp implements FunctionRunner {
  /** Completions delivered per orchestrator call (fresh TaskCompleted events). */
  readonly batches: number[] = [];
  readonly pending: (() => void)[] = [];
  gate: Promise<void> = Promise.resolve();

  orchestratorName(name: string): string | undefined {
    return name === 'fan' ? name : undefined;
  }

  async runOrchestrator(_name: string, trigger: OrchestrationTriggerInput): Promise<OrchestratorOutcome> {
    this.batches.push(trigger.history.filter((e) => !e.IsPlayed && e.EventType === EventType.TaskCompleted).length);
    await this.gate;
    const done = trigger.history.filter((e) => e.EventType === EventType.TaskCompleted).length;
    const compoundActions = Array.from({ length: fanOut }, (_, i) => ({ actionType: ActionType.CallActivity, functionName: 'act', input: i }));
    return { ok: true, state: { isDone: done === fanOut, actions: [{ actionType: ActionType.WhenAll, compoundActions }], output: done, error: undefined, customStatus: undefined } };
  }

  runActivity(): Promise<ActivityOutcome> {
    return new Promise((resolve) => this.pending.push(() => resolve({ ok: true, result: '1' })));
  }
}

/** Lets queued promise and I/O callbacks run until `condition` holds (no wall-clock sleeping). */
const until = async (condition: () => boolean): Promise<void> => {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
};

const engineFor = (app: FunctionRunner, store = new MemoryStore(), maxConcurrentActivityFunctions = 100): DurableEngine =>
  new DurableEngine({ store, runner: app, clock: new VirtualClock(), maxConcurrentActivityFunctions });

describe('DurableEngine', () => {
  it('delivers every completion that arrived during a replay in the next single replay', async () => {
    const app = new ScriptedApp();
    const engine = engineFor(app);
    await engine.start();
    const id = await engine.startNew('fan');
    await until(() => app.pending.length === fanOut);
    let release = (): void => undefined;
    app.gate = new Promise((resolve) => (release = resolve));
    app.pending[0]?.();
    await until(() => app.batches.length === 2);
    for (const complete of app.pending.slice(1)) complete();
    await until(() => engine.stats().activitiesRun === fanOut);
    release();
    await engine.waitForIdle();
    expect(app.batches).toEqual([0, 1, fanOut - 1]);
    expect(await engine.getStatus(id)).toMatchObject({ runtimeStatus: 'Completed', output: fanOut });
    await engine.stop();
  });

  it('honours maxConcurrentActivityFunctions', async () => {
    const app = new ScriptedApp();
    const engine = engineFor(app, new MemoryStore(), 3);
    await engine.start();
    await engine.startNew('fan');
    await until(() => app.pending.length === 3);
    app.pending[0]?.();
    await until(() => app.pending.length === 4);
    for (let i = 1; i < fanOut; i++) {
      await until(() => app.pending.length > i);
      app.pending[i]?.();
    }
    await engine.waitForIdle();
    expect(engine.stats().activitiesRun).toBe(fanOut);
    await engine.stop();
  });

  it('resumes scheduled activities from the store in a new engine (at-least-once)', async () => {
    const store = new MemoryStore();
    const first = new ScriptedApp();
    const crashed = engineFor(first, store);
    await crashed.start();
    const id = await crashed.startNew('fan');
    await until(() => first.pending.length === fanOut);
    // `crashed` is abandoned with its activities in flight, as a killed process would be.
    const second = new ScriptedApp();
    const resumed = engineFor(second, store);
    await resumed.start();
    await until(() => second.pending.length === fanOut);
    for (const complete of second.pending) complete();
    await resumed.waitForIdle();
    expect(await resumed.getStatus(id)).toMatchObject({ runtimeStatus: 'Completed', output: fanOut });
    await resumed.stop();
  });

  it('rejects unknown orchestrators with code UnknownFunction', async () => {
    const engine = engineFor(new ScriptedApp());
    await engine.start();
    await expect(engine.startNew('missing')).rejects.toMatchObject({ code: 'UnknownFunction' });
    await engine.stop();
  });
});
