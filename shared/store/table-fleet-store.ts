/**
 * The Fleet document store on Azure Table Storage (or Azurite). Layout and key design: see
 * `document-keys.ts` and `table-rows.ts`. Every write of a document is one entity-group
 * transaction guarded by the head row's Table ETag, so readers never see a mix of versions and
 * of two racing conditional writers exactly one wins; the public ETag is the version's
 * `generation`. Document contents are never logged nor put into error messages.
 */
import { randomUUID } from 'node:crypto';
import { odata, RestError, TableClient } from '@azure/data-tables';
import { decodeContinuationToken, decodeFleetsToken, encodeContinuationToken, encodeFleetsToken } from './continuation-token.js';
import { decodeDocument, encodeDocument } from './document-codec.js';
import { allFleetsRange, documentKeys, overflowRowKey, scopeRange, type DocumentKeys } from './document-keys.js';
import type { FleetStore, ListPage, ListScope, StoredDocument, WriteCondition } from './fleet-store.js';
import { chunksInRow, documentRows, headSelect, headState, keysOf, replaceActions, rowChunks, tombstoneRow, type HeadState, type ReadRow } from './table-rows.js';
import { assertCondition } from './write-condition.js';

/** How often a read or write starts over when rows changed under it before giving up (a transient error). */
const maxAttempts = 5;
/** Table Storage's largest page. */
const maxQueryPage = 1000;
/** Returned by a read that met rows of another version. */
const changed = Symbol('changed');

/** 404, 409 and 412: rows changed between this store's read and its write. */
const isConflict = (error: unknown): boolean => error instanceof RestError && [404, 409, 412].includes(error.statusCode ?? 0);
const isNotFound = (error: unknown): boolean => error instanceof RestError && error.statusCode === 404;
const live = (head: HeadState | undefined): HeadState | undefined => (head && head.rows > 0 ? head : undefined);

/** A {@link FleetStore} over one table, which must exist (see {@link createTableFleetStore}). */
export class TableFleetStore implements FleetStore {
  readonly #table: TableClient;

  constructor(table: TableClient) {
    this.#table = table;
  }

  async get<T>(id: string): Promise<StoredDocument<T> | undefined> {
    return this.#read<T>(documentKeys(id), id);
  }

  async put<T>(id: string, value: T, condition: WriteCondition = {}): Promise<StoredDocument<T>> {
    const keys = documentKeys(id);
    const chunks = await encodeDocument(id, value);
    for (let attempt = 1; ; attempt++) {
      const current = await this.#head(keys);
      assertCondition(id, condition, live(current)?.generation);
      const generation = randomUUID();
      try {
        await this.#table.submitTransaction(replaceActions(keys, documentRows(keys, chunks, generation), current));
        return { value, etag: generation };
      } catch (error) {
        if (!isConflict(error)) throw error;
        if (attempt >= maxAttempts) throw new Error(`Document '${id}' kept changing; gave up writing after ${maxAttempts} attempts.`, { cause: error });
      }
    }
  }

  async delete(id: string, condition: WriteCondition = {}): Promise<boolean> {
    const keys = documentKeys(id);
    for (let attempt = 1; ; attempt++) {
      const current = await this.#head(keys);
      assertCondition(id, condition, live(current)?.generation);
      if (!current) return false;
      try {
        if (current.rows === 0) {
          await this.#removeTombstone(keys, current.tableEtag);
          return false;
        }
        if (current.rows === 1) {
          await this.#table.deleteEntity(keys.partitionKey, keys.rowKey, { etag: current.tableEtag });
          return true;
        }
        // A transaction's delete cannot carry an ETag, so the guarded step turns the head into a
        // tombstone and drops the overflow rows at once; the tombstone goes afterwards.
        const response = await this.#table.submitTransaction(replaceActions(keys, [tombstoneRow(keys, randomUUID())], current));
        const tombstoneEtag = response.subResponses[0]?.etag?.trim();
        if (tombstoneEtag) await this.#removeTombstone(keys, tombstoneEtag);
        return true;
      } catch (error) {
        if (!isConflict(error)) throw error;
        if (attempt >= maxAttempts) throw new Error(`Document '${id}' kept changing; gave up deleting after ${maxAttempts} attempts.`, { cause: error });
      }
    }
  }

  async list<T>(scope: ListScope, options: { pageSize: number; continuationToken?: string }): Promise<ListPage<T>> {
    const { pageSize } = options;
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`pageSize must be a positive integer; got ${pageSize}.`);
    const range = scopeRange(scope);
    const after = options.continuationToken === undefined ? undefined : decodeContinuationToken(options.continuationToken, range);
    const filter =
      after === undefined
        ? odata`PartitionKey eq ${range.partitionKey} and RowKey ge ${range.from} and RowKey lt ${range.to}`
        : odata`PartitionKey eq ${range.partitionKey} and RowKey gt ${after} and RowKey lt ${range.to}`;
    return this.#page<T>(filter, pageSize, (last) => encodeContinuationToken(last.rowKey));
  }

  async listAllFleets<T>(options: { pageSize: number; continuationToken?: string }): Promise<ListPage<T>> {
    const { pageSize } = options;
    const after = options.continuationToken === undefined ? undefined : decodeFleetsToken(options.continuationToken);
    const range = allFleetsRange;
    const within = odata`PartitionKey ge ${range.from} and PartitionKey lt ${range.to} and RowKey ge ${range.rowFrom} and RowKey lt ${range.rowTo}`;
    const filter = after === undefined ? within : `${within} and (${odata`PartitionKey gt ${after.partitionKey}`} or (${odata`PartitionKey eq ${after.partitionKey} and RowKey gt ${after.rowKey}`}))`;
    return this.#page<T>(filter, pageSize, (last) => encodeFleetsToken(last.partitionKey, last.rowKey));
  }

  /** One page of the documents whose head rows match `filter`, with a token made from the last head when more follow. */
  async #page<T>(filter: string, pageSize: number, tokenAfter: (last: DocumentKeys) => string): Promise<ListPage<T>> {
    // One head beyond the page tells whether another page follows.
    const heads: ReadRow[] = [];
    for await (const page of this.#table.listEntities<Record<string, unknown>>({ queryOptions: { filter } }).byPage({ maxPageSize: Math.min(pageSize + 1, maxQueryPage) })) {
      heads.push(...page.filter((row) => headState(row).rows > 0));
      if (heads.length > pageSize) break;
    }
    const served = heads.slice(0, pageSize);
    const items = await Promise.all(served.map((row) => this.#listed<T>(row)));
    const last = served.at(-1);
    return {
      items: items.filter((item): item is StoredDocument<T> => item !== undefined),
      ...(heads.length > pageSize && last ? { continuationToken: tokenAfter(keysOf(last)) } : {}),
    };
  }

  /** A listed head's document, read again if it changed since the listing (undefined once deleted). */
  async #listed<T>(row: ReadRow): Promise<StoredDocument<T> | undefined> {
    const keys = keysOf(row);
    const document = await this.#assemble<T>(keys, row);
    return document === changed ? this.#read<T>(keys, `${keys.partitionKey}/${keys.rowKey}`) : document;
  }

  async #read<T>(keys: DocumentKeys, label: string): Promise<StoredDocument<T> | undefined> {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const row = await this.#row(keys.partitionKey, keys.rowKey);
      if (!row) return undefined;
      const document = await this.#assemble<T>(keys, row);
      if (document !== changed) return document;
    }
    throw new Error(`Document '${label}' kept changing; gave up reading after ${maxAttempts} attempts.`);
  }

  /** The document whose head is `row`: its overflow rows are read only when it has some. */
  async #assemble<T>(keys: DocumentKeys, row: ReadRow): Promise<StoredDocument<T> | undefined | typeof changed> {
    const head = headState(row);
    if (head.rows === 0) return undefined;
    const chunks = rowChunks(row, chunksInRow(0, head.chunks));
    const overflow = await Promise.all(Array.from({ length: head.rows - 1 }, (_, i) => this.#row(keys.partitionKey, overflowRowKey(keys, i + 1))));
    for (const [i, extra] of overflow.entries()) {
      if (extra?.generation !== head.generation) return changed;
      chunks.push(...rowChunks(extra, chunksInRow(i + 1, head.chunks)));
    }
    return { value: await decodeDocument<T>(chunks), etag: head.generation };
  }

  /** The head's state without its data, or undefined when there is no head row. */
  async #head(keys: DocumentKeys): Promise<HeadState | undefined> {
    const row = await this.#row(keys.partitionKey, keys.rowKey, headSelect);
    return row && headState(row);
  }

  async #row(partitionKey: string, rowKey: string, select?: string[]): Promise<ReadRow | undefined> {
    try {
      return await this.#table.getEntity<Record<string, unknown>>(partitionKey, rowKey, select ? { queryOptions: { select } } : {});
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Removes a tombstone unless it was replaced meanwhile (then the newer write stands). */
  async #removeTombstone(keys: DocumentKeys, tableEtag: string): Promise<void> {
    try {
      await this.#table.deleteEntity(keys.partitionKey, keys.rowKey, { etag: tableEtag });
    } catch (error) {
      if (!isConflict(error)) throw error;
    }
  }
}

/** Where a {@link TableFleetStore} keeps its rows: a client, or a connection string and a table name. */
export type TableFleetStoreTarget = TableClient | { connectionString: string; tableName: string };

/**
 * A {@link TableFleetStore} on `target`, creating the table when missing. Plain-http endpoints
 * (Azurite) are allowed when the connection string names them.
 */
export async function createTableFleetStore(target: TableFleetStoreTarget): Promise<TableFleetStore> {
  const table = target instanceof TableClient ? target : TableClient.fromConnectionString(target.connectionString, target.tableName, { allowInsecureConnection: true });
  await table.createTable();
  return new TableFleetStore(table);
}
