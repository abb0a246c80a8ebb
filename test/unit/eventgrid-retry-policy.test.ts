import { describe, expect, it } from 'vitest';
import { decideAfterAttempt, defaultRetryPolicy, retryDelayMs, type AttemptFacts } from '../../local/emulators/eventgrid/retry-policy.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;

describe('Event Grid retry schedule', () => {
  it.each([
    { name: 'after the 1st failure', input: { failed: 1, speed: 1 }, want: 10 * s },
    { name: 'after the 2nd failure', input: { failed: 2, speed: 1 }, want: 30 * s },
    { name: 'after the 3rd failure', input: { failed: 3, speed: 1 }, want: 1 * m },
    { name: 'after the 4th failure', input: { failed: 4, speed: 1 }, want: 5 * m },
    { name: 'after the 5th failure', input: { failed: 5, speed: 1 }, want: 10 * m },
    { name: 'after the 6th failure', input: { failed: 6, speed: 1 }, want: 30 * m },
    { name: 'after the 7th failure', input: { failed: 7, speed: 1 }, want: 1 * h },
    { name: 'hourly afterwards', input: { failed: 8, speed: 1 }, want: 1 * h },
    { name: 'hourly up to the last attempt', input: { failed: 29, speed: 1 }, want: 1 * h },
    { name: 'compressed 60×', input: { failed: 1, speed: 60 }, want: 167 },
    { name: 'compressed 1000×, an hour', input: { failed: 9, speed: 1000 }, want: 3600 },
  ])('$name', ({ input, want }) => {
    expect(retryDelayMs(input.failed, input.speed)).toBe(want);
  });

  it('fits 30 attempts into the default 24 h time to live', () => {
    const total = Array.from({ length: 29 }, (_, i) => retryDelayMs(i + 1)).reduce((a, b) => a + b, 0);
    expect(total).toBe(10 * s + 30 * s + 1 * m + 5 * m + 10 * m + 30 * m + 1 * h + 22 * h);
    expect(total).toBeLessThan(defaultRetryPolicy.eventTimeToLiveInMinutes * m);
  });
});

describe('what an attempt decides', () => {
  const base: AttemptFacts = { result: { kind: 'response', status: 200 }, attempts: 1, publishedAt: 0, now: 0, policy: defaultRetryPolicy, speedFactor: 1 };

  it.each<{ name: string; input: Partial<AttemptFacts>; want: ReturnType<typeof decideAfterAttempt> }>([
    { name: '200 is delivered', input: {}, want: { kind: 'delivered' } },
    { name: '202 is delivered', input: { result: { kind: 'response', status: 202 } }, want: { kind: 'delivered' } },
    { name: '204 is delivered', input: { result: { kind: 'response', status: 204 } }, want: { kind: 'delivered' } },
    { name: '206 is retried', input: { result: { kind: 'response', status: 206 } }, want: { kind: 'retry', at: 10 * s } },
    { name: '500 is retried after 10 s', input: { result: { kind: 'response', status: 500 } }, want: { kind: 'retry', at: 10 * s } },
    { name: '429 is retried', input: { result: { kind: 'response', status: 429 }, attempts: 3, now: 40 * s }, want: { kind: 'retry', at: 100 * s } },
    { name: 'a timeout is retried', input: { result: { kind: 'timeout' } }, want: { kind: 'retry', at: 10 * s } },
    { name: 'a connection error is retried', input: { result: { kind: 'error', message: 'ECONNREFUSED' } }, want: { kind: 'retry', at: 10 * s } },
    { name: '400 is dead-lettered at once', input: { result: { kind: 'response', status: 400 } }, want: { kind: 'deadLetter', reason: 'NonRetryableStatusCode' } },
    { name: '401 is dead-lettered at once', input: { result: { kind: 'response', status: 401 } }, want: { kind: 'deadLetter', reason: 'NonRetryableStatusCode' } },
    { name: '403 is dead-lettered at once', input: { result: { kind: 'response', status: 403 } }, want: { kind: 'deadLetter', reason: 'NonRetryableStatusCode' } },
    { name: '404 is dead-lettered at once', input: { result: { kind: 'response', status: 404 } }, want: { kind: 'deadLetter', reason: 'NonRetryableStatusCode' } },
    { name: '413 is dead-lettered at once', input: { result: { kind: 'response', status: 413 } }, want: { kind: 'deadLetter', reason: 'NonRetryableStatusCode' } },
    { name: 'the last allowed attempt failing', input: { result: { kind: 'response', status: 500 }, attempts: 3, policy: { maxDeliveryAttempts: 3, eventTimeToLiveInMinutes: 1440 } }, want: { kind: 'deadLetter', reason: 'MaxDeliveryAttemptsExceeded' } },
    { name: 'a retry that would fall after the time to live', input: { result: { kind: 'response', status: 503 }, attempts: 4, now: 100 * s, policy: { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 5 } }, want: { kind: 'deadLetter', reason: 'TimeToLiveExceeded' } },
    { name: 'a retry just inside the time to live', input: { result: { kind: 'response', status: 503 }, attempts: 4, now: 0, policy: { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 5 } }, want: { kind: 'retry', at: 5 * m } },
    { name: 'compressed 1000×: an hour is 3.6 s', input: { result: { kind: 'response', status: 500 }, attempts: 7, now: 7000, speedFactor: 1000 }, want: { kind: 'retry', at: 10_600 } },
    { name: 'compressed 1000×: a 60-minute time to live is 3.6 s', input: { result: { kind: 'response', status: 500 }, attempts: 7, now: 1000, speedFactor: 1000, policy: { maxDeliveryAttempts: 30, eventTimeToLiveInMinutes: 60 } }, want: { kind: 'deadLetter', reason: 'TimeToLiveExceeded' } },
  ])('$name', ({ input, want }) => {
    expect(decideAfterAttempt({ ...base, ...input })).toEqual(want);
  });
});
