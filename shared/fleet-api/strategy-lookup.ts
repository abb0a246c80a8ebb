import { isServableResourceId } from '../arm/path-params.js';
import { parentFleetId, parseFleetResourceId } from '../arm/resource-id.js';
import type { UpdateStrategy } from '../fleet/models.js';
import type { StoredDocument } from '../store/fleet-store.js';
import type { ApiContext } from './api-context.js';
import type { FleetScope } from './fleet-scope.js';

const strategyIdIn = (body: unknown): string | undefined => {
  const id = (body as { properties?: { updateStrategyId?: unknown } } | undefined)?.properties?.updateStrategyId;
  return typeof id === 'string' ? id : undefined;
};

/** The strategy a PUT body's `updateStrategyId` names, when it is a strategy of this fleet that exists. */
export async function referencedStrategy(ctx: ApiContext, scope: FleetScope, body: unknown): Promise<StoredDocument<UpdateStrategy> | undefined> {
  const requested = strategyIdIn(body);
  const parsed = requested && isServableResourceId(requested) ? parseFleetResourceId(requested) : undefined;
  if (!requested || parsed?.child?.kind !== 'updateStrategy' || parentFleetId(parsed).toLowerCase() !== scope.fleetId.toLowerCase()) return undefined;
  return ctx.store.get<UpdateStrategy>(requested);
}

/** The synchronous `strategyExists(id)` check the validators take, for the strategy a body names. */
export async function strategyExists(ctx: ApiContext, scope: FleetScope, body: unknown): Promise<(id: string) => boolean> {
  const found = await referencedStrategy(ctx, scope, body);
  return (id) => found !== undefined && found.value.id.toLowerCase() === id.toLowerCase();
}
