/**
 * The behaviour every {@link FleetStore} must show, run against each implementation
 * (`describeFleetStoreContract(name, makeStore)`), plus the document builders those suites share.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../local/seeded-random.js';
import { isArmError } from '../shared/arm/arm-error.js';
import { childId, fleetId } from '../shared/arm/resource-id.js';
import type { MemberUpdateStatus, UpdateRun } from '../shared/fleet/models.js';
import { isDocumentTooLargeError } from '../shared/store/document-too-large-error.js';
import { isStoreConditionError, type FleetStore, type ListScope, type StoredDocument } from '../shared/store/fleet-store.js';

const subA = '6f1c2a3b-0000-4000-8000-00000000000a';
const subB = '6f1c2a3b-0000-4000-8000-00000000000b';
/** A fleet id every suite may use. */
export const sampleFleetId = fleetId(subA, 'rg-Fleets', 'Fleet-1');


const words = ['Upgrading', 'node pool', 'system', 'user', 'draining', 'cordoned', 'surge', 'waiting for', 'control plane', 'image', 'completed', 'eviction', 'PDB', 'blocked by'];

/**
 * An update run whose status tree has `members` member entries with varied, realistic strings
 * (10,000 members: about 5 MB of JSON). `noise` random hex characters per member make it
 * compress worse, to force a document across several rows.
 */
export function bigUpdateRun(id: string, members: number, noise = 0, seed = 1): UpdateRun {
  const next = seededRandom(seed);
  const hex = (n: number): string => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join('');
  const pick = (): string => words[Math.floor(next() * words.length)] ?? '';
  const member = (i: number): MemberUpdateStatus => ({
    name: `member-${i}-${hex(4)}`,
    clusterResourceId: `/subscriptions/${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}/resourceGroups/rg-${pick().replace(' ', '-')}-${i % 97}/providers/Microsoft.ContainerService/managedClusters/aks-${hex(6)}`,
    operationId: `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`,
    message: `${pick()} ${pick()} ${Math.floor(next() * 500)} of ${pick()} (${pick()}) on aks-nodepool${i % 7}-${hex(8)}-vmss${hex(6)}: ${pick()} ${pick()} ${pick()}${hex(noise)}`,
    status: { state: next() < 0.8 ? 'Completed' : 'Running', startTime: `2025-06-${10 + (i % 18)}T0${i % 10}:${10 + (i % 50)}:0${i % 10}.${hex(3)}Z`, completedTime: `2025-06-${10 + (i % 18)}T1${i % 10}:${10 + (i % 50)}:0${i % 10}.${hex(3)}Z` },
  });
  const perGroup = 100;
  const groups = Math.ceil(members / perGroup);
  return {
    id,
    name: id.split('/').at(-1) ?? '',
    type: 'Microsoft.ContainerService/fleets/updateRuns',
    properties: {
      managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.31.2' } },
      status: {
        status: { state: 'Running' },
        stages: Array.from({ length: Math.ceil(groups / 10) }, (_, s) => ({
          name: `stage-${s}`,
          status: { state: 'Running' },
          groups: Array.from({ length: Math.min(10, groups - s * 10) }, (_, g) => ({
            name: `group-${s}-${g}`,
            status: { state: 'Running' },
            members: Array.from({ length: Math.min(perGroup, members - (s * 10 + g) * perGroup) }, (_, m) => member((s * 10 + g) * perGroup + m)),
          })),
        })),
      },
    },
  };
}

/** A small document for `id`. */
export const doc = (id: string, note = 'v1'): { id: string; name: string; properties: { note: string } } => ({ id, name: id.split('/').at(-1) ?? '', properties: { note } });

/** Every page of `scope` at `pageSize`, checking each page's size and token on the way. */
export async function listPages<T>(store: FleetStore, scope: ListScope, pageSize: number): Promise<StoredDocument<T>[][]> {
  const pages: StoredDocument<T>[][] = [];
  let continuationToken: string | undefined;
  do {
    const page = await store.list<T>(scope, { pageSize, ...(continuationToken === undefined ? {} : { continuationToken }) });
    continuationToken = page.continuationToken;
    expect(page.items.length).toBe(continuationToken === undefined ? page.items.length : pageSize);
    expect(page.items.length).toBeLessThanOrEqual(pageSize);
    pages.push(page.items);
  } while (continuationToken !== undefined);
  return pages;
}

const idsOf = (pages: StoredDocument<{ id: string }>[][]): string[] => pages.flat().map((item) => item.value.id);
const byLowerId = (ids: string[]): string[] => [...ids].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));

/** Runs the FleetStore contract against stores from `makeStore` (a fresh, empty store per test). */
export function describeFleetStoreContract(name: string, makeStore: () => Promise<FleetStore>): void {
  describe(`${name} honours the FleetStore contract`, () => {
    let store: FleetStore;
    beforeEach(async () => {
      store = await makeStore();
    });

    it('round-trips a document with the ETag of the write', async () => {
      const written = await store.put(sampleFleetId, doc(sampleFleetId));
      expect(await store.get(sampleFleetId)).toEqual({ value: doc(sampleFleetId), etag: written.etag });
      expect(await store.get(fleetId(subA, 'rg-Fleets', 'other'))).toBeUndefined();
    });

    it.each([
      { name: 'upper-cased', variant: (id: string) => id.toUpperCase() },
      { name: 'lower-cased', variant: (id: string) => id.toLowerCase() },
    ])('finds, replaces and deletes a document by its $name id, keeping the written casing', async ({ variant }) => {
      const member = childId(sampleFleetId, 'member', 'Member-One');
      await store.put(member, doc(member));
      expect((await store.get(variant(member)))?.value).toEqual(doc(member));
      await store.put(variant(member), doc(variant(member), 'v2'));
      expect(idsOf([(await store.list<{ id: string }>({ kind: 'member', fleetId: variant(sampleFleetId) }, { pageSize: 10 })).items])).toEqual([variant(member)]);
      expect(await store.delete(variant(member))).toBe(true);
      expect(await store.get(member)).toBeUndefined();
    });

    it('round-trips a ~5 MB run status and a smaller write afterwards', async () => {
      const id = childId(sampleFleetId, 'updateRun', 'big-run');
      const big = bigUpdateRun(id, 10_000);
      expect(JSON.stringify(big).length).toBeGreaterThan(4_500_000);
      const written = await store.put(id, big);
      expect(await store.get(id)).toEqual({ value: big, etag: written.etag });
      const small = bigUpdateRun(id, 10);
      await store.put(id, small);
      expect((await store.get(id))?.value).toEqual(small);
    });

    it('refuses a document too large even compressed, writing nothing', async () => {
      const id = childId(sampleFleetId, 'updateRun', 'huge');
      const error: unknown = await store.put(id, bigUpdateRun(id, 10_000, 600)).catch((e: unknown) => e);
      expect(isDocumentTooLargeError(error)).toBe(true);
      expect(String(error)).not.toMatch(/member-/);
      expect(await store.get(id)).toBeUndefined();
    });

    it('changes the ETag on every write', async () => {
      const etags = [];
      for (const note of ['a', 'b', 'c']) etags.push((await store.put(sampleFleetId, doc(sampleFleetId, note))).etag);
      expect(new Set(etags).size).toBe(3);
      expect((await store.get(sampleFleetId))?.etag).toBe(etags[2]);
    });

    it.each([
      { name: 'If-None-Match * on nothing', exists: false, condition: () => ({ ifNoneMatch: '*' as const }), wantWritten: true },
      { name: 'If-None-Match * on a document', exists: true, condition: () => ({ ifNoneMatch: '*' as const }), wantWritten: false },
      { name: 'If-Match * on a document', exists: true, condition: () => ({ ifMatch: '*' }), wantWritten: true },
      { name: 'If-Match * on nothing', exists: false, condition: () => ({ ifMatch: '*' }), wantWritten: false },
      { name: 'If-Match current ETag', exists: true, condition: (etag: string) => ({ ifMatch: etag }), wantWritten: true },
      { name: 'If-Match current ETag, quoted and weak', exists: true, condition: (etag: string) => ({ ifMatch: `W/"${etag}"` }), wantWritten: true },
      { name: 'If-Match stale ETag', exists: true, condition: () => ({ ifMatch: 'stale' }), wantWritten: false },
      { name: 'If-Match an ETag on nothing', exists: false, condition: () => ({ ifMatch: 'stale' }), wantWritten: false },
    ])('put with $name', async ({ exists, condition, wantWritten }) => {
      const before = exists ? await store.put(sampleFleetId, doc(sampleFleetId, 'before')) : undefined;
      const result = await store.put(sampleFleetId, doc(sampleFleetId, 'after'), condition(before?.etag ?? '')).catch((e: unknown) => e);
      if (wantWritten) {
        expect(await store.get(sampleFleetId)).toEqual(result);
      } else {
        expect(isStoreConditionError(result)).toBe(true);
        expect(await store.get(sampleFleetId)).toEqual(before);
      }
    });

    it.each([
      { name: 'If-Match the same ETag', setup: true, condition: (etag: string) => ({ ifMatch: etag }) },
      { name: 'If-None-Match *', setup: false, condition: () => ({ ifNoneMatch: '*' as const }) },
    ])('lets exactly one of two racing writers with $name win', async ({ setup, condition }) => {
      const etag = setup ? (await store.put(sampleFleetId, doc(sampleFleetId, 'start'))).etag : '';
      const results = await Promise.allSettled(['left', 'right'].map((note) => store.put(sampleFleetId, doc(sampleFleetId, note), condition(etag))));
      const winners = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      const losers = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(winners).toHaveLength(1);
      expect(losers.map(isStoreConditionError)).toEqual([true]);
      expect(await store.get(sampleFleetId)).toEqual(winners[0]);
    });

    describe('listing', () => {
      const fleets = [
        fleetId(subA, 'rg', 'zeta'), fleetId(subA, 'RG', 'Alpha'), fleetId(subA, 'rg-a', 'one'), fleetId(subA, 'rg.b', 'two'), fleetId(subA, 'rg2', 'three'),
        fleetId(subA, 'Rg_c', 'four'), fleetId(subA, 'rg', 'mid'), fleetId(subB, 'rg', 'elsewhere'),
      ];
      const memberNames = ['m-0', 'M-1', 'a#1', 'a?x', "o'neil", 'x\\y', 'zürich', '~tilde', 'a%20b', 'smile-😀', 'a', 'a-b', 'a.b', 'A_b'];
      const members = memberNames.map((n) => childId(sampleFleetId, 'member', n));
      const runs = ['run-1', 'run-2', 'run-3'].map((n) => childId(sampleFleetId, 'updateRun', n));
      const others = [childId(sampleFleetId, 'gate', 'g-1'), childId(sampleFleetId, 'updateStrategy', 's-1'), childId(sampleFleetId, 'autoUpgradeProfile', 'p-1')];
      const otherFleetMembers = ['m-0', 'm-9'].map((n) => childId(fleetId(subA, 'rg', 'zeta'), 'member', n));

      beforeEach(async () => {
        for (const id of [...fleets, ...members, ...runs, ...others, ...otherFleetMembers]) await store.put(id, doc(id));
      });

      const scopes: { name: string; scope: ListScope; want: string[] }[] = [
        { name: 'fleets of a subscription', scope: { kind: 'fleet', subscriptionId: subA.toUpperCase() }, want: fleets.filter((id) => id.includes(subA)) },
        { name: 'fleets of a resource group', scope: { kind: 'fleet', subscriptionId: subA, resourceGroup: 'Rg' }, want: fleets.filter((id) => /\/rg\/providers/i.test(id) && id.includes(subA)) },
        { name: 'fleets of another subscription', scope: { kind: 'fleet', subscriptionId: subB }, want: fleets.filter((id) => id.includes(subB)) },
        { name: 'members of a fleet', scope: { kind: 'member', fleetId: sampleFleetId.toLowerCase() }, want: members },
        { name: 'update runs of a fleet', scope: { kind: 'updateRun', fleetId: sampleFleetId }, want: runs },
        { name: 'gates of a fleet', scope: { kind: 'gate', fleetId: sampleFleetId }, want: others.slice(0, 1) },
        { name: 'members of a fleet without children', scope: { kind: 'member', fleetId: fleetId(subB, 'rg', 'elsewhere') }, want: [] },
      ];
      it.each(scopes.flatMap((s) => [1, 2, 50].map((pageSize) => ({ ...s, pageSize }))))('lists $name in pages of $pageSize, each once and in id order', async ({ scope, pageSize, want }) => {
        expect(idsOf(await listPages<{ id: string }>(store, scope, pageSize))).toEqual(byLowerId(want));
      });

      it.each([1, 3, 50])('lists every fleet of every subscription in pages of %i, each once, subscription by subscription', async (pageSize) => {
        const seen: string[] = [];
        let continuationToken: string | undefined;
        do {
          const page = await store.listAllFleets<{ id: string }>({ pageSize, ...(continuationToken ? { continuationToken } : {}) });
          seen.push(...page.items.map((item) => item.value.id));
          continuationToken = page.continuationToken;
        } while (continuationToken);
        const bySubscription = [subA, subB].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)).flatMap((sub) => byLowerId(fleets.filter((id) => id.includes(sub))));
        expect(seen).toEqual(bySubscription);
      });

      it('rejects a continuation token from another listing', async () => {
        const page = await store.list({ kind: 'member', fleetId: sampleFleetId }, { pageSize: 1 });
        const error: unknown = await store.list({ kind: 'updateRun', fleetId: sampleFleetId }, { pageSize: 1, continuationToken: page.continuationToken ?? '' }).catch((e: unknown) => e);
        expect(isArmError(error) && error.status).toBe(400);
      });
    });

    const outcome = (e: unknown): unknown => (isStoreConditionError(e) ? 'StoreConditionError' : e);

    it.each([
      { name: 'without a condition', condition: () => ({}), want: { result: true, remains: false } },
      { name: 'If-Match the current ETag', condition: (etag: string) => ({ ifMatch: etag }), want: { result: true, remains: false } },
      { name: 'If-Match *', condition: () => ({ ifMatch: '*' }), want: { result: true, remains: false } },
      { name: 'If-Match a stale ETag', condition: () => ({ ifMatch: 'stale' }), want: { result: 'StoreConditionError', remains: true } },
    ])('deletes $name', async ({ condition, want }) => {
      const id = childId(sampleFleetId, 'member', 'doomed');
      const { etag } = await store.put(id, doc(id));
      const result = await store.delete(id, condition(etag)).catch(outcome);
      expect({ result, remains: (await store.get(id)) !== undefined }).toEqual(want);
    });

    it.each([
      { name: 'without a condition', condition: {}, want: false },
      { name: 'If-Match *', condition: { ifMatch: '*' }, want: 'StoreConditionError' },
      { name: 'If-Match an ETag', condition: { ifMatch: 'some' }, want: 'StoreConditionError' },
    ])('deletes nothing $name', async ({ condition, want }) => {
      expect(await store.delete(sampleFleetId, condition).catch(outcome)).toBe(want);
    });

    it('deletes a large document and can write it again', async () => {
      const id = childId(sampleFleetId, 'updateRun', 'big-run');
      const { etag } = await store.put(id, bigUpdateRun(id, 10_000, 200));
      expect(await store.delete(id, { ifMatch: etag })).toBe(true);
      expect(await store.get(id)).toBeUndefined();
      await store.put(id, doc(id), { ifNoneMatch: '*' });
      expect((await store.get(id))?.value).toEqual(doc(id));
    });

    it.each([
      { name: 'not a Fleet id', call: (s: FleetStore) => s.get('/subscriptions/x/resourceGroups/y') },
      { name: 'an unknown child kind', call: (s: FleetStore) => s.put(`${sampleFleetId}/widgets/w`, {}) },
      { name: 'a page size of 0', call: (s: FleetStore) => s.list({ kind: 'member', fleetId: sampleFleetId }, { pageSize: 0 }) },
    ])('rejects $name', async ({ call }) => {
      await expect(call(store)).rejects.toThrow(RangeError);
    });
  });
}
