import type { FleetMember, UpdateStrategyProperties } from '../fleet/models.js';
import { parseUpdateStrategyPut } from '../fleet/validation/update-strategy-body.js';
import { listAll } from './api-context.js';
import { childResourceHandlers } from './child-resources.js';

/**
 * `fleets/updateStrategies`: reusable stage/group definitions. Runs copy a strategy when they
 * are created, so editing or deleting one never changes an existing run.
 */
export const updateStrategyHandlers = childResourceHandlers<UpdateStrategyProperties>({
  kind: 'updateStrategy',
  async parsePut(request, scope, _existing, ctx) {
    const members = (await listAll<FleetMember>(ctx.store, { kind: 'member', fleetId: scope.fleetId })).map((m) => m.value);
    const { strategy } = parseUpdateStrategyPut(request.body, request.features, { members });
    return { strategy, provisioningState: 'Succeeded' };
  },
  async beforeDelete() {
    // Runs hold their own copy of the strategy.
  },
});
