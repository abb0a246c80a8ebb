import { listAll } from '../fleet-api/api-context.js';
import type { Fleet, FleetMember } from '../fleet/models.js';
import { isStoreConditionError, type FleetStore } from '../store/fleet-store.js';
import { allFleets } from './activities/plan-auto-upgrades.js';
import type { ReleaseFacts } from './release-facts.js';
import { factsHash } from './release-intake.js';
import type { ClusterPlace, ReleaseFactsReader } from './region-facts.js';

/** What the watcher keeps on a fleet (never served): the hash of each region's offer it last reported. */
type WatchedFleet = Fleet & { runtime?: { releaseWatch?: Record<string, string> } };

/** What the watcher needs. */
export interface WatcherDeps {
  store: FleetStore;
  reader: ReleaseFactsReader;
  /** Reports regions whose offer changed (publish release events, or start intake directly). */
  publish(changed: ReleaseFacts[]): Promise<void>;
}

/** Remembers that a fleet has seen these region offers. */
async function remember(store: FleetStore, fleetId: string, seen: Record<string, string>): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const stored = await store.get<WatchedFleet>(fleetId);
    if (!stored) return;
    const runtime = { ...stored.value.runtime, releaseWatch: { ...stored.value.runtime?.releaseWatch, ...seen } };
    try {
      await store.put(fleetId, { ...stored.value, runtime }, { ifMatch: stored.etag });
      return;
    } catch (error) {
      if (!isStoreConditionError(error)) throw error;
    }
  }
}

/**
 * One tick of the release watcher: for each region that has members (any fleet), asks the AKS
 * layer what it offers, compares with what each fleet last saw, reports the regions that changed
 * since a fleet last looked (once each; a fleet's first look only records a baseline), and
 * remembers them. Returns the changed offers.
 */
export async function watchReleases(deps: WatcherDeps): Promise<ReleaseFacts[]> {
  const regions = new Map<string, { place: ClusterPlace; clusters: string[]; fleets: WatchedFleet[] }>();
  for await (const fleet of allFleets(deps.store)) {
    const members = await listAll<FleetMember>(deps.store, { kind: 'member', fleetId: fleet.id });
    for (const member of members) {
      const place = await deps.reader.placeOf(member.value.properties.clusterResourceId);
      if (!place) continue;
      const key = `${place.subscriptionId.toLowerCase()}/${place.region}`;
      const entry = regions.get(key) ?? { place, clusters: [], fleets: [] };
      if (entry.clusters.length < 2) entry.clusters.push(member.value.properties.clusterResourceId);
      if (!entry.fleets.some((f) => f.id === fleet.id)) entry.fleets.push(fleet as WatchedFleet);
      regions.set(key, entry);
    }
  }
  const changed: ReleaseFacts[] = [];
  const seenBy = new Map<string, Record<string, string>>();
  for (const [key, entry] of regions) {
    const facts = await deps.reader.factsFor(entry.place, entry.clusters);
    const hash = factsHash(facts);
    const stale = entry.fleets.filter((f) => f.runtime?.releaseWatch?.[key] !== hash);
    if (stale.length === 0) continue;
    // A fleet's first look at a region is its baseline, not a release (reference §5.2: triggering
    // follows new releases; a profile does not catch up on what shipped before).
    if (stale.some((f) => f.runtime?.releaseWatch?.[key] !== undefined)) changed.push(facts);
    for (const fleet of stale) seenBy.set(fleet.id, { ...seenBy.get(fleet.id), [key]: hash });
  }
  if (changed.length > 0) await deps.publish(changed);
  for (const [fleetId, seen] of seenBy) await remember(deps.store, fleetId, seen);
  return changed;
}
