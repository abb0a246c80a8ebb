import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gate } from '../../shared/fleet/models.js';
import { armId, clusterId, latestApiVersion, startFleetApi, subscriptionId, type ArmAnswer, type FleetApiStack } from './fleet-api-harness.js';

/**
 * The Fleet API over plain HTTPS with a bearer token: the fields of newer api-versions, the
 * response shape of each api-version, ETags, paging, ARM error bodies and async operations.
 */

const rg = 'http-rg';
const fleetPath = `/subscriptions/${subscriptionId}/resourceGroups/${rg}/providers/Microsoft.ContainerService/fleets/http`;
const runId = armId(rg, 'http', 'updateRuns/gated');
const gateNames = {
  pendingApproval: '00000000-0000-4000-8000-00000000000a',
  pendingScheduled: '00000000-0000-4000-8000-00000000000b',
  completed: '00000000-0000-4000-8000-00000000000c',
  skipped: '00000000-0000-4000-8000-00000000000d',
} as const;

let stack: FleetApiStack;
const call = (...args: Parameters<FleetApiStack['call']>): Promise<ArmAnswer> => stack.call(...args);

/** `{ status, code, target }` of an answer, for whole-object comparison of errors. */
const errorOf = (answer: ArmAnswer): { status: number; code?: string; target?: string } => {
  const error = (answer.body as { error?: { code?: string; target?: string } } | undefined)?.error;
  return { status: answer.status, ...(error?.code ? { code: error.code } : {}), ...(error?.target ? { target: error.target } : {}) };
};

const names = (answer: ArmAnswer): string[] => ((answer.body as { value?: { name: string }[] }).value ?? []).map((item) => item.name);

const gate = (name: string, gateType: 'Approval' | 'ScheduledStart', state: string): Gate => ({
  id: armId(rg, 'http', `gates/${name}`),
  name,
  type: 'Microsoft.ContainerService/fleets/gates',
  properties: {
    displayName: `${gateType} ${state}`,
    gateType,
    state,
    target: { id: runId, updateRunProperties: { name: 'gated', stage: 'first', timing: 'Before' } },
    ...(gateType === 'ScheduledStart' ? { scheduledStartProperties: { startDay: 'Wednesday', startTime: '02:00', utcOffset: '+01:00', absoluteStartTime: '2026-01-07T01:00:00Z' } } : {}),
    provisioningState: 'Succeeded',
  },
});

const labelledStrategy = {
  stages: [
    {
      name: 'first',
      memberSelector: { byLabel: 'env=prod' },
      maxConcurrency: '50%',
      maxAllowedFailures: '1',
      beforeGates: [{ displayName: 'Wednesday night', type: 'ScheduledStart', scheduledStartConfiguration: { startDay: 'Wednesday', startTime: '02:00', utcOffset: '+01:00' } }],
      afterGates: [{ displayName: 'sign-off', type: 'Approval' }],
      afterStageWaitInSeconds: 60,
    },
    { name: 'second', groups: [{ name: 'g1', maxConcurrency: '1', maxAllowedFailures: '0%' }] },
  ],
};

beforeAll(async () => {
  stack = await startFleetApi();
  const put = async (path: string, body: unknown): Promise<void> => {
    const answer = await call('PUT', path, { body });
    if (answer.status >= 300) throw new Error(`Fixture PUT ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  };
  await put(fleetPath, { location: 'eastus' });
  await put(`${fleetPath}/members/prod-1`, { properties: { clusterResourceId: clusterId('prod-1'), group: 'g1', labels: { env: 'prod', tier: 'web' } } });
  await put(`${fleetPath}/members/staging-1`, { properties: { clusterResourceId: clusterId('staging-1'), group: 'g1', labels: { env: 'staging' } } });
  await put(`${fleetPath}/updateRuns/gated`, { properties: { strategy: labelledStrategy, managedClusterUpdate: { upgrade: { type: 'NodeImageOnly' } } } });
  // Gates are created by runs as they reach them, and runs do not execute yet: the gates are
  // written straight into the store the app uses (table FleetDocuments on its AzureWebJobsStorage).
  for (const g of [gate(gateNames.pendingApproval, 'Approval', 'Pending'), gate(gateNames.pendingScheduled, 'ScheduledStart', 'Pending'), gate(gateNames.completed, 'Approval', 'Completed'), gate(gateNames.skipped, 'Approval', 'Skipped')]) {
    await stack.store.put(g.id, g);
  }
});
afterAll(() => stack.dispose());

describe('gates', () => {
  it.each([
    { filter: "properties/state eq 'Pending'", want: [gateNames.pendingApproval, gateNames.pendingScheduled] },
    { filter: "properties/gateType eq 'ScheduledStart'", want: [gateNames.pendingScheduled] },
    { filter: "properties/state eq 'Pending' and properties/gateType eq 'Approval'", want: [gateNames.pendingApproval] },
    { filter: "properties/state ne 'Pending'", want: [gateNames.completed, gateNames.skipped] },
    { filter: "(properties/state eq 'skipped') or properties/gateType eq 'SCHEDULEDSTART'", want: [gateNames.pendingScheduled, gateNames.skipped] },
  ])('lists gates with $filter=$filter', async ({ filter, want }) => {
    expect(names(await call('GET', `${fleetPath}/gates?$filter=${encodeURIComponent(filter)}`))).toEqual(want);
  });

  it('pages a filtered gate list (a page may be short when the rest does not match)', async () => {
    const pages: string[][] = [];
    let next: string | undefined = `${fleetPath}/gates?$top=1&$filter=${encodeURIComponent("properties/state eq 'Pending'")}`;
    while (next) {
      const answer: ArmAnswer = await call('GET', next);
      pages.push(names(answer));
      next = (answer.body as { nextLink?: string }).nextLink;
    }
    expect({ gates: pages.flat(), largest: Math.max(...pages.map((p) => p.length)) }).toEqual({ gates: [gateNames.pendingApproval, gateNames.pendingScheduled], largest: 1 });
  });

  it('shows a ScheduledStart gate schedule only to api-versions that have ScheduledStart gates', async () => {
    const path = `${fleetPath}/gates/${gateNames.pendingScheduled}`;
    const latest = await call('GET', path);
    const older = await call('GET', path, { apiVersion: '2025-04-01-preview' });
    expect({
      latest: (latest.body as Gate).properties.scheduledStartProperties,
      older: (older.body as Gate).properties.scheduledStartProperties,
      olderType: (older.body as Gate).properties.gateType,
    }).toEqual({ latest: { startDay: 'Wednesday', startTime: '02:00', utcOffset: '+01:00', absoluteStartTime: '2026-01-07T01:00:00Z' }, older: undefined, olderType: 'ScheduledStart' });
  });

  it('approves a Pending gate with PATCH state=Completed, keeping everything else', async () => {
    const path = `${fleetPath}/gates/${gateNames.pendingApproval}`;
    const answer = await call('PATCH', path, { body: { properties: { state: 'Completed' } } });
    const again = await call('PATCH', path, { body: { properties: { state: 'Completed' } } });
    const { systemData: _s, eTag: _e, ...rest } = answer.body as Gate & { eTag: string };
    expect({ status: answer.status, again: again.status, gate: rest }).toEqual({
      status: 200,
      again: 200,
      gate: { ...gate(gateNames.pendingApproval, 'Approval', 'Completed'), properties: { ...gate(gateNames.pendingApproval, 'Approval', 'Pending').properties, state: 'Completed' } },
    });
  });

  it.each([
    { name: 'a skipped gate', gateName: gateNames.skipped, body: { properties: { state: 'Completed' } }, apiVersion: latestApiVersion, want: { status: 409, code: 'OperationNotAllowed', target: 'properties.state' } },
    { name: 'state Pending', gateName: gateNames.pendingScheduled, body: { properties: { state: 'Pending' } }, apiVersion: latestApiVersion, want: { status: 400, code: 'InvalidRequestContent', target: 'properties.state' } },
    { name: 'another property', gateName: gateNames.pendingScheduled, body: { properties: { state: 'Completed', displayName: 'x' } }, apiVersion: latestApiVersion, want: { status: 400, code: 'InvalidRequestContent', target: 'properties.displayName' } },
    { name: 'an api-version without gates', gateName: gateNames.pendingScheduled, body: { properties: { state: 'Completed' } }, apiVersion: '2025-03-01', want: { status: 400, code: 'InvalidApiVersionParameter' } },
    { name: 'a gate that does not exist', gateName: '00000000-0000-4000-8000-0000000000ff', body: { properties: { state: 'Completed' } }, apiVersion: latestApiVersion, want: { status: 404, code: 'ResourceNotFound' } },
  ])('refuses a gate PATCH of $name', async ({ gateName, body, apiVersion, want }) => {
    expect(errorOf(await call('PATCH', `${fleetPath}/gates/${gateName}`, { body, apiVersion }))).toEqual(want);
  });

  it('refuses to create or delete gates, which only runs do', async () => {
    const path = `${fleetPath}/gates/${gateNames.completed}`;
    expect([errorOf(await call('PUT', path, { body: { properties: { state: 'Completed' } } })), errorOf(await call('DELETE', path))]).toEqual([
      { status: 405, code: 'MethodNotAllowed' },
      { status: 405, code: 'MethodNotAllowed' },
    ]);
  });
});

describe('fields of newer api-versions', () => {
  it('stores maxConcurrency, maxAllowedFailures, memberSelector and ScheduledStart gates, resolving members by label', async () => {
    const answer = await call('GET', `${fleetPath}/updateRuns/gated`);
    const properties = (answer.body as { properties: { strategy: unknown; status: { stages: { name: string; groups: { name: string; members: { name: string }[] }[] }[] } } }).properties;
    expect({
      strategy: properties.strategy,
      membership: properties.status.stages.map((s) => ({ stage: s.name, groups: s.groups.map((g) => ({ group: g.name, members: g.members.map((m) => m.name) })) })),
    }).toEqual({
      strategy: labelledStrategy,
      membership: [
        { stage: 'first', groups: [{ group: 'first', members: ['prod-1'] }] },
        // A member matched by several groups belongs to the first (prod-1 is taken by stage one).
        { stage: 'second', groups: [{ group: 'g1', members: ['staging-1'] }] },
      ],
    });
  });

  it.each([
    {
      apiVersion: '2025-03-01',
      want: { stages: [{ name: 'first', afterStageWaitInSeconds: 60 }, { name: 'second', groups: [{ name: 'g1' }] }] },
    },
    {
      apiVersion: '2025-04-01-preview',
      want: { stages: [{ name: 'first', beforeGates: [{ displayName: 'Wednesday night', type: 'ScheduledStart' }], afterGates: [{ displayName: 'sign-off', type: 'Approval' }], afterStageWaitInSeconds: 60 }, { name: 'second', groups: [{ name: 'g1' }] }] },
    },
    {
      apiVersion: '2026-02-01-preview',
      want: {
        stages: [
          { name: 'first', maxConcurrency: '50%', beforeGates: [{ displayName: 'Wednesday night', type: 'ScheduledStart' }], afterGates: [{ displayName: 'sign-off', type: 'Approval' }], afterStageWaitInSeconds: 60 },
          { name: 'second', groups: [{ name: 'g1', maxConcurrency: '1' }] },
        ],
      },
    },
    {
      apiVersion: '2026-05-01-preview',
      want: {
        stages: [
          { ...labelledStrategy.stages[0], maxAllowedFailures: undefined },
          { name: 'second', groups: [{ name: 'g1', maxConcurrency: '1' }] },
        ],
      },
    },
    { apiVersion: latestApiVersion, want: labelledStrategy },
  ])('shows a run strategy as api-version $apiVersion knows it', async ({ apiVersion, want }) => {
    const answer = await call('GET', `${fleetPath}/updateRuns/gated`, { apiVersion });
    expect((answer.body as { properties: { strategy: unknown } }).properties.strategy).toEqual(JSON.parse(JSON.stringify(want)));
  });

  it.each([
    { field: 'maxConcurrency', stage: { name: 's', groups: [{ name: 'g1' }], maxConcurrency: '2' }, apiVersion: '2025-08-01-preview', target: 'properties.strategy.stages[0].maxConcurrency' },
    { field: 'memberSelector', stage: { name: 's', memberSelector: { byLabel: 'env=prod' } }, apiVersion: '2026-02-01-preview', target: 'properties.strategy.stages[0].memberSelector' },
    { field: 'maxAllowedFailures', stage: { name: 's', groups: [{ name: 'g1', maxAllowedFailures: '1' }] }, apiVersion: '2026-05-01-preview', target: 'properties.strategy.stages[0].groups[0].maxAllowedFailures' },
    { field: 'a ScheduledStart gate', stage: { name: 's', groups: [{ name: 'g1' }], beforeGates: [{ type: 'ScheduledStart', scheduledStartConfiguration: { startDay: 'Monday', startTime: '01:00', utcOffset: '+00:00' } }] }, apiVersion: '2025-08-01-preview', target: 'properties.strategy.stages[0].beforeGates[0].type' },
    { field: 'an approval gate', stage: { name: 's', groups: [{ name: 'g1', afterGates: [{ type: 'Approval' }] }] }, apiVersion: '2025-03-01', target: 'properties.strategy.stages[0].groups[0].afterGates' },
  ])('refuses $field from api-version $apiVersion, naming the field', async ({ stage, apiVersion, target }) => {
    const answer = await call('PUT', `${fleetPath}/updateStrategies/too-new`, { body: { properties: { strategy: { stages: [stage] } } }, apiVersion });
    expect(errorOf(answer)).toEqual({ status: 400, code: 'InvalidRequestContent', target });
  });

  it('shows member labels only from 2025-04-01-preview, and keeps them through an older PUT', async () => {
    const path = `${fleetPath}/members/labelled`;
    await call('PUT', path, { body: { properties: { clusterResourceId: clusterId('labelled'), labels: { env: 'dev' } } } });
    const ga = await call('PUT', path, { body: { properties: { clusterResourceId: clusterId('labelled'), group: 'g2' } }, apiVersion: '2025-03-01' });
    const latest = await call('GET', path);
    const refused = await call('PATCH', path, { body: { properties: { labels: { env: 'x' } } }, apiVersion: '2025-03-01' });
    const patched = await call('PATCH', path, { body: { properties: { labels: { env: 'qa', 'example.com/team': 'a' } } } });
    const props = (a: ArmAnswer): unknown => (a.body as { properties: { provisioningState?: string } }).properties;
    expect({ ga: props(ga), latest: props(latest), refused: errorOf(refused), patched: props(patched) }).toEqual({
      ga: { clusterResourceId: clusterId('labelled'), group: 'g2', provisioningState: 'Succeeded' },
      latest: { clusterResourceId: clusterId('labelled'), group: 'g2', labels: { env: 'dev' }, provisioningState: 'Succeeded' },
      refused: { status: 400, code: 'InvalidRequestContent', target: 'properties.labels' },
      patched: { clusterResourceId: clusterId('labelled'), group: 'g2', labels: { env: 'qa', 'example.com/team': 'a' }, provisioningState: 'Succeeded' },
    });
  });

  it('hides targetKubernetesVersion and longTermSupport of a profile from 2025-03-01', async () => {
    const path = `${fleetPath}/autoUpgradeProfiles/lts`;
    await call('PUT', path, { body: { properties: { channel: 'TargetKubernetesVersion', targetKubernetesVersion: '1.30', longTermSupport: true } } });
    const shapes = await Promise.all(['2025-03-01', latestApiVersion].map(async (apiVersion) => (await call('GET', path, { apiVersion })).body));
    expect(shapes.map((b) => (b as { properties: unknown }).properties)).toEqual([
      { channel: 'TargetKubernetesVersion', provisioningState: 'Succeeded' },
      { channel: 'TargetKubernetesVersion', targetKubernetesVersion: '1.30', longTermSupport: true, provisioningState: 'Succeeded' },
    ]);
  });
});

describe('ETags', () => {
  const path = `${fleetPath}/updateStrategies/etagged`;
  const body = { properties: { strategy: { stages: [{ name: 'only', groups: [{ name: 'g1' }] }] } } };
  let etag = '';

  beforeAll(async () => {
    const created = await call('PUT', path, { body, headers: { 'if-none-match': '*' } });
    etag = created.headers.get('etag') ?? '';
  });

  it('serves the same ETag in the header and the body, quoted', async () => {
    const answer = await call('GET', path);
    expect({ header: answer.headers.get('etag'), body: (answer.body as { eTag: string }).eTag }).toEqual({ header: etag, body: etag });
    expect(etag).toMatch(/^"[^"]+"$/);
  });

  it.each<{ name: string; method: string; headers: Record<string, string>; path?: string; want: { status: number; code: string } }>([
    { name: 'If-Match with another ETag', method: 'PUT', headers: { 'if-match': '"not-the-etag"' }, want: { status: 412, code: 'PreconditionFailed' } },
    { name: 'If-None-Match * on an existing resource', method: 'PUT', headers: { 'if-none-match': '*' }, want: { status: 412, code: 'PreconditionFailed' } },
    { name: 'If-Match with another ETag on DELETE', method: 'DELETE', headers: { 'if-match': 'W/"stale"' }, want: { status: 412, code: 'PreconditionFailed' } },
    { name: 'If-Match on a resource that does not exist', method: 'PUT', headers: { 'if-match': '*' }, path: `${fleetPath}/updateStrategies/absent`, want: { status: 412, code: 'PreconditionFailed' } },
  ])('refuses $name with 412 and changes nothing', async ({ method, headers, path: other, want }) => {
    const answer = await call(method, other ?? path, { ...(method === 'PUT' ? { body } : {}), headers });
    expect({ answer: errorOf(answer), etag: (await call('GET', path)).headers.get('etag') }).toEqual({ answer: want, etag });
  });

  it('accepts If-Match with the current ETag (quoted, weak or *) and answers a new one', async () => {
    const first = await call('PUT', path, { body, headers: { 'if-match': etag } });
    const second = await call('PUT', path, { body, headers: { 'if-match': `W/${first.headers.get('etag') ?? ''}` } });
    const third = await call('PUT', path, { body, headers: { 'if-match': '*' } });
    expect([first.status, second.status, third.status, new Set([etag, first.headers.get('etag'), second.headers.get('etag'), third.headers.get('etag')]).size]).toEqual([200, 200, 200, 4]);
  });
});

describe('paging', () => {
  const pagingPath = `${fleetPath}/updateStrategies`;

  beforeAll(async () => {
    for (const name of ['p-1', 'p-2', 'p-3', 'p-4', 'p-5']) {
      await call('PUT', `${fleetPath}/updateStrategies/${name}`, { body: { properties: { strategy: { stages: [{ name: 'only', groups: [{ name: 'g1' }] }] } } } });
    }
  });

  it('serves $top items per page and a nextLink with $skipToken until the end', async () => {
    const pages: string[][] = [];
    let next: string | undefined = `${pagingPath}?$top=2&$filter=${encodeURIComponent("properties/provisioningState eq 'Succeeded'")}`;
    while (next) {
      const answer: ArmAnswer = await call('GET', next);
      pages.push(names(answer).filter((n) => n.startsWith('p-')));
      const link: string | undefined = (answer.body as { nextLink?: string }).nextLink;
      if (link) expect(new URL(link).searchParams.has('$skipToken')).toBe(true);
      next = link;
    }
    expect(pages.flat()).toEqual(['p-1', 'p-2', 'p-3', 'p-4', 'p-5']);
    expect(pages.every((page) => page.length <= 2)).toBe(true);
  });

  it.each([
    { query: '$top=0', target: '$top' },
    { query: '$top=1001', target: '$top' },
    { query: '$top=abc', target: '$top' },
    { query: '$skipToken=not-a-token', target: '$skipToken' },
    { query: `$filter=${encodeURIComponent("properties/state gt 'x'")}`, target: '$filter' },
  ])('refuses $query with InvalidParameter', async ({ query, target }) => {
    expect(errorOf(await call('GET', `${pagingPath}?${query}`))).toEqual({ status: 400, code: 'InvalidParameter', target });
  });

  it('refuses a $skipToken of another listing', async () => {
    const first = await call('GET', `${pagingPath}?$top=1`);
    const token = new URL((first.body as { nextLink: string }).nextLink).searchParams.get('$skipToken') ?? '';
    expect(errorOf(await call('GET', `${fleetPath}/members?$skipToken=${encodeURIComponent(token)}`))).toEqual({ status: 400, code: 'InvalidParameter', target: '$skipToken' });
  });
});

describe('errors', () => {
  const other = `/subscriptions/${subscriptionId}/resourceGroups/${rg}/providers/Microsoft.ContainerService/fleets/absent`;
  it.each([
    { name: 'a body that is not JSON', method: 'PUT', path: `${fleetPath}/members/x`, rawBody: '{"properties":', want: { status: 400, code: 'InvalidRequestContent' } },
    { name: 'a field of the wrong type', method: 'PUT', path: `${fleetPath}/members/x`, body: { properties: { clusterResourceId: 42 } }, want: { status: 400, code: 'InvalidRequestContent', target: 'properties.clusterResourceId' } },
    { name: 'an unknown property', method: 'PATCH', path: fleetPath, body: { location: 'westus' }, want: { status: 400, code: 'InvalidRequestContent', target: 'location' } },
    { name: 'a __proto__ property', method: 'PUT', path: `${fleetPath}/members/x`, rawBody: '{"properties":{"clusterResourceId":"x","labels":{"__proto__":{"a":"b"}}}}', want: { status: 400, code: 'InvalidRequestContent', target: '__proto__' } },
    { name: 'a location that is no region', method: 'PUT', path: `${other}2`, body: { location: 'x'.repeat(65) }, want: { status: 400, code: 'InvalidRequestContent', target: 'location' } },
    { name: 'a body over 4 MiB', method: 'PUT', path: `${other}3`, body: { location: 'eastus', tags: { a: 'x'.repeat(4_200_000) } }, want: { status: 413, code: 'RequestEntityTooLarge' } },
    // Incompressible, under 4 MiB, but larger than a stored document may be.
    { name: 'a resource too large to store', method: 'PUT', path: `${other}4`, body: { location: 'eastus', properties: { hubProfile: { agentProfile: { vmSize: randomBytes(2_900_000).toString('base64') } } } }, want: { status: 400, code: 'InvalidRequestContent' } },
    { name: 'an invalid fleet name', method: 'PUT', path: fleetPath.replace(/http$/, 'Bad_Name'), body: { location: 'eastus' }, want: { status: 400, code: 'InvalidResourceName', target: 'name' } },
    { name: 'an invalid member name', method: 'PUT', path: `${fleetPath}/members/-x`, body: { properties: { clusterResourceId: clusterId('x') } }, want: { status: 400, code: 'InvalidResourceName', target: 'name' } },
    { name: 'a missing fleet', method: 'GET', path: other, want: { status: 404, code: 'ResourceNotFound' } },
    { name: 'a missing member', method: 'GET', path: `${fleetPath}/members/absent`, want: { status: 404, code: 'ResourceNotFound' } },
    { name: 'a name with an encoded slash', method: 'GET', path: `${fleetPath}/members/a%2Fb`, want: { status: 404, code: 'ResourceNotFound' } },
    { name: 'a child of a missing fleet', method: 'GET', path: `${other}/members`, want: { status: 404, code: 'ParentResourceNotFound' } },
    { name: 'no api-version', method: 'GET', path: fleetPath, apiVersion: null, want: { status: 400, code: 'MissingApiVersionParameter' } },
    { name: 'an unknown api-version', method: 'GET', path: fleetPath, apiVersion: '2019-01-01', want: { status: 400, code: 'InvalidApiVersionParameter' } },
    { name: 'a subscription that is no GUID', method: 'GET', path: fleetPath.replace(subscriptionId, 'sub'), want: { status: 400, code: 'InvalidSubscriptionId', target: 'subscriptionId' } },
    { name: 'a resource group with an encoded slash', method: 'GET', path: fleetPath.replace(rg, 'a%2Fb'), want: { status: 400, code: 'InvalidResourceGroupName', target: 'resourceGroupName' } },
    { name: 'an unknown child type', method: 'GET', path: `${fleetPath}/widgets`, want: { status: 400, code: 'InvalidResourceType', target: 'childType' } },
    { name: 'a method no route serves', method: 'POST', path: fleetPath, want: { status: 405, code: 'MethodNotAllowed' } },
    { name: 'a path no route has', method: 'GET', path: `${fleetPath}/members/x/y/z`, want: { status: 404, code: 'NotFound' } },
    { name: 'stopping a run that is not running', method: 'POST', path: `${fleetPath}/updateRuns/gated/stop`, want: { status: 409, code: 'OperationNotAllowed' } },
    { name: 'skipping an unknown stage', method: 'POST', path: `${fleetPath}/updateRuns/gated/skip`, body: { targets: [{ type: 'Stage', name: 'nope' }] }, want: { status: 400, code: 'InvalidRequestContent', target: 'targets[0].name' } },
    { name: 'an action of a missing run', method: 'POST', path: `${fleetPath}/updateRuns/absent/start`, want: { status: 404, code: 'ResourceNotFound' } },
  ])('answers $name with ARM error $want.code', async ({ method, path, body, rawBody, apiVersion, want }) => {
    const answer = await call(method, path, { ...(body === undefined ? {} : { body }), ...(rawBody === undefined ? {} : { rawBody }), ...(apiVersion === undefined ? {} : { apiVersion }) });
    expect(errorOf(answer)).toEqual(want);
    expect(typeof (answer.body as { error: { message: unknown } }).error.message).toBe('string');
  });
});

describe('async operations', () => {
  it('answers a PUT with Azure-AsyncOperation and Location, whose endpoints report success and the resource', async () => {
    const answer = await call('PUT', `${fleetPath}/autoUpgradeProfiles/async`, { body: { properties: { channel: 'Rapid' } } });
    const statusUrl = answer.headers.get('azure-asyncoperation') ?? '';
    const resultUrl = answer.headers.get('location') ?? '';
    const status = await call('GET', statusUrl, { apiVersion: null });
    const result = await call('GET', resultUrl, { apiVersion: null });
    expect({
      status: answer.status,
      retryAfter: answer.headers.get('retry-after'),
      statusUrl: new URL(statusUrl).pathname.startsWith(`/subscriptions/${subscriptionId}/providers/Microsoft.ContainerService/locations/eastus/operations/`),
      operation: { ...(status.body as object), startTime: undefined, endTime: undefined },
      result: { status: result.status, id: (result.body as { id: string }).id },
    }).toEqual({
      status: 201,
      retryAfter: '0',
      statusUrl: true,
      operation: { id: new URL(statusUrl).pathname, name: new URL(statusUrl).pathname.split('/').at(-1), status: 'Succeeded', startTime: undefined, endTime: undefined },
      result: { status: 200, id: armId(rg, 'http', 'autoUpgradeProfiles/async') },
    });
  });

  it('answers a DELETE with 202 and operation headers, then 204 once gone', async () => {
    const answer = await call('DELETE', `${fleetPath}/autoUpgradeProfiles/async`);
    const status = await call('GET', answer.headers.get('azure-asyncoperation') ?? '', { apiVersion: null });
    const result = await call('GET', answer.headers.get('location') ?? '', { apiVersion: null });
    const again = await call('DELETE', `${fleetPath}/autoUpgradeProfiles/async`);
    expect({ status: answer.status, operation: (status.body as { status: string }).status, result: result.status, again: again.status }).toEqual({ status: 202, operation: 'Succeeded', result: 204, again: 204 });
  });

  it.each([
    { name: 'an id that is not ours', operationId: 'bm90LW91cnM' },
    { name: 'an operation of another subscription', operationId: Buffer.from(JSON.stringify([armId(rg, 'http').replace(subscriptionId, '00000000-0000-4000-8000-000000000bad'), 'put', '2026-01-01T00:00:00Z'])).toString('base64url') },
    { name: 'an operation on an id no resource can have', operationId: Buffer.from(JSON.stringify([`${armId(rg, 'http')}/members/${'a'.repeat(3000)}`, 'put', '2026-01-01T00:00:00Z'])).toString('base64url') },
  ])('answers $name with 404 ResourceNotFound', async ({ operationId }) => {
    const answer = await call('GET', `/subscriptions/${subscriptionId}/providers/Microsoft.ContainerService/locations/eastus/operations/${operationId}`);
    expect(errorOf(answer)).toEqual({ status: 404, code: 'ResourceNotFound' });
  });
});
