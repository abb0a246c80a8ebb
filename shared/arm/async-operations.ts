import { armErrors } from './arm-error.js';

/** What kind of request started an operation. */
export type OperationKind = 'put' | 'patch' | 'delete' | 'action';

/** What an operation id carries: the operation can be re-derived from the resource it acted on. */
export interface OperationRef {
  resourceId: string;
  kind: OperationKind;
  startTime: string;
}

/** ARM's operation status resource. */
export interface OperationStatus {
  id: string;
  name: string;
  status: 'InProgress' | 'Succeeded' | 'Failed' | 'Canceled';
  startTime: string;
  endTime?: string;
  error?: { code?: string; message?: string };
}

/**
 * Encodes an operation id. Operations are not stored: their status follows from the resource
 * they act on (its `provisioningState` and `status.lastOperationError`), so an id only needs to
 * say which resource and what kind of request.
 */
export const encodeOperationId = (ref: OperationRef): string => Buffer.from(JSON.stringify([ref.resourceId, ref.kind, ref.startTime])).toString('base64url');

/** Decodes an operation id; a malformed one is a 404 as ARM answers for unknown operations. */
export function decodeOperationId(operationId: string): OperationRef {
  try {
    const [resourceId, kind, startTime] = JSON.parse(Buffer.from(operationId, 'base64url').toString('utf8')) as unknown[];
    if (typeof resourceId === 'string' && typeof startTime === 'string' && (kind === 'put' || kind === 'patch' || kind === 'delete' || kind === 'action')) {
      return { resourceId, kind, startTime };
    }
  } catch {
    // fall through
  }
  throw armErrors.resourceNotFound('Microsoft.ContainerService/locations/operations', operationId);
}

/**
 * The `Azure-AsyncOperation`, `Location` and `Retry-After` headers of a long-running request.
 * `retryAfterSec` is 0 when the operation already finished, so pollers look once and stop.
 */
export function operationHeaders(origin: string, subscriptionId: string, location: string, operationId: string, apiVersion: string, retryAfterSec = 0): Record<string, string> {
  const base = `${origin}/subscriptions/${subscriptionId}/providers/Microsoft.ContainerService/locations/${encodeURIComponent(location)}`;
  const query = `api-version=${encodeURIComponent(apiVersion)}`;
  return {
    'azure-asyncoperation': `${base}/operations/${operationId}?${query}`,
    location: `${base}/operationresults/${operationId}?${query}`,
    'retry-after': String(retryAfterSec),
  };
}

const inProgressStates = new Set(['creating', 'updating', 'deleting', 'joining', 'leaving', 'accepted']);

/**
 * The status of an operation given the resource's current state (`undefined` when gone).
 * Deletes succeed once the resource is gone; writes succeed or fail with the resource's
 * provisioning state and last operation error.
 */
export function operationStatus(
  operationId: string,
  statusUrlPath: string,
  ref: OperationRef,
  resource: { properties?: { provisioningState?: string; status?: { lastOperationId?: string; lastOperationError?: { code?: string; message?: string } } }; systemData?: { lastModifiedAt?: string } } | undefined,
): OperationStatus {
  const base = { id: statusUrlPath, name: operationId, startTime: ref.startTime };
  const state = (resource?.properties?.provisioningState ?? 'Succeeded').toLowerCase();
  const endTime = resource?.systemData?.lastModifiedAt ?? ref.startTime;
  if (ref.kind === 'delete') return resource && state === 'deleting' ? { ...base, status: 'InProgress' } : { ...base, status: 'Succeeded', endTime };
  if (!resource) return { ...base, status: 'Canceled', endTime, error: { code: 'ResourceNotFound', message: 'The resource was deleted before the operation completed.' } };
  if (inProgressStates.has(state)) return { ...base, status: 'InProgress' };
  if (state === 'failed') {
    const error = resource.properties?.status?.lastOperationError;
    return { ...base, status: 'Failed', endTime, error: { code: error?.code ?? 'OperationFailed', message: error?.message ?? 'The operation failed.' } };
  }
  if (state === 'canceled') return { ...base, status: 'Canceled', endTime };
  return { ...base, status: 'Succeeded', endTime };
}
