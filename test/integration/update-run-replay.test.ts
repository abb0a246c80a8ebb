/**
 * Replay safety of the update-run orchestrations: recorded histories of a run, replayed through
 * the real `durable-functions` executor, produce the same actions; a changed orchestrator
 * replayed against them is caught by the engine's non-determinism check.
 *
 * The run (test/fixtures/update-run-app) goes through the local host's engine with fake
 * activities and a virtual clock: an approval gate, a 10-minute after-stage wait, a slow member,
 * a member Pending once, and a member that fails within the thresholds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActionType, unwrapProcessedInput, type Action, type OrchestratorState } from '../../local/durable/actions.js';
import { reconcile } from '../../local/durable/determinism.js';
import type { DurableEngine } from '../../local/durable/engine.js';
import { EventType, isSchedulingEvent, type HistoryEvent } from '../../local/durable/history.js';
import { hostRunner, type FunctionRunner, type OrchestrationTriggerInput } from '../../local/durable/runner.js';
import { sequence } from '../../local/durable/sequencer.js';
import { runStep, type StepContext, type TimerLimits } from '../../local/durable/step.js';
import { RuntimeStatus, type InstanceRecord } from '../../local/durable/store.js';
import { parseTimeSpan } from '../../local/durable/timespan.js';
import { VirtualClock } from '../../local/host/clock.js';
import { startHost, type RunningHost } from '../../local/host/host.js';
import { silentLogger } from '../../local/host/logger.js';
import type { UpdateRunStatus } from '../../shared/fleet/models.js';
import { batchInstanceId, groupInstanceId, memberInstanceId, runGenerationInstanceId } from '../../shared/update-run/instance-ids.js';

const appRoot = fileURLToPath(new URL('../fixtures/update-run-app', import.meta.url));
/** As in the fixture's scenario.js. */
const runId = '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/demo/updateRuns/replay';
const runInstance = runGenerationInstanceId(runId, 1);
/** The fixture's deliberately changed run orchestrator (one extra activity call first). */
const changedOrchestrator = 'changedUpdateRunOrchestrator';
/** The engine's defaults, sent to the SDK as the extension sends them. */
const timers: TimerLimits = { maximumShortTimerDuration: '6.00:00:00', longRunningTimerIntervalDuration: '3.00:00:00', maximumShortTimerMs: parseTimeSpan('6.00:00:00'), longRunningTimerIntervalMs: parseTimeSpan('3.00:00:00') };

/** What the fake activities keep (set on globalThis by test/fixtures/update-run-app). */
interface Fixture {
  status: UpdateRunStatus | undefined;
  gates: { gateName: string; waiter: string }[];
  calls: { activity: string; input: unknown }[];
}
const fixture = (): Fixture => (globalThis as unknown as { updateRunReplayFixture: Fixture }).updateRunReplayFixture;

const clock = new VirtualClock(new Date('2026-11-30T10:00:00Z'));
let host: RunningHost;
let engine: DurableEngine;
let runner: FunctionRunner;
let dataDir: string;
/** Every instance of the run when it completed, with its recorded history. */
let recorded: { instanceId: string; name: string; runtimeStatus: string; output: unknown; history: HistoryEvent[] }[] = [];

/** Lets the engine work, moving the virtual clock to each timer, until the run is done. */
async function runToEnd(): Promise<void> {
  for (let step = 0; step < 200; step++) {
    await engine.waitForIdle();
    const status = await engine.getStatus(runInstance, { showInput: false });
    if (status && status.runtimeStatus !== RuntimeStatus.Running && status.runtimeStatus !== RuntimeStatus.Pending) return;
    const next = clock.nextWake;
    if (!next) throw new Error(`The run is ${status?.runtimeStatus ?? 'missing'} but nothing is scheduled on the clock.`);
    await clock.advanceTo(next);
  }
  throw new Error('The run did not finish within 200 clock steps.');
}

beforeAll(async () => {
  process.env.TASKHUB_NAME = 'UpdateRunReplayHub';
  process.env.AzureWebJobsStorage = 'UseDevelopmentStorage=true';
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'update-run-replay-'));
  host = await startHost({ appRoot, dataDir, port: 0, httpsPort: 0, inMemoryStorage: true, durableStore: 'memory', clock, logger: silentLogger });
  engine = host.durable;
  runner = hostRunner(host.index, host.invoker);

  await engine.startNew('updateRunOrchestrator', { instanceId: runInstance, input: { runId, generation: 1 } });
  await engine.waitForIdle();
  // The run waits at the canary stage's approval gate: approve it as PATCH state=Completed would.
  const [gate] = fixture().gates;
  if (!gate) throw new Error('The run did not open its approval gate.');
  expect(await engine.raiseEvent(gate.waiter, `gate:${gate.gateName}`, { state: 'Completed' })).toBe('ok');
  await runToEnd();

  const { instances } = await engine.query({});
  recorded = await Promise.all(instances.map(async (i) => ({ instanceId: i.instanceId, name: i.name, runtimeStatus: i.runtimeStatus, output: i.output, history: await engine.history(i.instanceId) })));
});
afterAll(async () => {
  await host?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** The first event of a kind (throws if the history lacks it). */
const eventOf = (history: readonly HistoryEvent[], type: number): HistoryEvent => {
  const event = history.find((e) => e.EventType === type);
  if (!event) throw new Error(`No event of type ${type} in the history.`);
  return event;
};
const parse = (text: string | undefined): unknown => (text === undefined ? undefined : (JSON.parse(text) as unknown));

/** The trigger payload the extension sends to replay `history` in full (reference B.5), as step.ts builds it. */
function replayTrigger(instanceId: string, history: readonly HistoryEvent[]): OrchestrationTriggerInput {
  const started = eventOf(history, EventType.ExecutionStarted);
  return {
    history: history.map((e) => ({ ...e, IsPlayed: true })),
    input: parse(started.Input) ?? null,
    instanceId,
    isReplaying: true,
    parentInstanceId: started.ParentInstance?.instanceId ?? null,
    upperSchemaVersion: 1,
    upperSchemaVersionNew: 2,
    longRunningTimerIntervalDuration: timers.longRunningTimerIntervalDuration,
    maximumShortTimerDuration: timers.maximumShortTimerDuration,
    defaultHttpAsyncRequestSleepTimeMillseconds: 30000,
  };
}

/** One scheduled piece of work, as an action describes it or as history recorded it. */
type Scheduling =
  | { kind: 'activity'; name: string; input: unknown }
  | { kind: 'timer'; fireAt: string }
  | { kind: 'subOrchestration'; name: string; instanceId: string; input: unknown };

/**
 * The actions that take a sequence id, in id order: compound actions (Task.all / Task.any)
 * contribute their children in order; external-event waits take none (reference B.5). No task
 * of this run fails, so each activity with retry options is one id.
 */
function schedulingOf(actions: readonly Action[]): Scheduling[] {
  return actions.flatMap((a): Scheduling[] => {
    switch (a.actionType) {
      case ActionType.WhenAll:
      case ActionType.WhenAny:
        return schedulingOf(a.compoundActions ?? []);
      case ActionType.WaitForExternalEvent:
        return [];
      case ActionType.CallActivity:
      case ActionType.CallActivityWithRetry:
        return [{ kind: 'activity', name: a.functionName ?? '', input: unwrapProcessedInput(a.input) }];
      case ActionType.CreateTimer:
        return [{ kind: 'timer', fireAt: new Date(a.fireAt ?? '').toISOString() }];
      case ActionType.CallSubOrchestrator:
      case ActionType.CallSubOrchestratorWithRetry:
        return [{ kind: 'subOrchestration', name: a.functionName ?? '', instanceId: a.instanceId ?? '', input: a.input }];
      default:
        throw new Error(`The update-run orchestrations do not use action type ${a.actionType}.`);
    }
  });
}

/** The scheduling events of a history (TaskScheduled, TimerCreated, SubOrchestrationInstanceCreated), by sequence id. */
function recordedScheduling(history: readonly HistoryEvent[]): Scheduling[] {
  return history
    .filter(isSchedulingEvent)
    .sort((a, b) => a.EventId - b.EventId)
    .map((e): Scheduling => {
      if (e.EventType === EventType.TaskScheduled) return { kind: 'activity', name: e.Name ?? '', input: parse(e.Input) };
      if (e.EventType === EventType.TimerCreated) return { kind: 'timer', fireAt: new Date(e.FireAt ?? '').toISOString() };
      return { kind: 'subOrchestration', name: e.Name ?? '', instanceId: e.InstanceId ?? '', input: parse(e.Input) };
    });
}

/** Replays a recorded history in full through orchestrator `name` (the captured registration). */
async function replay(name: string, instanceId: string, history: readonly HistoryEvent[]): Promise<{ ok: boolean; state: OrchestratorState }> {
  const outcome = await runner.runOrchestrator(name, replayTrigger(instanceId, history));
  if (!outcome.state) throw new Error(`The replay returned no OrchestratorState: ${outcome.ok ? '' : outcome.error}`);
  return { ok: outcome.ok, state: outcome.state };
}

/** The engine's non-determinism check over a replay's actions (what step.ts runs on every replay). */
const engineCheck = (instanceId: string, history: readonly HistoryEvent[], actions: readonly Action[]) =>
  reconcile(history, sequence(history, actions, { instanceId, maximumShortTimerMs: timers.maximumShortTimerMs, longRunningTimerIntervalMs: timers.longRunningTimerIntervalMs, finished: true }).scheduled);

describe('the recorded run', () => {
  it('completes with the failure within the thresholds counted', () => {
    const run = recorded.find((r) => r.instanceId === runInstance);
    expect(run).toMatchObject({ name: 'updateRunOrchestrator', runtimeStatus: 'Completed', output: { state: 'Completed', failureCount: 1 } });
    const members = fixture().status?.stages?.flatMap((s) => (s.groups ?? []).flatMap((g) => (g.members ?? []).map((m) => [m.name, m.status?.state])));
    expect(members).toEqual([['c1', 'Completed'], ['a1', 'Completed'], ['a2', 'Completed'], ['a3', 'Failed'], ['b1', 'Completed']]);
  });

  it('used an approval wait, durable timers and sub-orchestrations', () => {
    const all = recorded.flatMap((r) => r.history);
    expect({
      approvals: all.filter((e) => e.EventType === EventType.EventRaised).map((e) => e.Name?.startsWith('gate:')),
      timers: all.filter((e) => e.EventType === EventType.TimerCreated).length,
    }).toEqual({ approvals: [true], timers: 8 });
  });
});

/** Every instance the run creates, by its deterministic id (shared/update-run/instance-ids.ts). */
const group = (stage: number, g: number): string => groupInstanceId(runInstance, stage, g);
const batch = (stage: number, g: number, b: number): string => batchInstanceId(group(stage, g), b);
const instanceTable = [
  { name: 'the run', instanceId: runInstance },
  { name: 'group canary', instanceId: group(0, 0) },
  { name: 'group wave-a', instanceId: group(1, 0) },
  { name: 'group wave-b', instanceId: group(1, 1) },
  { name: 'canary lane', instanceId: batch(0, 0, 0) },
  { name: 'wave-a first lane', instanceId: batch(1, 0, 0) },
  { name: 'wave-a second lane', instanceId: batch(1, 0, 1) },
  { name: 'wave-a retry of the Pending member', instanceId: batch(1, 0, 2) },
  { name: 'wave-b lane', instanceId: batch(1, 1, 0) },
  { name: 'member c1', instanceId: memberInstanceId(batch(0, 0, 0), 'c1', 0) },
  { name: 'member a1', instanceId: memberInstanceId(batch(1, 0, 0), 'a1', 0) },
  { name: 'member a3 (fails)', instanceId: memberInstanceId(batch(1, 0, 0), 'a3', 0) },
  { name: 'member a2, Pending', instanceId: memberInstanceId(batch(1, 0, 1), 'a2', 0) },
  { name: 'member a2, retried', instanceId: memberInstanceId(batch(1, 0, 2), 'a2', 1) },
  { name: 'member b1', instanceId: memberInstanceId(batch(1, 1, 0), 'b1', 0) },
];

/** The recorded instance with this id (throws if the run did not create it). */
const instanceOf = (instanceId: string): (typeof recorded)[number] => {
  const found = recorded.find((r) => r.instanceId === instanceId);
  if (!found) throw new Error(`The run created no instance ${instanceId}.`);
  return found;
};
/** What a scheduled piece of work is, without its input. */
const withoutInput = (s: Scheduling): Omit<Scheduling, 'input'> => {
  if (s.kind === 'timer') return s;
  const { input: _input, ...rest } = s;
  return rest;
};

describe('replaying each recorded history through the real durable-functions executor', () => {
  it('the run created exactly these instances, each Completed', () => {
    expect(recorded.map((r) => [r.instanceId, r.runtimeStatus]).sort()).toEqual(instanceTable.map((i) => [i.instanceId, 'Completed']).sort());
  });

  it.each(instanceTable)('$name: the same result, and the same actions in order (names, timer fire times, sub-orchestration ids)', async ({ instanceId }) => {
    const { name, history } = instanceOf(instanceId);
    const { ok, state } = await replay(name, instanceId, history);
    const completed = eventOf(history, EventType.ExecutionCompleted);
    expect({ ok, isDone: state.isDone, output: state.output, error: state.error }).toEqual({ ok: true, isDone: true, output: parse(completed.Result), error: undefined });

    const want = recordedScheduling(history);
    expect(want.length).toBeGreaterThan(0);
    expect(history.filter(isSchedulingEvent).map((e) => e.EventId).sort((a, b) => a - b)).toEqual(want.map((_, id) => id));
    const got = schedulingOf(state.actions);
    for (const [id, action] of got.entries()) expect({ id, action: withoutInput(action) }).toEqual({ id, action: want[id] && withoutInput(want[id]) });
    expect(got).toHaveLength(want.length);
    // The engine's own check (DTFx's rule: same kind and name at every id) finds nothing new and nothing amiss.
    expect(engineCheck(instanceId, history, state.actions)).toEqual({ newWork: [] });
  });

  it.each(instanceTable)('$name: the same inputs, action by action', async ({ instanceId }) => {
    const { name, history } = instanceOf(instanceId);
    const want = recordedScheduling(history);
    const got = schedulingOf((await replay(name, instanceId, history)).state.actions);
    for (const [id, action] of got.entries()) expect({ id, action }).toEqual({ id, action: want[id] });
    expect(got).toHaveLength(want.length);
  });
});

describe('a changed orchestrator replayed against the recorded history', () => {
  const runHistory = (): HistoryEvent[] => {
    const history = recorded.find((r) => r.instanceId === runInstance)?.history;
    if (!history) throw new Error('The run has no recorded history.');
    return history;
  };
  const nonDeterministic =
    "Non-Deterministic workflow detected: A previous execution of this orchestration scheduled activity 'prepareRunActivity' with sequence ID 0, " +
    "but the current replay execution scheduled activity 'orderMembersActivity' at that sequence ID. " +
    'Was a change made to the orchestrator code after this instance had already started running?';

  it('is accepted by the SDK, which does no check of its own, and caught by the engine', async () => {
    const history = runHistory();
    const { state } = await replay(changedOrchestrator, runInstance, history);
    // The SDK fed the changed code the recorded results, each one to the wrong task.
    expect(schedulingOf(state.actions).slice(0, 2)).toEqual([
      { kind: 'activity', name: 'orderMembersActivity', input: { members: [], upgradeType: 'Full', now: '2026-11-30T10:00:00.000Z' } },
      { kind: 'activity', name: 'prepareRunActivity', input: { runId, generation: 1, now: '2026-11-30T10:00:00.000Z' } },
    ]);
    const checked = engineCheck(runInstance, history, state.actions);
    expect(checked.error).toContain(nonDeterministic);
    expect(checked.newWork).toEqual([]);
  });

  it.each([
    { name: 'the unchanged orchestrator goes on as recorded', input: { orchestrator: 'updateRunOrchestrator' }, want: { status: RuntimeStatus.Running, reason: undefined } },
    { name: 'the changed orchestrator fails the instance as non-deterministic', input: { orchestrator: changedOrchestrator }, want: { status: RuntimeStatus.Failed, reason: nonDeterministic } },
  ])('in an engine step delivering the approval: $name', async ({ input, want }) => {
    // The instance as it stood when the approval arrived: history up to that work item, the event as a message.
    const history = runHistory();
    const raisedAt = history.findIndex((e) => e.EventType === EventType.EventRaised);
    const cut = history.slice(0, raisedAt).map((e) => e.EventType).lastIndexOf(EventType.OrchestratorStarted);
    const before = history.slice(0, cut);
    const raised = history[raisedAt];
    if (!raised || cut < 0) throw new Error('The run history has no approval.');
    const started = eventOf(history, EventType.ExecutionStarted);
    const now = Date.parse(raised.Timestamp);
    const instance: InstanceRecord = {
      instanceId: runInstance, executionId: 'replay', name: 'updateRunOrchestrator', status: RuntimeStatus.Running, input: started.Input ?? null,
      output: null, customStatus: null, createdTime: Date.parse(started.Timestamp), lastUpdatedTime: now, parent: null,
    };
    let nextId = 1;
    const ctx: StepContext = {
      now,
      nextId: () => nextId++,
      runner: { ...runner, runOrchestrator: (_name, trigger) => runner.runOrchestrator(input.orchestrator, trigger) },
      timers,
      getInstance: () => undefined,
      queued: () => [],
    };
    const result = await runStep(ctx, instance, before, [{ id: 0, instanceId: runInstance, executionId: null, visibleAt: now, event: raised }]);

    const finished = result.history.find((e) => e.EventType === EventType.ExecutionCompleted);
    expect({ status: result.instance.status, reason: finished?.Reason }).toEqual(want);
    if (want.status === RuntimeStatus.Running) {
      // What it schedules next is what the recorded history scheduled next.
      const scheduledNow = result.history.slice(before.length).filter(isSchedulingEvent).map((e) => ({ id: e.EventId, name: e.Name }));
      const recordedNext = history.slice(raisedAt).filter(isSchedulingEvent).slice(0, scheduledNow.length).map((e) => ({ id: e.EventId, name: e.Name }));
      expect(scheduledNow).toEqual(recordedNext);
      expect(scheduledNow.length).toBeGreaterThan(0);
    }
  });
});
