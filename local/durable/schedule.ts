/**
 * Turns what a replay newly scheduled into history events and work: activity work items,
 * timer messages and sub-orchestration instances. Pure apart from the id source.
 */
import { randomUUID } from 'node:crypto';
import { EventType, historyEvent, type HistoryEvent } from './history.js';
import type { Scheduled } from './sequencer-nodes.js';
import { RuntimeStatus, terminalStatuses, type ActivityRecord, type InstanceRecord, type MessageRecord } from './store.js';

/** The instance that schedules, and the services scheduling needs. */
export interface ScheduleContext {
  instance: InstanceRecord;
  now: number;
  nextId(): number;
  /** The registered name of an orchestrator, or undefined when there is none. */
  orchestratorName(name: string): string | undefined;
  getInstance(instanceId: string): InstanceRecord | undefined;
}

/** The events and work of newly scheduled tasks. */
export interface ScheduledWork {
  events: HistoryEvent[];
  messages: MessageRecord[];
  activities: ActivityRecord[];
  /** Sub-orchestration instances created (or replaced). */
  instances: InstanceRecord[];
}

/** Builds an instance record plus its ExecutionStarted message: a new execution of `name`. */
export function newExecution(
  ctx: { now: number; nextId(): number },
  fields: { instanceId: string; name: string; input: string | null; parent: InstanceRecord['parent']; createdTime?: number },
): { instance: InstanceRecord; message: MessageRecord } {
  const executionId = randomUUID().replace(/-/g, '');
  const instance: InstanceRecord = {
    ...fields, executionId, status: RuntimeStatus.Pending, output: null, customStatus: null,
    createdTime: fields.createdTime ?? ctx.now, lastUpdatedTime: ctx.now, parent: fields.parent,
  };
  const event = historyEvent(EventType.ExecutionStarted, ctx.now, {
    Name: fields.name, ...(fields.input === null ? {} : { Input: fields.input }), ...(fields.parent ? { ParentInstance: fields.parent } : {}),
  });
  return { instance, message: { id: ctx.nextId(), instanceId: fields.instanceId, executionId, visibleAt: ctx.now, event } };
}

/** Schedules `work` for `ctx.instance`. */
export function scheduleWork(ctx: ScheduleContext, work: readonly Scheduled[]): ScheduledWork {
  const out: ScheduledWork = { events: [], messages: [], activities: [], instances: [] };
  const { instanceId, executionId } = ctx.instance;
  const message = (event: HistoryEvent, visibleAt = ctx.now): void => {
    out.messages.push({ id: ctx.nextId(), instanceId, executionId, visibleAt, event });
  };
  for (const s of work) {
    if (s.kind === 'timer') {
      const fireAt = new Date(s.fireAt).toISOString();
      out.events.push(historyEvent(EventType.TimerCreated, ctx.now, { EventId: s.id, FireAt: fireAt }));
      if (!s.canceled()) message(historyEvent(EventType.TimerFired, s.fireAt, { TimerId: s.id, FireAt: fireAt }), s.fireAt);
    } else if (s.kind === 'activity') {
      out.events.push(historyEvent(EventType.TaskScheduled, ctx.now, { EventId: s.id, Name: s.name, ...(s.input === undefined ? {} : { Input: s.input }) }));
      if (s.failWith) message(historyEvent(EventType.TaskFailed, ctx.now, { TaskScheduledId: s.id, Reason: s.failWith.reason, Details: s.failWith.details }));
      else out.activities.push({ id: ctx.nextId(), instanceId, executionId, taskScheduledId: s.id, name: s.name, input: s.input });
    } else {
      out.events.push(historyEvent(EventType.SubOrchestrationInstanceCreated, ctx.now, {
        EventId: s.id, Name: s.name, InstanceId: s.instanceId, ...(s.input === undefined ? {} : { Input: s.input }),
      }));
      const fail = (reason: string): void => message(historyEvent(EventType.SubOrchestrationInstanceFailed, ctx.now, { TaskScheduledId: s.id, Reason: reason, Details: '' }));
      const name = ctx.orchestratorName(s.name);
      const existing = ctx.getInstance(s.instanceId);
      if (s.failWith) message(historyEvent(EventType.SubOrchestrationInstanceFailed, ctx.now, { TaskScheduledId: s.id, Reason: s.failWith.reason, Details: s.failWith.details }));
      else if (!name) fail(`The function '${s.name}' doesn't exist, is disabled, or is not an orchestrator function.`);
      else if (existing && !terminalStatuses.has(existing.status)) fail(`An orchestration with instance ID '${s.instanceId}' already exists and is ${existing.status}.`);
      else {
        const parent = { instanceId, executionId, taskScheduledId: s.id, name: ctx.instance.name };
        const child = newExecution(ctx, { instanceId: s.instanceId, name, input: s.input ?? null, parent });
        out.instances.push(child.instance);
        out.messages.push(child.message);
      }
    }
  }
  return out;
}
