import { armErrors } from '../arm/arm-error.js';
import type { ArmRequest } from '../arm/arm-request.js';
import { isLookupName } from '../arm/path-params.js';
import { childId, fleetId } from '../arm/resource-id.js';
import type { Fleet, ResourceKind } from '../fleet/models.js';
import type { StoredDocument } from '../store/fleet-store.js';
import type { ApiContext } from './api-context.js';

/** The fleet a child request addresses, loaded. */
export interface FleetScope {
  fleetId: string;
  fleet: StoredDocument<Fleet>;
  subscriptionId: string;
}

/** A required route parameter; a missing one is a 400 naming it. */
export function param(request: ArmRequest, name: string): string {
  const value = request.params[name];
  if (!value) throw armErrors.invalidParameter(`The path parameter '${name}' is required.`, name);
  return value;
}

/** Loads the fleet named by the route; 404 ParentResourceNotFound when it does not exist (or no fleet can have its name). */
export async function loadFleetScope(ctx: ApiContext, request: ArmRequest): Promise<FleetScope> {
  const subscriptionId = param(request, 'subscriptionId');
  const fleetName = param(request, 'fleetName');
  const fleet = isLookupName(fleetName, 'fleet') ? await ctx.store.get<Fleet>(fleetId(subscriptionId, param(request, 'resourceGroup'), fleetName)) : undefined;
  if (!fleet) throw armErrors.parentResourceNotFound('Microsoft.ContainerService/fleets', fleetName);
  return { fleetId: fleet.value.id, fleet, subscriptionId };
}

/** The id of the child a request addresses, under its fleet's stored id. */
export const childIdOf = (scope: FleetScope, kind: Exclude<ResourceKind, 'fleet'>, name: string): string => childId(scope.fleetId, kind, name);
