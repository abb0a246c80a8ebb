import { createHash } from 'node:crypto';
import { listAll } from '../../fleet-api/api-context.js';
import type { Fleet, FleetMember, UpdateRun, UpdateStrategy } from '../../fleet/models.js';
import type { FleetStore } from '../../store/fleet-store.js';
import { resolveMembership } from '../../update-run/membership.js';
import { catchUpVariant, hasRunInProgress, isBehindTarget } from '../catch-up.js';
import { channelTarget, targetVersions, type ChannelTarget } from '../channel-target.js';
import type { ReleaseSignal, StoredProfile } from '../profile-runtime.js';
import type { ReleaseFacts } from '../release-facts.js';
import { memberRegions, offersFor, type ReleaseFactsReader } from '../region-facts.js';

/** A profile and the target a signal gives it. */
export interface PlannedTrigger {
  profileId: string;
  target: ChannelTarget;
  /** '' for release runs; `catchUp-{hash of the lagging members}` for the watcher's convergence runs. */
  variant: string;
  /** The deterministic instance id of its auto-upgrade orchestration: one per (profile, target, variant). */
  instanceId: string;
  /** When the release reached us (release runs only). */
  arrivedAt?: string;
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
    // The event's offer pooled with what the region offers now: a late or reordered (older)
    // event then resolves to the same target as the newest one, so it generates nothing new.
    const region = [...regions.values()].find((r) => r.place.region === signal.facts.region);
    return region ? [signal.facts, await reader.factsFor(region.place, region.clusters.slice(0, 2))] : undefined;
  }
  if (signal.kind === 'cluster') {
    const clusterId = signal.clusterId.toLowerCase();
    const region = [...regions.values()].find((r) => r.clusters.some((c) => c.toLowerCase() === clusterId));
    return region ? [await reader.factsFor(region.place, region.clusters.slice(0, 2))] : undefined;
  }
  return offersFor(reader, members.map((m) => m.properties.clusterResourceId));
}

/**
 * The variant of a catch-up run for a profile, or undefined when there is nothing to catch up:
 * a run of the profile is under way, or none of its members (as its strategy selects them)
 * could move to the target now.
 */
async function catchUpFor(store: FleetStore, reader: ReleaseFactsReader, profile: StoredProfile, target: ChannelTarget, members: FleetMember[], runs: UpdateRun[]): Promise<string | undefined> {
  if (hasRunInProgress(runs.filter((r) => r.properties.autoUpgradeProfileId?.toLowerCase() === profile.id.toLowerCase()))) return undefined;
  const strategyId = profile.properties.updateStrategyId;
  const strategy = strategyId ? (await store.get<UpdateStrategy>(strategyId))?.value.properties.strategy : undefined;
  if (strategyId && !strategy) return undefined;
  const inScope = resolveMembership(strategy, members).flatMap((s) => s.groups.flatMap((g) => g.members));
  const behind: string[] = [];
  for (const member of inScope) {
    const cluster = await reader.clusterState(member.properties.clusterResourceId);
    if (cluster && isBehindTarget(target, cluster)) behind.push(member.name);
  }
  return behind.length > 0 ? catchUpVariant(behind) : undefined;
}

/**
 * `planAutoUpgradesActivity`: which enabled profiles a signal concerns and the channel target it
 * gives each — a region's new offer concerns fleets with members there (targets from the offer
 * pooled with what the region offers now); a cluster's AKS announcement the fleets it belongs to
 * (facts read from AKS for its region); the catch-up tick every profile that opted in, over all
 * of its fleet's regions, when some of its members lag the target and none of its runs is under way.
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
      const runs = signal.kind === 'catchUp' ? (await listAll<UpdateRun>(store, { kind: 'updateRun', fleetId: fleet.id })).map((r) => r.value) : [];
      for (const profile of profiles) {
        const resolved = channelTarget(profile.properties, facts);
        if (!resolved.ok) continue;
        const variant = signal.kind === 'catchUp' ? await catchUpFor(store, reader, profile, resolved.target, members, runs) : '';
        if (variant === undefined) continue;
        const arrivedAt = signal.kind === 'catchUp' ? undefined : signal.arrivedAt;
        planned.push({ profileId: profile.id, target: resolved.target, variant, instanceId: autoUpgradeInstanceId(profile.id, resolved.target, variant), ...(arrivedAt ? { arrivedAt } : {}) });
      }
    }
    return planned;
  };
}
