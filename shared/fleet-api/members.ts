import type { FleetMember, FleetMemberProperties } from '../fleet/models.js';
import { parseMemberPatch, parseMemberPut } from '../fleet/validation/member-body.js';
import { ArmError, armErrors } from '../arm/arm-error.js';
import type { ClusterDirectory } from './api-context.js';
import { childResourceHandlers } from './child-resources.js';

/** A joining cluster must exist (reference §1.2); the AKS layer is asked once, at creation. */
async function checkClusterExists(clusters: ClusterDirectory, clusterResourceId: string): Promise<void> {
  let found: 'exists' | 'notFound';
  try {
    found = await clusters.lookup(clusterResourceId);
  } catch {
    throw new ArmError(503, 'ServiceUnavailable', 'The managed cluster could not be checked right now; retry the request.', 'properties.clusterResourceId');
  }
  if (found === 'notFound') throw armErrors.invalidParameter(`The managed cluster '${clusterResourceId}' was not found; a member must be an existing AKS cluster.`, 'properties.clusterResourceId');
}

/**
 * `fleets/members`: PUT joins a cluster (create-only `clusterResourceId`), PATCH changes `group`
 * and `labels`, DELETE removes the member (its update runs keep their frozen membership).
 */
export const memberHandlers = childResourceHandlers<FleetMemberProperties>({
  kind: 'member',
  async parsePut(request, _scope, existing, ctx) {
    const input = parseMemberPut(request.body, request.features, existing?.value as FleetMember | undefined);
    if (!existing && ctx.clusters) await checkClusterExists(ctx.clusters, input.clusterResourceId);
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
