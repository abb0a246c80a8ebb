/**
 * Where each Fleet document lives in the table. Fleets are partitioned by subscription, children
 * by their fleet; a head row's RowKey is its kind's tag followed by the escaped, lower-cased rest
 * of the id, so one kind (or one resource group's fleets) is a RowKey range, ordered as the
 * lower-cased ids are. Overflow rows of large documents sit in the same partition under their own
 * tag, outside every listing range.
 */
import { parseFleetResourceId, type FleetResourceId } from '../arm/resource-id.js';
import type { ResourceKind } from '../fleet/models.js';
import type { ListScope } from './fleet-store.js';
import { escapeKey, prefixEnd } from './key-escape.js';

/** The PartitionKey and RowKey of a document's head row. */
export interface DocumentKeys {
  partitionKey: string;
  rowKey: string;
}

/** The head rows of one listing: RowKeys from `from` (inclusive) to `to` (exclusive) in one partition. */
export interface KeyRange {
  partitionKey: string;
  from: string;
  to: string;
}

const tag = (kind: ResourceKind): string => `${kind}|`;
const subscriptionPartition = (subscriptionId: string): string => `sub|${escapeKey(subscriptionId.toLowerCase())}`;
const fleetPartition = (fleet: FleetResourceId): string => `fleet|${escapeKey(`${fleet.subscriptionId}/${fleet.resourceGroup}/${fleet.fleetName}`.toLowerCase())}`;

function parseOrThrow(id: string): FleetResourceId {
  const parsed = parseFleetResourceId(id);
  if (!parsed) throw new RangeError(`Not a Fleet resource id: '${id}'`);
  return parsed;
}

/**
 * The keys of the document with this id; ids differing only in case get the same keys. Throws a
 * `RangeError` when `id` is not a Fleet resource id.
 */
export function documentKeys(id: string): DocumentKeys {
  const parsed = parseOrThrow(id);
  if (!parsed.child) {
    return { partitionKey: subscriptionPartition(parsed.subscriptionId), rowKey: tag('fleet') + escapeKey(`${parsed.resourceGroup}/${parsed.fleetName}`.toLowerCase()) };
  }
  return { partitionKey: fleetPartition(parsed), rowKey: tag(parsed.child.kind) + escapeKey(parsed.child.name.toLowerCase()) };
}

/** The RowKey range holding exactly the head rows of `scope`. Throws a `RangeError` when `fleetId` is not a fleet's id. */
export function scopeRange(scope: ListScope): KeyRange {
  if (scope.kind === 'fleet') {
    // The '/' keeps resource group "rg" from matching "rg2"; it is also where ids continue.
    const prefix = tag('fleet') + (scope.resourceGroup === undefined ? '' : escapeKey(`${scope.resourceGroup}/`.toLowerCase()));
    return { partitionKey: subscriptionPartition(scope.subscriptionId), from: prefix, to: prefixEnd(prefix) };
  }
  const fleet = parseOrThrow(scope.fleetId);
  if (fleet.child) throw new RangeError(`Not a fleet's id: '${scope.fleetId}'`);
  const prefix = tag(scope.kind);
  return { partitionKey: fleetPartition(fleet), from: prefix, to: prefixEnd(prefix) };
}

/** The RowKey of overflow row `index` (1-based; the head is row 0) of the document at `head`. */
export const overflowRowKey = (head: DocumentKeys, index: number): string => `overflow|${String(index).padStart(3, '0')}|${head.rowKey}`;

/** Every subscription partition lies in [from, to); every fleet head row's RowKey in [rowFrom, rowTo). */
export const allFleetsRange = { from: 'sub|', to: prefixEnd('sub|'), rowFrom: tag('fleet'), rowTo: prefixEnd(tag('fleet')) } as const;
