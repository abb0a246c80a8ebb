import { encodeOperationId, operationHeaders } from '../arm/async-operations.js';
import { armErrors } from '../arm/arm-error.js';
import type { ArmRequest, ArmResponse } from '../arm/arm-request.js';
import { checkConditions } from '../arm/conditions.js';
import { compileODataFilter } from '../arm/odata-filter.js';
import { nextLink, pageRequest } from '../arm/paging.js';
import { isLookupName } from '../arm/path-params.js';
import { childSegments } from '../arm/resource-id.js';
import { servesKind } from '../arm/version-shape.js';
import { assertResourceName } from '../fleet/validation/names.js';
import type { ArmResource, ResourceKind } from '../fleet/models.js';
import type { StoredDocument } from '../store/fleet-store.js';
import type { ApiContext } from './api-context.js';
import { buildDocument, keepRuntime, present, resourceResponse } from './documents.js';
import { childIdOf, loadFleetScope, param, type FleetScope } from './fleet-scope.js';

/** A child kind of the fleet, as the generic handlers serve it. */
export type ChildKind = Exclude<ResourceKind, 'fleet'>;

/** What a child resource kind adds to the generic ARM handling. */
export interface ChildKindSpec<P> {
  kind: ChildKind;
  /** Validates a PUT body into the new properties (throws ArmError). Absent: PUT not allowed. */
  parsePut?(request: ArmRequest, scope: FleetScope, existing: StoredDocument<ArmResource<P>> | undefined, ctx: ApiContext): Promise<P>;
  /** Validates a PATCH body into the new properties. Absent: PATCH not allowed. */
  parsePatch?(request: ArmRequest, scope: FleetScope, existing: StoredDocument<ArmResource<P>>, ctx: ApiContext): Promise<P>;
  /** Runs before a delete (refuse with ArmError, or remove dependants). Absent: DELETE not allowed. */
  beforeDelete?(scope: FleetScope, existing: StoredDocument<ArmResource<P>>, ctx: ApiContext): Promise<void>;
  /** Runs after a PATCH was stored (e.g. tell the waiting orchestration). */
  afterPatch?(stored: StoredDocument<ArmResource<P>>, before: StoredDocument<ArmResource<P>>, ctx: ApiContext): Promise<void>;
}

const asyncHeaders = (request: ArmRequest, scope: FleetScope, resourceId: string, kind: 'put' | 'patch' | 'delete', now: Date): Record<string, string> =>
  operationHeaders(request.url.origin, scope.subscriptionId, scope.fleet.value.location, encodeOperationId({ resourceId, kind, startTime: now.toISOString() }), request.apiVersion);

type Handler = (ctx: ApiContext, request: ArmRequest) => Promise<ArmResponse>;

/** The handlers of one child kind. */
export interface ChildResourceHandlers {
  get: Handler;
  list: Handler;
  put: Handler;
  patch: Handler;
  delete: Handler;
}

/** Serves GET (one and list), PUT, PATCH and DELETE for one child kind with ARM semantics. */
export function childResourceHandlers<P>(spec: ChildKindSpec<P>): ChildResourceHandlers {
  const kind = spec.kind;
  const notFound = (request: ArmRequest, name: string) => armErrors.resourceNotFound(`Microsoft.ContainerService/fleets/${param(request, 'fleetName')}/${childSegments[kind]}`, name);
  /** The child's name: PUT checks the create rule; other methods answer 404 for a name no resource can have. */
  const nameOf = (request: ArmRequest): string => {
    const name = param(request, 'childName');
    if (request.method === 'PUT') assertResourceName(kind, name);
    else if (!isLookupName(name, 'child')) throw notFound(request, name);
    return name;
  };
  const ensureServed = (request: ArmRequest): void => {
    if (!servesKind(kind, request.features)) throw armErrors.invalidApiVersion(request.apiVersion, [`a version that has ${kind} resources`]);
  };

  return {
    async get(ctx: ApiContext, request: ArmRequest): Promise<ArmResponse> {
      ensureServed(request);
      const scope = await loadFleetScope(ctx, request);
      const name = nameOf(request);
      const stored = await ctx.store.get<ArmResource<P>>(childIdOf(scope, kind, name));
      if (!stored) throw notFound(request, name);
      return resourceResponse(200, kind, stored, request.features);
    },

    async list(ctx: ApiContext, request: ArmRequest): Promise<ArmResponse> {
      ensureServed(request);
      const scope = await loadFleetScope(ctx, request);
      const filterText = request.url.searchParams.get('$filter');
      const keep = filterText ? compileODataFilter(filterText) : () => true;
      const { pageSize, continuationToken } = pageRequest(request.url);
      const value: unknown[] = [];
      let token = continuationToken;
      // With a filter, keep reading until the page is full or the listing ends.
      do {
        const page = await ctx.store.list<ArmResource<P>>({ kind, fleetId: scope.fleetId }, { pageSize: pageSize - value.length, ...(token ? { continuationToken: token } : {}) });
        for (const item of page.items) if (keep(item.value)) value.push(present(kind, item, request.features));
        token = page.continuationToken;
      } while (token && value.length < pageSize);
      const next = nextLink(request.url, token);
      return { status: 200, body: { value, ...(next ? { nextLink: next } : {}) } };
    },

    async put(ctx: ApiContext, request: ArmRequest): Promise<ArmResponse> {
      ensureServed(request);
      if (!spec.parsePut) throw armErrors.methodNotAllowed('PUT');
      const scope = await loadFleetScope(ctx, request);
      const name = nameOf(request);
      const id = childIdOf(scope, kind, name);
      const existing = await ctx.store.get<ArmResource<P>>(id);
      const condition = checkConditions(request.headers, existing?.etag);
      const properties = await spec.parsePut(request, scope, existing, ctx);
      const now = ctx.now();
      const document = keepRuntime(existing?.value, buildDocument(kind, id, existing?.value.name ?? name, properties, request.caller, now, existing?.value));
      const stored = await ctx.store.put(id, document, condition);
      return resourceResponse(existing ? 200 : 201, kind, stored, request.features, asyncHeaders(request, scope, id, 'put', now));
    },

    async patch(ctx: ApiContext, request: ArmRequest): Promise<ArmResponse> {
      ensureServed(request);
      if (!spec.parsePatch) throw armErrors.methodNotAllowed('PATCH');
      const scope = await loadFleetScope(ctx, request);
      const name = nameOf(request);
      const id = childIdOf(scope, kind, name);
      const existing = await ctx.store.get<ArmResource<P>>(id);
      if (!existing) throw notFound(request, name);
      const condition = checkConditions(request.headers, existing.etag);
      const properties = await spec.parsePatch(request, scope, existing, ctx);
      const now = ctx.now();
      const stored = await ctx.store.put(id, keepRuntime(existing.value, buildDocument(kind, id, existing.value.name, properties, request.caller, now, existing.value)), condition);
      await spec.afterPatch?.(stored, existing, ctx);
      return resourceResponse(200, kind, stored, request.features, asyncHeaders(request, scope, id, 'patch', now));
    },

    async delete(ctx: ApiContext, request: ArmRequest): Promise<ArmResponse> {
      ensureServed(request);
      if (!spec.beforeDelete) throw armErrors.methodNotAllowed('DELETE');
      const scope = await loadFleetScope(ctx, request);
      const name = param(request, 'childName');
      // A name no resource can have is not there: deleting it is the no-op ARM answers with 204.
      if (!isLookupName(name, 'child')) {
        checkConditions(request.headers, undefined);
        return { status: 204 };
      }
      const id = childIdOf(scope, kind, name);
      const existing = await ctx.store.get<ArmResource<P>>(id);
      const condition = checkConditions(request.headers, existing?.etag);
      if (!existing) return { status: 204 };
      await spec.beforeDelete(scope, existing, ctx);
      await ctx.store.delete(id, condition);
      return { status: 202, headers: asyncHeaders(request, scope, id, 'delete', ctx.now()) };
    },
  };
}
