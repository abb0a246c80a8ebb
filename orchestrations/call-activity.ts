import * as df from 'durable-functions';
import type { OrchestrationContext, Task } from 'durable-functions';
import { activityNames, type ActivityIO, type ActivityKey } from '../shared/activities/catalogue.js';

/**
 * Activities throw only for transient failures (busy storage, ARM throttling, network); those
 * are retried with backoff. Permanent outcomes come back as tagged results.
 */
const transientRetry = (() => {
  const retry = new df.RetryOptions(5_000, 6);
  retry.backoffCoefficient = 2;
  retry.maxRetryIntervalInMilliseconds = 120_000;
  return retry;
})();

/** The task of one activity call from the catalogue, with transient-failure retries. */
export function activityTask<K extends ActivityKey>(context: OrchestrationContext, key: K, input: ActivityIO[K]['input']): Task {
  return context.df.callActivityWithRetry(activityNames[key], transientRetry, input);
}

/** Calls an activity from the catalogue and returns its typed output (use with `yield*`). */
export function* callActivity<K extends ActivityKey>(context: OrchestrationContext, key: K, input: ActivityIO[K]['input']): Generator<Task, ActivityIO[K]['output'], unknown> {
  return (yield activityTask(context, key, input)) as ActivityIO[K]['output'];
}

/** The orchestration's current time as an ISO string (replay-safe). */
export const nowIso = (context: OrchestrationContext): string => context.df.currentUtcDateTime.toISOString();
