/**
 * How a document's chunks are laid out in table rows. The head row carries up to
 * `chunksPerRow` chunks plus `chunks` (total) and `rows` (head included), so a reader knows
 * without a query whether overflow rows exist; overflow rows carry the rest. Every row of one
 * version carries the same random `generation`, which is also the document's ETag, so a
 * reader can tell rows of different versions apart. A head with `rows: 0` is a tombstone: the
 * document is being deleted and reads as absent.
 */
import type { TableEntity, TableEntityResult, TransactionAction } from '@azure/data-tables';
import { documentLimits } from './document-codec.js';
import { overflowRowKey, type DocumentKeys } from './document-keys.js';

/** A row as the store writes it. */
export type StoreRow = TableEntity<Record<string, unknown>>;
/** A row as the store reads it back. */
export type ReadRow = TableEntityResult<Record<string, unknown>>;

/** What a head row says about its document; `tableEtag` is the row's own Table ETag. */
export interface HeadState {
  tableEtag: string;
  generation: string;
  rows: number;
  chunks: number;
}

/** The head properties that {@link headState} needs, to read a head without its data. */
export const headSelect = ['generation', 'rows', 'chunks'];

const dataProperty = (index: number): string => `d${index}`;

/** The keys a row was read with (queries always return them). */
export function keysOf(row: ReadRow): DocumentKeys {
  const { partitionKey, rowKey } = row;
  if (partitionKey === undefined || rowKey === undefined) throw new Error('A table row came back without its keys.');
  return { partitionKey, rowKey };
}

/** The state of a head row; throws when `row` is not one this store wrote. */
export function headState(row: ReadRow): HeadState {
  const { etag, generation, rows, chunks } = row;
  if (typeof generation !== 'string' || typeof rows !== 'number' || typeof chunks !== 'number') {
    throw new Error(`Row '${row.partitionKey}'/'${row.rowKey}' is not a fleet document head.`);
  }
  return { tableEtag: etag, generation, rows, chunks };
}

/** The rows holding `chunks` for the document at `keys`, head first. */
export function documentRows(keys: DocumentKeys, chunks: readonly Buffer[], generation: string): StoreRow[] {
  const rowCount = Math.ceil(chunks.length / documentLimits.chunksPerRow);
  const rows: StoreRow[] = [];
  for (let index = 0; index < rowCount; index++) {
    const rowKey = index === 0 ? keys.rowKey : overflowRowKey(keys, index);
    const row: StoreRow = { partitionKey: keys.partitionKey, rowKey, generation };
    if (index === 0) Object.assign(row, { rows: rowCount, chunks: chunks.length });
    chunks.slice(index * documentLimits.chunksPerRow, (index + 1) * documentLimits.chunksPerRow).forEach((chunk, i) => (row[dataProperty(i)] = chunk));
    rows.push(row);
  }
  return rows;
}

/** The head row that marks `keys` as being deleted. */
export const tombstoneRow = (keys: DocumentKeys, generation: string): StoreRow => ({ ...keys, generation, rows: 0, chunks: 0 });

/**
 * One transaction replacing the document at `keys` (currently `current`, undefined when there is
 * no head row) with `rows`: the head guarded by its Table ETag, overflow rows upserted, overflow
 * rows the new version no longer uses deleted.
 */
export function replaceActions(keys: DocumentKeys, rows: readonly StoreRow[], current: HeadState | undefined): TransactionAction[] {
  const [head, ...overflow] = rows;
  if (!head) throw new Error('A document has at least its head row.');
  const actions: TransactionAction[] = [current ? ['update', head, 'Replace', { etag: current.tableEtag }] : ['create', head]];
  for (const row of overflow) actions.push(['upsert', row, 'Replace']);
  for (let index = Math.max(rows.length, 1); index < (current?.rows ?? 0); index++) {
    actions.push(['delete', { partitionKey: keys.partitionKey, rowKey: overflowRowKey(keys, index) }]);
  }
  return actions;
}

/** The `count` chunks stored in `row`, in order; throws when one is missing. */
export function rowChunks(row: ReadRow, count: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => {
    const chunk = row[dataProperty(i)];
    if (!(chunk instanceof Uint8Array)) throw new Error(`Row '${row.partitionKey}'/'${row.rowKey}' lacks chunk ${i}.`);
    return chunk;
  });
}

/** How many chunks row `index` of a document of `total` chunks holds. */
export const chunksInRow = (index: number, total: number): number => Math.min(documentLimits.chunksPerRow, total - index * documentLimits.chunksPerRow);
