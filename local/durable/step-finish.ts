import { EventType, historyEvent, type HistoryEvent } from './history.js';
import type { StepContext, StepResult } from './step.js';
import { RuntimeStatus, type CommitBatch, type InstanceRecord } from './store.js';

/** How an execution ends: status, output (JSON text) and, for failures, the reason. */
export interface Finish {
  status: typeof RuntimeStatus.Completed | typeof RuntimeStatus.Failed | typeof RuntimeStatus.Terminated;
  output: string | null;
  reason?: string;
  details?: string;
}

/**
 * Ends an execution: appends ExecutionCompleted and OrchestratorCompleted after `appended`,
 * drops every message still queued for the instance (timers included), stores the final status
 * and reports the outcome to the parent orchestration, if any, in the same commit.
 */
export function finishInstance(
  ctx: StepContext, instance: InstanceRecord, history: readonly HistoryEvent[], appended: readonly HistoryEvent[],
  batch: CommitBatch, finish: Finish, now: number,
): StepResult {
  const completed = historyEvent(EventType.ExecutionCompleted, now, {
    OrchestrationStatus: finish.status,
    ...(finish.output === null ? {} : { Result: finish.output }),
    ...(finish.reason === undefined ? {} : { Reason: finish.reason, Details: finish.details ?? '' }),
  });
  const events = [...appended, completed, historyEvent(EventType.OrchestratorCompleted, now)];
  const final: InstanceRecord = { ...instance, status: finish.status, output: finish.output, lastUpdatedTime: now };
  const messages = (batch.messages ?? []).filter((m) => m.instanceId !== instance.instanceId);
  const parent = instance.parent;
  if (parent) {
    const event = finish.status === RuntimeStatus.Completed
      ? historyEvent(EventType.SubOrchestrationInstanceCompleted, now, { TaskScheduledId: parent.taskScheduledId, Result: finish.output ?? 'null' })
      : historyEvent(EventType.SubOrchestrationInstanceFailed, now, {
          TaskScheduledId: parent.taskScheduledId,
          Reason: `Sub-orchestration '${instance.name}' (instance '${instance.instanceId}') ${finish.status === RuntimeStatus.Terminated ? 'was terminated' : 'failed'}: ${finish.reason ?? ''}`,
          Details: finish.details ?? '',
        });
    messages.push({ id: ctx.nextId(), instanceId: parent.instanceId, executionId: parent.executionId, visibleAt: now, event });
  }
  const deleteMessages = [...(batch.deleteMessages ?? []), ...ctx.queued(instance.instanceId).map((m) => m.id)];
  return {
    batch: { ...batch, deleteMessages, messages, instances: [...(batch.instances ?? []), final], history: [{ instanceId: instance.instanceId, events }] },
    instance: final,
    history: [...history, ...events],
  };
}
