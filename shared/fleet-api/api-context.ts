import type { FleetStore, ListScope, StoredDocument } from '../store/fleet-store.js';
import type { RunControl } from './run-control.js';
import type { AutoUpgradeProfile, FleetMember } from '../fleet/models.js';
import type { TargetResolution } from '../auto-upgrade/channel-target.js';

/** How the API checks that a member's cluster exists (the AKS layer). */
export interface ClusterDirectory {
  /** `exists`, `notFound`; throws for transient failures. */
  lookup(clusterResourceId: string): Promise<'exists' | 'notFound'>;
}

/** What regions offer, as auto-upgrade profiles see it (the AKS layer). */
export interface ReleaseCatalogue {
  /** The profile's channel target over the regions its fleet's members run in. */
  targetFor(profile: AutoUpgradeProfile, members: FleetMember[]): Promise<TargetResolution>;
}

/** What the Fleet API handlers work with. Activities get the same store. */
export interface ApiContext {
  store: FleetStore;
  /** The time stamped into `systemData` and operation ids. */
  now(): Date;
  /** Starts runs and raises their events; without it run actions answer 409. */
  runs?: RunControl;
  /** Checks joining clusters; without it members join unchecked. */
  clusters?: ClusterDirectory;
  /** Resolves channel targets for `generateUpdateRun`; without it the action answers 409. */
  releases?: ReleaseCatalogue;
}

/** Every document of a scope, across pages (members of a fleet are bounded at 1,000). */
export async function listAll<T>(store: FleetStore, scope: ListScope): Promise<StoredDocument<T>[]> {
  const items: StoredDocument<T>[] = [];
  let continuationToken: string | undefined;
  do {
    const page = await store.list<T>(scope, { pageSize: 1000, ...(continuationToken ? { continuationToken } : {}) });
    items.push(...page.items);
    continuationToken = page.continuationToken;
  } while (continuationToken);
  return items;
}
