import type { AutoUpgradeProfile, AutoUpgradeProfileProperties } from '../fleet/models.js';
import { parseAutoUpgradeProfilePut } from '../fleet/validation/auto-upgrade-profile-body.js';
import { childResourceHandlers } from './child-resources.js';
import { strategyExists } from './strategy-lookup.js';

/**
 * `fleets/autoUpgradeProfiles`: channel, strategy and node image selection of automatic runs.
 * The trigger status is kept across edits; deleting or disabling a profile leaves runs it
 * already started alone.
 */
export const autoUpgradeProfileHandlers = childResourceHandlers<AutoUpgradeProfileProperties>({
  kind: 'autoUpgradeProfile',
  async parsePut(request, scope, existing, ctx) {
    const input = parseAutoUpgradeProfilePut(request.body, request.features, {
      fleetId: scope.fleetId,
      existing: existing?.value as AutoUpgradeProfile | undefined,
      strategyExists: await strategyExists(ctx, scope, request.body),
    });
    const status = existing?.value.properties.autoUpgradeProfileStatus;
    return { ...input, ...(status ? { autoUpgradeProfileStatus: status } : {}), provisioningState: 'Succeeded' };
  },
  async beforeDelete() {
    // Runs the profile generated stay; they carry autoUpgradeProfileId for the record.
  },
});
