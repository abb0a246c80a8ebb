/**
 * Conformance of the local Durable engine: the fixture app's real `durable-functions`
 * orchestrations run through the host with an in-memory store and a virtual clock.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eventTypeName, EventType, type HistoryEvent } from '../../local/durable/history.js';
import type { DurableEngine } from '../../local/durable/engine.js';
import { VirtualClock } from '../../local/host/clock.js';
import { startHost, type RunningHost } from '../../local/host/host.js';
import { silentLogger } from '../../local/host/logger.js';

const appRoot = fileURLToPath(new URL('../fixtures/durable-app', import.meta.url));
const t0 = new Date('2026-01-01T00:00:00Z').getTime();
const clock = new VirtualClock(new Date(t0));
let host: RunningHost;
let engine: DurableEngine;
let dataDir: string;

/** Fixture activities record every call here. */
const calls = (): { name: string; input: unknown }[] => (globalThis as unknown as { durableFixtureCalls: { name: string; input: unknown }[] }).durableFixtureCalls;

/** History as compact strings, without the OrchestratorStarted/Completed bookkeeping. */
const shape = (history: HistoryEvent[]): string[] =>
  history
    .filter((e) => e.EventType !== EventType.OrchestratorStarted && e.EventType !== EventType.OrchestratorCompleted)
    .map((e) => {
      const name = eventTypeName(e.EventType);
      if (e.EventId >= 0) return `${name}#${e.EventId}${e.Name ? ` ${e.Name}` : ''}`;
      const ref = e.TaskScheduledId ?? e.TimerId;
      return ref === undefined ? `${name}${e.OrchestrationStatus ? ` ${e.OrchestrationStatus}` : ''}` : `${name}(${ref})`;
    });

const run = async (name: string, input?: unknown, instanceId?: string): Promise<string> => {
  const id = await engine.startNew(name, { ...(input === undefined ? {} : { input }), ...(instanceId ? { instanceId } : {}) });
  await engine.waitForIdle();
  return id;
};
const status = async (id: string): Promise<{ runtimeStatus: string; output: unknown; customStatus: unknown }> => {
  const s = await engine.getStatus(id);
  if (!s) throw new Error(`no instance ${id}`);
  return { runtimeStatus: s.runtimeStatus, output: s.output, customStatus: s.customStatus };
};
const advance = async (ms: number): Promise<void> => {
  await clock.advance(ms);
  await engine.waitForIdle();
};

beforeAll(async () => {
  process.env.TASKHUB_NAME = 'ConformanceHub';
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'durable-conformance-'));
  host = await startHost({ appRoot, dataDir, port: 0, httpsPort: 0, inMemoryStorage: true, durableStore: 'memory', clock, logger: silentLogger });
  engine = host.durable;
});
afterAll(async () => {
  await host?.stop();
  await rm(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  calls().length = 0;
});

describe('activities', () => {
  it('runs a sequence and reports the extension-shaped history', async () => {
    const id = await run('sequence');
    const s = await engine.getStatus(id, { showHistory: true, showHistoryOutput: true });
    const at = '2026-01-01T00:00:00Z';
    const done = (n: number, city: string): Record<string, unknown> => ({
      EventType: 'TaskCompleted', Timestamp: at, TaskScheduledId: n, FunctionName: 'hello', ScheduledTime: new Date(clock.now()).toISOString(), Result: `Hello ${city}!`,
    });
    expect(s).toEqual({
      name: 'sequence', instanceId: id, runtimeStatus: 'Completed', input: null, customStatus: null,
      output: ['Hello Tokyo!', 'Hello Seattle!', 'Hello London!'], createdTime: at, lastUpdatedTime: at,
      historyEvents: [
        { EventType: 'ExecutionStarted', Timestamp: at, FunctionName: 'sequence', Input: null },
        done(0, 'Tokyo'), done(1, 'Seattle'), done(2, 'London'),
        { EventType: 'ExecutionCompleted', Timestamp: at, OrchestrationStatus: 'Completed', Result: ['Hello Tokyo!', 'Hello Seattle!', 'Hello London!'] },
      ],
    });
  });

  it.each([
    { name: 'a string', input: 'abc' },
    { name: 'a string that is JSON', input: '{"a":1}' },
    { name: 'a quoted string', input: '"q"' },
    { name: 'an object', input: { a: 1, b: ['x'] } },
    { name: 'a number', input: 42 },
    { name: 'an array', input: [1, 'two'] },
    { name: 'a boolean', input: false },
  ])('round-trips $name as activity input and output', async ({ input }) => {
    const id = await run('echoInput', input);
    expect(calls()).toEqual([{ name: 'echo', input }]);
    expect(await status(id)).toEqual({ runtimeStatus: 'Completed', output: { type: typeof input, value: input }, customStatus: null });
  });

  it('fans out and in with Task.all', async () => {
    const id = await run('fanOut', 50);
    expect(await status(id)).toEqual({ runtimeStatus: 'Completed', output: 2450, customStatus: null });
    expect(shape(await engine.history(id)).filter((e) => e.startsWith('TaskScheduled'))).toHaveLength(50);
  });

  it('surfaces an activity failure as a catchable TaskFailedError with Reason and Details', async () => {
    const id = await run('catching');
    const { output } = await status(id);
    expect(String(output).trim()).toBe("Activity function 'alwaysFail' failed: always fails (x)");
  });
});

describe('retries', () => {
  it('records the DTFx history shape when every attempt fails (maxAttempts 2)', async () => {
    const id = await run('retry', { activity: 'alwaysFail', input: 'r', options: { first: 1000, max: 2 } });
    await advance(1000);
    await advance(1000);
    const history = await engine.history(id);
    expect(shape(history)).toEqual([
      'ExecutionStarted', 'TaskScheduled#0 alwaysFail', 'TaskFailed(0)', 'TimerCreated#1', 'TimerFired(1)',
      'TaskScheduled#2 alwaysFail', 'TaskFailed(2)', 'TimerCreated#3', 'TimerFired(3)', 'ExecutionCompleted Failed',
    ]);
    expect(history.filter((e) => e.EventType === EventType.TimerCreated).map((e) => e.FireAt)).toEqual(['2026-01-01T00:00:01.000Z', '2026-01-01T00:00:02.000Z']);
    expect((await status(id)).runtimeStatus).toBe('Failed');
    expect(calls()).toEqual([{ name: 'alwaysFail', input: 'r' }, { name: 'alwaysFail', input: 'r' }]);
  });

  it('backs off by the coefficient, capped by maxRetryInterval, and continues with the next id', async () => {
    const id = await run('retry', { activity: 'flaky', input: { key: 'backoff', failures: 3 }, options: { first: 1000, max: 5, backoff: 2, maxInterval: 3000 } });
    for (const ms of [1000, 2000, 3000]) await advance(ms);
    const history = await engine.history(id);
    const fireAt = history.filter((e) => e.EventType === EventType.TimerCreated).map((e) => Date.parse(e.FireAt ?? '') - t0);
    expect(fireAt.map((at, i) => at - (i === 0 ? clock.now().getTime() - t0 - 6000 : fireAt[i - 1] ?? 0))).toEqual([1000, 2000, 3000]);
    expect(await status(id)).toEqual({ runtimeStatus: 'Completed', output: 'ok after 4', customStatus: null });
    expect(shape(history).filter((e) => e.startsWith('TaskScheduled'))).toEqual([
      'TaskScheduled#0 flaky', 'TaskScheduled#2 flaky', 'TaskScheduled#4 flaky', 'TaskScheduled#6 flaky', 'TaskScheduled#7 hello',
    ]);
  });

  it('stops running the activity once retryTimeout has passed, keeping the SDK id sequence', async () => {
    const id = await run('retry', { activity: 'alwaysFail', input: 't', options: { first: 1000, max: 4, timeout: 1500 } });
    await advance(1000);
    await advance(1000);
    expect((await status(id)).runtimeStatus).toBe('Failed');
    expect(calls()).toHaveLength(3);
    expect(shape(await engine.history(id)).filter((e) => e.startsWith('TimerCreated'))).toEqual(['TimerCreated#1', 'TimerCreated#3', 'TimerCreated#5', 'TimerCreated#7']);
  });
});

describe('timers', () => {
  it('fires a durable timer from the clock', async () => {
    const id = await run('timer', { ms: 3_600_000 });
    expect((await status(id)).runtimeStatus).toBe('Running');
    const started = clock.now().toISOString();
    await advance(3_600_000);
    expect(await status(id)).toEqual({ runtimeStatus: 'Completed', output: { started, woke: new Date(Date.parse(started) + 3_600_000).toISOString() }, customStatus: null });
  });

  it('splits a timer longer than maximumShortTimerDuration into sub-timers', async () => {
    const day = 86_400_000;
    const id = await run('timer', { ms: 7 * day });
    const start = clock.now().getTime();
    await advance(3 * day);
    await advance(4 * day);
    const history = await engine.history(id);
    expect(shape(history)).toEqual(['ExecutionStarted', 'TimerCreated#0', 'TimerFired(0)', 'TimerCreated#1', 'TimerFired(1)', 'ExecutionCompleted Completed']);
    expect(history.filter((e) => e.EventType === EventType.TimerCreated).map((e) => Date.parse(e.FireAt ?? '') - start)).toEqual([3 * day, 7 * day]);
    expect((await status(id)).runtimeStatus).toBe('Completed');
  });
});

describe('external events', () => {
  it('buffers events raised before the orchestration waits for them, in order', async () => {
    const id = await engine.startNew('approval');
    expect(await engine.raiseEvent(id, 'approval', 'first')).toBe('ok');
    expect(await engine.raiseEvent(id, 'approval', { n: 2 })).toBe('ok');
    await engine.waitForIdle();
    expect(await status(id)).toEqual({ runtimeStatus: 'Completed', output: ['first', { n: 2 }], customStatus: null });
    expect(await engine.raiseEvent(id, 'approval', 'late')).toBe('gone');
    expect(await engine.raiseEvent('nobody', 'approval', 'x')).toBe('notFound');
  });

  it('Task.any: the event wins and the cancelled timer never fires into the instance', async () => {
    const id = await run('race');
    await engine.raiseEvent(id, 'go', 7);
    await engine.waitForIdle();
    const before = await engine.history(id);
    await advance(120_000);
    expect(await status(id)).toEqual({ runtimeStatus: 'Completed', output: { winner: 'event', value: 7, after: 'Hello event!' }, customStatus: null });
    expect(await engine.history(id)).toEqual(before);
    expect(shape(before)).toEqual(['ExecutionStarted', 'TimerCreated#0', 'EventRaised', 'TaskScheduled#1 hello', 'TaskCompleted(1)', 'ExecutionCompleted Completed']);
  });

  it('Task.any: the timer wins', async () => {
    const id = await run('race');
    await advance(60_000);
    expect(await status(id)).toEqual({ runtimeStatus: 'Completed', output: { winner: 'timer' }, customStatus: null });
  });
});

describe('continueAsNew, sub-orchestrations, custom status, failures', () => {
  it('continues as new, carrying unprocessed events over to the next execution', async () => {
    const id = await engine.startNew('counter', { input: { total: 0, rounds: 0 } });
    for (const n of [1, 1, 1]) await engine.raiseEvent(id, 'add', n);
    await engine.waitForIdle();
    expect(await status(id)).toEqual({ runtimeStatus: 'Completed', output: { total: 3, rounds: 3 }, customStatus: null });
    expect(shape(await engine.history(id))).toEqual(['ExecutionStarted', 'ExecutionCompleted Completed']);
  });

  it('runs sub-orchestrations with explicit ids and reports their failures', async () => {
    const id = await run('parent');
    expect(await status(id)).toEqual({
      runtimeStatus: 'Completed',
      output: { named: ['Hello Tokyo!', 'Hello Seattle!', 'Hello London!'], failed: expect.stringContaining('orchestrator says boom') },
      customStatus: null,
    });
    expect((await status(`${id}-child`)).runtimeStatus).toBe('Completed');
    expect(shape(await engine.history(id))).toEqual([
      'ExecutionStarted', `SubOrchestrationInstanceCreated#0 sequence`, 'SubOrchestrationInstanceCompleted(0)',
      'SubOrchestrationInstanceCreated#1 failing', 'SubOrchestrationInstanceFailed(1)', 'ExecutionCompleted Completed',
    ]);
  });

  it('retries a sub-orchestration with an explicit id, replacing the failed child each time', async () => {
    const id = await run('subRetry');
    await advance(1000);
    await advance(1000);
    expect(shape(await engine.history(id))).toEqual([
      'ExecutionStarted', 'SubOrchestrationInstanceCreated#0 failing', 'SubOrchestrationInstanceFailed(0)', 'TimerCreated#1', 'TimerFired(1)',
      'SubOrchestrationInstanceCreated#2 failing', 'SubOrchestrationInstanceFailed(2)', 'TimerCreated#3', 'TimerFired(3)', 'ExecutionCompleted Completed',
    ]);
    expect(await status(id)).toEqual({ runtimeStatus: 'Completed', output: expect.stringContaining('orchestrator says again'), customStatus: null });
    expect(shape(await engine.history(`${id}-child`))).toEqual(['ExecutionStarted', 'TaskScheduled#0 hello', 'TaskCompleted(0)', 'ExecutionCompleted Failed']);
  });

  it('publishes custom status', async () => {
    const id = await run('status');
    expect(await status(id)).toEqual({ runtimeStatus: 'Running', output: null, customStatus: { stage: 'waiting' } });
    await engine.raiseEvent(id, 'continue', 'go');
    await engine.waitForIdle();
    expect(await status(id)).toEqual({ runtimeStatus: 'Completed', output: 'go', customStatus: { stage: 'done' } });
  });

  it('fails the orchestration with the error the orchestrator threw', async () => {
    const id = await run('failing', 'boom');
    expect(await status(id)).toEqual({ runtimeStatus: 'Failed', output: expect.stringContaining("Orchestrator function 'failing' failed: orchestrator says boom"), customStatus: null });
  });

  it('detects non-determinism and names both tasks', async () => {
    const id = await run('changing');
    const g = globalThis as unknown as { durableFixtureFlip?: boolean };
    g.durableFixtureFlip = true;
    try {
      await engine.raiseEvent(id, 'next', null);
      await engine.waitForIdle();
    } finally {
      g.durableFixtureFlip = false;
    }
    const { runtimeStatus, output } = await status(id);
    expect(runtimeStatus).toBe('Failed');
    expect(output).toMatch(/Non-Deterministic workflow detected: .*scheduled activity 'hello' with sequence ID 0, but the current replay execution scheduled activity 'echo'/);
  });

  it('fails an orchestration that uses entities with a clear error', async () => {
    const id = await run('usesEntity');
    expect(await status(id)).toEqual({ runtimeStatus: 'Failed', output: expect.stringContaining('entities are not supported by the local engine'), customStatus: null });
  });
});

describe('management', () => {
  it('rejects unknown orchestrators and ids in use, and replaces finished instances', async () => {
    await expect(engine.startNew('nope')).rejects.toMatchObject({ code: 'UnknownFunction' });
    await engine.startNew('status', { instanceId: 'mgmt-exists' });
    await expect(engine.startNew('status', { instanceId: 'mgmt-exists' })).rejects.toMatchObject({ code: 'InstanceExists' });
    await engine.waitForIdle();
    await engine.raiseEvent('mgmt-exists', 'continue', 1);
    await engine.waitForIdle();
    await run('sequence', undefined, 'mgmt-exists');
    expect(await engine.getStatus('mgmt-exists')).toMatchObject({ name: 'sequence', runtimeStatus: 'Completed' });
  });

  it('terminates: output is the reason, later events are gone', async () => {
    const id = await run('status');
    expect(await engine.terminate(id, 'enough')).toBe('ok');
    await engine.waitForIdle();
    expect(await status(id)).toEqual({ runtimeStatus: 'Terminated', output: 'enough', customStatus: { stage: 'waiting' } });
    expect(await engine.terminate(id, 'again')).toBe('gone');
    expect(await engine.raiseEvent(id, 'continue', 1)).toBe('gone');
    expect(await engine.terminate('nobody', 'x')).toBe('notFound');
  });

  it('suspends: events queue up and are delivered on resume', async () => {
    const id = await run('approval');
    expect(await engine.suspend(id, 'hold')).toBe('ok');
    await engine.waitForIdle();
    await engine.raiseEvent(id, 'approval', 'a');
    await engine.raiseEvent(id, 'approval', 'b');
    await engine.waitForIdle();
    expect((await status(id)).runtimeStatus).toBe('Suspended');
    expect(await engine.resume(id, 'go on')).toBe('ok');
    await engine.waitForIdle();
    expect(await status(id)).toEqual({ runtimeStatus: 'Completed', output: ['a', 'b'], customStatus: null });
  });

  it('queries with filters and continuation tokens, purges and restarts', async () => {
    const prefix = `q-${Date.now()}-`;
    for (const n of [1, 2, 3]) await run('echoInput', n, `${prefix}${n}`);
    const first = await engine.query({ instanceIdPrefix: prefix, top: 2, showInput: true });
    expect(first.instances.map((i) => [i.instanceId, i.input])).toEqual([[`${prefix}1`, 1], [`${prefix}2`, 2]]);
    const second = await engine.query({ instanceIdPrefix: prefix, top: 2, continuationToken: first.continuationToken });
    expect(second).toEqual({ instances: [expect.objectContaining({ instanceId: `${prefix}3`, input: null })], continuationToken: undefined });
    expect((await engine.query({ instanceIdPrefix: prefix, runtimeStatus: ['Running'] })).instances).toEqual([]);

    const restarted = await engine.restart(`${prefix}1`, { restartWithNewInstanceId: true });
    await engine.waitForIdle();
    expect(restarted && (await status(restarted))).toEqual({ runtimeStatus: 'Completed', output: { type: 'number', value: 1 }, customStatus: null });
    expect(await engine.restart('nobody', { restartWithNewInstanceId: false })).toBeUndefined();

    expect(await engine.purge(`${prefix}1`)).toBe(1);
    expect(await engine.getStatus(`${prefix}1`)).toBeUndefined();
    expect(await engine.purgeBy({ createdTimeFrom: new Date(0), runtimeStatus: ['Completed'] })).toBeGreaterThanOrEqual(2);
    expect((await engine.query({ instanceIdPrefix: prefix })).instances).toEqual([]);
  });
});
