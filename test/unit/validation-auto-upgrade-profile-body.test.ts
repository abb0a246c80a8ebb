import { describe, expect, it } from 'vitest';
import type { ApiFeatures } from '../../shared/arm/api-versions.js';
import { apiVersions, latestApiVersion } from '../../shared/arm/api-versions.js';
import { isArmError } from '../../shared/arm/arm-error.js';
import type { AutoUpgradeProfile } from '../../shared/fleet/models.js';
import { parseAutoUpgradeProfilePut } from '../../shared/fleet/validation/auto-upgrade-profile-body.js';

const features = (version: string): ApiFeatures => {
  const found = apiVersions[version];
  if (!found) throw new Error(`no api-version ${version}`);
  return found;
};
const latest = features(latestApiVersion);
const fleetId = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/fleet-1';
const strategyId = `${fleetId}/updateStrategies/strategy-1`;
const otherStrategyId = `${fleetId}/updateStrategies/strategy-2`;
const outcome = (run: () => unknown): unknown => {
  try {
    return run();
  } catch (e) {
    if (isArmError(e)) return { code: e.code, target: e.target };
    throw e;
  }
};
const bad = (target: string) => ({ code: 'InvalidRequestContent', target });
const body = (properties: object) => ({ properties });
const existing = (updateStrategyId?: string): AutoUpgradeProfile => ({
  id: `${fleetId}/autoUpgradeProfiles/p1`,
  name: 'p1',
  type: 'Microsoft.ContainerService/fleets/autoUpgradeProfiles',
  properties: { channel: 'Stable', ...(updateStrategyId ? { updateStrategyId } : {}) },
});

describe('parseAutoUpgradeProfilePut', () => {
  it.each<{ name: string; input: { body: unknown; features?: ApiFeatures; existing?: AutoUpgradeProfile }; want: unknown }>([
    { name: 'Stable', input: { body: body({ channel: 'Stable' }) }, want: { channel: 'Stable' } },
    { name: 'Rapid with strategy and Consistent images', input: { body: body({ channel: 'Rapid', updateStrategyId: strategyId, nodeImageSelection: { type: 'Consistent' }, disabled: false }) }, want: { channel: 'Rapid', updateStrategyId: strategyId, nodeImageSelection: { type: 'Consistent' }, disabled: false } },
    { name: 'NodeImage on the oldest GA', input: { body: body({ channel: 'NodeImage', nodeImageSelection: { type: 'Latest' } }), features: features('2023-10-15') }, want: { channel: 'NodeImage', nodeImageSelection: { type: 'Latest' } } },
    { name: 'TargetKubernetesVersion with LTS', input: { body: body({ channel: 'TargetKubernetesVersion', targetKubernetesVersion: '1.30', longTermSupport: true }) }, want: { channel: 'TargetKubernetesVersion', targetKubernetesVersion: '1.30', longTermSupport: true } },
    { name: 'TargetKubernetesVersion on 2025-04-01-preview', input: { body: body({ channel: 'TargetKubernetesVersion', targetKubernetesVersion: '1.33' }), features: features('2025-04-01-preview') }, want: { channel: 'TargetKubernetesVersion', targetKubernetesVersion: '1.33' } },
    { name: 'SecurityPatch on 2026-06-02-preview', input: { body: body({ channel: 'SecurityPatch' }) }, want: { channel: 'SecurityPatch' } },
    { name: 'empty targetKubernetesVersion with another channel', input: { body: body({ channel: 'Stable', targetKubernetesVersion: '' }) }, want: { channel: 'Stable' } },
    { name: 'longTermSupport false with another channel', input: { body: body({ channel: 'Rapid', longTermSupport: false }) }, want: { channel: 'Rapid', longTermSupport: false } },
    { name: 'disabled', input: { body: body({ channel: 'Stable', disabled: true }) }, want: { channel: 'Stable', disabled: true } },
    { name: 'read-only properties ignored', input: { body: { id: 'x', properties: { channel: 'Stable', provisioningState: 'Succeeded', autoUpgradeProfileStatus: { lastTriggerStatus: 'Succeeded' } } } }, want: { channel: 'Stable' } },
    { name: 'existing profile, same strategy (another case)', input: { body: body({ channel: 'Rapid', updateStrategyId: strategyId.toUpperCase() }), existing: existing(strategyId) }, want: { channel: 'Rapid', updateStrategyId: strategyId } },
    { name: 'existing profile, strategy omitted keeps it', input: { body: body({ channel: 'Rapid' }), existing: existing(strategyId) }, want: { channel: 'Rapid', updateStrategyId: strategyId } },
    { name: 'existing profile whose strategy was deleted can still be edited', input: { body: body({ channel: 'Rapid', updateStrategyId: otherStrategyId }), existing: existing(otherStrategyId) }, want: { channel: 'Rapid', updateStrategyId: otherStrategyId } },
    { name: 'channel missing', input: { body: body({}) }, want: bad('properties.channel') },
    { name: 'unknown channel', input: { body: body({ channel: 'Beta' }) }, want: bad('properties.channel') },
    { name: 'TargetKubernetesVersion on 2025-03-01', input: { body: body({ channel: 'TargetKubernetesVersion', targetKubernetesVersion: '1.30' }), features: features('2025-03-01') }, want: bad('properties.channel') },
    { name: 'SecurityPatch on 2026-05-01-preview', input: { body: body({ channel: 'SecurityPatch' }), features: features('2026-05-01-preview') }, want: bad('properties.channel') },
    { name: 'longTermSupport on 2025-03-01', input: { body: body({ channel: 'Stable', longTermSupport: false }), features: features('2025-03-01') }, want: bad('properties.longTermSupport') },
    { name: 'TargetKubernetesVersion without a version', input: { body: body({ channel: 'TargetKubernetesVersion' }) }, want: bad('properties.targetKubernetesVersion') },
    { name: 'TargetKubernetesVersion with an empty version', input: { body: body({ channel: 'TargetKubernetesVersion', targetKubernetesVersion: '' }) }, want: bad('properties.targetKubernetesVersion') },
    { name: 'targetKubernetesVersion with a patch', input: { body: body({ channel: 'TargetKubernetesVersion', targetKubernetesVersion: '1.30.1' }) }, want: bad('properties.targetKubernetesVersion') },
    { name: 'targetKubernetesVersion with a leading v', input: { body: body({ channel: 'TargetKubernetesVersion', targetKubernetesVersion: 'v1.30' }) }, want: bad('properties.targetKubernetesVersion') },
    { name: 'targetKubernetesVersion with another channel', input: { body: body({ channel: 'Stable', targetKubernetesVersion: '1.30' }) }, want: bad('properties.targetKubernetesVersion') },
    { name: 'longTermSupport true with another channel', input: { body: body({ channel: 'Rapid', longTermSupport: true }) }, want: bad('properties.longTermSupport') },
    { name: 'Custom node images', input: { body: body({ channel: 'NodeImage', nodeImageSelection: { type: 'Custom' } }) }, want: bad('properties.nodeImageSelection.type') },
    { name: 'custom versions', input: { body: body({ channel: 'NodeImage', nodeImageSelection: { type: 'Latest', customNodeImageVersions: [] } }) }, want: bad('properties.nodeImageSelection.customNodeImageVersions') },
    { name: 'disabled as a string', input: { body: body({ channel: 'Stable', disabled: 'yes' }) }, want: bad('properties.disabled') },
    { name: 'strategy of another fleet', input: { body: body({ channel: 'Stable', updateStrategyId: strategyId.replace('fleet-1', 'fleet-2') }) }, want: bad('properties.updateStrategyId') },
    { name: 'strategy that does not exist', input: { body: body({ channel: 'Stable', updateStrategyId: otherStrategyId }) }, want: bad('properties.updateStrategyId') },
    { name: 'strategy changed on an existing profile', input: { body: body({ channel: 'Stable', updateStrategyId: otherStrategyId }), existing: existing(strategyId) }, want: bad('properties.updateStrategyId') },
    { name: 'strategy added to an existing profile', input: { body: body({ channel: 'Stable', updateStrategyId: strategyId }), existing: existing() }, want: bad('properties.updateStrategyId') },
    { name: 'unknown property', input: { body: body({ channel: 'Stable', schedule: 'weekly' }) }, want: bad('properties.schedule') },
  ])('$name', ({ input, want }) => {
    const context = { fleetId, existing: input.existing, strategyExists: (id: string) => id.toLowerCase() === strategyId.toLowerCase() };
    expect(outcome(() => parseAutoUpgradeProfilePut(input.body, input.features ?? latest, context))).toEqual(want);
  });
});
