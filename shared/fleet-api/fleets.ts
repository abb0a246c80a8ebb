import { encodeOperationId, operationHeaders } from '../arm/async-operations.js';
import { armErrors } from '../arm/arm-error.js';
import type { ArmRequest, ArmResponse } from '../arm/arm-request.js';
import { checkConditions } from '../arm/conditions.js';
import { nextLink, pageRequest } from '../arm/paging.js';
import { isLookupName } from '../arm/path-params.js';
import { childSegments, fleetId } from '../arm/resource-id.js';
import type { Fleet, FleetProperties } from '../fleet/models.js';
import { parseFleetPatch, parseFleetPut } from '../fleet/validation/fleet-body.js';
import { assertResourceName } from '../fleet/validation/names.js';
import { listAll, type ApiContext } from './api-context.js';
import { buildDocument, present, resourceResponse } from './documents.js';
import { param } from './fleet-scope.js';
import { activeRunStates, runState } from './update-runs.js';
import type { UpdateRun } from '../fleet/models.js';

const idOf = (request: ArmRequest): string => fleetId(param(request, 'subscriptionId'), param(request, 'resourceGroup'), param(request, 'fleetName'));

/** Whether the route's fleet name could name a fleet at all (PUT checks the create rule instead). */
const nameCanExist = (request: ArmRequest): boolean => isLookupName(param(request, 'fleetName'), 'fleet');

const headersFor = (request: ArmRequest, location: string, resourceId: string, kind: 'put' | 'patch' | 'delete', now: Date): Record<string, string> =>
  operationHeaders(request.url.origin, param(request, 'subscriptionId'), location, encodeOperationId({ resourceId, kind, startTime: now.toISOString() }), request.apiVersion);

const notFound = (request: ArmRequest) => armErrors.resourceNotFound('Microsoft.ContainerService/fleets', param(request, 'fleetName'));

/** `fleets`: a pure grouping record (hub settings kept as given, create-only). */
export const fleetHandlers = {
  async get(ctx: ApiContext, request: ArmRequest): Promise<ArmResponse> {
    if (!nameCanExist(request)) throw notFound(request);
    const stored = await ctx.store.get<Fleet>(idOf(request));
    if (!stored) throw notFound(request);
    return resourceResponse(200, 'fleet', stored, request.features);
  },

  async list(ctx: ApiContext, request: ArmRequest): Promise<ArmResponse> {
    const { pageSize, continuationToken } = pageRequest(request.url);
    const resourceGroup = request.params.resourceGroup;
    const page = await ctx.store.list<Fleet>(
      { kind: 'fleet', subscriptionId: param(request, 'subscriptionId'), ...(resourceGroup ? { resourceGroup } : {}) },
      { pageSize, ...(continuationToken ? { continuationToken } : {}) },
    );
    const next = nextLink(request.url, page.continuationToken);
    return { status: 200, body: { value: page.items.map((item) => present('fleet', item, request.features)), ...(next ? { nextLink: next } : {}) } };
  },

  async put(ctx: ApiContext, request: ArmRequest): Promise<ArmResponse> {
    assertResourceName('fleet', param(request, 'fleetName'));
    const id = idOf(request);
    const existing = await ctx.store.get<Fleet>(id);
    const condition = checkConditions(request.headers, existing?.etag);
    const input = parseFleetPut(request.body, existing?.value);
    const now = ctx.now();
    const properties: FleetProperties = {
      ...(input.hubProfile ? { hubProfile: input.hubProfile } : {}),
      ...(existing?.value.properties.status ? { status: existing.value.properties.status } : {}),
      provisioningState: 'Succeeded',
    };
    const document: Fleet = {
      ...buildDocument('fleet', id, existing?.value.name ?? param(request, 'fleetName'), properties, request.caller, now, existing?.value),
      location: input.location,
      ...(input.tags ? { tags: input.tags } : {}),
      ...(input.identity ? { identity: input.identity } : {}),
    };
    const stored = await ctx.store.put(id, document, condition);
    return resourceResponse(existing ? 200 : 201, 'fleet', stored, request.features, headersFor(request, input.location, id, 'put', now));
  },

  async patch(ctx: ApiContext, request: ArmRequest): Promise<ArmResponse> {
    if (!nameCanExist(request)) throw notFound(request);
    const id = idOf(request);
    const existing = await ctx.store.get<Fleet>(id);
    if (!existing) throw notFound(request);
    const condition = checkConditions(request.headers, existing.etag);
    const patch = parseFleetPatch(request.body);
    const now = ctx.now();
    const document: Fleet = {
      ...existing.value,
      ...buildDocument('fleet', id, existing.value.name, existing.value.properties, request.caller, now, existing.value),
      location: existing.value.location,
      ...(patch.tags !== undefined ? { tags: patch.tags } : {}),
      ...(patch.identity !== undefined ? { identity: patch.identity } : {}),
    };
    const stored = await ctx.store.put(id, document, condition);
    return resourceResponse(200, 'fleet', stored, request.features, headersFor(request, existing.value.location, id, 'patch', now));
  },

  /** Deletes the fleet and everything in it; refused while one of its update runs is active. */
  async delete(ctx: ApiContext, request: ArmRequest): Promise<ArmResponse> {
    if (!nameCanExist(request)) {
      checkConditions(request.headers, undefined);
      return { status: 204 };
    }
    const id = idOf(request);
    const existing = await ctx.store.get<Fleet>(id);
    const condition = checkConditions(request.headers, existing?.etag);
    if (!existing) return { status: 204 };
    const storedId = existing.value.id;
    const runs = await listAll<UpdateRun>(ctx.store, { kind: 'updateRun', fleetId: storedId });
    const active = runs.find((run) => activeRunStates.has(runState(run.value)));
    if (active) throw armErrors.operationNotAllowed(`Update run '${active.value.name}' of this fleet is ${runState(active.value)}; stop it before deleting the fleet.`);
    for (const kind of Object.keys(childSegments) as (keyof typeof childSegments)[]) {
      for (const child of await listAll<{ id: string }>(ctx.store, { kind, fleetId: storedId })) await ctx.store.delete(child.value.id);
    }
    await ctx.store.delete(id, condition);
    return { status: 202, headers: headersFor(request, existing.value.location, storedId, 'delete', ctx.now()) };
  },
};
