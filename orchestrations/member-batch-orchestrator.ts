import type { OrchestrationContext, Task } from 'durable-functions';
import type { MemberUpgradeSpec } from '../shared/activities/catalogue.js';
import type { PlannedMember } from '../shared/update-run/plan.js';
import { isSkipped, type RunFactsView } from '../shared/update-run/run-facts.js';
import { memberInstanceId } from '../shared/update-run/instance-ids.js';
import { callActivity, nowIso } from './call-activity.js';
import { memberOrchestratorName, type MemberOutcome } from './member-orchestrator.js';

/** The registered name. */
export const memberBatchOrchestratorName = 'updateRunMemberBatchOrchestrator';

/** One lane of a group: members it updates one after another. */
export interface MemberBatchInput {
  runId: string;
  stage: number;
  group: number;
  stageName: string;
  groupName: string;
  members: PlannedMember[];
  maxAllowedFailures: { stage: number; group: number };
  upgrade: MemberUpgradeSpec;
  /** Attempt number per member (Pending members are retried in later lanes). */
  attempts: Record<string, number>;
  facts: RunFactsView;
}

/** What the lane did. */
export interface MemberBatchResult {
  /** Members to try again later, and when. */
  deferred: { member: PlannedMember; retryAt: string }[];
  /** Members never started because scheduling stopped. */
  notStarted: PlannedMember[];
  facts: RunFactsView;
}

/** Whether scheduling must stop: a stop, or a threshold exceeded in the group or the stage. */
export const schedulingHalted = (facts: RunFactsView, input: Pick<MemberBatchInput, 'stage' | 'group' | 'maxAllowedFailures'>): boolean =>
  facts.stopRequested ||
  (facts.failures.groups[input.stage]?.[input.group] ?? 0) > input.maxAllowedFailures.group ||
  (facts.failures.stages[input.stage] ?? 0) > input.maxAllowedFailures.stage;

/**
 * A lane of a group: its members one after another, each a member sub-orchestration. A group
 * runs as many lanes in parallel as its concurrency allows (Task.all over fresh tasks only: a
 * task is never raced twice, which Durable Functions would schedule twice). After each member
 * the run's facts from its status write decide whether to go on: a stop, a skip or an exceeded
 * failure threshold ends the lane; the member in flight always finishes first.
 */
export function* memberBatchOrchestrator(context: OrchestrationContext): Generator<Task, MemberBatchResult, unknown> {
  const input = context.df.getInput() as MemberBatchInput;
  const deferred: MemberBatchResult['deferred'] = [];
  let facts = input.facts;
  for (const [index, member] of input.members.entries()) {
    if (schedulingHalted(facts, input)) return { deferred, notStarted: input.members.slice(index), facts };
    if (isSkipped(facts.skips, { stage: input.stageName, group: input.groupName, member: member.name })) {
      facts = yield* callActivity(context, 'recordRunStatus', {
        runId: input.runId,
        patches: [{ kind: 'member', stage: input.stage, group: input.group, member: member.name, status: { state: 'Skipped', completedTime: nowIso(context) }, message: 'Skipped by request.' }],
      });
      continue;
    }
    const attempt = input.attempts[member.name] ?? 0;
    try {
      const outcome = (yield context.df.callSubOrchestrator(memberOrchestratorName, { runId: input.runId, stage: input.stage, group: input.group, member, upgrade: input.upgrade }, memberInstanceId(context.df.instanceId, member.name, attempt))) as MemberOutcome;
      facts = outcome.facts;
      if (outcome.state === 'Pending') deferred.push({ member, retryAt: outcome.retryAt });
    } catch {
      // The attempt itself broke (transient retries exhausted): the member failed, the run goes on.
      facts = yield* callActivity(context, 'recordRunStatus', {
        runId: input.runId,
        patches: [{ kind: 'member', stage: input.stage, group: input.group, member: member.name, status: { state: 'Failed', completedTime: nowIso(context), error: { code: 'MemberUpdateFailed', message: 'The member update could not be completed after retries; see the host log.' } } }],
      });
    }
  }
  return { deferred, notStarted: [], facts };
}
