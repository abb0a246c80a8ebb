import type { ArmErrorDetail } from './cluster-record.js';

/** A response the emulator sends: status, headers and a JSON body (pre-serialized or not). */
export interface ArmResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | object;
}

/** ARM's error response `{ "error": { code, message } }`. */
export function armError(status: number, error: ArmErrorDetail, headers?: Record<string, string>): ArmResponse {
  return { status, body: { error }, ...(headers ? { headers } : {}) };
}

/** 404 for a missing managed cluster, as ARM words it. */
export function clusterNotFound(resourceGroup: string, name: string): ArmResponse {
  return armError(404, { code: 'ResourceNotFound', message: `The Resource 'Microsoft.ContainerService/managedClusters/${name}' under resource group '${resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix` });
}

/** 404 for a missing child resource (agent pool, maintenance configuration, operation). */
export function notFound(what: string): ArmResponse {
  return armError(404, { code: 'NotFound', message: `${what} not found.` });
}

/** 401 as ARM answers a missing or unacceptable bearer token. */
export function unauthenticated(missing: boolean): ArmResponse {
  const error = missing
    ? { code: 'AuthenticationFailed', message: "Authentication failed. The 'Authorization' header is missing." }
    : { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' };
  return armError(401, error, { 'www-authenticate': `Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="${error.message.replace(/"/g, "'")}"` });
}

/** 400 when the api-version query parameter is missing or malformed. */
export function badApiVersion(value: string | null): ArmResponse {
  return value === null
    ? armError(400, { code: 'MissingApiVersionParameter', message: "The api-version query parameter (?api-version=) is required for all requests." })
    : armError(400, { code: 'InvalidApiVersionParameter', message: `The api-version '${value}' is invalid. The supported versions are '2026-06-01,2025-10-01,2025-07-01,...'.` });
}
