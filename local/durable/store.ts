/**
 * The durable store: instances, their append-only histories, queued messages (including
 * timers, which are messages that become visible at their fire time) and activity work items.
 * Every change goes through {@link DurableStore.commit}, one atomic transaction.
 * Methods are synchronous: both implementations (SQLite, memory) are in-process.
 */
import type { HistoryEvent, ParentInstance } from './history.js';

/** Runtime statuses as the Durable HTTP API reports them. */
export const RuntimeStatus = {
  Pending: 'Pending',
  Running: 'Running',
  Completed: 'Completed',
  ContinuedAsNew: 'ContinuedAsNew',
  Failed: 'Failed',
  Terminated: 'Terminated',
  Suspended: 'Suspended',
} as const;

/** One of {@link RuntimeStatus}. */
export type RuntimeStatusName = (typeof RuntimeStatus)[keyof typeof RuntimeStatus];

/** Statuses after which an instance receives nothing more. */
export const terminalStatuses: ReadonlySet<string> = new Set([RuntimeStatus.Completed, RuntimeStatus.Failed, RuntimeStatus.Terminated]);

/** An orchestration instance. JSON fields hold JSON text or null. Times are epoch ms. */
export interface InstanceRecord {
  instanceId: string;
  executionId: string;
  name: string;
  status: RuntimeStatusName;
  input: string | null;
  output: string | null;
  customStatus: string | null;
  createdTime: number;
  lastUpdatedTime: number;
  parent: ParentInstance | null;
}

/**
 * A message to an instance: the history event it appends when delivered. `executionId` null
 * means any execution (external events, management operations). Invisible before `visibleAt`.
 */
export interface MessageRecord {
  id: number;
  instanceId: string;
  executionId: string | null;
  visibleAt: number;
  event: HistoryEvent;
}

/** An activity to run; its completion becomes a TaskCompleted/TaskFailed message. */
export interface ActivityRecord {
  id: number;
  instanceId: string;
  executionId: string;
  taskScheduledId: number;
  name: string;
  /** JSON text of the input, or undefined for none. */
  input: string | undefined;
}

/** The changes of one transaction. */
export interface CommitBatch {
  /** Inserted or replaced whole. */
  instances?: InstanceRecord[];
  /** Instances whose history is cleared before `history` is appended (new executions). */
  resetHistory?: string[];
  /** Appended to each instance's history in order. */
  history?: { instanceId: string; events: HistoryEvent[] }[];
  messages?: MessageRecord[];
  deleteMessages?: number[];
  activities?: ActivityRecord[];
  deleteActivities?: number[];
}

/** Filter for {@link DurableStore.listInstances}; every field optional. */
export interface InstanceFilter {
  createdTimeFrom?: number;
  createdTimeTo?: number;
  statuses?: string[];
  instanceIdPrefix?: string;
  /** Rows to skip (paging) and the page size. */
  offset?: number;
  limit?: number;
}

/** What a restart resumes from. */
export interface PendingWork {
  messages: MessageRecord[];
  activities: ActivityRecord[];
  /** The largest message or activity id ever used (ids never repeat). */
  maxId: number;
}

/** Persistence for the durable engine. */
export interface DurableStore {
  /** Every queued message and activity, oldest first. */
  loadPending(): PendingWork;
  getInstance(instanceId: string): InstanceRecord | undefined;
  /** The current execution's history, oldest first. */
  getHistory(instanceId: string): HistoryEvent[];
  /** Instances matching `filter`, ordered by created time then id. */
  listInstances(filter: InstanceFilter): InstanceRecord[];
  /** Applies `batch` atomically: all of it or, on error, none of it. */
  commit(batch: CommitBatch): void;
  /** Deletes instances with their history, messages and activities; returns how many existed. */
  purge(instanceIds: readonly string[]): number;
  close(): void;
}
