/**
 * The task tree the sequencer rebuilds from an orchestrator's actions. It mirrors the SDK's
 * task classes (AtomicTask, WhenAll/WhenAny, RetryableTask, LongTimerTask) closely enough to
 * hand out sequence ids in the same order the Durable Task Framework does (reference B.5).
 */
import type { HistoryEvent } from './history.js';

/** What one sequence id schedules. */
export type Scheduled =
  | { kind: 'activity'; id: number; name: string; input: string | undefined; failWith?: Failure }
  | { kind: 'subOrchestration'; id: number; name: string; instanceId: string; input: string | undefined; failWith?: Failure }
  | { kind: 'timer'; id: number; fireAt: number; canceled: () => boolean };

/** A task failure as history carries it. */
export interface Failure {
  reason: string;
  details: string;
}

/** What a node needs from the simulation that drives it. */
export interface Tracker {
  /** Orchestration time: the latest OrchestratorStarted timestamp processed so far (ms). */
  readonly now: number;
  track(node: SimNode): void;
}

/** A task in the rebuilt tree. */
export abstract class SimNode {
  state: 'running' | 'completed' | 'failed' = 'running';
  parent: SimNode | undefined;
  failure: Failure | undefined;

  /** Sets the outcome and tells the parent, as `TaskBase.setValue` does. */
  settle(ok: boolean, failure: Failure | undefined, tracker: Tracker): void {
    this.state = ok ? 'completed' : 'failed';
    this.failure = failure;
    this.parent?.onChild(this, tracker);
  }

  /** The children to track now (compound nodes); empty for leaves. */
  abstract children(): SimNode[];

  /** A child settled. */
  onChild(_child: SimNode, _tracker: Tracker): void {}
}

/** A task that takes a sequence id (activity, timer, sub-orchestration). */
export class IdNode extends SimNode {
  constructor(readonly make: (id: number) => Scheduled) {
    super();
  }
  children(): SimNode[] {
    return [];
  }
}

/** `waitForExternalEvent`: keyed by event name, takes no id. */
export class EventNode extends SimNode {
  constructor(readonly eventName: string) {
    super();
  }
  children(): SimNode[] {
    return [];
  }
}

abstract class CompoundNode extends SimNode {
  constructor(readonly kids: SimNode[]) {
    super();
    for (const kid of kids) kid.parent = this;
  }
  children(): SimNode[] {
    return this.kids;
  }
  protected add(kid: SimNode, tracker: Tracker): void {
    kid.parent = this;
    this.kids.push(kid);
    tracker.track(kid);
  }
}

/** `Task.all`: completes when every child has, fails at the first failure. */
export class AllNode extends CompoundNode {
  override onChild(child: SimNode, tracker: Tracker): void {
    if (child.state === 'completed') {
      if (this.state === 'running' && this.kids.every((k) => k.state === 'completed')) this.settle(true, undefined, tracker);
    } else if (this.state === 'running') {
      this.settle(false, child.failure, tracker);
    }
  }
}

/** `Task.any`: completes with the first child to settle. */
export class AnyNode extends CompoundNode {
  override onChild(_child: SimNode, tracker: Tracker): void {
    if (this.state === 'running') this.settle(true, undefined, tracker);
  }
}

/** The retry policy the host applies (DTFx RetryInterceptor). */
export interface RetryPolicy {
  maxNumberOfAttempts: number;
  firstRetryIntervalMs: number;
  backoffCoefficient: number;
  maxRetryIntervalMs: number;
  retryTimeoutMs: number;
}

/**
 * `callActivityWithRetry` / `callSubOrchestratorWithRetry`: attempt, then per failure a retry
 * timer and (unless attempts are exhausted when it fires) another attempt, each with its own id.
 * Once `retryTimeout` has passed the timer fires at once and later attempts fail without running.
 */
export class RetryNode extends CompoundNode {
  #failures = 0;
  #waitingOnTimer = false;
  #expired = false;
  readonly #firstAttemptAt: number;

  constructor(
    readonly attempt: (failWith: Failure | undefined) => IdNode,
    readonly timer: (fireAt: number) => IdNode,
    readonly policy: RetryPolicy,
    now: number,
  ) {
    super([attempt(undefined)]);
    this.#firstAttemptAt = now;
  }

  override onChild(child: SimNode, tracker: Tracker): void {
    if (this.state !== 'running') return;
    if (this.#waitingOnTimer) {
      this.#waitingOnTimer = false;
      if (this.#failures + 1 > this.policy.maxNumberOfAttempts) this.settle(false, this.failure, tracker);
      else this.add(this.attempt(this.#expired ? this.failure : undefined), tracker);
    } else if (child.state === 'completed') {
      this.settle(true, undefined, tracker);
    } else {
      this.failure = child.failure;
      this.#failures += 1;
      this.#waitingOnTimer = true;
      this.add(this.timer(tracker.now + this.#delay(tracker.now)), tracker);
    }
  }

  #delay(now: number): number {
    const { retryTimeoutMs, firstRetryIntervalMs, backoffCoefficient, maxRetryIntervalMs } = this.policy;
    if (this.#expired || (retryTimeoutMs > 0 && now >= this.#firstAttemptAt + retryTimeoutMs)) {
      this.#expired = true;
      return 0;
    }
    const delay = firstRetryIntervalMs * backoffCoefficient ** (this.#failures - 1);
    return maxRetryIntervalMs > 0 ? Math.min(delay, maxRetryIntervalMs) : delay;
  }
}

/** A timer longer than `maximumShortTimerDuration`: a chain of sub-timers (LongTimerTask). */
export class LongTimerNode extends CompoundNode {
  constructor(
    readonly finalFireAt: number,
    readonly subTimer: (fireAt: number) => IdNode,
    readonly maxShortMs: number,
    readonly intervalMs: number,
    now: number,
  ) {
    super([subTimer(LongTimerNode.next(finalFireAt, now, maxShortMs, intervalMs))]);
  }

  /** When the next sub-timer fires, seen from `now`. */
  static next(finalFireAt: number, now: number, maxShortMs: number, intervalMs: number): number {
    return finalFireAt - now > maxShortMs ? now + intervalMs : finalFireAt;
  }

  override onChild(_child: SimNode, tracker: Tracker): void {
    if (this.state !== 'running') return;
    if (this.finalFireAt > tracker.now) this.add(this.subTimer(LongTimerNode.next(this.finalFireAt, tracker.now, this.maxShortMs, this.intervalMs)), tracker);
    else this.settle(true, undefined, tracker);
  }
}

/** The failure a completion event carries. */
export function failureOf(event: HistoryEvent): Failure {
  return { reason: event.Reason ?? '', details: event.Details ?? '' };
}
