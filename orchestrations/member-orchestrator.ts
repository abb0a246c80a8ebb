import type { OrchestrationContext, Task } from 'durable-functions';
import type { AksOperationHandle } from '../shared/aks/aks-gateway.js';
import type { MemberUpgradeSpec, UpgradeStep } from '../shared/activities/catalogue.js';
import type { ErrorDetail } from '../shared/fleet/models.js';
import type { PlannedMember } from '../shared/update-run/plan.js';
import type { RunFactsView } from '../shared/update-run/run-facts.js';
import { callActivity, nowIso } from './call-activity.js';

/** The registered name. */
export const memberOrchestratorName = 'updateRunMemberOrchestrator';

/** Input of one attempt at one member. */
export interface MemberInput {
  runId: string;
  stage: number;
  group: number;
  member: PlannedMember;
  upgrade: MemberUpgradeSpec;
}

/** How the attempt ended, with the run's facts as the final status write saw them. */
export type MemberOutcome = { state: 'Completed' | 'Failed' | 'Skipped'; facts: RunFactsView } | { state: 'Pending'; retryAt: string; facts: RunFactsView };

/** First and longest wait between polls of an AKS operation. */
const firstPollMs = 30_000;
const maxPollMs = 5 * 60_000;
/** How long a member waits after finding its cluster busy with another operation. */
const busyRetryMs = 10 * 60_000;

const operationIdOf = (handle: AksOperationHandle): string | undefined => (handle.operationUrl ? new URL(handle.operationUrl).pathname : undefined);

/** Records the member's state and returns the run's facts from that write. */
function* record(context: OrchestrationContext, input: MemberInput, fields: { state: string; startTime?: string; completedTime?: string; error?: ErrorDetail | null; message?: string | null; operationId?: string }): Generator<Task, RunFactsView, unknown> {
  const { state, message, operationId, ...times } = fields;
  return yield* callActivity(context, 'recordRunStatus', {
    runId: input.runId,
    patches: [{ kind: 'member', stage: input.stage, group: input.group, member: input.member.name, status: { state, ...times }, ...(message !== undefined ? { message } : {}), ...(operationId ? { operationId } : {}) }],
  });
}

/** Runs one AKS operation to its end: start, poll with durable timers (backing off), verify. */
function* runStep(context: OrchestrationContext, input: MemberInput, step: UpgradeStep): Generator<Task, { kind: 'done'; operationId?: string } | { kind: 'busy'; message: string } | { kind: 'failed'; error: ErrorDetail; operationId?: string }, unknown> {
  const started = yield* callActivity(context, 'startMemberUpgrade', { clusterResourceId: input.member.clusterResourceId, step });
  if (started.kind === 'alreadyAtTarget') return { kind: 'done' };
  if (started.kind === 'busy') return started;
  if (started.kind === 'failed') return started;
  const handle = started.handle;
  const operationId = operationIdOf(handle);
  let wait = handle.retryAfterMs ?? firstPollMs;
  for (;;) {
    yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + wait));
    const polled = yield* callActivity(context, 'pollMemberUpgrade', { handle });
    if (polled.status === 'Failed') return { kind: 'failed', error: { code: polled.error.code, message: polled.error.message }, ...(operationId ? { operationId } : {}) };
    if (polled.status === 'Canceled') return { kind: 'failed', error: { code: 'OperationCanceled', message: 'The AKS operation was canceled.' }, ...(operationId ? { operationId } : {}) };
    if (polled.status === 'Succeeded') break;
    // ARM's Retry-After, else back off.
    wait = Math.min(maxPollMs, polled.retryAfterMs ?? handle.retryAfterMs ?? wait * 2);
  }
  const verified = yield* callActivity(context, 'verifyMemberUpgrade', { handle });
  if (!verified.ok) return { kind: 'failed', error: { code: 'PostConditionFailed', message: verified.problems.join(' ') }, ...(operationId ? { operationId } : {}) };
  return { kind: 'done', ...(operationId ? { operationId } : {}) };
}

/**
 * One attempt at one member: check its state and window → start each AKS operation (the start
 * activity is idempotent) → poll with durable timers → verify → record. A member at target is
 * Skipped; one whose window is closed, whose target is not yet in its region, or whose cluster
 * is busy goes Pending and tells its group when to try again.
 */
export function* memberOrchestrator(context: OrchestrationContext): Generator<Task, MemberOutcome, unknown> {
  const input = context.df.getInput() as MemberInput;
  const decision = yield* callActivity(context, 'checkMember', { member: input.member, upgrade: input.upgrade, now: nowIso(context) });
  switch (decision.kind) {
    case 'skip':
      return { state: 'Skipped', facts: yield* record(context, input, { state: 'Skipped', completedTime: nowIso(context), message: decision.message }) };
    case 'pending':
      return { state: 'Pending', retryAt: decision.retryAt, facts: yield* record(context, input, { state: 'Pending', message: decision.message, error: decision.error ?? null }) };
    case 'fail':
      return { state: 'Failed', facts: yield* record(context, input, { state: 'Failed', completedTime: nowIso(context), error: decision.error, ...(decision.message ? { message: decision.message } : {}) }) };
    case 'upgrade':
      break;
  }
  yield* record(context, input, { state: 'Running', startTime: nowIso(context), error: null, message: decision.message ?? null });
  let operationId: string | undefined;
  for (const step of decision.steps) {
    const result = yield* runStep(context, input, step);
    operationId = ('operationId' in result ? result.operationId : undefined) ?? operationId;
    if (result.kind === 'busy') {
      const retryAt = new Date(context.df.currentUtcDateTime.getTime() + busyRetryMs).toISOString();
      const facts = yield* record(context, input, { state: 'Pending', message: result.message, ...(operationId ? { operationId } : {}) });
      return { state: 'Pending', retryAt, facts };
    }
    if (result.kind === 'failed') {
      return { state: 'Failed', facts: yield* record(context, input, { state: 'Failed', completedTime: nowIso(context), error: result.error, ...(operationId ? { operationId } : {}) }) };
    }
  }
  return { state: 'Completed', facts: yield* record(context, input, { state: 'Completed', completedTime: nowIso(context), ...(operationId ? { operationId } : {}) }) };
}
