/**
 * The engine's work loop: per-instance inboxes (each instance runs one step at a time, with
 * every waiting message in one batch), the activity queue, timers that fire from the clock,
 * and the concurrency limits. Every change is committed to the store first, then mirrored here.
 */
import type { Clock } from '../host/clock.js';
import { EventType, historyEvent, type HistoryEvent } from './history.js';
import type { FunctionRunner } from './runner.js';
import { runStep, type StepContext, type TimerLimits } from './step.js';
import { TimerQueue } from './timer-queue.js';
import { RuntimeStatus, terminalStatuses, type ActivityRecord, type CommitBatch, type DurableStore, type InstanceRecord, type MessageRecord } from './store.js';

/** What the dispatcher runs on. */
export interface DispatcherOptions {
  store: DurableStore;
  runner: FunctionRunner;
  clock: Clock;
  timers: TimerLimits;
  maxConcurrentActivityFunctions: number;
  maxConcurrentOrchestratorFunctions: number;
  onError(message: string, error: unknown): void;
}

const controlEvents = new Set<number>([EventType.ExecutionTerminated, EventType.ExecutionResumed]);

/** Counters since start: orchestrator replays, history events they were sent, activities run. */
export interface EngineStats {
  replays: number;
  historyEventsReplayed: number;
  activitiesRun: number;
}

/** Runs orchestration steps and activities until stopped. */
export class Dispatcher {
  readonly #o: DispatcherOptions;
  readonly #cache = new Map<string, { record: InstanceRecord; history: HistoryEvent[] }>();
  readonly #inbox = new Map<string, MessageRecord[]>();
  readonly #future: TimerQueue;
  readonly #ready = new Set<string>();
  readonly #running = new Set<string>();
  #activities: ActivityRecord[] = [];
  #activeActivities = 0;
  readonly #inFlight = new Set<Promise<void>>();
  #nextId = 1;
  #stopped = true;
  #idleWaiters: (() => void)[] = [];
  readonly #stats: EngineStats = { replays: 0, historyEventsReplayed: 0, activitiesRun: 0 };

  constructor(options: DispatcherOptions) {
    this.#o = options;
    this.#future = new TimerQueue(options.clock, (due) => {
      for (const m of due) this.#deliver(m);
      this.#pump();
    });
  }

  /** A copy of the counters. */
  stats(): EngineStats {
    return { ...this.#stats };
  }

  /** A new message or activity id; ids never repeat. */
  nextId(): number {
    return this.#nextId++;
  }

  /** The instance, from the working set or the store. */
  instance(instanceId: string): InstanceRecord | undefined {
    return this.#cache.get(instanceId)?.record ?? this.#o.store.getInstance(instanceId);
  }

  /** Loads queued work from the store and starts running it. */
  start(): void {
    const pending = this.#o.store.loadPending();
    this.#nextId = pending.maxId + 1;
    this.#stopped = false;
    this.#apply({ messages: pending.messages, activities: pending.activities });
    this.#future.start();
    this.#pump();
  }

  /** Stops taking work, waits for running steps and activities to commit. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#future.stop();
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  /** Commits `batch` and schedules what it makes runnable. */
  commit(batch: CommitBatch): void {
    this.#o.store.commit(batch);
    this.#apply(batch);
    this.#pump();
  }

  /** Resolves when nothing is queued, running or about to fire (future timers excepted). */
  waitForIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.#idleWaiters.push(resolve);
      this.#checkIdle();
    });
  }

  #apply(batch: CommitBatch): void {
    const gone = new Set(batch.deleteMessages ?? []);
    if (gone.size > 0) {
      for (const [id, list] of this.#inbox) {
        const left = list.filter((m) => !gone.has(m.id));
        if (left.length === 0) this.#inbox.delete(id);
        else if (left.length !== list.length) this.#inbox.set(id, left);
      }
      this.#future.remove(gone);
    }
    const doneActivities = new Set(batch.deleteActivities ?? []);
    if (doneActivities.size > 0) this.#activities = this.#activities.filter((a) => !doneActivities.has(a.id));
    for (const r of batch.instances ?? []) {
      if (terminalStatuses.has(r.status)) this.#cache.delete(r.instanceId);
      else {
        const history = batch.resetHistory?.includes(r.instanceId) ? [] : this.#cache.get(r.instanceId)?.history;
        if (history) this.#cache.set(r.instanceId, { record: r, history });
        else this.#cache.delete(r.instanceId);
      }
    }
    const now = this.#o.clock.now().getTime();
    for (const m of batch.messages ?? []) {
      if (m.visibleAt <= now) this.#deliver(m);
      else this.#future.add(m);
    }
    this.#activities.push(...(batch.activities ?? []));
  }

  #deliver(m: MessageRecord): void {
    const list = this.#inbox.get(m.instanceId);
    if (list) list.push(m);
    else this.#inbox.set(m.instanceId, [m]);
    this.#ready.add(m.instanceId);
  }

  #isRunnable(instanceId: string): boolean {
    const inbox = this.#inbox.get(instanceId);
    if (!inbox || inbox.length === 0 || this.#running.has(instanceId)) return false;
    if (this.instance(instanceId)?.status !== RuntimeStatus.Suspended) return true;
    return inbox.some((m) => controlEvents.has(m.event.EventType));
  }

  #track(work: Promise<void>): void {
    this.#inFlight.add(work);
    void work.finally(() => {
      this.#inFlight.delete(work);
      this.#pump();
    });
  }

  #pump(): void {
    if (this.#stopped) return this.#checkIdle();
    for (const id of this.#ready) {
      if (this.#running.size >= this.#o.maxConcurrentOrchestratorFunctions) break;
      this.#ready.delete(id);
      if (!this.#isRunnable(id)) continue;
      this.#running.add(id);
      this.#track(this.#step(id).finally(() => {
        this.#running.delete(id);
        if (this.#inbox.has(id)) this.#ready.add(id);
      }));
    }
    while (this.#activeActivities < this.#o.maxConcurrentActivityFunctions && this.#activities.length > 0) {
      const next = this.#activities.shift();
      if (!next) break;
      this.#activeActivities += 1;
      this.#track(this.#activity(next).finally(() => {
        this.#activeActivities -= 1;
      }));
    }
    this.#checkIdle();
  }

  async #step(instanceId: string): Promise<void> {
    const messages = [...(this.#inbox.get(instanceId) ?? [])];
    const taken = new Set(messages);
    try {
      const cached = this.#cache.get(instanceId);
      const record = cached?.record ?? this.#o.store.getInstance(instanceId);
      if (!record) return this.commit({ deleteMessages: messages.map((m) => m.id) });
      const history = cached?.history ?? this.#o.store.getHistory(instanceId);
      const ctx: StepContext = {
        now: this.#o.clock.now().getTime(),
        nextId: () => this.nextId(),
        runner: this.#o.runner,
        timers: this.#o.timers,
        getInstance: (id) => this.instance(id),
        queued: (id) => [...(this.#inbox.get(id) ?? []), ...this.#future.forInstance(id)].filter((m) => !taken.has(m)),
      };
      const result = await runStep(ctx, record, history, messages);
      if (result.replayed) {
        this.#stats.replays += 1;
        this.#stats.historyEventsReplayed += result.replayed;
      }
      this.#o.store.commit(result.batch);
      this.#apply(result.batch);
      if (!terminalStatuses.has(result.instance.status)) this.#cache.set(instanceId, { record: result.instance, history: result.history });
    } catch (error) {
      this.#o.onError(`The orchestration step of instance '${instanceId}' failed; its messages stay queued until the next start.`, error);
      const inbox = this.#inbox.get(instanceId);
      if (inbox) this.#inbox.set(instanceId, inbox.filter((m) => !taken.has(m)));
    }
  }

  async #activity(a: ActivityRecord): Promise<void> {
    const outcome = await this.#o.runner.runActivity(a.name, a.input);
    this.#stats.activitiesRun += 1;
    const now = this.#o.clock.now().getTime();
    const event = outcome.ok
      ? historyEvent(EventType.TaskCompleted, now, { TaskScheduledId: a.taskScheduledId, Result: outcome.result })
      : historyEvent(EventType.TaskFailed, now, { TaskScheduledId: a.taskScheduledId, Reason: outcome.reason, Details: outcome.details });
    this.commit({ deleteActivities: [a.id], messages: [{ id: this.nextId(), instanceId: a.instanceId, executionId: a.executionId, visibleAt: now, event }] });
  }

  #checkIdle(): void {
    if (this.#idleWaiters.length === 0) return;
    const busy = this.#inFlight.size > 0 || this.#activities.length > 0 || [...this.#ready].some((id) => this.#isRunnable(id)) || !this.#future.settled;
    if (busy) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    setImmediate(() => waiters.forEach((resolve) => resolve()));
  }
}
