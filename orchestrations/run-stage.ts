import type { OrchestrationContext, Task } from 'durable-functions';
import type { MemberProgress, MemberUpgradeSpec } from '../shared/activities/catalogue.js';
import { groupInstanceId } from '../shared/update-run/instance-ids.js';
import { allotConcurrency, type PlannedStage } from '../shared/update-run/plan.js';
import { rollUpSegment } from '../shared/update-run/rollup.js';
import { isSkipped, mergeFacts, type RunFactsView } from '../shared/update-run/run-facts.js';
import type { ControlEvent } from '../shared/update-run/runtime.js';
import { callActivity, nowIso } from './call-activity.js';
import { groupOrchestratorName, type GroupInput, type GroupResult } from './group-orchestrator.js';
import { passGate, type AlongsideWait, type GateContext } from './pass-gate.js';
import { waitFor } from './wait-for.js';

/** What a stage needs from the run orchestration. */
export interface StageContext {
  runId: string;
  runInstance: string;
  upgrade: MemberUpgradeSpec;
  progress: MemberProgress;
  gates: Omit<GateContext, 'stageName' | 'groupName' | 'ends'>;
}

/** How a stage ended. */
export interface StageResult {
  state: string;
  facts: RunFactsView;
}

const stageEnds = (stageName: string) => (event: ControlEvent): 'stopped' | 'skipped' | undefined =>
  event.type === 'stop' ? 'stopped' : event.targets.some((t) => t.type === 'Stage' && t.name === stageName) ? 'skipped' : undefined;

/**
 * Runs the groups of a stage in parallel, each under its share of the stage's concurrency
 * (`allotConcurrency`). Groups left without a share run in a later round, once the round before
 * has finished (rounds use Task.all over fresh tasks only).
 */
function* runGroups(context: OrchestrationContext, stage: PlannedStage, index: number, ctx: StageContext, facts: RunFactsView): Generator<Task, { facts: RunFactsView; states: string[] }, unknown> {
  let waiting = stage.groups.map((group, g) => ({ group, g }));
  const states: string[] = stage.groups.map(() => 'NotStarted');
  let latest = facts;
  while (waiting.length > 0) {
    const shares = allotConcurrency(waiting.map((w) => w.group.maxConcurrency), stage.maxConcurrency);
    const round = waiting.map((w, i) => ({ ...w, share: shares[i] ?? 0 })).filter((w) => w.share > 0);
    waiting = waiting.filter((w) => !round.some((r) => r.g === w.g));
    const tasks = round.map(({ group, g, share }) => {
      const input: GroupInput = { runId: ctx.runId, stage: index, group: g, stageName: stage.name, plan: group, stageMaxAllowedFailures: stage.maxAllowedFailures, concurrency: share, upgrade: ctx.upgrade, progress: ctx.progress, facts: latest };
      return context.df.callSubOrchestrator(groupOrchestratorName, input, groupInstanceId(ctx.runInstance, index, g));
    });
    let results: GroupResult[];
    try {
      results = (yield context.df.Task.all(tasks)) as GroupResult[];
    } catch {
      // A group orchestration broke (it records its own failures otherwise): the stage fails.
      results = round.map(() => ({ state: 'Failed', facts: latest }));
    }
    round.forEach(({ g }, i) => (states[g] = results[i]?.state ?? 'Failed'));
    latest = mergeFacts(results.map((r) => r.facts));
  }
  return { facts: latest, states };
}

/**
 * One stage: before-gates → its groups in parallel → after-gates and the after-stage wait,
 * started together; both must complete before the next stage. A stop ends it Stopped; a skip
 * of the stage ends it Skipped (gates and wait Skipped); failures beyond its threshold end it
 * Failed.
 */
export function* runStage(context: OrchestrationContext, stage: PlannedStage, index: number, ctx: StageContext, facts: RunFactsView): Generator<Task, StageResult, unknown> {
  const record = (patches: Parameters<typeof callActivity<'recordRunStatus'>>[2]['patches']) => callActivity(context, 'recordRunStatus', { runId: ctx.runId, patches });
  const gates: GateContext = { ...ctx.gates, stageName: stage.name, ends: stageEnds(stage.name) };
  const end = function* (state: string): Generator<Task, StageResult, unknown> {
    const patches: Parameters<typeof record>[0] = [{ kind: 'stage', stage: index, status: { state, completedTime: nowIso(context) } }];
    // A skipped stage: its groups, members, gates and wait that have not finished are Skipped.
    if (state === 'Skipped') patches.push({ kind: 'skipUnfinished', stage: index, at: nowIso(context), message: 'Skipped by request.' });
    return { state, facts: yield* record(patches) };
  };
  if (isSkipped(facts.skips, { stage: stage.name })) return yield* end('Skipped');
  let latest = yield* record([{ kind: 'stage', stage: index, status: { state: 'Running', startTime: nowIso(context) } }, { kind: 'run', status: { state: 'Running' } }]);

  for (const gate of stage.beforeGates) {
    const passed = yield* passGate(context, gate, gates);
    if (passed !== 'Completed') return yield* end(passed === 'stopped' ? 'Stopped' : 'Skipped');
  }
  const groups = yield* runGroups(context, stage, index, ctx, latest);
  latest = groups.facts;

  const failures = latest.failures.stages[index] ?? 0;
  if (latest.stopRequested || isSkipped(latest.skips, { stage: stage.name }) || failures > stage.maxAllowedFailures) {
    const skipped = isSkipped(latest.skips, { stage: stage.name });
    return yield* end(skipped ? 'Skipped' : rollUpSegment({ children: [], failureCount: failures, maxAllowedFailures: stage.maxAllowedFailures, stopRequested: latest.stopRequested, finished: true }));
  }

  // After-gates and the after-stage wait run at the same time; the stage waits for both. The
  // wait ends on its own time even while a gate still waits (the gate's wait watches it).
  const waitSkipped = isSkipped(latest.skips, { stage: stage.name }) || latest.skips.some((t) => t.type === 'AfterStageWait' && t.name === stage.name);
  const waitUntil = new Date(context.df.currentUtcDateTime.getTime() + stage.afterStageWaitInSeconds * 1000);
  const skipsWait = (event: ControlEvent): boolean => event.type === 'skip' && event.targets.some((t) => t.type === 'AfterStageWait' && t.name === stage.name);
  let waitState: 'Completed' | 'Skipped' | undefined = waitSkipped ? 'Skipped' : stage.afterStageWaitInSeconds > 0 ? undefined : 'Completed';
  let waitRecorded = false;
  const endWait = function* (state: 'Completed' | 'Skipped'): Generator<Task, void, unknown> {
    waitState = state;
    waitRecorded = true;
    latest = yield* record([{ kind: 'afterStageWait', stage: index, status: { state, completedTime: nowIso(context) } }]);
  };
  if (waitState === undefined) yield* record([{ kind: 'afterStageWait', stage: index, status: { state: 'Running', startTime: nowIso(context) } }]);
  for (const gate of stage.afterGates) {
    const alongside: AlongsideWait | undefined = waitState === undefined ? { until: waitUntil, skippedBy: skipsWait, end: endWait } : undefined;
    const passed = yield* passGate(context, gate, { ...gates, ...(alongside ? { alongside } : {}) });
    if (passed !== 'Completed') return yield* end(passed === 'stopped' ? 'Stopped' : 'Skipped');
  }
  while (waitState === undefined) {
    const outcome = yield* waitFor(context, { control: ctx.gates.control() }, waitUntil);
    if (outcome.kind === 'timer') {
      yield* endWait('Completed');
      break;
    }
    ctx.gates.renewControl();
    const event = outcome.data as ControlEvent;
    if (event.type === 'stop') return yield* end('Stopped');
    if (event.targets.some((t) => t.type === 'Stage' && t.name === stage.name)) return yield* end('Skipped');
    if (skipsWait(event)) {
      yield* endWait('Skipped');
      break;
    }
  }
  if (!waitRecorded) latest = yield* record([{ kind: 'afterStageWait', stage: index, status: { state: waitState ?? 'Completed', completedTime: nowIso(context) } }]);
  return yield* end(rollUpSegment({ children: groups.states, failureCount: failures, maxAllowedFailures: stage.maxAllowedFailures, finished: true }));
}
