import { randomUUID } from 'node:crypto';
import { decodeContinuationToken, decodeFleetsToken, encodeContinuationToken, encodeFleetsToken } from './continuation-token.js';
import { decodeDocument, encodeDocument } from './document-codec.js';
import { allFleetsRange, documentKeys, scopeRange } from './document-keys.js';
import type { FleetStore, ListPage, ListScope, StoredDocument, WriteCondition } from './fleet-store.js';
import { assertCondition } from './write-condition.js';

/** One stored version: its ETag and its encoded (gzip JSON) form, never shared with callers. */
interface Entry {
  etag: string;
  chunks: readonly Buffer[];
}

/**
 * A {@link FleetStore} in process memory with the semantics of `TableFleetStore`: the same keys
 * (so the same case-insensitivity, order and continuation tokens), the same encoding (so the same
 * size limit and JSON round trip) and conditions checked atomically. For unit tests of the code
 * that uses a store.
 */
export class MemoryFleetStore implements FleetStore {
  readonly #partitions = new Map<string, Map<string, Entry>>();

  async get<T>(id: string): Promise<StoredDocument<T> | undefined> {
    const { partitionKey, rowKey } = documentKeys(id);
    const entry = this.#partitions.get(partitionKey)?.get(rowKey);
    return entry && { value: await decodeDocument<T>(entry.chunks), etag: entry.etag };
  }

  async put<T>(id: string, value: T, condition: WriteCondition = {}): Promise<StoredDocument<T>> {
    const { partitionKey, rowKey } = documentKeys(id);
    const chunks = await encodeDocument(id, value);
    // From here on nothing awaits, so checking and writing are one atomic step.
    const partition = this.#partitions.get(partitionKey) ?? new Map<string, Entry>();
    assertCondition(id, condition, partition.get(rowKey)?.etag);
    const etag = randomUUID();
    partition.set(rowKey, { etag, chunks });
    this.#partitions.set(partitionKey, partition);
    return { value, etag };
  }

  async delete(id: string, condition: WriteCondition = {}): Promise<boolean> {
    const { partitionKey, rowKey } = documentKeys(id);
    const partition = this.#partitions.get(partitionKey);
    assertCondition(id, condition, partition?.get(rowKey)?.etag);
    return partition?.delete(rowKey) ?? false;
  }

  async list<T>(scope: ListScope, options: { pageSize: number; continuationToken?: string }): Promise<ListPage<T>> {
    const { pageSize } = options;
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a positive integer; got ${pageSize}.`);
    const range = scopeRange(scope);
    const after = options.continuationToken === undefined ? undefined : decodeContinuationToken(options.continuationToken, range);
    const partition = this.#partitions.get(range.partitionKey) ?? new Map<string, Entry>();
    const rowKeys = [...partition.keys()]
      .filter((key) => key >= range.from && key < range.to && (after === undefined || key > after))
      .sort()
      .slice(0, pageSize + 1);
    const served = rowKeys.slice(0, pageSize).flatMap((key) => {
      const entry = partition.get(key);
      return entry ? [entry] : [];
    });
    const items = await Promise.all(served.map(async (entry) => ({ value: await decodeDocument<T>(entry.chunks), etag: entry.etag })));
    const last = rowKeys[pageSize - 1];
    return { items, ...(rowKeys.length > pageSize && last !== undefined ? { continuationToken: encodeContinuationToken(last) } : {}) };
  }

  async listAllFleets<T>(options: { pageSize: number; continuationToken?: string }): Promise<ListPage<T>> {
    const after = options.continuationToken === undefined ? undefined : decodeFleetsToken(options.continuationToken);
    const heads = [...this.#partitions.entries()]
      .filter(([pk]) => pk >= allFleetsRange.from && pk < allFleetsRange.to)
      .flatMap(([pk, rows]) => [...rows.entries()].filter(([rk]) => rk >= allFleetsRange.rowFrom && rk < allFleetsRange.rowTo).map(([rk, entry]) => ({ pk, rk, entry })))
      .filter(({ pk, rk }) => after === undefined || pk > after.partitionKey || (pk === after.partitionKey && rk > after.rowKey))
      .sort((a, b) => (a.pk === b.pk ? (a.rk < b.rk ? -1 : 1) : a.pk < b.pk ? -1 : 1))
      .slice(0, options.pageSize + 1);
    const served = heads.slice(0, options.pageSize);
    const items = await Promise.all(served.map(async ({ entry }) => ({ value: await decodeDocument<T>(entry.chunks), etag: entry.etag })));
    const last = served.at(-1);
    return { items, ...(heads.length > options.pageSize && last ? { continuationToken: encodeFleetsToken(last.pk, last.rk) } : {}) };
  }
}
