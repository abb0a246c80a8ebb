import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFixture } from '../../local/emulators/arm/generate-fixture.js';
import { validateFixture } from '../../local/emulators/arm/load-fixture.js';
import { startLocalArm, type LocalArm } from '../../local/emulators/arm/start-local-arm.js';
import { testCa } from '../test-ca.js';

let local: LocalArm;
let token = '';
const fixture = validateFixture(generateFixture({ clusters: 3, seed: 7 }));
const first = fixture.clusters[0];
const clusterPath = `/subscriptions/${first?.subscriptionId ?? ''}/resourceGroups/${first?.resourceGroup ?? ''}/providers/Microsoft.ContainerService/managedClusters/${first?.name ?? ''}`;

beforeAll(async () => {
  local = await startLocalArm({ ca: await testCa(), fixture, speedFactor: 1000 });
  token = (await local.credential.getToken('https://management.azure.com/.default'))?.token ?? '';
});
afterAll(() => local.close());

const call = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(`${local.emulator.url}${path}`, init);
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
};
const bearer = () => ({ authorization: `Bearer ${token}` });

describe('ARM emulator over raw HTTPS', () => {
  it.each<{ name: string; headers: Record<string, string> | 'bearer'; path: string; want: unknown }>([
    { name: 'no Authorization header', headers: {}, path: `${clusterPath}?api-version=2026-06-01`, want: { status: 401, body: { error: { code: 'AuthenticationFailed', message: "Authentication failed. The 'Authorization' header is missing." } } } },
    { name: 'a token that is not from the issuer', headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' }, path: `${clusterPath}?api-version=2026-06-01`, want: { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' } } } },
    { name: 'no api-version', headers: 'bearer', path: clusterPath, want: { status: 400, body: { error: { code: 'MissingApiVersionParameter', message: 'The api-version query parameter (?api-version=) is required for all requests.' } } } },
    { name: 'an unknown cluster', headers: 'bearer', path: `${clusterPath}x?api-version=2026-06-01`, want: { status: 404, body: { error: { code: 'ResourceNotFound', message: `The Resource 'Microsoft.ContainerService/managedClusters/${first?.name ?? ''}x' under resource group '${first?.resourceGroup ?? ''}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix` } } } },
  ])('answers $name as ARM does', async ({ headers, path, want }) => {
    expect(await call(path, { headers: headers === 'bearer' ? bearer() : headers })).toEqual(want);
  });

  it('refuses a PUT whose If-Match is stale with 412 PreconditionFailed', async () => {
    const result = await call(`${clusterPath}?api-version=2026-06-01`, { method: 'PUT', headers: { ...bearer(), 'content-type': 'application/json', 'if-match': '"stale"' }, body: JSON.stringify({ location: first?.location, properties: {} }) });
    expect({ status: result.status, code: (result.body as { error: { code: string } }).error.code }).toEqual({ status: 412, code: 'PreconditionFailed' });
  });

  it('adds, reads and removes clusters, releases versions and reports counters through /admin', async () => {
    const cluster = { subscriptionId: '00000000-0000-4000-8000-000000000009', resourceGroup: 'rg-x', name: 'added', location: 'eastus', kubernetesVersion: '1.33.1', pools: [{ name: 'system', mode: 'System' }] };
    const id = '/subscriptions/00000000-0000-4000-8000-000000000009/resourceGroups/rg-x/providers/Microsoft.ContainerService/managedClusters/added';
    const json = { 'content-type': 'application/json' };
    expect(await call('/admin/clusters', { method: 'POST', headers: json, body: JSON.stringify(cluster) })).toEqual({ status: 201, body: { id } });
    expect(await call('/admin/clusters')).toEqual({ status: 200, body: { count: 4 } });
    expect((await call(`/admin/releases/kubernetes`, { method: 'POST', headers: json, body: JSON.stringify({ region: 'eastus', version: '1.34.1', preview: true }) })).status).toBe(204);
    const versions = await call(`/subscriptions/${first?.subscriptionId ?? ''}/providers/Microsoft.ContainerService/locations/eastus/kubernetesVersions?api-version=2026-06-01`, { headers: bearer() });
    expect((versions.body as { values: Array<{ version: string; patchVersions: Record<string, unknown> }> }).values.find((v) => v.version === '1.34')?.patchVersions).toEqual({ '1.34.0': { upgrades: ['1.34.1'] }, '1.34.1': { upgrades: [] } });
    expect(await call(`/admin/counters?id=${encodeURIComponent(id)}`)).toEqual({ status: 200, body: { started: { ControlPlaneOnly: 0, Full: 0, NodeImageOnly: 0, Update: 0 }, succeeded: { ControlPlaneOnly: 0, Full: 0, NodeImageOnly: 0, Update: 0 }, failed: { ControlPlaneOnly: 0, Full: 0, NodeImageOnly: 0, Update: 0 } } });
    expect((await call(`/admin/faults?id=${encodeURIComponent(id)}`, { method: 'PUT', headers: json, body: JSON.stringify({ throttle: { count: -1 } }) })).status).toBe(400);
    expect((await call(`/admin/clusters?id=${encodeURIComponent(id)}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(`/admin/clusters?id=${encodeURIComponent(id)}`)).status).toBe(404);
  });
});
