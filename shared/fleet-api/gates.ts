import { armErrors } from '../arm/arm-error.js';
import type { GateProperties } from '../fleet/models.js';
import { parseGatePatch } from '../fleet/validation/gate-patch.js';
import { childResourceHandlers } from './child-resources.js';
import type { StoredGate } from '../update-run/runtime.js';

/**
 * `fleets/gates`: created by update runs when they reach a gate, never by users. Users read
 * them and approve a Pending gate with `PATCH {"properties":{"state":"Completed"}}`; approving a
 * completed gate again changes nothing; a skipped gate cannot be approved.
 */
export const gateHandlers = childResourceHandlers<GateProperties>({
  kind: 'gate',
  async parsePatch(request, _scope, existing) {
    const { state } = parseGatePatch(request.body);
    const current = existing.value.properties.state;
    if (current === 'Skipped') throw armErrors.operationNotAllowed(`Gate '${existing.value.name}' was skipped with its group or stage and cannot be completed.`, 'properties.state');
    return { ...existing.value.properties, state };
  },
  async afterPatch(stored, before, ctx) {
    // Approving a Pending gate completes the wait of the orchestration that created it.
    const runtime = (stored.value as StoredGate).runtime;
    if (before.value.properties.state === 'Pending' && stored.value.properties.state === 'Completed' && runtime && ctx.runs) {
      await ctx.runs.raise([runtime.waiter], runtime.eventName, { approvedAt: ctx.now().toISOString() });
    }
  },
});
