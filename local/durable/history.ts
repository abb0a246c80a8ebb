/**
 * Durable Task Framework history events in the PascalCase shape the Durable extension hands
 * to the Node SDK (see reference B.5). The engine stores exactly this shape; `IsPlayed` is
 * computed when a history is sent to the orchestrator, never stored.
 */

/** `HistoryEventType` numbers as the SDK reads them (src/history/HistoryEventType.ts). */
export const EventType = {
  ExecutionStarted: 0,
  ExecutionCompleted: 1,
  ExecutionFailed: 2,
  ExecutionTerminated: 3,
  TaskScheduled: 4,
  TaskCompleted: 5,
  TaskFailed: 6,
  SubOrchestrationInstanceCreated: 7,
  SubOrchestrationInstanceCompleted: 8,
  SubOrchestrationInstanceFailed: 9,
  TimerCreated: 10,
  TimerFired: 11,
  OrchestratorStarted: 12,
  OrchestratorCompleted: 13,
  EventSent: 14,
  EventRaised: 15,
  ContinueAsNew: 16,
  GenericEvent: 17,
  HistoryState: 18,
  ExecutionSuspended: 19,
  ExecutionResumed: 20,
} as const;

/** One of the {@link EventType} numbers. */
export type EventTypeNumber = (typeof EventType)[keyof typeof EventType];

/** The name of an event type, e.g. `TaskCompleted`. */
export type EventTypeName = keyof typeof EventType;

const namesByNumber = new Map<number, EventTypeName>(Object.entries(EventType).map(([name, n]) => [n, name as EventTypeName]));

/** The name of an event type number; `GenericEvent` for an unknown number. */
export function eventTypeName(type: number): EventTypeName {
  return namesByNumber.get(type) ?? 'GenericEvent';
}

/**
 * A history event. `EventId` is the sequence id for scheduling events (TaskScheduled,
 * TimerCreated, SubOrchestrationInstanceCreated) and -1 otherwise. `Input`, `Result` are JSON
 * text; `Reason`/`Details` are plain strings (the SDK builds `Error(Reason + " \n " + Details)`).
 */
export interface HistoryEvent {
  EventType: EventTypeNumber;
  EventId: number;
  Timestamp: string;
  IsPlayed?: boolean;
  Name?: string;
  Input?: string;
  Result?: string;
  Reason?: string;
  Details?: string;
  TaskScheduledId?: number;
  TimerId?: number;
  FireAt?: string;
  InstanceId?: string;
  OrchestrationStatus?: string;
  /** ExecutionStarted only: the parent orchestration, for sub-orchestrations. */
  ParentInstance?: ParentInstance;
}

/** The parent of a sub-orchestration: where its completion is reported. */
export interface ParentInstance {
  instanceId: string;
  executionId: string;
  taskScheduledId: number;
  name: string;
}

/** Builds an event of `type` at `at`, with `EventId` -1 unless given in `fields`. */
export function historyEvent(type: EventTypeNumber, at: number, fields: Omit<HistoryEvent, 'EventType' | 'Timestamp'> | Partial<HistoryEvent> = {}): HistoryEvent {
  return { EventType: type, EventId: -1, Timestamp: new Date(at).toISOString(), ...fields };
}

/** The completion key of an event (`TaskScheduledId`, `TimerId`), when it completes a task. */
export function completionId(event: HistoryEvent): number | undefined {
  switch (event.EventType) {
    case EventType.TaskCompleted:
    case EventType.TaskFailed:
    case EventType.SubOrchestrationInstanceCompleted:
    case EventType.SubOrchestrationInstanceFailed:
      return event.TaskScheduledId;
    case EventType.TimerFired:
      return event.TimerId;
    default:
      return undefined;
  }
}

/** Whether an event schedules work under its `EventId` (and so takes a sequence id). */
export function isSchedulingEvent(event: HistoryEvent): boolean {
  return event.EventType === EventType.TaskScheduled || event.EventType === EventType.TimerCreated || event.EventType === EventType.SubOrchestrationInstanceCreated;
}
