import { featuresOf, apiVersions } from '../arm/api-versions.js';
import { armErrors, isArmError } from '../arm/arm-error.js';
import type { ArmRequest, ArmResponse, CallerPrincipal } from '../arm/arm-request.js';
import { authorize, keyCaller, principalFromHeader, requiredRole, requireCaller } from '../arm/authorization.js';
import { assertScopeParams } from '../arm/path-params.js';
import { isDocumentTooLargeError } from '../store/document-too-large-error.js';
import { isStoreConditionError } from '../store/fleet-store.js';
import type { ApiContext } from './api-context.js';
import { dispatch, kindOfRequest, type ArmRoute } from './router.js';

/** A request as the HTTP function received it. */
export interface RawArmRequest {
  route: ArmRoute;
  method: string;
  url: URL;
  headers: Headers;
  bodyText: string;
  params: Record<string, string | undefined>;
}

/** How callers are authenticated. */
export interface AuthMode {
  /** Behind App Service authentication: callers are `x-ms-client-principal`s with roles. Otherwise a function key admitted them. */
  trustAppServiceAuth: boolean;
}

/** Something that records failures the API does not explain to callers. */
export type ErrorLog = (message: string, error: unknown) => void;

/** The largest request body ARM accepts (4 MiB). */
export const maxRequestBytes = 4 * 1024 * 1024;

/** Property names that would reach an object's prototype if copied; JSON.parse makes them own properties, which record schemas then drop silently. */
const forbiddenKeys = new Set(['__proto__']);

function parseBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  if (Buffer.byteLength(text) > maxRequestBytes) throw armErrors.requestTooLarge(maxRequestBytes);
  let forbidden: string | undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (key, value: unknown) => {
      if (forbiddenKeys.has(key)) forbidden ??= key;
      return value;
    });
  } catch (error) {
    throw armErrors.invalidRequestContent(`The request content is not valid JSON: ${(error as Error).message.slice(0, 200)}`);
  }
  if (forbidden !== undefined) throw armErrors.invalidRequestContent(`The request content must not contain the property '${forbidden}'.`, forbidden);
  return parsed;
}

function callerOf(raw: RawArmRequest, auth: AuthMode): CallerPrincipal {
  if (!auth.trustAppServiceAuth) return keyCaller;
  return requireCaller(principalFromHeader(raw.headers.get('x-ms-client-principal')));
}

/** Turns anything a handler threw into ARM's answer; internals never reach the caller. */
export function errorToResponse(error: unknown, headers: Headers, log: ErrorLog): ArmResponse {
  if (isArmError(error)) return { status: error.status, body: error.toBody() };
  if (isDocumentTooLargeError(error)) {
    return { status: 400, body: armErrors.invalidRequestContent(`The resource would be ${error.compressedBytes} bytes compressed; at most ${error.maxCompressedBytes} can be stored.`).toBody() };
  }
  if (isStoreConditionError(error)) {
    const conditional = headers.has('if-match') || headers.has('if-none-match');
    return conditional
      ? { status: 412, body: armErrors.preconditionFailed().toBody() }
      : { status: 409, body: armErrors.conflict('The resource was changed by another request at the same time; retry the request.').toBody() };
  }
  log('Unhandled error in the Fleet API', error);
  return { status: 500, body: { error: { code: 'InternalServerError', message: 'The server encountered an internal error. Retry the request.' } } };
}

/**
 * The Fleet API's request pipeline: api-version, authentication and role check, JSON body,
 * dispatch to the resource handler, and one error mapper. Nothing is written unless every
 * check before the write passed.
 */
export async function handleArmRequest(ctx: ApiContext, raw: RawArmRequest, auth: AuthMode, log: ErrorLog): Promise<ArmResponse> {
  try {
    const caller = callerOf(raw, auth);
    const apiVersion = raw.url.searchParams.get('api-version');
    if (!apiVersion) throw armErrors.missingApiVersion();
    const features = featuresOf(apiVersion);
    if (!features) throw armErrors.invalidApiVersion(apiVersion, Object.keys(apiVersions));
    const method = raw.method.toUpperCase();
    const kind = kindOfRequest(raw.route, raw.params);
    authorize(caller, requiredRole(method, kind), `Microsoft.ContainerService/${kind}/${method === 'GET' ? 'read' : method === 'POST' ? 'action' : 'write'}`);
    assertScopeParams(raw.params);
    const request: ArmRequest = { method, url: raw.url, apiVersion, features, headers: raw.headers, body: parseBody(raw.bodyText), caller, params: raw.params };
    return await dispatch(ctx, raw.route, request);
  } catch (error) {
    return errorToResponse(error, raw.headers, log);
  }
}
