import type { FleetMember, FleetMemberProperties } from '../fleet/models.js';
import { parseMemberPatch, parseMemberPut } from '../fleet/validation/member-body.js';
import { childResourceHandlers } from './child-resources.js';

/**
 * `fleets/members`: PUT joins a cluster (create-only `clusterResourceId`), PATCH changes `group`
 * and `labels`, DELETE removes the member (its update runs keep their frozen membership).
 */
export const memberHandlers = childResourceHandlers<FleetMemberProperties>({
  kind: 'member',
  async parsePut(request, _scope, existing) {
    const input = parseMemberPut(request.body, request.features, existing?.value as FleetMember | undefined);
    const status = existing?.value.properties.status;
    return { ...input, ...(status ? { status } : {}), provisioningState: 'Succeeded' };
  },
  async parsePatch(request, _scope, existing) {
    const patch = parseMemberPatch(request.body, request.features);
    const properties: FleetMemberProperties = { ...existing.value.properties, provisioningState: 'Succeeded' };
    if (patch.group === null) delete properties.group;
    else if (patch.group !== undefined) properties.group = patch.group;
    if (patch.labels !== undefined) properties.labels = patch.labels;
    return properties;
  },
  async beforeDelete() {
    // Members leave at once; runs froze their membership when they started.
  },
});
