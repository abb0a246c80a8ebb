/**
 * What the Durable HTTP API needs from an orchestration engine: the management operations of
 * the Durable extension's client (start, status, query, events, lifecycle, purge, restart).
 * The local engine (`local/durable`) implements it.
 */
import type { InstanceStatus } from '../durable/status.js';

/** Runtime statuses as the extension names them. */
export const runtimeStatuses = ['Pending', 'Running', 'Completed', 'ContinuedAsNew', 'Failed', 'Terminated', 'Suspended', 'Canceled'] as const;
/** One of {@link runtimeStatuses}. */
export type RuntimeStatus = (typeof runtimeStatuses)[number];

/** An instance's status as the HTTP API returns it (the engine's own type). */
export type { InstanceStatus };

/** Filters of the query and purge-by operations. */
export interface InstanceFilter {
  createdTimeFrom?: Date;
  createdTimeTo?: Date;
  runtimeStatus?: string[];
  instanceIdPrefix?: string;
}

/** The outcome of an operation on one instance. */
export type InstanceOperationResult = 'ok' | 'notFound' | 'gone';

/** The engine operations behind the HTTP API. */
export interface DurableManagement {
  startNew(name: string, options?: { instanceId?: string; input?: unknown }): Promise<string>;
  getStatus(instanceId: string, options: { showHistory?: boolean; showHistoryOutput?: boolean; showInput?: boolean }): Promise<InstanceStatus | undefined>;
  query(filter: InstanceFilter & { showInput?: boolean; top?: number; continuationToken?: string }): Promise<{ instances: InstanceStatus[]; continuationToken: string | undefined }>;
  raiseEvent(instanceId: string, eventName: string, data: unknown): Promise<InstanceOperationResult>;
  terminate(instanceId: string, reason: string): Promise<InstanceOperationResult>;
  suspend(instanceId: string, reason: string): Promise<InstanceOperationResult>;
  resume(instanceId: string, reason: string): Promise<InstanceOperationResult>;
  purge(instanceId: string): Promise<number>;
  purgeBy(filter: InstanceFilter & { createdTimeFrom: Date }): Promise<number>;
  restart(instanceId: string, options: { restartWithNewInstanceId: boolean }): Promise<string | undefined>;
}

