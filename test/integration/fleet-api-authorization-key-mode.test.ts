import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientNames, errorCode, snapshotStore, startFleetApi, subscriptionId, type FleetApiStack } from './fleet-api-harness.js';

/**
 * Key mode: without `TRUST_APP_SERVICE_AUTH` the Fleet API functions are `function`-level, so the
 * host admits only callers presenting a function key (`x-functions-key` or `?code=`), and a key
 * carries every role. The app reads the setting when its modules load, hence this file of its own
 * (its own worker).
 */

const fleetPath = `/subscriptions/${subscriptionId}/resourceGroups/key-rg/providers/Microsoft.ContainerService/fleets/keyed`;

let stack: FleetApiStack;
let functionKey = '';

beforeAll(async () => {
  stack = await startFleetApi({ trustAppServiceAuth: false });
  functionKey = stack.embedded.host.keys.functionKeys.default ?? '';
});
afterAll(() => stack.dispose());

describe('the Fleet API in key mode', () => {
  it.each<{ name: string; token: boolean; headers: Record<string, string> }>([
    { name: 'no key', token: false, headers: {} },
    { name: 'a wrong key', token: false, headers: { 'x-functions-key': 'not-a-key' } },
    { name: 'a bearer token of the admin but no key', token: true, headers: {} },
  ])('refuses $name with 401 and writes nothing', async ({ token, headers }) => {
    const before = await snapshotStore(stack.store);
    const answer = await stack.call('PUT', fleetPath, { token: token ? await stack.token(clientNames.admin) : null, headers, body: { location: 'eastus' } });
    expect({ status: answer.status, after: await snapshotStore(stack.store) }).toEqual({ status: 401, after: before });
  });

  it('serves every operation to a function key, recording the key as the caller', async () => {
    const created = await stack.call('PUT', fleetPath, { token: null, headers: { 'x-functions-key': functionKey }, body: { location: 'eastus' } });
    const read = await stack.call('GET', `${fleetPath}?code=${encodeURIComponent(functionKey)}`, { token: null });
    const patched = await stack.call('PATCH', fleetPath, { token: null, headers: { 'x-functions-key': functionKey }, body: { tags: { keyed: 'yes' } } });
    const action = await stack.call('POST', `${fleetPath}/updateRuns/none/start`, { token: null, headers: { 'x-functions-key': functionKey } });
    const deleted = await stack.call('DELETE', fleetPath, { token: null, headers: { 'x-functions-key': stack.embedded.host.keys.masterKey } });
    const systemData = (created.body as { systemData?: { createdBy?: string; createdByType?: string } }).systemData;
    expect({
      created: created.status,
      createdBy: { by: systemData?.createdBy, type: systemData?.createdByType },
      read: read.status,
      tags: (patched.body as { tags?: unknown }).tags,
      action: { status: action.status, code: errorCode(action.body) },
      deleted: deleted.status,
    }).toEqual({ created: 201, createdBy: { by: 'function key', type: 'Application' }, read: 200, tags: { keyed: 'yes' }, action: { status: 404, code: 'ResourceNotFound' }, deleted: 202 });
  });
});
