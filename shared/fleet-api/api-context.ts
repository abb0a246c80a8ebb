import type { FleetStore, ListScope, StoredDocument } from '../store/fleet-store.js';

/** What the Fleet API handlers work with. Activities get the same store. */
export interface ApiContext {
  store: FleetStore;
  /** The time stamped into `systemData` and operation ids. */
  now(): Date;
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
