import { AksError, AksErrorKind, type AksErrorInfo } from './aks-error.js';

/** The facts about a failed call that classification looks at. */
export interface FailureFacts {
  /** The error's `name` (`RestError`, `AbortError`, `TimeoutError`, ...). */
  name: string;
  statusCode: number | undefined;
  /** ARM's error code, or a Node/network code. */
  code: string | undefined;
  message: string;
  /** The raw `Retry-After` header value, if any. */
  retryAfter: string | undefined;
}

const networkCodes = new Set(['REQUEST_SEND_ERROR', 'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_SOCKET']);
const timeoutCodes = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date relative to `nowMs`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/**
 * Maps the facts of a failed AKS/ARM call to an error kind. Returns undefined when the failure
 * is not a service or transport failure at all (a bug), so the caller rethrows it unchanged.
 * The table is in test/unit/aks-classify-error.test.ts.
 */
export function classifyFailure(facts: FailureFacts, nowMs: number): AksErrorInfo | undefined {
  const { statusCode, message } = facts;
  const code = facts.code ?? '';
  const info = (kind: AksErrorKind): AksErrorInfo => {
    const result: AksErrorInfo = { kind, code: code || kind, message };
    if (statusCode !== undefined) result.statusCode = statusCode;
    const retryAfterMs = parseRetryAfter(facts.retryAfter, nowMs);
    if (retryAfterMs !== undefined) result.retryAfterMs = retryAfterMs;
    return result;
  };
  if (facts.name === 'AbortError' || facts.name === 'TimeoutError' || timeoutCodes.has(code) || statusCode === 408) return info(AksErrorKind.Timeout);
  if (statusCode === undefined) return networkCodes.has(code) || /socket hang up/i.test(message) ? info(AksErrorKind.Network) : undefined;
  if (statusCode === 429) return info(AksErrorKind.Throttled);
  if (statusCode >= 500) return info(AksErrorKind.ServerError);
  if (statusCode === 401 || statusCode === 403) return info(AksErrorKind.Unauthorized);
  if (statusCode === 404) return info(AksErrorKind.NotFound);
  if (statusCode === 412) return info(AksErrorKind.PreconditionFailed);
  if (/stopped/i.test(message) && /OperationNotAllowed|Stopped/i.test(code)) return info(AksErrorKind.Stopped);
  if (statusCode === 409 || /operation[^.]*in progress/i.test(message)) return info(AksErrorKind.Busy);
  return statusCode >= 400 ? info(AksErrorKind.Permanent) : undefined;
}

const field = (value: object, key: string): unknown => (key in value ? (value as Record<string, unknown>)[key] : undefined);

/** Reads {@link FailureFacts} from whatever the SDK, core-lro or Node threw. */
export function failureFactsOf(error: unknown): FailureFacts | undefined {
  if (!(error instanceof Error)) return undefined;
  const statusCode = field(error, 'statusCode');
  const code = field(error, 'code');
  const response = field(error, 'response');
  const headers = typeof response === 'object' && response !== null ? field(response, 'headers') : undefined;
  const get = typeof headers === 'object' && headers !== null ? field(headers, 'get') : undefined;
  const retryAfter = typeof get === 'function' ? (get as (name: string) => unknown).call(headers, 'retry-after') : undefined;
  return {
    name: error.name,
    statusCode: typeof statusCode === 'number' ? statusCode : undefined,
    code: typeof code === 'string' ? code : undefined,
    message: error.message,
    retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
  };
}

/**
 * Turns a thrown value into an {@link AksError}, or returns the original value when it is not
 * a service/transport failure (so programming errors keep their meaning).
 */
export function toAksError(error: unknown, nowMs = Date.now()): unknown {
  if (error instanceof AksError) return error;
  const facts = failureFactsOf(error);
  const info = facts && classifyFailure(facts, nowMs);
  return info ? new AksError(info, { cause: error }) : error;
}
