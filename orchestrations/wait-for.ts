import type { OrchestrationContext, Task } from 'durable-functions';

/** What ended a wait. */
export type WaitOutcome<K extends string> = { kind: 'event'; key: K; data: unknown } | { kind: 'timer' };

/**
 * The one wait helper: races already-created event tasks (kept by the caller, so an event that
 * arrives while we wait on something else is not lost to an abandoned task) against an optional
 * durable timer, and cancels the timer when an event wins. Approval, scheduled start, timed waits
 * and pending retries all go through here.
 */
export function* waitFor<K extends string>(context: OrchestrationContext, events: Partial<Record<K, Task>>, until?: Date): Generator<Task, WaitOutcome<K>, unknown> {
  const entries = Object.entries(events).filter((entry): entry is [K, Task] => entry[1] !== undefined);
  const timer = until ? context.df.createTimer(until) : undefined;
  const winner = yield context.df.Task.any([...entries.map(([, task]) => task), ...(timer ? [timer] : [])]);
  const event = entries.find(([, task]) => task === winner);
  if (event) {
    timer?.cancel();
    return { kind: 'event', key: event[0], data: event[1].result };
  }
  return { kind: 'timer' };
}
