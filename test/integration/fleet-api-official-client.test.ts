import { ContainerServiceFleetClient, type ContainerServiceFleetClientOptionalParams } from '@azure/arm-containerservicefleet';
import { isRestError, type PipelinePolicy } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devClients } from '../../local/identity/dev-clients.js';
import { armId, clientNames, clusterId, startFleetApi, subscriptionId, type FleetApiStack } from './fleet-api-harness.js';

/**
 * The official `@azure/arm-containerservicefleet@2.0.0` client (api-version 2025-03-01), not
 * modified in any way, against the local host over HTTPS with a token from the local issuer.
 * Its options only add a `$top` to first list requests, as a caller may, so that listings span
 * several pages and the client has to follow `nextLink`.
 */

const resourceGroup = 'sdk-rg';
const location = 'eastus';

/** Adds `$top=2` to list requests that carry no `$top` (the client exposes no `$top` option). */
const smallPages: PipelinePolicy = {
  name: 'smallPages',
  sendRequest: (request, next) => {
    const url = new URL(request.url);
    const collection = /\/(fleets|members|updateStrategies|updateRuns|autoUpgradeProfiles)$/i.test(url.pathname);
    if (request.method === 'GET' && collection && !url.searchParams.has('$top')) {
      url.searchParams.set('$top', '2');
      request.url = url.toString();
    }
    return next(request);
  },
};

let stack: FleetApiStack;
let client: ContainerServiceFleetClient;

beforeAll(async () => {
  stack = await startFleetApi();
  const options: ContainerServiceFleetClientOptionalParams = { endpoint: stack.origin, additionalPolicies: [{ policy: smallPages, position: 'perCall' }] };
  client = new ContainerServiceFleetClient(stack.credential(clientNames.admin), subscriptionId, options);
  await client.fleets.create(resourceGroup, 'main', { location }).pollUntilDone();
});
afterAll(() => stack.dispose());

/** Every page of a listing, as the client's `byPage()` yields them: names per page. */
async function pagesOf<T extends { name?: string }>(listing: { byPage(): AsyncIterableIterator<T[]> }): Promise<(string | undefined)[][]> {
  const pages: (string | undefined)[][] = [];
  for await (const page of listing.byPage()) pages.push(page.map((item) => item.name));
  return pages;
}

/** The error the client raised, as `{ status, code }`. */
async function failure(promise: Promise<unknown>): Promise<{ status: number | undefined; code: string | undefined }> {
  try {
    await promise;
  } catch (error) {
    if (isRestError(error)) return { status: error.statusCode, code: error.code };
    throw error;
  }
  throw new Error('The call succeeded.');
}

describe('fleets through the official client', () => {
  it('creates, reads, patches and deletes a fleet, each poller completing', async () => {
    const created = await client.fleets.create(resourceGroup, 'lifecycle', { location, tags: { team: 'a' } }).pollUntilDone();
    const read = await client.fleets.get(resourceGroup, 'lifecycle');
    const patched = await client.fleets.updateAsync(resourceGroup, 'lifecycle', { tags: { team: 'b', tier: 'gold' } }).pollUntilDone();
    await client.fleets.delete(resourceGroup, 'lifecycle').pollUntilDone();

    expect({ id: created.id, name: created.name, type: created.type, location: created.location, tags: created.tags, state: created.properties?.provisioningState }).toEqual({
      id: armId(resourceGroup, 'lifecycle'),
      name: 'lifecycle',
      type: 'Microsoft.ContainerService/fleets',
      location,
      tags: { team: 'a' },
      state: 'Succeeded',
    });
    expect({ id: read.id, eTag: read.eTag, createdBy: read.systemData?.createdBy }).toEqual({ id: created.id, eTag: created.eTag, createdBy: devClients.find((c) => c.displayName === clientNames.admin)?.clientId });
    expect({ tags: patched.tags, eTagChanged: patched.eTag !== read.eTag }).toEqual({ tags: { team: 'b', tier: 'gold' }, eTagChanged: true });
    expect(await failure(client.fleets.get(resourceGroup, 'lifecycle'))).toEqual({ status: 404, code: 'ResourceNotFound' });
  });

  it('lists fleets by resource group and by subscription, following nextLink across pages', async () => {
    const names = ['page-1', 'page-2', 'page-3', 'page-4', 'page-5'];
    await Promise.all(names.map((name) => client.fleets.create('sdk-paging', name, { location }).pollUntilDone()));
    await client.fleets.create('sdk-paging-other', 'elsewhere', { location }).pollUntilDone();

    expect(await pagesOf(client.fleets.listByResourceGroup('sdk-paging'))).toEqual([['page-1', 'page-2'], ['page-3', 'page-4'], ['page-5']]);
    const all: string[] = [];
    for await (const fleet of client.fleets.listBySubscription()) all.push(fleet.id ?? '');
    expect(all).toEqual(expect.arrayContaining([...names.map((n) => armId('sdk-paging', n)), armId('sdk-paging-other', 'elsewhere'), armId(resourceGroup, 'main')]));
  });

  it('answers a missing fleet with ResourceNotFound and a deleted one with a completed poller', async () => {
    expect(await failure(client.fleets.get(resourceGroup, 'never-created'))).toEqual({ status: 404, code: 'ResourceNotFound' });
    await expect(client.fleets.delete(resourceGroup, 'never-created').pollUntilDone()).resolves.toBeUndefined();
  });
});

describe('members through the official client', () => {
  it('joins members, lists them page by page, regroups one and removes one', async () => {
    const names = ['m-1', 'm-2', 'm-3'];
    const joined = await Promise.all(names.map((name) => client.fleetMembers.create(resourceGroup, 'main', name, { properties: { clusterResourceId: clusterId(name), group: 'canary' } }).pollUntilDone()));
    const regrouped = await client.fleetMembers.updateAsync(resourceGroup, 'main', 'm-2', { properties: { group: 'prod' } }).pollUntilDone();
    const pages = await pagesOf(client.fleetMembers.listByFleet(resourceGroup, 'main'));
    await client.fleetMembers.delete(resourceGroup, 'main', 'm-3').pollUntilDone();
    const after: (string | undefined)[] = [];
    for await (const member of client.fleetMembers.listByFleet(resourceGroup, 'main')) after.push(member.name);

    expect(joined.map((m) => ({ id: m.id, type: m.type, cluster: m.properties?.clusterResourceId, group: m.properties?.group, state: m.properties?.provisioningState }))).toEqual(
      names.map((name) => ({ id: armId(resourceGroup, 'main', `members/${name}`), type: 'Microsoft.ContainerService/fleets/members', cluster: clusterId(name), group: 'canary', state: 'Succeeded' })),
    );
    expect({ group: regrouped.properties?.group, cluster: regrouped.properties?.clusterResourceId }).toEqual({ group: 'prod', cluster: clusterId('m-2') });
    expect({ pages, after }).toEqual({ pages: [['m-1', 'm-2'], ['m-3']], after: ['m-1', 'm-2'] });
  });

  it('refuses a member of a fleet that does not exist with ParentResourceNotFound', async () => {
    expect(await failure(client.fleetMembers.create(resourceGroup, 'no-such-fleet', 'x', { properties: { clusterResourceId: clusterId('x') } }).pollUntilDone())).toEqual({
      status: 404,
      code: 'ParentResourceNotFound',
    });
  });
});

describe('update strategies, update runs and auto-upgrade profiles through the official client', () => {
  const strategy = { stages: [{ name: 'first', groups: [{ name: 'canary' }], afterStageWaitInSeconds: 60 }, { name: 'second', groups: [{ name: 'prod' }] }] };
  const upgrade = { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' }, nodeImageSelection: { type: 'Latest' } };

  beforeAll(async () => {
    await client.fleetMembers.create(resourceGroup, 'main', 'prod-1', { properties: { clusterResourceId: clusterId('prod-1'), group: 'prod' } }).pollUntilDone();
    await client.fleetMembers.create(resourceGroup, 'main', 'canary-1', { properties: { clusterResourceId: clusterId('canary-1'), group: 'canary' } }).pollUntilDone();
  });

  it('creates, reads, replaces, lists and deletes update strategies', async () => {
    const created = await client.fleetUpdateStrategies.createOrUpdate(resourceGroup, 'main', 'two-stages', { properties: { strategy } }).pollUntilDone();
    await client.fleetUpdateStrategies.createOrUpdate(resourceGroup, 'main', 'doomed', { properties: { strategy } }).pollUntilDone();
    await client.fleetUpdateStrategies.createOrUpdate(resourceGroup, 'main', 'one-stage', { properties: { strategy: { stages: [{ name: 'only', groups: [{ name: 'prod' }] }] } } }).pollUntilDone();
    const replaced = await client.fleetUpdateStrategies.createOrUpdate(resourceGroup, 'main', 'one-stage', { properties: { strategy: { stages: [{ name: 'only', groups: [{ name: 'canary' }] }] } } }).pollUntilDone();
    await client.fleetUpdateStrategies.delete(resourceGroup, 'main', 'doomed').pollUntilDone();
    const read = await client.fleetUpdateStrategies.get(resourceGroup, 'main', 'two-stages');

    expect({ id: created.id, type: created.type, strategy: created.properties?.strategy, state: created.properties?.provisioningState }).toEqual({
      id: armId(resourceGroup, 'main', 'updateStrategies/two-stages'),
      type: 'Microsoft.ContainerService/fleets/updateStrategies',
      strategy,
      state: 'Succeeded',
    });
    expect({ replaced: replaced.properties?.strategy.stages[0]?.groups?.[0]?.name, readETag: read.eTag }).toEqual({ replaced: 'canary', readETag: created.eTag });
    expect(await pagesOf(client.fleetUpdateStrategies.listByFleet(resourceGroup, 'main'))).toEqual([['one-stage', 'two-stages']]);
  });

  it('creates runs from a strategy, inline and by default, lists them across pages and deletes one', async () => {
    const fromStrategy = await client.updateRuns
      .createOrUpdate(resourceGroup, 'main', 'run-a', { properties: { updateStrategyId: armId(resourceGroup, 'main', 'updateStrategies/two-stages'), managedClusterUpdate: upgrade } })
      .pollUntilDone();
    const inline = await client.updateRuns.createOrUpdate(resourceGroup, 'main', 'run-b', { properties: { strategy, managedClusterUpdate: upgrade } }).pollUntilDone();
    const byDefault = await client.updateRuns.createOrUpdate(resourceGroup, 'main', 'run-c', { properties: { managedClusterUpdate: { upgrade: { type: 'NodeImageOnly' } } } }).pollUntilDone();
    const pages = await pagesOf(client.updateRuns.listByFleet(resourceGroup, 'main'));
    await client.updateRuns.delete(resourceGroup, 'main', 'run-c').pollUntilDone();

    expect({
      snapshot: fromStrategy.properties?.strategy,
      runState: fromStrategy.properties?.status?.status?.state,
      stages: fromStrategy.properties?.status?.stages?.map((s) => ({ name: s.name, groups: s.groups?.map((g) => ({ name: g.name, members: g.members?.map((m) => m.name) })) })),
      inline: inline.properties?.strategy,
      defaultStages: byDefault.properties?.status?.stages?.length,
      pages,
    }).toEqual({
      snapshot: strategy,
      runState: 'NotStarted',
      stages: [
        { name: 'first', groups: [{ name: 'canary', members: ['canary-1', 'm-1'] }] },
        { name: 'second', groups: [{ name: 'prod', members: ['m-2', 'prod-1'] }] },
      ],
      inline: strategy,
      defaultStages: 1,
      pages: [['run-a', 'run-b'], ['run-c']],
    });
    expect(await failure(client.updateRuns.get(resourceGroup, 'main', 'run-c'))).toEqual({ status: 404, code: 'ResourceNotFound' });
  });

  it('starts, skips within and stops a run through the official client, its pollers completing', async () => {
    const started = await client.updateRuns.start(resourceGroup, 'main', 'run-a').pollUntilDone();
    await client.updateRuns.skip(resourceGroup, 'main', 'run-a', { targets: [{ type: 'Stage', name: 'second' }] }).pollUntilDone();
    const stopped = await client.updateRuns.stop(resourceGroup, 'main', 'run-a').pollUntilDone();
    const again = await failure(client.updateRuns.stop(resourceGroup, 'main', 'run-a').pollUntilDone());

    expect({ started: started.properties?.status?.status?.state, stopped: stopped.properties?.status?.status?.state, again }).toEqual({
      started: 'Running',
      stopped: 'Stopping',
      again: { status: 409, code: 'OperationNotAllowed' },
    });
  });

  it('creates, reads, lists and deletes auto-upgrade profiles; generateUpdateRun creates the run for the channel target without starting it', async () => {
    const created = await client.autoUpgradeProfiles
      .createOrUpdate(resourceGroup, 'main', 'stable', { properties: { channel: 'Stable', nodeImageSelection: { type: 'Consistent' }, updateStrategyId: armId(resourceGroup, 'main', 'updateStrategies/two-stages') } })
      .pollUntilDone();
    await client.autoUpgradeProfiles.createOrUpdate(resourceGroup, 'main', 'images', { properties: { channel: 'NodeImage', disabled: true } }).pollUntilDone();
    await client.autoUpgradeProfiles.createOrUpdate(resourceGroup, 'main', 'rapid', { properties: { channel: 'Rapid' } }).pollUntilDone();
    const pages = await pagesOf(client.autoUpgradeProfiles.listByFleet(resourceGroup, 'main'));
    const generated = await client.autoUpgradeProfileOperations.generateUpdateRun(resourceGroup, 'main', 'stable').pollUntilDone();
    const generatedRun = await client.updateRuns.get(resourceGroup, 'main', generated.id?.split('/').at(-1) ?? '');
    await client.autoUpgradeProfiles.delete(resourceGroup, 'main', 'rapid').pollUntilDone();
    const read = await client.autoUpgradeProfiles.get(resourceGroup, 'main', 'images');

    expect({ id: created.id, type: created.type, properties: created.properties }).toEqual({
      id: armId(resourceGroup, 'main', 'autoUpgradeProfiles/stable'),
      type: 'Microsoft.ContainerService/fleets/autoUpgradeProfiles',
      properties: { channel: 'Stable', nodeImageSelection: { type: 'Consistent' }, updateStrategyId: armId(resourceGroup, 'main', 'updateStrategies/two-stages'), provisioningState: 'Succeeded' },
    });
    expect({ pages, disabled: read.properties?.disabled }).toEqual({ pages: [['images', 'rapid'], ['stable']], disabled: true });
    expect({
      name: /^auto-stable-[0-9a-f]{10}$/.test(generatedRun.name ?? ''),
      profile: generatedRun.properties?.autoUpgradeProfileId,
      upgrade: generatedRun.properties?.managedClusterUpdate,
      state: generatedRun.properties?.status?.status?.state,
      strategy: generatedRun.properties?.strategy,
    }).toEqual({
      name: true,
      profile: armId(resourceGroup, 'main', 'autoUpgradeProfiles/stable'),
      upgrade: { upgrade: { type: 'Full', kubernetesVersion: '1.32.6' }, nodeImageSelection: { type: 'Consistent' } },
      state: 'NotStarted',
      strategy,
    });
    expect(await failure(client.autoUpgradeProfiles.get(resourceGroup, 'main', 'rapid'))).toEqual({ status: 404, code: 'ResourceNotFound' });
  });
});
