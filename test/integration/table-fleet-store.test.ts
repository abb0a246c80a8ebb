import { odata, TableClient } from '@azure/data-tables';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startAzurite, type AzuriteProcess } from '../../local/host/azurite.js';
import { childId } from '../../shared/arm/resource-id.js';
import { documentLimits } from '../../shared/store/document-codec.js';
import { documentKeys } from '../../shared/store/document-keys.js';
import { createTableFleetStore } from '../../shared/store/table-fleet-store.js';
import { bigUpdateRun, describeFleetStoreContract, doc, listPages, sampleFleetId } from '../store-contract.js';

let azurite: AzuriteProcess | undefined;
let tableCount = 0;

/** A client for a table no other test uses. */
function freshTable(): TableClient {
  if (!azurite) throw new Error('Azurite is not running.');
  return TableClient.fromConnectionString(azurite.connectionString, `fleetstore${++tableCount}`, { allowInsecureConnection: true });
}

beforeAll(async () => {
  azurite = await startAzurite(undefined);
});
afterAll(async () => {
  await azurite?.stop();
});

describeFleetStoreContract('TableFleetStore', () => createTableFleetStore(freshTable()));

describe('TableFleetStore on Azurite', () => {
  /** The RowKeys of every row in the document's partition. */
  async function rowKeysNear(table: TableClient, id: string): Promise<string[]> {
    const { partitionKey } = documentKeys(id);
    const keys: string[] = [];
    for await (const row of table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}`, select: ['RowKey'] } })) keys.push(row.rowKey ?? '');
    return keys;
  }

  it('spreads a large document over head and overflow rows, growing and shrinking in place', async () => {
    const table = freshTable();
    const store = await createTableFleetStore(table);
    const id = childId(sampleFleetId, 'updateRun', 'big-run');
    const steps = [
      { name: '~5 MB, realistic', value: bigUpdateRun(id, 10_000), wantRows: 2 },
      { name: 'near the limit', value: bigUpdateRun(id, 10_000, 200), wantRows: 4 },
      { name: 'small', value: bigUpdateRun(id, 10), wantRows: 1 },
      { name: 'larger again', value: bigUpdateRun(id, 10_000, 100, 2), wantRows: 3 },
      { name: '~5 MB again', value: bigUpdateRun(id, 10_000, 0, 3), wantRows: 2 },
    ];
    const seen = [];
    for (const { name, value, wantRows } of steps) {
      const { etag } = await store.put(id, value);
      expect(await store.get(id)).toEqual({ value, etag });
      seen.push({ name, rows: (await rowKeysNear(table, id)).length });
      expect(seen.at(-1)).toEqual({ name, rows: wantRows });
    }
  });

  it('stores a document of the largest compressed size in one transaction', async () => {
    const table = freshTable();
    const store = await createTableFleetStore(table);
    const id = childId(sampleFleetId, 'updateRun', 'largest');
    // Hash-chain bytes as base64: deterministic text that gzip barely shrinks, trimmed to just fit.
    const bytes = Buffer.concat(Array.from({ length: 110_000 }, (_, i) => createHash('sha256').update(String(i)).digest()));
    let value = bytes.toString('base64');
    for (let size = gzipSync(JSON.stringify(value)).length; size > documentLimits.maxCompressedBytes; size = gzipSync(JSON.stringify(value)).length) {
      value = value.slice(0, Math.floor((value.length * documentLimits.maxCompressedBytes * 0.999) / size));
    }
    expect(gzipSync(JSON.stringify(value)).length).toBeGreaterThan(documentLimits.maxCompressedBytes * 0.99);
    await store.put(id, value);
    expect((await store.get(id))?.value).toBe(value);
    expect(await rowKeysNear(table, id)).toHaveLength(Math.ceil(documentLimits.maxCompressedBytes / documentLimits.chunkBytes / documentLimits.chunksPerRow));
  });

  it('removes every row of a large document on delete', async () => {
    const table = freshTable();
    const store = await createTableFleetStore(table);
    const id = childId(sampleFleetId, 'updateRun', 'big-run');
    const { etag } = await store.put(id, bigUpdateRun(id, 10_000, 200));
    expect(await store.delete(id, { ifMatch: etag })).toBe(true);
    expect(await rowKeysNear(table, id)).toEqual([]);
  });

  it('lists 1,000 members in one page without reading any row on its own', async () => {
    const table = freshTable();
    const store = await createTableFleetStore(table);
    const ids = Array.from({ length: 1000 }, (_, i) => childId(sampleFleetId, 'member', `member-${String(i).padStart(4, '0')}`));
    for (let i = 0; i < ids.length; i += 50) await Promise.all(ids.slice(i, i + 50).map((id) => store.put(id, doc(id))));
    const getEntity = vi.spyOn(table, 'getEntity');
    const pages = await listPages<{ id: string }>(store, { kind: 'member', fleetId: sampleFleetId }, 1000);
    expect(pages.map((page) => page.length)).toEqual([1000]);
    expect(pages.flat().map((item) => item.value.id)).toEqual(ids);
    expect(getEntity).not.toHaveBeenCalled();
  });

  it('reads overflow rows only for the listed documents that have them', async () => {
    const table = freshTable();
    const store = await createTableFleetStore(table);
    const runs = ['a', 'b', 'c'].map((name) => childId(sampleFleetId, 'updateRun', name));
    for (const [i, id] of runs.entries()) await store.put(id, i === 1 ? bigUpdateRun(id, 10_000, 100) : doc(id));
    const getEntity = vi.spyOn(table, 'getEntity');
    const pages = await listPages<{ id: string }>(store, { kind: 'updateRun', fleetId: sampleFleetId }, 2);
    expect(pages.flat().map((item) => item.value.id)).toEqual(runs);
    expect(getEntity.mock.calls.map(([, rowKey]) => rowKey.split('|').slice(0, 2).join('|'))).toEqual(['overflow|001', 'overflow|002']);
  });
});
