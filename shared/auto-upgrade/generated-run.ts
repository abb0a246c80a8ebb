import { createHash } from 'node:crypto';
import type { AutoUpgradeProfile, ManagedClusterUpdate } from '../fleet/models.js';
import { targetVersions, type ChannelTarget } from './channel-target.js';

/** What a generated run upgrades, from the profile and its target (reference §5.2). */
export function generatedUpdate(profile: AutoUpgradeProfile, target: ChannelTarget): ManagedClusterUpdate {
  const nodeImageSelection = { type: profile.properties.nodeImageSelection?.type ?? 'Latest' };
  return target.kind === 'kubernetes'
    ? { upgrade: { type: 'Full', kubernetesVersion: target.version }, nodeImageSelection }
    : { upgrade: { type: 'NodeImageOnly' }, nodeImageSelection };
}

/**
 * The generated run's name: derived from the profile and its upgrade specification only, so
 * generating again for an unchanged specification finds the same run (reference §5.3). Format
 * `auto-{profile}-{hash}`, at most 50 characters, matching the run name pattern. `variant`
 * distinguishes catch-up runs from release runs of the same target.
 */
export function generatedRunName(profile: AutoUpgradeProfile, target: ChannelTarget, variant = ''): string {
  const spec = JSON.stringify({ channel: profile.properties.channel, strategy: profile.properties.updateStrategyId?.toLowerCase() ?? null, update: generatedUpdate(profile, target), versions: targetVersions(target), variant });
  const hash = createHash('sha256').update(spec).digest('hex').slice(0, 10);
  const stem = profile.name.toLowerCase().slice(0, 50 - 'auto--'.length - hash.length).replace(/-+$/, '');
  return `auto-${stem}-${hash}`;
}
