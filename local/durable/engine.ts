/**
 * The local Durable engine: runs the app's real `durable-functions` orchestrations against a
 * persisted, append-only history, and offers the management operations the Durable HTTP API
 * exposes. Create it, `start()` it (which resumes everything the store holds), `stop()` it.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { SystemClock, type Clock } from '../host/clock.js';
import { Dispatcher, type EngineStats } from './dispatcher.js';
import { EventType, historyEvent, type HistoryEvent } from './history.js';
import type { FunctionRunner } from './runner.js';
import { newExecution } from './schedule.js';
import { toStatus, type InstanceStatus, type StatusOptions } from './status.js';
import { terminalStatuses, type DurableStore } from './store.js';
import { parseTimeSpan } from './timespan.js';

export type { InstanceStatus } from './status.js';
export type { EngineStats } from './dispatcher.js';

/** How to build an engine. Limits default as on Azure: 10 per processor. */
export interface DurableEngineOptions {
  store: DurableStore;
  runner: FunctionRunner;
  clock?: Clock;
  maxConcurrentActivityFunctions?: number;
  maxConcurrentOrchestratorFunctions?: number;
  /** TimeSpan text; timers longer than this are split into sub-timers. Default 6 days. */
  maximumShortTimerDuration?: string;
  /** TimeSpan text; the length of each sub-timer of a long timer. Default 3 days. */
  longRunningTimerIntervalDuration?: string;
  onError?: (message: string, error: unknown) => void;
}

/** An engine error with a machine-readable `code`. */
export class DurableEngineError extends Error {
  override readonly name = 'DurableEngineError';
  constructor(readonly code: 'UnknownFunction' | 'InstanceExists', message: string) {
    super(message);
  }
}

/** Filter of {@link DurableEngine.query}. `top` is the page size (all when absent). */
export interface QueryFilter {
  createdTimeFrom?: Date;
  createdTimeTo?: Date;
  runtimeStatus?: string[];
  instanceIdPrefix?: string;
  showInput?: boolean;
  top?: number;
  continuationToken?: string;
}

/** The outcome of an operation on an instance: `gone` when it is Completed, Failed or Terminated. */
export type OperationResult = 'ok' | 'notFound' | 'gone';

/** The Durable engine of the local host. */
export class DurableEngine {
  readonly #store: DurableStore;
  readonly #runner: FunctionRunner;
  readonly #clock: Clock;
  readonly #dispatcher: Dispatcher;

  constructor(options: DurableEngineOptions) {
    this.#store = options.store;
    this.#runner = options.runner;
    this.#clock = options.clock ?? new SystemClock();
    const perCpu = 10 * os.availableParallelism();
    const maximumShortTimerDuration = options.maximumShortTimerDuration ?? '6.00:00:00';
    const longRunningTimerIntervalDuration = options.longRunningTimerIntervalDuration ?? '3.00:00:00';
    this.#dispatcher = new Dispatcher({
      store: options.store,
      runner: options.runner,
      clock: this.#clock,
      timers: {
        maximumShortTimerDuration, longRunningTimerIntervalDuration,
        maximumShortTimerMs: parseTimeSpan(maximumShortTimerDuration),
        longRunningTimerIntervalMs: parseTimeSpan(longRunningTimerIntervalDuration),
      },
      maxConcurrentActivityFunctions: options.maxConcurrentActivityFunctions ?? perCpu,
      maxConcurrentOrchestratorFunctions: options.maxConcurrentOrchestratorFunctions ?? perCpu,
      onError: options.onError ?? ((message, error) => console.error(message, error)),
    });
  }

  /** Resumes every instance, activity and timer the store holds. */
  async start(): Promise<void> {
    this.#dispatcher.start();
  }

  /** Lets running steps and activities commit, stops the timers and closes the store. */
  async stop(): Promise<void> {
    await this.#dispatcher.stop();
    this.#store.close();
  }

  /** Counters since start (replays, history events replayed, activities run). */
  stats(): EngineStats {
    return this.#dispatcher.stats();
  }

  /** Resolves when no step or activity is queued or running (timers still to fire excepted). */
  waitForIdle(): Promise<void> {
    return this.#dispatcher.waitForIdle();
  }

  /**
   * Starts orchestrator `name`; resolves to the instance id. Rejects with code `UnknownFunction`
   * for an unknown orchestrator and `InstanceExists` when the id is in use by an unfinished
   * instance; a finished instance with that id is replaced.
   */
  async startNew(name: string, options: { instanceId?: string; input?: unknown } = {}): Promise<string> {
    const registered = this.#runner.orchestratorName(name);
    if (!registered) throw new DurableEngineError('UnknownFunction', `The function '${name}' doesn't exist, is disabled, or is not an orchestrator function.`);
    const instanceId = options.instanceId ?? randomUUID().replace(/-/g, '');
    const existing = this.#dispatcher.instance(instanceId);
    if (existing && !terminalStatuses.has(existing.status)) {
      throw new DurableEngineError('InstanceExists', `An orchestration with instance ID '${instanceId}' already exists and is ${existing.status}.`);
    }
    const input = options.input === undefined ? null : JSON.stringify(options.input);
    const { instance, message } = newExecution(this.#context(), { instanceId, name: registered, input, parent: null });
    this.#dispatcher.commit({ instances: [instance], resetHistory: [instanceId], messages: [message] });
    return instanceId;
  }

  /** The status of an instance (input shown unless `showInput` is false), or undefined. */
  async getStatus(instanceId: string, options: StatusOptions = {}): Promise<InstanceStatus | undefined> {
    const record = this.#dispatcher.instance(instanceId);
    return record && toStatus(record, options, () => this.#store.getHistory(instanceId));
  }

  /** One page of instances matching `filter`, oldest first; input shown only with `showInput`. */
  async query(filter: QueryFilter = {}): Promise<{ instances: InstanceStatus[]; continuationToken: string | undefined }> {
    const offset = filter.continuationToken ? Number(Buffer.from(filter.continuationToken, 'base64url').toString()) || 0 : 0;
    const rows = this.#store.listInstances({
      ...(filter.createdTimeFrom ? { createdTimeFrom: filter.createdTimeFrom.getTime() } : {}),
      ...(filter.createdTimeTo ? { createdTimeTo: filter.createdTimeTo.getTime() } : {}),
      ...(filter.runtimeStatus ? { statuses: filter.runtimeStatus } : {}),
      ...(filter.instanceIdPrefix !== undefined ? { instanceIdPrefix: filter.instanceIdPrefix } : {}),
      offset,
      ...(filter.top !== undefined ? { limit: filter.top + 1 } : {}),
    });
    const more = filter.top !== undefined && rows.length > filter.top;
    const page = more ? rows.slice(0, filter.top) : rows;
    return {
      instances: page.map((r) => toStatus(r, { showInput: filter.showInput === true }, () => [])),
      continuationToken: more ? Buffer.from(String(offset + page.length)).toString('base64url') : undefined,
    };
  }

  /** The current execution's raw history (PascalCase DTFx events), oldest first; empty if none. */
  async history(instanceId: string): Promise<HistoryEvent[]> {
    return this.#store.getHistory(instanceId);
  }

  /** Raises `eventName` with `data`; buffered by the orchestration until it waits for it. */
  async raiseEvent(instanceId: string, eventName: string, data: unknown): Promise<OperationResult> {
    return this.#send(instanceId, historyEvent(EventType.EventRaised, this.#now(), { Name: eventName, ...(data === undefined ? {} : { Input: JSON.stringify(data) }) }));
  }

  /** Terminates the instance; its output becomes `reason`. */
  async terminate(instanceId: string, reason: string): Promise<OperationResult> {
    return this.#send(instanceId, historyEvent(EventType.ExecutionTerminated, this.#now(), { Input: JSON.stringify(reason) }));
  }

  /** Suspends the instance: nothing is delivered to it until it is resumed (events queue up). */
  async suspend(instanceId: string, reason: string): Promise<OperationResult> {
    return this.#send(instanceId, historyEvent(EventType.ExecutionSuspended, this.#now(), { Reason: reason }));
  }

  /** Resumes a suspended instance. */
  async resume(instanceId: string, reason: string): Promise<OperationResult> {
    return this.#send(instanceId, historyEvent(EventType.ExecutionResumed, this.#now(), { Reason: reason }));
  }

  /** Deletes a finished (Completed, Failed, Terminated) instance; resolves to 1, or 0 if none. */
  async purge(instanceId: string): Promise<number> {
    const record = this.#dispatcher.instance(instanceId);
    if (!record || !terminalStatuses.has(record.status)) return 0;
    return this.#store.purge([instanceId]);
  }

  /** Deletes the finished instances created in the range (and with the statuses) given. */
  async purgeBy(filter: { createdTimeFrom: Date; createdTimeTo?: Date; runtimeStatus?: string[] }): Promise<number> {
    const rows = this.#store.listInstances({
      createdTimeFrom: filter.createdTimeFrom.getTime(),
      createdTimeTo: (filter.createdTimeTo ?? this.#clock.now()).getTime(),
      ...(filter.runtimeStatus ? { statuses: filter.runtimeStatus } : {}),
    });
    return this.#store.purge(rows.filter((r) => terminalStatuses.has(r.status)).map((r) => r.instanceId));
  }

  /** Starts the instance's orchestrator again with its input; undefined when not found. */
  async restart(instanceId: string, options: { restartWithNewInstanceId: boolean }): Promise<string | undefined> {
    const record = this.#dispatcher.instance(instanceId);
    if (!record) return undefined;
    return this.startNew(record.name, {
      ...(options.restartWithNewInstanceId ? {} : { instanceId }),
      ...(record.input === null ? {} : { input: JSON.parse(record.input) as unknown }),
    });
  }

  #now(): number {
    return this.#clock.now().getTime();
  }

  #context(): { now: number; nextId(): number } {
    return { now: this.#now(), nextId: () => this.#dispatcher.nextId() };
  }

  #send(instanceId: string, event: HistoryEvent): OperationResult {
    const record = this.#dispatcher.instance(instanceId);
    if (!record) return 'notFound';
    if (terminalStatuses.has(record.status)) return 'gone';
    this.#dispatcher.commit({ messages: [{ id: this.#dispatcher.nextId(), instanceId, executionId: null, visibleAt: this.#now(), event }] });
    return 'ok';
  }
}
