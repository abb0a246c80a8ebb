import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Gate } from '../../shared/fleet/models.js';
import { armId, clientNames, clusterId, errorCode, snapshotStore, startFleetApi, subscriptionId, type FleetApiStack } from './fleet-api-harness.js';

/**
 * Who may do what, behind App Service authentication (the host validates bearer tokens from the
 * local issuer and passes the caller on as `x-ms-client-principal`): Reader reads, Operator
 * writes and runs actions, Approver completes gates; a refused request changes nothing.
 */

const rg = 'auth-rg';
const fleetPath = `/subscriptions/${subscriptionId}/resourceGroups/${rg}/providers/Microsoft.ContainerService/fleets/auth`;

const callers = ['no token', 'bad token', 'no roles', 'Reader', 'Operator', 'Approver', 'admin'] as const;
type Caller = (typeof callers)[number];

const operations = ['GET', 'list', 'PUT', 'PATCH', 'DELETE', 'run action', 'gate PATCH', 'generateUpdateRun'] as const;
type Operation = (typeof operations)[number];

/** The status each caller gets for each operation. */
const want: Record<Caller, Record<Operation, number>> = {
  'no token': { GET: 401, list: 401, PUT: 401, PATCH: 401, DELETE: 401, 'run action': 401, 'gate PATCH': 401, generateUpdateRun: 401 },
  'bad token': { GET: 401, list: 401, PUT: 401, PATCH: 401, DELETE: 401, 'run action': 401, 'gate PATCH': 401, generateUpdateRun: 401 },
  'no roles': { GET: 403, list: 403, PUT: 403, PATCH: 403, DELETE: 403, 'run action': 403, 'gate PATCH': 403, generateUpdateRun: 403 },
  Reader: { GET: 200, list: 200, PUT: 403, PATCH: 403, DELETE: 403, 'run action': 403, 'gate PATCH': 403, generateUpdateRun: 403 },
  Operator: { GET: 200, list: 200, PUT: 201, PATCH: 200, DELETE: 202, 'run action': 202, 'gate PATCH': 403, generateUpdateRun: 200 },
  Approver: { GET: 200, list: 200, PUT: 403, PATCH: 403, DELETE: 403, 'run action': 403, 'gate PATCH': 200, generateUpdateRun: 403 },
  admin: { GET: 200, list: 200, PUT: 201, PATCH: 200, DELETE: 202, 'run action': 202, 'gate PATCH': 200, generateUpdateRun: 200 },
};

/** The ARM error code a refusal carries; the host itself refuses a bad token, with an empty body as App Service does. */
const refusalCode = (caller: Caller, status: number): string | undefined =>
  status === 401 ? (caller === 'bad token' ? undefined : 'AuthenticationFailed') : status === 403 ? 'AuthorizationFailed' : status === 409 ? 'OperationNotAllowed' : undefined;

const clientOf: Partial<Record<Caller, string>> = { 'no roles': clientNames.noRoles, Reader: clientNames.reader, Operator: clientNames.operator, Approver: clientNames.approver, admin: clientNames.admin };

let stack: FleetApiStack;

beforeAll(async () => {
  stack = await startFleetApi();
  const put = async (path: string, body: unknown): Promise<void> => {
    const answer = await stack.call('PUT', path, { body });
    if (answer.status >= 300) throw new Error(`Fixture PUT ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  };
  await put(fleetPath, { location: 'eastus' });
  await put(`${fleetPath}/updateRuns/run`, { properties: { managedClusterUpdate: { upgrade: { type: 'NodeImageOnly' } } } });
  await put(`${fleetPath}/autoUpgradeProfiles/profile`, { properties: { channel: 'Stable' } });
});
afterAll(() => stack.dispose());

const tokenOf = async (caller: Caller): Promise<string | null> => {
  if (caller === 'no token') return null;
  if (caller === 'bad token') return `${(await stack.token(clientNames.admin)).slice(0, -6)}AAAAAA`;
  return stack.token(clientOf[caller] ?? '');
};

/** Sets up what `operation` acts on for one row (unique per row) and returns the request. */
async function prepare(operation: Operation, row: string, rowIndex: number): Promise<{ method: string; path: string; body?: unknown }> {
  switch (operation) {
    case 'GET':
      return { method: 'GET', path: fleetPath };
    case 'list':
      return { method: 'GET', path: `${fleetPath}/members` };
    case 'PUT':
      return { method: 'PUT', path: `${fleetPath}/members/${row}`, body: { properties: { clusterResourceId: clusterId(row) } } };
    case 'PATCH':
      return { method: 'PATCH', path: fleetPath, body: { tags: { row } } };
    case 'DELETE':
      await stack.call('PUT', `${fleetPath}/members/${row}`, { body: { properties: { clusterResourceId: clusterId(row) } } });
      return { method: 'DELETE', path: `${fleetPath}/members/${row}` };
    case 'run action':
      // A run of its own per row whose selector matches no member: once started it completes at once.
      await stack.call('PUT', `${fleetPath}/updateRuns/${row}`, { body: { properties: { strategy: { stages: [{ name: 'only', memberSelector: { byLabel: 'nobody=here' } }] }, managedClusterUpdate: { upgrade: { type: 'NodeImageOnly' } } } } });
      return { method: 'POST', path: `${fleetPath}/updateRuns/${row}/start` };
    case 'gate PATCH': {
      const name = `00000000-0000-4000-8000-${String(rowIndex).padStart(12, '0')}`;
      const gate: Gate = {
        id: armId(rg, 'auth', `gates/${name}`),
        name,
        type: 'Microsoft.ContainerService/fleets/gates',
        properties: { gateType: 'Approval', state: 'Pending', target: { id: armId(rg, 'auth', 'updateRuns/run'), updateRunProperties: { name: 'run', stage: 'only', timing: 'Before' } }, provisioningState: 'Succeeded' },
      };
      // Gates are created by runs as they reach them; seeding one in the app's store keeps this table about roles.
      await stack.store.put(gate.id, gate);
      return { method: 'PATCH', path: `${fleetPath}/gates/${name}`, body: { properties: { state: 'Completed' } } };
    }
    case 'generateUpdateRun':
      return { method: 'POST', path: `${fleetPath}/autoUpgradeProfiles/profile/generateUpdateRun` };
  }
}

/** Waits until a started run has finished, so no orchestration writes while the next row compares snapshots. */
async function untilRunEnds(path: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    const state = ((await stack.call('GET', path)).body as { properties?: { status?: { status?: { state?: string } } } }).properties?.status?.status?.state;
    if (state === 'Completed' || state === 'Failed' || state === 'Stopped') return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${path} did not finish.`);
}

const rows = callers.flatMap((caller, c) => operations.map((operation, o) => ({ caller, operation, status: want[caller][operation], row: `row-${c}-${o}`, rowIndex: c * operations.length + o })));

describe('roles × operations behind App Service authentication', () => {
  it.each(rows)('$caller: $operation → $status', async ({ caller, operation, status, row, rowIndex }) => {
    const request = await prepare(operation, row, rowIndex);
    const before = await snapshotStore(stack.store);
    const answer = await stack.call(request.method, request.path, { token: await tokenOf(caller), ...(request.body === undefined ? {} : { body: request.body }) });
    if (operation === 'run action' && answer.status === 202) await untilRunEnds(`${fleetPath}/updateRuns/${row}`);
    const after = await snapshotStore(stack.store);
    const refused = status === 401 || status === 403;
    expect({ status: answer.status, code: errorCode(answer.body), unchanged: refused ? after.size === before.size && [...before].every(([id, etag]) => after.get(id) === etag) : true }).toEqual({
      status,
      code: refusalCode(caller, status),
      unchanged: true,
    });
  });

  it('ignores a forged x-ms-client-principal header (the host strips it)', async () => {
    const forged = Buffer.from(JSON.stringify({ claims: [{ typ: 'oid', val: 'x' }, { typ: 'roles', val: 'Operator' }] })).toString('base64');
    const answer = await stack.call('PATCH', fleetPath, { token: null, headers: { 'x-ms-client-principal': forged }, body: { tags: { forged: 'yes' } } });
    expect({ status: answer.status, code: errorCode(answer.body) }).toEqual({ status: 401, code: 'AuthenticationFailed' });
  });
});
