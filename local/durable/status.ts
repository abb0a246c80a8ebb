/**
 * The instance status payload of the Durable HTTP API, and the history form it shows
 * (`showHistory`): the extension's shape, with OrchestratorStarted/Completed dropped and
 * scheduling events folded into their completions (FunctionName, ScheduledTime).
 */
import { EventType, eventTypeName, type HistoryEvent } from './history.js';
import type { InstanceRecord } from './store.js';

/** The status of one instance, as `GET instances/{id}` returns it. */
export interface InstanceStatus {
  name: string;
  instanceId: string;
  runtimeStatus: string;
  input: unknown;
  customStatus: unknown;
  output: unknown;
  createdTime: string;
  lastUpdatedTime: string;
  historyEvents?: Record<string, unknown>[];
}

/** What to include in a status. */
export interface StatusOptions {
  showHistory?: boolean;
  showHistoryOutput?: boolean;
  showInput?: boolean;
}

/** ISO time without milliseconds (.NET "s" format plus "Z"). */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

const parse = (text: string | null | undefined): unknown => (text === null || text === undefined ? null : (JSON.parse(text) as unknown));

/** Builds the status payload of `record`; `history` is used only with `showHistory`. */
export function toStatus(record: InstanceRecord, options: StatusOptions, history: () => HistoryEvent[]): InstanceStatus {
  const status: InstanceStatus = {
    name: record.name,
    instanceId: record.instanceId,
    runtimeStatus: record.status,
    input: options.showInput === false ? null : parse(record.input),
    customStatus: parse(record.customStatus),
    output: parse(record.output),
    createdTime: isoSeconds(record.createdTime),
    lastUpdatedTime: isoSeconds(record.lastUpdatedTime),
  };
  if (options.showHistory) status.historyEvents = historyForStatus(history(), options.showHistoryOutput === true);
  return status;
}

/** Maps stored history to the extension's `historyEvents` JSON. */
export function historyForStatus(history: readonly HistoryEvent[], showOutput: boolean): Record<string, unknown>[] {
  const scheduled = new Map<number, HistoryEvent>();
  const out: Record<string, unknown>[] = [];
  for (const e of history) {
    const at = Date.parse(e.Timestamp);
    const base: Record<string, unknown> = { EventType: eventTypeName(e.EventType), Timestamp: isoSeconds(at) };
    switch (e.EventType) {
      case EventType.OrchestratorStarted:
      case EventType.OrchestratorCompleted:
        break;
      case EventType.TaskScheduled:
      case EventType.SubOrchestrationInstanceCreated:
        scheduled.set(e.EventId, e);
        break;
      case EventType.ExecutionStarted:
        out.push({ ...base, FunctionName: e.Name, ...(showOutput ? { Input: parse(e.Input) } : {}) });
        break;
      case EventType.TaskCompleted:
      case EventType.TaskFailed:
      case EventType.SubOrchestrationInstanceCompleted:
      case EventType.SubOrchestrationInstanceFailed: {
        const origin = scheduled.get(e.TaskScheduledId ?? -1);
        out.push({
          ...base, TaskScheduledId: e.TaskScheduledId, FunctionName: origin?.Name,
          ...(origin?.InstanceId ? { InstanceId: origin.InstanceId } : {}),
          ...(origin ? { ScheduledTime: origin.Timestamp } : {}),
          ...(e.Reason !== undefined ? { Reason: e.Reason, Details: e.Details } : {}),
          ...(showOutput && e.Result !== undefined ? { Result: parse(e.Result) } : {}),
        });
        break;
      }
      case EventType.TimerCreated:
        out.push({ ...base, FireAt: e.FireAt });
        break;
      case EventType.TimerFired:
        out.push({ ...base, TimerId: e.TimerId, FireAt: e.FireAt });
        break;
      case EventType.EventRaised:
        out.push({ ...base, Name: e.Name, ...(showOutput ? { Input: parse(e.Input) } : {}) });
        break;
      case EventType.ExecutionCompleted:
        out.push({
          ...base, OrchestrationStatus: e.OrchestrationStatus,
          ...(e.Reason !== undefined ? { Reason: e.Reason, Details: e.Details } : {}),
          ...(showOutput ? { Result: parse(e.Result) } : {}),
        });
        break;
      default:
        out.push({ ...base, ...(e.Input !== undefined && showOutput ? { Input: parse(e.Input) } : {}) });
    }
  }
  return out;
}
