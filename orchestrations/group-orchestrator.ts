import type { OrchestrationContext, Task } from 'durable-functions';
import type { MemberProgress, MemberUpgradeSpec } from '../shared/activities/catalogue.js';
import { batchInstanceId } from '../shared/update-run/instance-ids.js';
import type { PlannedGroup, PlannedMember } from '../shared/update-run/plan.js';
import { rollUpSegment, terminalStates } from '../shared/update-run/rollup.js';
import { isSkipped, mergeFacts, type RunFactsView } from '../shared/update-run/run-facts.js';
import { controlEventName, type ControlEvent } from '../shared/update-run/runtime.js';
import { callActivity, nowIso } from './call-activity.js';
import { memberBatchOrchestratorName, schedulingHalted, type MemberBatchResult } from './member-batch-orchestrator.js';
import { passGate, type GateContext } from './pass-gate.js';
import { waitFor } from './wait-for.js';

/** The registered name. */
export const groupOrchestratorName = 'updateRunGroupOrchestrator';

/** Members per lane sub-orchestration: bounds every history whatever the group size. */
export const batchSize = 100;

/** One group of a stage. */
export interface GroupInput {
  runId: string;
  stage: number;
  group: number;
  stageName: string;
  plan: PlannedGroup;
  stageMaxAllowedFailures: number;
  /** The group's share of the stage's concurrency. */
  concurrency: number;
  upgrade: MemberUpgradeSpec;
  /** Member states from an earlier start; terminal ones are not run again. */
  progress: MemberProgress;
  facts: RunFactsView;
}

/** How the group ended. */
export interface GroupResult {
  state: string;
  facts: RunFactsView;
}

const skippedMessage = 'Skipped by request.';

const memberKey = (stage: number, group: number, member: string): string => `${stage}/${group}/${member}`;

/**
 * One group: before-gates, then its members in maintenance-window priority order, in parallel
 * lanes (as many as its concurrency) of sequential members; members that went Pending are retried at the time they gave
 * (a durable timer, e.g. their window's next opening) while the rest goes on; then after-gates.
 * A stop, a skip or an exceeded threshold ends scheduling; in-flight members finish first.
 */
export function* groupOrchestrator(context: OrchestrationContext): Generator<Task, GroupResult, unknown> {
  const input = context.df.getInput() as GroupInput;
  const me = context.df.instanceId;
  const where = { stage: input.stageName, group: input.plan.name };
  let control = context.df.waitForExternalEvent(controlEventName);
  let facts = yield* callActivity(context, 'recordRunStatus', {
    runId: input.runId,
    patches: [{ kind: 'group', stage: input.stage, group: input.group, status: { state: 'Running', startTime: nowIso(context) } }],
    listen: [me],
  });
  const gates: GateContext = {
    runId: input.runId,
    stageName: input.stageName,
    groupName: input.plan.name,
    control: () => control,
    renewControl: () => (control = context.df.waitForExternalEvent(controlEventName)),
    ends: (event: ControlEvent) => (event.type === 'stop' ? 'stopped' : event.targets.some((t) => (t.type === 'Group' && t.name === where.group) || (t.type === 'Stage' && t.name === where.stage)) ? 'skipped' : undefined),
  };
  const finish = function* (state: string): Generator<Task, GroupResult, unknown> {
    facts = yield* callActivity(context, 'recordRunStatus', {
      runId: input.runId,
      patches: [{ kind: 'group', stage: input.stage, group: input.group, status: { state, completedTime: nowIso(context) } }],
      unlisten: [me],
    });
    return { state, facts };
  };

  const skipRest = function* (): Generator<Task, GroupResult, unknown> {
    facts = yield* callActivity(context, 'recordRunStatus', { runId: input.runId, patches: [{ kind: 'skipUnfinished', stage: input.stage, group: input.group, at: nowIso(context), message: skippedMessage }] });
    return yield* finish('Skipped');
  };

  // A stop or skip that came before this group listened is in the facts of its first write.
  let interrupted: 'stopped' | 'skipped' | undefined = facts.stopRequested ? 'stopped' : isSkipped(facts.skips, where) ? 'skipped' : undefined;
  for (const gate of input.plan.beforeGates) {
    if (interrupted) break;
    const passed = yield* passGate(context, gate, gates);
    if (passed !== 'Completed') interrupted = passed;
  }

  const open = input.plan.members.filter((m) => !terminalStates.has(input.progress[memberKey(input.stage, input.group, m.name)] ?? 'NotStarted'));
  const order = interrupted ? [] : yield* callActivity(context, 'orderMembers', { members: open, upgradeType: input.upgrade.type, now: nowIso(context) });
  const byName = new Map(open.map((m) => [m.name, m]));
  let queue: PlannedMember[] = order.map((name) => byName.get(name)).filter((m): m is PlannedMember => m !== undefined);
  let deferred: MemberBatchResult['deferred'] = [];
  const attempts: Record<string, number> = {};
  let batch = 0;
  const halted = (): boolean => schedulingHalted(facts, { stage: input.stage, group: input.group, maxAllowedFailures: { stage: input.stageMaxAllowedFailures, group: input.plan.maxAllowedFailures } }) || isSkipped(facts.skips, where);

  while (!interrupted && !halted() && (queue.length > 0 || deferred.length > 0)) {
    if (queue.length === 0) {
      const next = deferred.reduce((min, d) => (d.retryAt < min ? d.retryAt : min), deferred[0]?.retryAt ?? nowIso(context));
      const outcome = yield* waitFor(context, { control }, new Date(next));
      if (outcome.kind === 'event') {
        control = context.df.waitForExternalEvent(controlEventName);
        const event = outcome.data as ControlEvent;
        facts = event.type === 'stop' ? { ...facts, stopRequested: true } : { ...facts, skips: [...facts.skips, ...event.targets] };
        continue;
      }
      const now = nowIso(context);
      queue = deferred.filter((d) => d.retryAt <= now).map((d) => d.member);
      deferred = deferred.filter((d) => d.retryAt > now);
      for (const member of queue) attempts[member.name] = (attempts[member.name] ?? 0) + 1;
    }
    // As many lanes as the group may run at once, each up to `batchSize` members, round-robin so
    // the window-priority order holds across lanes.
    const laneCount = Math.min(input.concurrency, queue.length);
    const taken = queue.slice(0, laneCount * batchSize);
    queue = queue.slice(taken.length);
    const lanes: PlannedMember[][] = Array.from({ length: laneCount }, () => []);
    taken.forEach((member, i) => lanes[i % laneCount]?.push(member));
    const results = (yield context.df.Task.all(
      lanes.map((members) =>
        context.df.callSubOrchestrator(
          memberBatchOrchestratorName,
          {
            runId: input.runId,
            stage: input.stage,
            group: input.group,
            stageName: input.stageName,
            groupName: input.plan.name,
            members,
            maxAllowedFailures: { stage: input.stageMaxAllowedFailures, group: input.plan.maxAllowedFailures },
            upgrade: input.upgrade,
            attempts: { ...attempts },
            facts,
          },
          batchInstanceId(me, batch++),
        ),
      ),
    )) as MemberBatchResult[];
    facts = mergeFacts(results.map((r) => r.facts));
    deferred = [...deferred, ...results.flatMap((r) => r.deferred)];
    queue = [...results.flatMap((r) => r.notStarted), ...queue];
  }

  // Skipped: members not started or Pending, and gates not passed, become Skipped.
  if (interrupted === 'skipped' || isSkipped(facts.skips, where)) return yield* skipRest();
  const failures = facts.failures.groups[input.stage]?.[input.group] ?? 0;
  // A stop, or the stage's threshold exceeded by other groups, ends this group as Stopped.
  const stopped = interrupted === 'stopped' || facts.stopRequested || (facts.failures.stages[input.stage] ?? 0) > input.stageMaxAllowedFailures;
  if (!stopped && failures <= input.plan.maxAllowedFailures) {
    for (const gate of input.plan.afterGates) {
      const passed = yield* passGate(context, gate, gates);
      if (passed === 'skipped') return yield* skipRest();
      if (passed === 'stopped') return yield* finish('Stopped');
    }
  }
  const state = rollUpSegment({ children: [], failureCount: failures, maxAllowedFailures: input.plan.maxAllowedFailures, stopRequested: stopped, finished: true });
  return yield* finish(state);
}
