/**
 * One orchestration work item: deliver every message waiting for an instance in one batch,
 * replay the orchestrator once, and describe everything that results as one commit.
 */
import { completionId, EventType, historyEvent, isSchedulingEvent, type HistoryEvent } from './history.js';
import type { FunctionRunner } from './runner.js';
import { reconcile } from './determinism.js';
import { newExecution, scheduleWork } from './schedule.js';
import { sequence } from './sequencer.js';
import { RuntimeStatus, terminalStatuses, type CommitBatch, type InstanceRecord, type MessageRecord } from './store.js';
import { finishInstance, type Finish } from './step-finish.js';

/** Timer limits sent to the SDK, as TimeSpan text and in ms. */
export interface TimerLimits {
  maximumShortTimerDuration: string;
  longRunningTimerIntervalDuration: string;
  maximumShortTimerMs: number;
  longRunningTimerIntervalMs: number;
}

/** What a step needs from the engine. */
export interface StepContext {
  now: number;
  nextId(): number;
  runner: FunctionRunner;
  timers: TimerLimits;
  getInstance(instanceId: string): InstanceRecord | undefined;
  /** Messages queued for an instance (visible or not) that this step did not receive. */
  queued(instanceId: string): readonly MessageRecord[];
}

/** The result of a step: one commit, and the instance's state after it. */
export interface StepResult {
  batch: CommitBatch;
  instance: InstanceRecord;
  history: HistoryEvent[];
  /** History events sent to the orchestrator (0 when the step did not replay). */
  replayed?: number;
}

const lastStartedAt = (history: readonly HistoryEvent[]): number => {
  for (let i = history.length - 1; i >= 0; i--) {
    const e = history[i];
    if (e?.EventType === EventType.OrchestratorStarted) return Date.parse(e.Timestamp);
  }
  return 0;
};

/** Runs one step for `instance` (current execution `history`) with `messages`, oldest first. */
export async function runStep(ctx: StepContext, instance: InstanceRecord, history: HistoryEvent[], messages: readonly MessageRecord[]): Promise<StepResult> {
  const consumed: number[] = [];
  const control: HistoryEvent[] = [];
  const fresh: HistoryEvent[] = [];
  let suspended = instance.status === RuntimeStatus.Suspended;
  let terminate: HistoryEvent | undefined;
  const done = new Set<number>();
  const scheduledIds = new Set<number>();
  for (const e of history) {
    const id = completionId(e);
    if (id !== undefined) done.add(id);
    if (isSchedulingEvent(e)) scheduledIds.add(e.EventId);
  }
  for (const m of messages) {
    const e = m.event;
    if (terminalStatuses.has(instance.status) || terminate || (m.executionId !== null && m.executionId !== instance.executionId)) {
      consumed.push(m.id);
      continue;
    }
    if (e.EventType === EventType.ExecutionTerminated) terminate = e;
    else if (e.EventType === EventType.ExecutionSuspended || e.EventType === EventType.ExecutionResumed) {
      const suspend = e.EventType === EventType.ExecutionSuspended;
      if (suspend !== suspended) control.push(e);
      suspended = suspend;
    } else if (suspended) continue;
    else if (e.EventType === EventType.ExecutionStarted) {
      if (!history.some((h) => h.EventType === EventType.ExecutionStarted) && !fresh.some((f) => f.EventType === EventType.ExecutionStarted)) fresh.push(e);
    } else if (e.EventType === EventType.EventRaised) fresh.push(e);
    else {
      const id = completionId(e);
      if (id !== undefined && scheduledIds.has(id) && !done.has(id)) {
        done.add(id);
        fresh.push(e);
      }
    }
    consumed.push(m.id);
  }

  const now = Math.max(ctx.now, lastStartedAt(history));
  const base: CommitBatch = { deleteMessages: consumed };
  if (terminalStatuses.has(instance.status)) return { batch: base, instance, history };
  if (terminate) {
    const events = [...control, historyEvent(EventType.OrchestratorStarted, now), terminate];
    return finishInstance(ctx, instance, history, events, base, { status: RuntimeStatus.Terminated, output: terminate.Input ?? null, reason: `Terminated: ${terminate.Input ?? ''}` }, now);
  }
  const statusNow = suspended ? RuntimeStatus.Suspended : RuntimeStatus.Running;
  if (fresh.length === 0) {
    const updated = { ...instance, status: instance.status === RuntimeStatus.Pending && !suspended ? instance.status : statusNow, lastUpdatedTime: control.length ? now : instance.lastUpdatedTime };
    return { batch: { ...base, instances: [updated], history: control.length ? [{ instanceId: instance.instanceId, events: control }] : [] }, instance: updated, history: [...history, ...control] };
  }

  const started = historyEvent(EventType.OrchestratorStarted, now);
  const full = [...history, ...control, started, ...fresh];
  const playedUpTo = full.indexOf(started);
  const outcome = await ctx.runner.runOrchestrator(instance.name, {
    history: full.map((e, i) => ({ ...e, IsPlayed: i < playedUpTo })),
    input: instance.input === null ? null : (JSON.parse(instance.input) as unknown),
    instanceId: instance.instanceId,
    isReplaying: history.length > 0,
    parentInstanceId: instance.parent?.instanceId ?? null,
    upperSchemaVersion: 1,
    upperSchemaVersionNew: 2,
    longRunningTimerIntervalDuration: ctx.timers.longRunningTimerIntervalDuration,
    maximumShortTimerDuration: ctx.timers.maximumShortTimerDuration,
    defaultHttpAsyncRequestSleepTimeMillseconds: 30000,
  });
  const appended = [...control, started, ...fresh];
  const state = outcome.state;
  const customStatus = state?.customStatus === undefined || state.customStatus === null ? (state ? null : instance.customStatus) : JSON.stringify(state.customStatus);
  let current: InstanceRecord = { ...instance, status: statusNow, customStatus, lastUpdatedTime: now };
  let finish: Finish | undefined = outcome.ok ? undefined : { status: RuntimeStatus.Failed, output: JSON.stringify(`Orchestrator function '${instance.name}' failed: ${outcome.error}`), reason: outcome.error, details: outcome.details };
  const batch: CommitBatch = { ...base, instances: [], messages: [], activities: [] };
  let continueAsNew: { input: unknown } | undefined;
  let carried: HistoryEvent[] = [];
  if (state) {
    const walk = sequence(full, state.actions, {
      instanceId: instance.instanceId,
      maximumShortTimerMs: ctx.timers.maximumShortTimerMs,
      longRunningTimerIntervalMs: ctx.timers.longRunningTimerIntervalMs,
      finished: state.isDone || !outcome.ok,
    });
    const checked = walk.unsupported === undefined ? reconcile(full, walk.scheduled) : { newWork: [], error: walk.unsupported };
    if (checked.error !== undefined) {
      finish = { status: RuntimeStatus.Failed, output: JSON.stringify(`Orchestrator function '${instance.name}' failed: ${checked.error}`), reason: checked.error, details: '' };
    } else {
      const work = scheduleWork({ ...ctx, now, instance: current, orchestratorName: (n) => ctx.runner.orchestratorName(n) }, checked.newWork);
      appended.push(...work.events);
      batch.messages?.push(...work.messages);
      batch.activities?.push(...work.activities);
      batch.instances?.push(...work.instances);
      batch.resetHistory = work.instances.map((i) => i.instanceId);
      batch.deleteMessages?.push(...canceledTimerMessages(ctx.queued(instance.instanceId), walk.scheduled));
      if (state.isDone && outcome.ok) {
        continueAsNew = walk.continueAsNew;
        carried = walk.unconsumedEvents;
        if (!continueAsNew) finish = { status: RuntimeStatus.Completed, output: JSON.stringify(state.output ?? null) };
      }
    }
  }
  if (finish) return { ...finishInstance(ctx, current, history, appended, batch, finish, now), replayed: full.length };
  appended.push(historyEvent(EventType.OrchestratorCompleted, now));
  if (continueAsNew) {
    const next = newExecution({ now, nextId: ctx.nextId }, {
      instanceId: instance.instanceId, name: instance.name, parent: instance.parent, createdTime: instance.createdTime,
      input: continueAsNew.input === undefined ? null : JSON.stringify(continueAsNew.input),
    });
    current = { ...next.instance, status: RuntimeStatus.ContinuedAsNew, customStatus: current.customStatus };
    batch.deleteMessages?.push(...ctx.queued(instance.instanceId).filter((m) => m.executionId === instance.executionId).map((m) => m.id));
    batch.messages?.push(next.message, ...carried.map((event) => ({ id: ctx.nextId(), instanceId: instance.instanceId, executionId: next.instance.executionId, visibleAt: now, event })));
    batch.resetHistory = [...(batch.resetHistory ?? []), instance.instanceId];
    batch.instances?.push(current);
    return { batch, instance: current, history: [], replayed: full.length };
  }
  batch.instances?.push(current);
  batch.history = [{ instanceId: instance.instanceId, events: appended }];
  return { batch, instance: current, history: [...history, ...appended], replayed: full.length };
}

/** Ids of queued TimerFired messages whose timers the orchestrator has since cancelled. */
function canceledTimerMessages(queued: readonly MessageRecord[], scheduled: ReturnType<typeof sequence>['scheduled']): number[] {
  const canceled = new Set(scheduled.filter((s) => s.kind === 'timer' && s.canceled()).map((s) => s.id));
  if (canceled.size === 0) return [];
  return queued.filter((m) => m.event.EventType === EventType.TimerFired && m.event.TimerId !== undefined && canceled.has(m.event.TimerId)).map((m) => m.id);
}
