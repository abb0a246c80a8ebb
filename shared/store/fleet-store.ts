/**
 * The one storage path of the Fleet API and of the activities: ARM documents keyed by their
 * resource id, with optimistic concurrency. Implementations: `TableFleetStore` (Azure Table
 * Storage / Azurite) and `MemoryFleetStore` (unit tests).
 */
import type { ResourceKind } from '../fleet/models.js';

/** A stored document and the ETag of the version read. */
export interface StoredDocument<T> {
  value: T;
  /** Opaque; changes on every write. Served as the resource's `eTag`. */
  etag: string;
}

/** Conditions on a write, as `If-Match` / `If-None-Match` express them. */
export interface WriteCondition {
  /** Write only if the stored ETag is this one (`*`: only if it exists). Quoted (`"x"`) and weak (`W/"x"`) forms match too. */
  ifMatch?: string;
  /** `*`: write only if nothing is stored yet. */
  ifNoneMatch?: '*';
}

/** What to list: the fleets of a subscription (optionally one resource group), or one kind of child of a fleet. */
export type ListScope =
  | { kind: 'fleet'; subscriptionId: string; resourceGroup?: string }
  | { kind: Exclude<ResourceKind, 'fleet'>; fleetId: string };

/** One page of a listing, in a stable order (by resource id). */
export interface ListPage<T> {
  items: StoredDocument<T>[];
  /** Present when more items follow; pass it back to get the next page. */
  continuationToken?: string;
}

/** Raised when a {@link WriteCondition} does not hold; nothing was written. */
export class StoreConditionError extends Error {
  override readonly name = 'StoreConditionError';
}

/** True when `error` is a {@link StoreConditionError}. */
export const isStoreConditionError = (error: unknown): error is StoreConditionError => error instanceof StoreConditionError;

/**
 * The document store. Ids are ARM resource ids; they compare case-insensitively, as ARM's do, and
 * an id that is not a Fleet resource id throws a `RangeError`. Values round-trip as JSON does.
 */
export interface FleetStore {
  /** The document with this id, or undefined. */
  get<T>(id: string): Promise<StoredDocument<T> | undefined>;
  /**
   * Creates or replaces the document atomically, whatever its size (a 10,000-member run status
   * included). Throws {@link StoreConditionError} when `condition` does not hold, and
   * `DocumentTooLargeError` when the document does not fit even compressed (see `document-codec.ts`).
   */
  put<T>(id: string, value: T, condition?: WriteCondition): Promise<StoredDocument<T>>;
  /** Deletes the document; false when there was none. Throws {@link StoreConditionError} on a failed `ifMatch`. */
  delete(id: string, condition?: WriteCondition): Promise<boolean>;
  /**
   * One page of at most `pageSize` (a positive integer) documents in `scope`, ordered by lower-cased
   * id. A `continuationToken` not issued for this listing throws ARM's 400 `InvalidParameter`.
   */
  list<T>(scope: ListScope, options: { pageSize: number; continuationToken?: string }): Promise<ListPage<T>>;
  /**
   * Every fleet of every subscription, one page at a time, in a stable order (subscription, then
   * id): for fleet-wide background work such as auto-upgrade, which learns of releases per
   * cluster or region, not per subscription.
   */
  listAllFleets<T>(options: { pageSize: number; continuationToken?: string }): Promise<ListPage<T>>;
}
