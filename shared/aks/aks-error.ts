/**
 * What went wrong when calling AKS, as far as a caller must act on it. Transient kinds are
 * worth retrying as they are (after `retryAfterMs` when given); the others are not.
 */
export const AksErrorKind = {
  /** 409 OperationNotAllowed: another operation is running on the cluster. Transient. */
  Busy: 'Busy',
  /** 429: ARM or the resource provider throttled the caller. Transient, honour `retryAfterMs`. */
  Throttled: 'Throttled',
  /** 5xx from ARM or AKS. Transient. */
  ServerError: 'ServerError',
  /** The request timed out or was aborted before an answer. Transient. */
  Timeout: 'Timeout',
  /** Connection refused/reset, DNS failure and the like. Transient. */
  Network: 'Network',
  /** 412: the eTag changed under a read-modify-write; read again and retry. Transient. */
  PreconditionFailed: 'PreconditionFailed',
  /** The cluster is stopped (powerState Stopped); nothing can be upgraded until it is started. */
  Stopped: 'Stopped',
  /** 404: the cluster, pool or operation does not exist. */
  NotFound: 'NotFound',
  /** 401/403: the credential is missing, invalid or lacks rights. */
  Unauthorized: 'Unauthorized',
  /** Any other 4xx (quota, allocation, validation, upgrade path). Permanent, with ARM's code and message. */
  Permanent: 'Permanent',
} as const;

/** One of {@link AksErrorKind}. */
export type AksErrorKind = (typeof AksErrorKind)[keyof typeof AksErrorKind];

const transientKinds: ReadonlySet<AksErrorKind> = new Set([AksErrorKind.Busy, AksErrorKind.Throttled, AksErrorKind.ServerError, AksErrorKind.Timeout, AksErrorKind.Network, AksErrorKind.PreconditionFailed]);

/** True when a failure of this kind may succeed if the same call is simply tried again later. */
export function isTransientKind(kind: AksErrorKind): boolean {
  return transientKinds.has(kind);
}

/** The facts an {@link AksError} carries; plain data, safe to return from an activity. */
export interface AksErrorInfo {
  kind: AksErrorKind;
  /** ARM's error code (`QuotaExceeded`, `OperationNotAllowed`, ...) or a network code (`ECONNRESET`). */
  code: string;
  /** ARM's error message. Never contains credentials. */
  message: string;
  /** HTTP status, when there was a response. */
  statusCode?: number;
  /** From `Retry-After`, when the service sent one. */
  retryAfterMs?: number;
}

/** The one error the AKS layer throws. `transient` tells retry from give-up. */
export class AksError extends Error {
  override readonly name = 'AksError';
  readonly kind: AksErrorKind;
  readonly code: string;
  readonly statusCode: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly transient: boolean;

  constructor(info: AksErrorInfo, options?: { cause?: unknown }) {
    super(info.message, options);
    this.kind = info.kind;
    this.code = info.code;
    this.statusCode = info.statusCode;
    this.retryAfterMs = info.retryAfterMs;
    this.transient = isTransientKind(info.kind);
  }

  /** The error as plain data (for activity results and logs). */
  toInfo(): AksErrorInfo {
    const info: AksErrorInfo = { kind: this.kind, code: this.code, message: this.message };
    if (this.statusCode !== undefined) info.statusCode = this.statusCode;
    if (this.retryAfterMs !== undefined) info.retryAfterMs = this.retryAfterMs;
    return info;
  }
}

/** Type guard for {@link AksError}. */
export function isAksError(error: unknown): error is AksError {
  return error instanceof AksError;
}
