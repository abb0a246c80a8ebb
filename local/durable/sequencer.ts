/**
 * Replays an execution's history against the orchestrator's cumulative action list and hands
 * out sequence ids exactly as the SDK and the Durable Task Framework do: in yield order, one
 * id per activity / timer / sub-orchestration (more for retries and long timers), none for
 * external events. Pure: history and actions in, every scheduled id out.
 */
import { ActionType, unwrapProcessedInput, type Action } from './actions.js';
import { EventType, type HistoryEvent } from './history.js';
import { AllNode, AnyNode, EventNode, failureOf, IdNode, LongTimerNode, RetryNode, type Failure, type Scheduled, type SimNode, type Tracker } from './sequencer-nodes.js';

/** What the walk needs besides history and actions. */
export interface SequencerOptions {
  instanceId: string;
  maximumShortTimerMs: number;
  longRunningTimerIntervalMs: number;
  /** The orchestrator returned, continued as new or threw: later history is not processed. */
  finished: boolean;
}

/** The outcome of a walk. */
export interface SequencerResult {
  /** Every id the replay hands out, in order. */
  scheduled: Scheduled[];
  /** EventRaised events no wait consumed (continueAsNew carries them over). */
  unconsumedEvents: HistoryEvent[];
  /** Set when the actions use something the local engine does not support. */
  unsupported: string | undefined;
  /** The ContinueAsNew action's input, when the orchestrator continued as new. */
  continueAsNew: { input: unknown } | undefined;
}

const json = (value: unknown): string | undefined => (value === undefined ? undefined : JSON.stringify(value));

const deliverable = new Set<number>([
  EventType.TaskCompleted, EventType.TaskFailed, EventType.SubOrchestrationInstanceCompleted,
  EventType.SubOrchestrationInstanceFailed, EventType.TimerFired, EventType.EventRaised,
]);

const entityActions = new Set<number>([ActionType.CallEntity, ActionType.SignalEntity, ActionType.LockEntities, ActionType.ReleaseEntities]);

class Walk implements Tracker {
  now = 0;
  seq = 0;
  readonly scheduled: Scheduled[] = [];
  readonly open = new Map<number, IdNode>();
  readonly waits = new Map<string, EventNode[]>();
  readonly deferred = new Map<string, HistoryEvent[]>();
  unsupported: string | undefined;
  continueAsNew: { input: unknown } | undefined;

  constructor(readonly options: SequencerOptions) {}

  track(node: SimNode): void {
    if (node instanceof IdNode) {
      const id = this.seq++;
      this.open.set(id, node);
      this.scheduled.push(node.make(id));
      this.#flushDeferred(`#${id}`);
    } else if (node instanceof EventNode) {
      this.waits.set(node.eventName, [...(this.waits.get(node.eventName) ?? []), node]);
      this.#flushDeferred(node.eventName);
    } else {
      for (const kid of [...node.children()]) this.track(kid);
    }
  }

  #flushDeferred(key: string): void {
    const queue = this.deferred.get(key);
    const next = queue?.shift();
    if (queue?.length === 0) this.deferred.delete(key);
    if (next) this.deliver(next);
  }

  /** Delivers a completion or EventRaised event, deferring it when nothing waits for it yet. */
  deliver(event: HistoryEvent): void {
    const isEvent = event.EventType === EventType.EventRaised;
    const key = isEvent ? (event.Name ?? '') : `#${event.EventType === EventType.TimerFired ? event.TimerId : event.TaskScheduledId}`;
    let node: SimNode | undefined;
    if (isEvent) {
      const list = this.waits.get(key);
      node = list?.pop();
      if (list?.length === 0) this.waits.delete(key);
    } else {
      const id = Number(key.slice(1));
      node = this.open.get(id);
      this.open.delete(id);
    }
    if (!node) {
      this.deferred.set(key, [...(this.deferred.get(key) ?? []), event]);
      return;
    }
    const ok = event.EventType !== EventType.TaskFailed && event.EventType !== EventType.SubOrchestrationInstanceFailed;
    node.settle(ok, ok ? undefined : failureOf(event), this);
  }

  build(action: Action): SimNode | undefined {
    const { instanceId, maximumShortTimerMs, longRunningTimerIntervalMs } = this.options;
    const name = action.functionName ?? '';
    const activity = (failWith?: Failure): IdNode =>
      new IdNode((id) => ({ kind: 'activity', id, name, input: json(unwrapProcessedInput(action.input)), ...(failWith ? { failWith } : {}) }));
    const sub = (failWith?: Failure): IdNode =>
      new IdNode((id) => ({
        kind: 'subOrchestration', id, name,
        instanceId: action.instanceId ?? `${instanceId}:${id.toString(16).padStart(16, '0')}`,
        input: json(action.input), ...(failWith ? { failWith } : {}),
      }));
    const timer = (fireAt: number, canceled: () => boolean = () => false): IdNode => new IdNode((id) => ({ kind: 'timer', id, fireAt, canceled }));
    const retry = (attempt: (failWith: Failure | undefined) => IdNode): RetryNode => {
      const o = action.retryOptions;
      const policy = {
        maxNumberOfAttempts: o?.maxNumberOfAttempts ?? 1,
        firstRetryIntervalMs: o?.firstRetryIntervalInMilliseconds ?? 0,
        backoffCoefficient: o?.backoffCoefficient ?? 1,
        maxRetryIntervalMs: o?.maxRetryIntervalInMilliseconds ?? 0,
        retryTimeoutMs: o?.retryTimeoutInMilliseconds ?? 0,
      };
      return new RetryNode(attempt, (fireAt) => timer(fireAt), policy, this.now);
    };
    switch (action.actionType) {
      case ActionType.CallActivity: return activity();
      case ActionType.CallActivityWithRetry: return retry(activity);
      case ActionType.CallSubOrchestrator: return sub();
      case ActionType.CallSubOrchestratorWithRetry: return retry(sub);
      case ActionType.WaitForExternalEvent: return new EventNode(action.externalEventName ?? '');
      case ActionType.CreateTimer: {
        const fireAt = Date.parse(action.fireAt ?? '');
        const canceled = (): boolean => action.isCanceled === true;
        if (fireAt - this.now <= maximumShortTimerMs) return timer(fireAt, canceled);
        return new LongTimerNode(fireAt, (at) => timer(at, canceled), maximumShortTimerMs, longRunningTimerIntervalMs, this.now);
      }
      case ActionType.WhenAll:
      case ActionType.WhenAny: {
        const kids = (action.compoundActions ?? []).map((a) => this.build(a));
        if (kids.some((k) => k === undefined)) return undefined;
        const defined = kids.filter((k): k is SimNode => k !== undefined);
        return action.actionType === ActionType.WhenAll ? new AllNode(defined) : new AnyNode(defined);
      }
      default:
        this.unsupported = entityActions.has(action.actionType)
          ? 'Durable entities are not supported by the local engine (entity action in the orchestration).'
          : action.actionType === ActionType.CallHttp
            ? 'callHttp is not supported by the local engine.'
            : `Action type ${action.actionType} is not supported by the local engine.`;
        return undefined;
    }
  }
}

/**
 * Walks `history` (one execution, oldest first) with `actions` (the cumulative V3 list) and
 * returns every sequence id handed out, what it schedules, and the leftovers.
 */
export function sequence(history: readonly HistoryEvent[], actions: readonly Action[], options: SequencerOptions): SequencerResult {
  const walk = new Walk(options);
  let cursor = 0;
  let current: SimNode | undefined;
  const next = (): void => {
    while (walk.unsupported === undefined && cursor < actions.length && (current === undefined || current.state !== 'running')) {
      const action = actions[cursor++];
      if (!action) break;
      if (action.actionType === ActionType.ContinueAsNew) {
        walk.continueAsNew = { input: unwrapProcessedInput(action.input) };
        current = undefined;
        continue;
      }
      current = walk.build(action);
      if (current) walk.track(current);
    }
  };
  const finished = (): boolean => options.finished && cursor >= actions.length && (current === undefined || current.state !== 'running');
  let unread: HistoryEvent[] = [];
  for (const [index, event] of history.entries()) {
    if (walk.unsupported !== undefined || finished()) {
      unread = history.slice(index).filter((e) => e.EventType === EventType.EventRaised);
      break;
    }
    if (event.EventType === EventType.OrchestratorStarted) walk.now = Math.max(walk.now, Date.parse(event.Timestamp));
    else if (event.EventType === EventType.ExecutionStarted) next();
    else if (deliverable.has(event.EventType)) {
      walk.deliver(event);
      next();
    }
  }
  next();
  const deferred = [...walk.deferred.entries()].filter(([key]) => !key.startsWith('#')).flatMap(([, events]) => events);
  const unconsumedEvents = [...deferred, ...unread].sort((a, b) => history.indexOf(a) - history.indexOf(b));
  return { scheduled: walk.scheduled, unconsumedEvents, unsupported: walk.unsupported, continueAsNew: walk.continueAsNew };
}
