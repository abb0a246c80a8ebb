import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiVersions } from '../../shared/arm/api-versions.js';
import { isResourceGroupName } from '../../shared/arm/path-params.js';
import type { Gate, UpdateRun } from '../../shared/fleet/models.js';
import { armId, clusterId, errorCode, isArmErrorBody, latestApiVersion, snapshotStore, startFleetApi, subscriptionId, type FleetApiStack } from './fleet-api-harness.js';

/**
 * Property: no request the API can receive makes it fail (5xx), every refusal carries ARM's error
 * body, and requests that must be refused change nothing in the store. Each generated request is
 * invalid by construction (a mutation that no valid body survives, a name, scope or api-version
 * no resource can have, or a precondition that cannot hold), so a 2xx write is a finding too.
 */

const rg = 'fuzz-rg';
const fleetPath = `/subscriptions/${subscriptionId}/resourceGroups/${rg}/providers/Microsoft.ContainerService/fleets/fuzz`;
const gateName = '0f0f0f0f-0000-4000-8000-00000000fade';
const batchSize = 50;
const batches = 110;

/** A request to send and how to judge it. */
interface FuzzRequest {
  kind: string;
  method: string;
  path: string;
  body?: string;
  headers: Record<string, string>;
  apiVersion: string | null;
}

/** A writable resource of the fixture fleet with a body that would be accepted as is. */
interface Target {
  method: 'PUT' | 'PATCH';
  path: string;
  valid: Record<string, unknown>;
  /** Fields whose value, replaced by any value of another JSON type, makes the body invalid. */
  typedFields: { path: string[]; type: 'string' | 'object' | 'boolean' }[];
  /** A body valid at the newest api-version that an older one must refuse. */
  newer?: { body: Record<string, unknown>; apiVersion: string };
}

const targets: Target[] = [
  { method: 'PUT', path: fleetPath, valid: { location: 'eastus', tags: { team: 'fuzz' } }, typedFields: [{ path: ['location'], type: 'string' }, { path: ['tags'], type: 'object' }] },
  { method: 'PATCH', path: fleetPath, valid: { tags: { team: 'other' } }, typedFields: [{ path: ['tags'], type: 'object' }] },
  {
    method: 'PUT',
    path: `${fleetPath}/members/m1`,
    valid: { properties: { clusterResourceId: clusterId('m1'), group: 'g1' } },
    typedFields: [{ path: ['properties'], type: 'object' }, { path: ['properties', 'clusterResourceId'], type: 'string' }, { path: ['properties', 'group'], type: 'string' }],
    newer: { body: { properties: { clusterResourceId: clusterId('m1'), labels: { env: 'prod' } } }, apiVersion: '2025-03-01' },
  },
  {
    method: 'PATCH',
    path: `${fleetPath}/members/m1`,
    valid: { properties: { group: 'g2' } },
    typedFields: [{ path: ['properties'], type: 'object' }, { path: ['properties', 'labels'], type: 'object' }],
    newer: { body: { properties: { labels: { env: 'prod' } } }, apiVersion: '2024-04-01' },
  },
  {
    method: 'PUT',
    path: `${fleetPath}/updateStrategies/s1`,
    valid: { properties: { strategy: { stages: [{ name: 'one', groups: [{ name: 'g1' }] }] } } },
    typedFields: [{ path: ['properties'], type: 'object' }, { path: ['properties', 'strategy'], type: 'object' }],
    newer: { body: { properties: { strategy: { stages: [{ name: 'one', maxConcurrency: '2', groups: [{ name: 'g1' }] }] } } }, apiVersion: '2025-08-01-preview' },
  },
  {
    method: 'PUT',
    path: `${fleetPath}/updateRuns/r1`,
    valid: { properties: { managedClusterUpdate: { upgrade: { type: 'NodeImageOnly' } } } },
    typedFields: [{ path: ['properties'], type: 'object' }, { path: ['properties', 'managedClusterUpdate'], type: 'object' }, { path: ['properties', 'updateStrategyId'], type: 'string' }],
    newer: { body: { properties: { strategy: { stages: [{ name: 'one', groups: [{ name: 'g1', beforeGates: [{ type: 'Approval' }] }] }] }, managedClusterUpdate: { upgrade: { type: 'NodeImageOnly' } } } }, apiVersion: '2025-03-01' },
  },
  {
    method: 'PUT',
    path: `${fleetPath}/updateRuns/running`,
    valid: { properties: { managedClusterUpdate: { upgrade: { type: 'NodeImageOnly' } } } },
    typedFields: [{ path: ['properties'], type: 'object' }, { path: ['properties', 'managedClusterUpdate'], type: 'object' }],
  },
  {
    method: 'PUT',
    path: `${fleetPath}/autoUpgradeProfiles/p1`,
    valid: { properties: { channel: 'Stable' } },
    typedFields: [{ path: ['properties'], type: 'object' }, { path: ['properties', 'channel'], type: 'string' }, { path: ['properties', 'disabled'], type: 'boolean' }],
    newer: { body: { properties: { channel: 'TargetKubernetesVersion', targetKubernetesVersion: '1.33' } }, apiVersion: '2025-03-01' },
  },
  { method: 'PATCH', path: `${fleetPath}/gates/${gateName}`, valid: { properties: { state: 'Completed' } }, typedFields: [{ path: ['properties'], type: 'object' }, { path: ['properties', 'state'], type: 'string' }] },
];

/** Every property name some body schema knows, at the root or in `properties` (unknown keys are refused). */
const knownKeys = new Set([
  ...['id', 'name', 'type', 'systemData', 'eTag', 'location', 'tags', 'identity', 'properties'],
  ...['hubProfile', 'provisioningState', 'status', 'clusterResourceId', 'group', 'labels', 'meshProperties', 'strategy', 'updateStrategyId', 'managedClusterUpdate'],
  ...['autoUpgradeProfileId', 'channel', 'nodeImageSelection', 'disabled', 'targetKubernetesVersion', 'longTermSupport', 'autoUpgradeProfileStatus', 'state'],
]);

const hugeString = fc.record({ ch: fc.constantFrom('a', 'é', '😀', '\u0000', '/', '"'), n: fc.integer({ min: 1_000, max: 60_000 }) }).map(({ ch, n }) => ch.repeat(n));
const oversizedString = fc.integer({ min: 4_200_000, max: 4_300_000 }).map((n) => 'x'.repeat(n));
const hostileText = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom('', ' ', '\u0000', '../..', '%2F', '<script>', "' or 1=1 --", '__proto__', 'constructor', '\u202e', '😀', 'NaN', '{}', '*') },
  { weight: 2, arbitrary: hugeString },
);
const hostileKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', '\u0000', 'properties ', 'Location', '$ref'), fc.string({ unit: 'binary', maxLength: 12 })).filter((k) => !knownKeys.has(k));
const deepArray = fc.integer({ min: 100, max: 3_000 }).map((depth) => {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
});
const deepObject = fc.integer({ min: 100, max: 3_000 }).map((depth) => {
  let value: unknown = {};
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
});
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null)) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(hostileKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.oneof(deepArray, deepObject) },
);
const notOfType = (type: 'string' | 'object' | 'boolean'): fc.Arbitrary<unknown> =>
  anyJson.filter((v) => (type === 'string' ? typeof v !== 'string' : type === 'boolean' ? typeof v !== 'boolean' : typeof v !== 'object' || v === null || Array.isArray(v)));

const withValueAt = (body: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> => {
  const copy = structuredClone(body);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  Object.defineProperty(node, path.at(-1) ?? '', { value, enumerable: true, writable: true, configurable: true });
  return copy;
};

const request = (kind: string, method: string, path: string, body: string | undefined, extra: Partial<FuzzRequest> = {}): FuzzRequest => ({
  kind,
  method,
  path,
  headers: {},
  apiVersion: latestApiVersion,
  ...(body === undefined ? {} : { body }),
  ...extra,
});

const target = fc.constantFrom(...targets);

/** A valid body with one property no schema knows, at the root or in `properties`. */
const unknownProperty = fc.tuple(target, hostileKey, anyJson, fc.boolean()).map(([t, key, value, inProperties]) => {
  const level = inProperties && typeof t.valid.properties === 'object' ? ['properties', key] : [key];
  return request('unknown property', t.method, t.path, JSON.stringify(withValueAt(t.valid, level, value)));
});
/** A valid body with a typed field holding a value of another type. */
const wrongType = target.chain((t) =>
  fc.constantFrom(...t.typedFields).chain((field) => notOfType(field.type).map((value) => request(`wrong type at ${field.path.join('.')}`, t.method, t.path, JSON.stringify(withValueAt(t.valid, field.path, value))))),
);
/** A body that is not an object (or empty). */
const notAnObject = fc.tuple(target, fc.oneof(anyJson.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v)), fc.constant(undefined))).map(([t, value]) =>
  request('body not an object', t.method, t.path, value === undefined ? undefined : JSON.stringify(value)),
);
/** Text that is not JSON: a valid body cut short, or with a comment, a trailing comma or NaN (a UTF-8 BOM is decoded away, as hosts do). */
const notJson = fc.tuple(target, fc.nat(), fc.constantFrom('cut', 'comment', 'trailing', 'nan', 'deep')).map(([t, at, how]) => {
  const text = JSON.stringify(t.valid);
  const body =
    how === 'cut' ? text.slice(0, at % text.length)
    : how === 'comment' ? `${text}// comment`
    : how === 'trailing' ? `${text.slice(0, -1)},}`
    : how === 'nan' ? text.replace(/"[^"]*"$/, 'NaN').replace(/}$/, ',"x":NaN}')
    : `${'['.repeat(100_000)}${']'.repeat(99_999)}`;
  return request(`not JSON (${how})`, t.method, t.path, body);
});
/** A body past the 4 MiB ARM accepts. */
const oversized = fc.tuple(target, oversizedString).map(([t, huge]) => request('oversized body', t.method, t.path, JSON.stringify({ ...t.valid, padding: huge })));

const segment = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 });
const longSegment = fc.integer({ min: 64, max: 5_000 }).map((n) => 'a'.repeat(n));
const dotOnly = (s: string): boolean => /^[.]+$/.test(s) || /^(%2e|\.)+$/i.test(s);
const encode = (s: string): string => encodeURIComponent(s);
const validName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A name the create rule refuses and URL normalisation leaves alone. */
const badName = fc.oneof(segment, longSegment, fc.constantFrom('-a', 'a-', 'A', 'a_b', 'a b', 'a/b', 'a\\b', 'a%2Fb', 'ü', '😀', 'a\u0000b', 'con', '..a')).filter((n) => (!validName.test(n) || n.length > 63) && !dotOnly(n) && n !== 'con');
const badSubscription = fc.oneof(segment, fc.constantFrom('not-a-guid', '00000000-0000-4000-8000-00000000000g', '{00000000-0000-4000-8000-000000000000}')).filter((s) => !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s) && !dotOnly(s));
const badResourceGroup = fc.oneof(segment, fc.constantFrom('a.', 'a/b', 'a b', 'a#b', 'a?b', 'a%b'), longSegment.map((s) => s.padEnd(91, 'a'))).filter((s) => !isResourceGroupName(s) && !dotOnly(s));

/** A valid body at a name, subscription or resource group that no resource can have. */
const badPath = fc.oneof(
  fc.tuple(target.filter((t) => t.method === 'PUT'), badName).map(([t, name]) => request('bad name', 'PUT', t.path.replace(/[^/]+$/, encode(name)), JSON.stringify(t.valid))),
  fc.tuple(target, badSubscription).map(([t, sub]) => request('bad subscription', t.method, t.path.replace(subscriptionId, encode(sub)), JSON.stringify(t.valid))),
  fc.tuple(target, badResourceGroup).map(([t, group]) => request('bad resource group', t.method, t.path.replace(`/${rg}/`, `/${encode(group)}/`), JSON.stringify(t.valid))),
  fc.tuple(target, fc.constantFrom('%2F', '%5C', '%00', '%2e%2e%2f', '..%2F..%2F', ';x=1', '%252F')).map(([t, junk]) => request('encoded separator in a name', t.method, `${t.path}${junk}x`, JSON.stringify(t.valid))),
);
/** A valid body with no api-version, one we do not serve, or an older one than its fields need. */
const badApiVersion = fc.oneof(
  fc.tuple(target, fc.oneof(fc.constant(null), hostileText.filter((v) => !(v in apiVersions)), fc.constantFrom('2025-03-01 ', '2099-01-01', '2025-3-1', 'latest'))).map(([t, version]) =>
    request('bad api-version', t.method, t.path, JSON.stringify(t.valid), { apiVersion: version === null ? null : version.slice(0, 2_000) }),
  ),
  target.filter((t) => t.newer !== undefined).map((t) => request('field newer than the api-version', t.method, t.path, JSON.stringify(t.newer?.body), { apiVersion: t.newer?.apiVersion ?? null })),
);
const bogusEtag = fc.oneof(fc.uuid(), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 60 }), fc.constantFrom('""', 'W/"x"', '"', ',', 'null')).filter((v) => !v.includes('*') && v.trim() !== '');
/** A valid body whose precondition cannot hold on an existing resource. */
const failedPrecondition = fc.oneof(
  fc.tuple(target, bogusEtag).map(([t, etag]) => request('If-Match mismatch', t.method, t.path, JSON.stringify(t.valid), { headers: { 'if-match': etag } })),
  target.filter((t) => t.method === 'PUT').map((t) => request('If-None-Match * on an existing resource', 'PUT', t.path, JSON.stringify(t.valid), { headers: { 'if-none-match': '*' } })),
  fc.tuple(fc.constantFrom(fleetPath, `${fleetPath}/members/m1`, `${fleetPath}/updateRuns/r1`), bogusEtag).map(([path, etag]) => request('DELETE with If-Match mismatch', 'DELETE', path, undefined, { headers: { 'if-match': etag } })),
);
/** `..`, encoded separators and doubled slashes inside the fleet's path, with a body no route accepts. */
const traversal = fc
  .tuple(fc.array(fc.constantFrom('..', '%2e%2e', '.', '%2F', '%5C', '', 'members', 'gates', 'x'), { minLength: 1, maxLength: 3 }), fc.constantFrom('GET', 'PUT', 'PATCH', 'POST'), notAnObject)
  .map(([parts, method, body]) => request('traversal', method, `${fleetPath}/${parts.join('/')}`, method === 'GET' ? undefined : body.body));
/**
 * Run and profile actions that must not act: unknown actions or resources, actions on resources
 * that have none, a stop of a run that is not running, a start of one that is, and skip bodies
 * that name nothing valid. (Valid actions act: they are covered by the update-run tests.)
 */
const names = (body: unknown): string => JSON.stringify(body);
const validSkip = names({ targets: [{ type: 'Stage', name: 'one' }] });
const actions = fc.oneof(
  fc
    .tuple(fc.constantFrom('updateRuns/none', 'autoUpgradeProfiles/p1', 'members/m1', `gates/${gateName}`), fc.oneof(fc.constantFrom('start', 'stop', 'skip', 'generateUpdateRun', 'START'), segment.map(encode)), fc.oneof(anyJson, fc.constant({ targets: [{ type: 'Stage', name: 'one' }] })))
    .filter(([resource, action]) => !(resource === 'autoUpgradeProfiles/p1' && action === 'generateUpdateRun'))
    .map(([resource, action, body]) => request('action', 'POST', `${fleetPath}/${resource}/${action}`, body === undefined ? undefined : JSON.stringify(body))),
  fc.constantFrom(['updateRuns/r1', 'stop'], ['updateRuns/r1', 'STOP'], ['updateRuns/running', 'start'], ['updateRuns/r1', 'skipped']).map(([resource, action]) => request('action', 'POST', `${fleetPath}/${resource}/${action}`, undefined)),
  fc
    .tuple(fc.constantFrom('updateRuns/r1', 'updateRuns/running'), anyJson.filter((body) => names(body) !== validSkip))
    .map(([resource, body]) => request('action', 'POST', `${fleetPath}/${resource}/skip`, body === undefined ? undefined : JSON.stringify(body))),
);
/** Lists with hostile `$top`, `$skipToken` and `$filter` (kept under the 16 KiB of URL and headers Node accepts). */
const listQuery = fc
  .tuple(
    fc.constantFrom(`${fleetPath}/members`, `${fleetPath}/gates`, `${fleetPath}/updateRuns`, `/subscriptions/${subscriptionId}/providers/Microsoft.ContainerService/fleets`, `/subscriptions/${subscriptionId}/resourceGroups/${rg}/providers/Microsoft.ContainerService/fleets`),
    fc.constantFrom('$top', '$skipToken', '$filter'),
    fc.oneof(hostileText, fc.constantFrom('0', '-1', '1001', '1e3', '2.5', '('.repeat(1_000), "properties/state eq 'Pending' and", 'a eq b', "properties/state gt 'x'")),
  )
  .map(([path, name, value]) => request(`list ${name}`, 'GET', `${path}?${name}=${encodeURIComponent(value.slice(0, 1_000))}`, undefined));
/** Operation endpoints with ids that are not ours. */
const operations = fc
  .tuple(fc.constantFrom('operations', 'operationresults'), fc.oneof(segment, fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')), fc.constant(Buffer.from(JSON.stringify([`${fleetPath}/members/${'a'.repeat(3000)}`, 'put', 'x'])).toString('base64url'))))
  .map(([kind, id]) => request('operation', 'GET', `/subscriptions/${subscriptionId}/providers/Microsoft.ContainerService/locations/eastus/${kind}/${encode(id)}`, undefined));
/** Methods no route serves at a path, and paths no route has. */
const unrouted = fc
  .tuple(fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE', 'GET'), fc.constantFrom(`${fleetPath}/members`, `${fleetPath}/members/m1/x/y`, `/subscriptions/${subscriptionId}/resourceGroups/${rg}`, `/subscriptions/${subscriptionId}/providers/Microsoft.ContainerService/fleets/x`), notAnObject)
  .filter(([method, path]) => !(method === 'GET' && path.endsWith('/members')))
  .map(([method, path, body]) => request('unrouted', method, path, method === 'GET' ? undefined : body.body));

const contentTypes = fc.constantFrom('application/json', 'text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', '', 'application/x-www-form-urlencoded');
const fuzzRequest = fc
  .tuple(
    fc.oneof(
      { weight: 5, arbitrary: unknownProperty },
      { weight: 5, arbitrary: wrongType },
      { weight: 3, arbitrary: notAnObject },
      { weight: 3, arbitrary: notJson },
      { weight: 4, arbitrary: badPath },
      { weight: 3, arbitrary: badApiVersion },
      { weight: 3, arbitrary: failedPrecondition },
      { weight: 2, arbitrary: traversal },
      { weight: 2, arbitrary: actions },
      { weight: 2, arbitrary: listQuery },
      { weight: 1, arbitrary: operations },
      { weight: 1, arbitrary: unrouted },
      // Rare: each oversized body is 4 MiB on the wire.
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 99 }).chain((n) => (n === 0 ? oversized : unknownProperty)) },
    ),
    fc.option(contentTypes, { nil: undefined }),
  )
  .map(([r, contentType]) => (contentType === undefined ? r : { ...r, headers: { ...r.headers, 'content-type': contentType } }));

let stack: FleetApiStack;
let before: Map<string, string>;

beforeAll(async () => {
  stack = await startFleetApi();
  const put = async (path: string, body: unknown): Promise<void> => {
    const answer = await stack.call('PUT', path, { body });
    if (answer.status >= 300) throw new Error(`Fixture PUT ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  };
  await put(fleetPath, { location: 'eastus' });
  await put(`${fleetPath}/members/m1`, { properties: { clusterResourceId: clusterId('m1'), group: 'g1', labels: { env: 'prod' } } });
  await put(`${fleetPath}/updateStrategies/s1`, { properties: { strategy: { stages: [{ name: 'one', groups: [{ name: 'g1' }] }] } } });
  await put(`${fleetPath}/updateRuns/r1`, { properties: { strategy: { stages: [{ name: 'one', groups: [{ name: 'g1' }] }] }, managedClusterUpdate: { upgrade: { type: 'NodeImageOnly' } } } });
  await put(`${fleetPath}/updateRuns/running`, { properties: { managedClusterUpdate: { upgrade: { type: 'NodeImageOnly' } } } });
  await put(`${fleetPath}/autoUpgradeProfiles/p1`, { properties: { channel: 'Stable' } });
  // No orchestration runs yet, so a started run and a gate are written straight into the store
  // the app uses, as the orchestration would write them.
  const runId = armId(rg, 'fuzz', 'updateRuns/running');
  const running = await stack.store.get<UpdateRun>(runId);
  if (!running) throw new Error('The fixture run is missing.');
  await stack.store.put(runId, { ...running.value, properties: { ...running.value.properties, status: { ...running.value.properties.status, status: { state: 'Running' } } } });
  const gate: Gate = {
    id: armId(rg, 'fuzz', `gates/${gateName}`),
    name: gateName,
    type: 'Microsoft.ContainerService/fleets/gates',
    properties: { gateType: 'Approval', state: 'Pending', displayName: 'fuzz gate', target: { id: armId(rg, 'fuzz', 'updateRuns/r1'), updateRunProperties: { name: 'r1', stage: 'one', timing: 'Before' } }, provisioningState: 'Succeeded' },
  };
  await stack.store.put(gate.id, gate);
  before = await snapshotStore(stack.store);
});
afterAll(() => stack.dispose());

/** What is wrong with an answer to `r`, or undefined. */
function problem(r: FuzzRequest, status: number, body: unknown): string | undefined {
  if (status >= 500) return `answered ${status}`;
  if (status >= 400 && !isArmErrorBody(body)) return `answered ${status} without an ARM error body: ${JSON.stringify(body)?.slice(0, 200)}`;
  const target = (body as { error?: { target?: unknown } } | undefined)?.error?.target;
  if (status >= 400 && target !== undefined && typeof target !== 'string') return 'answered an error whose target is not a string';
  const write = r.method !== 'GET';
  if (write && status < 400 && !(r.method === 'DELETE' && status === 204)) return `accepted a write that must be refused (${status})`;
  return undefined;
}

describe('the Fleet API under invalid and hostile requests', () => {
  it(`never fails, always answers ARM errors and never writes (${batchSize * batches} requests)`, async () => {
    let sent = 0;
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(fc.array(fuzzRequest, { minLength: batchSize, maxLength: batchSize }), async (batch) => {
        const findings = await Promise.all(
          batch.map(async (r) => {
            const answer = await stack.call(r.method, r.path, { ...(r.body === undefined ? {} : { rawBody: r.body }), headers: r.headers, apiVersion: r.apiVersion });
            sent++;
            const code = `${answer.status} ${errorCode(answer.body) ?? ''}`.trim();
            codes.set(code, (codes.get(code) ?? 0) + 1);
            const found = problem(r, answer.status, answer.body);
            return found && `${r.kind}: ${r.method} ${r.path.slice(0, 200)} ${found}`;
          }),
        );
        expect(findings.filter(Boolean)).toEqual([]);
      }),
      { numRuns: batches, endOnFailure: true },
    );
    expect(sent).toBeGreaterThanOrEqual(5_000);
    expect(await snapshotStore(stack.store)).toEqual(before);
    // Every kind of refusal was exercised, not just one.
    expect([...codes.keys()]).toEqual(expect.arrayContaining(['400 InvalidRequestContent', '400 InvalidResourceName', '404 ResourceNotFound', '405 MethodNotAllowed', '409 OperationNotAllowed', '412 PreconditionFailed']));
  }, 120_000);

  it('leaves the fixture readable afterwards', async () => {
    expect((await stack.call('GET', `${fleetPath}/gates/${gateName}`)).body).toMatchObject({ properties: { state: 'Pending' } });
  });
});
