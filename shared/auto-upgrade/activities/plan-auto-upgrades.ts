import { createHash } from 'node:crypto';
import { listAll } from '../../fleet-api/api-context.js';
import type { Fleet, FleetMember } from '../../fleet/models.js';
import type { FleetStore } from '../../store/fleet-store.js';
import { channelTarget, targetVersions, type ChannelTarget } from '../channel-target.js';
import type { ReleaseSignal, StoredProfile } from '../profile-runtime.js';
import type { ReleaseFacts } from '../release-facts.js';
import { memberRegions, offersFor, type ReleaseFactsReader } from '../region-facts.js';

/** A profile and the target a signal gives it. */
export interface PlannedTrigger {
  profileId: string;
  target: ChannelTarget;
  /** `catchUp` for the watcher's convergence runs, '' for release runs. */
  variant: string;
  /** The deterministic instance id of its auto-upgrade orchestration: one per (profile, target, variant). */
  instanceId: string;
}

/** `autoupgrade|{hash of profile, target, variant}`. */
export const autoUpgradeInstanceId = (profileId: string, target: ChannelTarget, variant: string): string =>
  `autoupgrade|${createHash('sha256').update(JSON.stringify([profileId.toLowerCase(), targetVersions(target), variant])).digest('hex').slice(0, 32)}`;

/** Every fleet, page by page. */
export async function* allFleets(store: FleetStore): AsyncGenerator<Fleet> {
  let continuationToken: string | undefined;
  do {
    const page = await store.listAllFleets<Fleet>({ pageSize: 200, ...(continuationToken ? { continuationToken } : {}) });
    for (const item of page.items) yield item.value;
    continuationToken = page.continuationToken;
  } while (continuationToken);
}

/** The release facts a signal gives a fleet, or undefined when the signal does not concern it. */
async function factsFor(signal: ReleaseSignal, reader: ReleaseFactsReader, members: FleetMember[]): Promise<ReleaseFacts[] | undefined> {
  const regions = await memberRegions(reader, members.map((m) => m.properties.clusterResourceId));
  if (signal.kind === 'catalog') {
    return [...regions.values()].some((r) => r.place.region === signal.facts.region) ? [signal.facts] : undefined;
  }
  if (signal.kind === 'cluster') {
    const clusterId = signal.clusterId.toLowerCase();
    const region = [...regions.values()].find((r) => r.clusters.some((c) => c.toLowerCase() === clusterId));
    return region ? [await reader.factsFor(region.place, region.clusters.slice(0, 2))] : undefined;
  }
  return offersFor(reader, members.map((m) => m.properties.clusterResourceId));
}

/**
 * `planAutoUpgradesActivity`: which enabled profiles a signal concerns and the channel target it
 * gives each — a region's new offer concerns fleets with members there; a cluster's AKS
 * announcement the fleets it belongs to (facts read from AKS for its region); the catch-up tick
 * every profile that opted in, over all of its fleet's regions.
 */
export function planAutoUpgrades(store: FleetStore, reader: ReleaseFactsReader) {
  return async (signal: ReleaseSignal): Promise<PlannedTrigger[]> => {
    const planned: PlannedTrigger[] = [];
    for await (const fleet of allFleets(store)) {
      const optInOnly = signal.kind === 'catchUp' || (signal.kind === 'cluster' && signal.optInOnly);
      const profiles = (await listAll<StoredProfile>(store, { kind: 'autoUpgradeProfile', fleetId: fleet.id })).map((p) => p.value).filter((p) => !p.properties.disabled && (!optInOnly || p.properties.catchUp));
      if (profiles.length === 0) continue;
      const members = (await listAll<FleetMember>(store, { kind: 'member', fleetId: fleet.id })).map((m) => m.value);
      const facts = await factsFor(signal, reader, members);
      if (!facts) continue;
      for (const profile of profiles) {
        const resolved = channelTarget(profile.properties, facts);
        const variant = signal.kind === 'catchUp' ? 'catchUp' : '';
        if (resolved.ok) planned.push({ profileId: profile.id, target: resolved.target, variant, instanceId: autoUpgradeInstanceId(profile.id, resolved.target, variant) });
      }
    }
    return planned;
  };
}
