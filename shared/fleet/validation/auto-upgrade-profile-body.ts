/** Request body of `PUT` on `fleets/{fleet}/autoUpgradeProfiles/{name}` (reference §5.1, §5.2). */
import { z } from 'zod';
import type { ApiFeatures } from '../../arm/api-versions.js';
import type { AutoUpgradeProfile, AutoUpgradeProfileProperties } from '../models.js';
import { assertFeature } from './api-feature.js';
import { assertUpdateStrategyReference, sameArmId } from './arm-ids.js';
import { nodeImageSelectionTypes, readOnly, resourceEnvelope } from './schemas.js';
import { invalid, parseWith } from './to-arm-error.js';

/** The auto-upgrade channels. */
export const upgradeChannels = ['Stable', 'Rapid', 'NodeImage', 'TargetKubernetesVersion', 'SecurityPatch'] as const;

const profilePutSchema = z.strictObject({
  ...resourceEnvelope,
  properties: z.strictObject({
    updateStrategyId: z.string().optional(),
    channel: z.enum(upgradeChannels),
    nodeImageSelection: z.strictObject({ type: z.enum(nodeImageSelectionTypes) }).optional(),
    disabled: z.boolean().optional(),
    targetKubernetesVersion: z.string().optional(),
    longTermSupport: z.boolean().optional(),
    catchUp: z.boolean().optional(),
    provisioningState: readOnly,
    autoUpgradeProfileStatus: readOnly,
  }),
});

/** What an auto-upgrade-profile PUT is checked against. */
export interface AutoUpgradeProfileContext {
  /** The id of the profile's fleet: `updateStrategyId` must name a strategy of this fleet. */
  fleetId: string;
  existing: AutoUpgradeProfile | undefined;
  /** Whether the update strategy with this id exists. */
  strategyExists(id: string): boolean;
}

/** The validated, writable properties of an auto-upgrade profile. */
export type AutoUpgradeProfilePut = Pick<AutoUpgradeProfileProperties, 'updateStrategyId' | 'channel' | 'nodeImageSelection' | 'disabled' | 'targetKubernetesVersion' | 'longTermSupport' | 'catchUp'>;

const minorVersion = /^(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/** The effective `updateStrategyId`: create-only, so an omission keeps the stored one and a change is rejected. */
function strategyIdOf(requested: string | undefined, context: AutoUpgradeProfileContext): string | undefined {
  const target = 'properties.updateStrategyId';
  const stored = context.existing?.properties.updateStrategyId;
  if (context.existing && (requested === undefined || sameArmId(requested, stored))) return stored;
  if (context.existing) throw invalid(target, `'${target}' cannot be changed after the auto-upgrade profile is created${stored ? ` (it is '${stored}')` : ''}.`);
  if (requested !== undefined) assertUpdateStrategyReference(requested, context.fleetId, (id) => context.strategyExists(id), target);
  return requested;
}

/**
 * Validates an auto-upgrade-profile PUT body. `channel` is required (TargetKubernetesVersion needs
 * `features.gates`, SecurityPatch `features.maxAllowedFailures`); `targetKubernetesVersion`
 * (`major.minor`) is required for TargetKubernetesVersion and must be absent or empty otherwise;
 * `longTermSupport` may be true only with TargetKubernetesVersion; `nodeImageSelection` is
 * Latest or Consistent; `updateStrategyId` must name an existing strategy of the fleet and is
 * create-only (an omission keeps the stored one). `catchUp` (a durable-fleet extension, newest
 * api-version only) asks the release watcher to bring members behind the channel target into a
 * run on every tick. Read-only properties are ignored.
 */
export function parseAutoUpgradeProfilePut(body: unknown, features: ApiFeatures, context: AutoUpgradeProfileContext): AutoUpgradeProfilePut {
  const p = parseWith(profilePutSchema, body, '').properties;
  assertFeature(features, 'gates', p.channel === 'TargetKubernetesVersion', 'properties.channel', "'properties.channel' 'TargetKubernetesVersion'");
  assertFeature(features, 'maxAllowedFailures', p.channel === 'SecurityPatch', 'properties.channel', "'properties.channel' 'SecurityPatch'");
  assertFeature(features, 'gates', p.targetKubernetesVersion !== undefined, 'properties.targetKubernetesVersion');
  assertFeature(features, 'gates', p.longTermSupport !== undefined, 'properties.longTermSupport');
  assertFeature(features, 'maxAllowedFailures', p.catchUp !== undefined, 'properties.catchUp');
  const targeted = p.channel === 'TargetKubernetesVersion';
  const version = p.targetKubernetesVersion === '' ? undefined : p.targetKubernetesVersion;
  if (targeted && version === undefined) throw invalid('properties.targetKubernetesVersion', "'properties.targetKubernetesVersion' is required when the channel is TargetKubernetesVersion.");
  if (!targeted && version !== undefined) throw invalid('properties.targetKubernetesVersion', `'properties.targetKubernetesVersion' must be empty when the channel is ${p.channel}.`);
  if (version !== undefined && !minorVersion.test(version)) {
    throw invalid('properties.targetKubernetesVersion', `'properties.targetKubernetesVersion' '${version}' is invalid: use major.minor, such as 1.33.`);
  }
  if (p.longTermSupport === true && !targeted) throw invalid('properties.longTermSupport', `'properties.longTermSupport' can be true only with the TargetKubernetesVersion channel, not ${p.channel}.`);
  if (p.nodeImageSelection?.type === 'Custom') {
    throw invalid('properties.nodeImageSelection.type', "'properties.nodeImageSelection.type' Custom is not available for auto-upgrade profiles; use Latest or Consistent.");
  }
  const updateStrategyId = strategyIdOf(p.updateStrategyId, context);
  return {
    channel: p.channel,
    ...(updateStrategyId !== undefined ? { updateStrategyId } : {}),
    ...(p.nodeImageSelection ? { nodeImageSelection: { type: p.nodeImageSelection.type } } : {}),
    ...(p.disabled !== undefined ? { disabled: p.disabled } : {}),
    ...(version !== undefined ? { targetKubernetesVersion: version } : {}),
    ...(p.longTermSupport !== undefined ? { longTermSupport: p.longTermSupport } : {}),
    ...(p.catchUp !== undefined ? { catchUp: p.catchUp } : {}),
  };
}
