import type { ArmErrorDetail } from './cluster-record.js';

/** Faults to inject on one cluster; every field is optional and they combine. */
export interface ClusterFaults {
  /**
   * Fail the next upgrade started on the cluster. `phase: 'async'` (default) lets it start and
   * fails it while running (on `pool`, or the last step), leaving the cluster `Failed`;
   * `phase: 'sync'` refuses the request with `status` (default 400).
   */
  failNextUpgrade?: ArmErrorDetail & { pool?: string; phase?: 'async' | 'sync'; status?: number };
  /** Answer the next `count` requests for the cluster with 429 and `Retry-After`. */
  throttle?: { count: number; retryAfterSeconds: number };
  /** Answer the next `count` requests for the cluster with `status` (default 500). */
  serverErrors?: { count: number; status?: number };
  /** Delay every request for the cluster by this many (real) milliseconds. */
  latencyMs?: number;
  /** Never answer requests for the cluster (until the fault is cleared or the emulator closes). */
  hang?: boolean;
}

/** What to do with a request because of a fault. */
export type FaultAction =
  | { action: 'hang' }
  | { action: 'respond'; status: number; headers: Record<string, string>; error: ArmErrorDetail }
  | { action: 'pass' };

/** Decides the fault response for one request and consumes one unit of any burst. */
export function takeRequestFault(faults: ClusterFaults | undefined): FaultAction {
  if (!faults) return { action: 'pass' };
  if (faults.hang) return { action: 'hang' };
  if (faults.throttle && faults.throttle.count > 0) {
    faults.throttle.count--;
    return {
      action: 'respond',
      status: 429,
      headers: { 'retry-after': String(faults.throttle.retryAfterSeconds) },
      error: { code: 'TooManyRequests', message: 'The request is being throttled as the limit has been reached for operation type - Read_ObservationWindow_00:05:00. Please retry after the time in the Retry-After header.' },
    };
  }
  if (faults.serverErrors && faults.serverErrors.count > 0) {
    faults.serverErrors.count--;
    const status = faults.serverErrors.status ?? 500;
    return { action: 'respond', status, headers: {}, error: status === 503 ? { code: 'ServiceUnavailable', message: 'The service is temporarily unavailable. Please retry.' } : { code: 'InternalServerError', message: 'An internal error occurred. Please retry.' } };
  }
  return { action: 'pass' };
}
