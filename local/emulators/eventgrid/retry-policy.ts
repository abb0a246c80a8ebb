/**
 * Event Grid's delivery rules as pure decisions: which answers count as delivered, which are
 * never retried, the retry schedule, and when an event is given up on (dead-lettered).
 * Source: learn.microsoft.com/azure/event-grid/delivery-and-retry (the original schedule).
 */

/** Event Grid's wait before the next attempt, after the 1st, 2nd, … failed attempt; hourly after the last entry. */
export const retryScheduleMs = [10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000] as const;

/** A subscription's retry policy, with Event Grid's defaults and bounds. */
export interface RetryPolicy {
  /** 1–30, default 30. */
  maxDeliveryAttempts: number;
  /** 1–1440, default 1440 (24 h). */
  eventTimeToLiveInMinutes: number;
}

/** Event Grid's default retry policy. */
export const defaultRetryPolicy: RetryPolicy = { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 1440 };

/**
 * Webhook answers Event Grid does not retry (configuration errors retries cannot fix). 404 is
 * included, as the current delivery-and-retry page lists it; older copies of the page did not.
 */
export const nonRetryableStatuses: ReadonlySet<number> = new Set([400, 401, 403, 404, 413]);

/** Why an event went to the dead letters. */
export type DeadLetterReason = 'MaxDeliveryAttemptsExceeded' | 'TimeToLiveExceeded' | 'NonRetryableStatusCode';

/** How one delivery attempt ended. */
export type AttemptResult = { kind: 'response'; status: number } | { kind: 'timeout' } | { kind: 'error'; message: string };

/** What to do after an attempt. */
export type DeliveryDecision = { kind: 'delivered' } | { kind: 'retry'; at: number } | { kind: 'deadLetter'; reason: DeadLetterReason };

/** Success is 200–204 only (a 206 or a redirect is a failure). */
export const isDelivered = (status: number): boolean => status >= 200 && status <= 204;

/** The wait after `failedAttempts` failed attempts (≥ 1), divided by `speedFactor` and rounded up to whole ms. */
export function retryDelayMs(failedAttempts: number, speedFactor = 1): number {
  const real = retryScheduleMs[Math.max(0, failedAttempts - 1)] ?? 3_600_000;
  return Math.ceil(real / speedFactor);
}

/** When an event published at `publishedAt` expires under the policy (compressed like the schedule). */
export const expiresAt = (publishedAt: number, policy: RetryPolicy, speedFactor = 1): number => publishedAt + Math.ceil((policy.eventTimeToLiveInMinutes * 60_000) / speedFactor);

/** What an attempt's outcome means, given how many attempts have now been made. */
export interface AttemptFacts {
  result: AttemptResult;
  /** Attempts made so far, including this one (≥ 1). */
  attempts: number;
  publishedAt: number;
  now: number;
  policy: RetryPolicy;
  speedFactor: number;
}

/**
 * Delivered on 200–204; dead-lettered at once on a non-retryable status; otherwise retried on the
 * schedule, unless the attempts are used up or the next attempt would fall after the event's
 * time to live (Event Grid's "whichever comes first").
 */
export function decideAfterAttempt(facts: AttemptFacts): DeliveryDecision {
  const { result } = facts;
  if (result.kind === 'response' && isDelivered(result.status)) return { kind: 'delivered' };
  if (result.kind === 'response' && nonRetryableStatuses.has(result.status)) return { kind: 'deadLetter', reason: 'NonRetryableStatusCode' };
  if (facts.attempts >= facts.policy.maxDeliveryAttempts) return { kind: 'deadLetter', reason: 'MaxDeliveryAttemptsExceeded' };
  const at = facts.now + retryDelayMs(facts.attempts, facts.speedFactor);
  if (at > expiresAt(facts.publishedAt, facts.policy, facts.speedFactor)) return { kind: 'deadLetter', reason: 'TimeToLiveExceeded' };
  return { kind: 'retry', at };
}
