import { describe, expect, it } from 'vitest';
import { AksError } from '../../shared/aks/aks-error.js';
import { errorFromPollerMessage } from '../../shared/aks/aks-operations.js';
import { classifyFailure, parseRetryAfter, toAksError, type FailureFacts } from '../../shared/aks/classify-aks-error.js';

const now = Date.parse('2026-11-20T10:00:00Z');
const http = (statusCode: number, code: string, message = 'm', retryAfter?: string): FailureFacts => ({ name: 'RestError', statusCode, code, message, retryAfter });

describe('classifyFailure', () => {
  it.each([
    { name: 'busy cluster (409)', input: http(409, 'OperationNotAllowed', "Operation is not allowed because there's an in progress operation"), want: { kind: 'Busy', code: 'OperationNotAllowed', statusCode: 409 } },
    { name: 'operation in progress worded as 400', input: http(400, 'OperationNotAllowed', 'Another operation (Upgrading) is in progress, please wait'), want: { kind: 'Busy', code: 'OperationNotAllowed', statusCode: 400 } },
    { name: 'stopped cluster', input: http(400, 'OperationNotAllowed', 'Operation is not allowed since managed cluster x is in stopped state.'), want: { kind: 'Stopped', code: 'OperationNotAllowed', statusCode: 400 } },
    { name: 'throttled with seconds', input: http(429, 'TooManyRequests', 'm', '7'), want: { kind: 'Throttled', code: 'TooManyRequests', statusCode: 429, retryAfterMs: 7000 } },
    { name: 'throttled with a date', input: http(429, 'TooManyRequests', 'm', 'Fri, 20 Nov 2026 10:00:30 GMT'), want: { kind: 'Throttled', code: 'TooManyRequests', statusCode: 429, retryAfterMs: 30000 } },
    { name: '500', input: http(500, 'InternalServerError'), want: { kind: 'ServerError', code: 'InternalServerError', statusCode: 500 } },
    { name: '503 without code', input: http(503, ''), want: { kind: 'ServerError', code: 'ServerError', statusCode: 503 } },
    { name: 'quota', input: http(400, 'QuotaExceeded'), want: { kind: 'Permanent', code: 'QuotaExceeded', statusCode: 400 } },
    { name: 'allocation', input: http(400, 'AllocationFailed'), want: { kind: 'Permanent', code: 'AllocationFailed', statusCode: 400 } },
    { name: 'invalid parameter', input: http(400, 'InvalidParameter'), want: { kind: 'Permanent', code: 'InvalidParameter', statusCode: 400 } },
    { name: 'stale eTag', input: http(412, 'PreconditionFailed'), want: { kind: 'PreconditionFailed', code: 'PreconditionFailed', statusCode: 412 } },
    { name: 'missing resource', input: http(404, 'ResourceNotFound'), want: { kind: 'NotFound', code: 'ResourceNotFound', statusCode: 404 } },
    { name: 'bad token', input: http(401, 'InvalidAuthenticationToken'), want: { kind: 'Unauthorized', code: 'InvalidAuthenticationToken', statusCode: 401 } },
    { name: 'forbidden', input: http(403, 'AuthorizationFailed'), want: { kind: 'Unauthorized', code: 'AuthorizationFailed', statusCode: 403 } },
    { name: 'request timeout', input: { name: 'AbortError', statusCode: undefined, code: undefined, message: 'The operation was aborted.', retryAfter: undefined }, want: { kind: 'Timeout', code: 'Timeout' } },
    { name: 'connection refused', input: { name: 'RestError', statusCode: undefined, code: 'REQUEST_SEND_ERROR', message: 'connect ECONNREFUSED', retryAfter: undefined }, want: { kind: 'Network', code: 'REQUEST_SEND_ERROR' } },
    { name: 'a bug, not a failure', input: { name: 'TypeError', statusCode: undefined, code: undefined, message: 'x is not a function', retryAfter: undefined }, want: undefined },
  ])('$name', ({ input, want }) => {
    const info = classifyFailure(input, now);
    expect(info && { kind: info.kind, code: info.code, ...(info.statusCode === undefined ? {} : { statusCode: info.statusCode }), ...(info.retryAfterMs === undefined ? {} : { retryAfterMs: info.retryAfterMs }) }).toEqual(want);
  });

  it.each([
    { input: undefined, want: undefined },
    { input: '2', want: 2000 },
    { input: 'garbage', want: undefined },
  ])('parses Retry-After $input', ({ input, want }) => expect(parseRetryAfter(input, now)).toBe(want));

  it('keeps programming errors as they are', () => {
    const bug = new TypeError('boom');
    expect(toAksError(bug)).toBe(bug);
  });

  it('marks transient kinds', () => {
    expect([new AksError({ kind: 'Busy', code: 'c', message: 'm' }), new AksError({ kind: 'Permanent', code: 'c', message: 'm' })].map((e) => e.transient)).toEqual([true, false]);
  });

  it.each([
    { input: 'The long-running operation has failed. AllocationFailed. No capacity. Try later.', want: { kind: 'Permanent', code: 'AllocationFailed', message: 'No capacity. Try later.' } },
    { input: 'something else', want: { kind: 'Permanent', code: 'OperationFailed', message: 'something else' } },
  ])('reads code and message from core-lro failure text: $input', ({ input, want }) => expect(errorFromPollerMessage(input)).toEqual(want));
});
