import type { AccessToken } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalArm, type LocalArm } from '../../local/emulators/arm/start-local-arm.js';
import { loadFixture, demoFixturePath } from '../../local/emulators/arm/load-fixture.js';
import { AksError } from '../../shared/aks/aks-error.js';
import type { AksGateway, AksOperationHandle, AksStartResult } from '../../shared/aks/aks-gateway.js';
import { createAksGateway } from '../../shared/aks/create-aks-gateway.js';
import { testCa } from '../test-ca.js';

const sub = '00000000-0000-4000-8000-000000000001';
const id = (rg: string, name: string) => `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.ContainerService/managedClusters/${name}`;
const minute = 60_000;

let local: LocalArm;
let aks: AksGateway;
let now = Date.parse('2026-11-20T10:00:00Z');
const clock = { now: () => now };

beforeAll(async () => {
  local = await startLocalArm({ ca: await testCa(), fixture: await loadFixture(demoFixturePath()), speedFactor: 1, clock });
  aks = createAksGateway({ credential: local.credential, endpoint: local.emulator.url, retryOptions: { maxRetries: 0 }, requestTimeoutMs: 2_000 });
});
afterAll(() => local.close());

const started = (result: AksStartResult): AksOperationHandle => {
  if (result.status !== 'Started') throw new Error(`expected Started, got ${result.status}`);
  return result.handle;
};
const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof AksError)) throw new Error(`expected AksError, got ${String(error)}`);
  return { kind: error.kind, code: error.code, transient: error.transient, statusCode: error.statusCode, retryAfterMs: error.retryAfterMs };
};

describe('AKS reads through ContainerServiceClient', () => {
  it('reads a member with pools, auto-upgrade settings, support plan and location', async () => {
    const member = await aks.getMember(id('rg-prod', 'aks-prod-eastus-1'));
    expect({ ...member, eTag: typeof member.eTag }).toEqual({
      id: id('rg-prod', 'aks-prod-eastus-1'),
      name: 'aks-prod-eastus-1',
      location: 'eastus',
      kubernetesVersion: '1.32.3',
      currentKubernetesVersion: '1.32.3',
      provisioningState: 'Succeeded',
      powerState: { code: 'Running' },
      supportPlan: 'KubernetesOfficial',
      autoUpgradeProfile: { upgradeChannel: 'none', nodeOSUpgradeChannel: 'NodeImage' },
      eTag: 'string',
      pools: [
        { name: 'system', mode: 'System', osType: 'Linux', osSKU: 'Ubuntu', count: 3, orchestratorVersion: '1.32.3', currentOrchestratorVersion: '1.32.3', nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202610.15.0', provisioningState: 'Succeeded', powerState: { code: 'Running' } },
        { name: 'payments', mode: 'User', osType: 'Linux', osSKU: 'AzureLinux', count: 6, orchestratorVersion: '1.32.3', currentOrchestratorVersion: '1.32.3', nodeImageVersion: 'AKSAzureLinux-V3gen2-202610.15.0', provisioningState: 'Succeeded', powerState: { code: 'Running' } },
      ],
    });
  });

  it('lists maintenance configurations in ARM shape', async () => {
    const configs = await aks.listMaintenanceConfigurations(id('rg-prod', 'aks-prod-eastus-1'));
    expect(configs.map((c) => ({ name: c.name, schedule: c.maintenanceWindow?.schedule, durationHours: c.maintenanceWindow?.durationHours, startTime: c.maintenanceWindow?.startTime }))).toEqual([
      { name: 'aksManagedAutoUpgradeSchedule', schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Saturday' } }, durationHours: 6, startTime: '01:00' },
      { name: 'aksManagedNodeOSUpgradeSchedule', schedule: { daily: { intervalDays: 1 } }, durationHours: 4, startTime: '02:00' },
    ]);
  });

  it.each([
    { region: 'eastus', want: { count: 9, lts: ['1.30.9', '1.30.12'], preview: ['1.34.0'], latest: '1.34.0' } },
    { region: 'westeurope', want: { count: 7, lts: ['1.30.9', '1.30.12'], preview: [], latest: '1.33.1' } },
  ])('lists Kubernetes versions of $region with LTS and preview flags', async ({ region, want }) => {
    const versions = await aks.listAvailableVersions(sub, region);
    expect({ count: versions.length, lts: versions.filter((v) => v.isLts).map((v) => v.version), preview: versions.filter((v) => v.isPreview).map((v) => v.version), latest: versions.at(-1)?.version }).toEqual(want);
    expect(versions.find((v) => v.version === '1.31.8')?.upgrades).toEqual(['1.32.3', '1.32.6']);
  });

  it.each([
    { cluster: id('rg-prod', 'aks-prod-eastus-1'), pool: 'payments', want: 'AKSAzureLinux-V3gen2-202611.01.0' },
    { cluster: id('rg-prod', 'aks-prod-westeurope-1'), pool: 'win', want: 'AKSWindows-2022-containerd-20348.2762.241009' },
  ])('reads the latest node image of $pool', async ({ cluster, pool, want }) => {
    expect(await aks.getLatestNodeImage(cluster, pool)).toBe(want);
  });

  it('returns the decoded user kubeconfig', async () => {
    const kubeconfig = await aks.getKubeconfig(id('rg-dev', 'aks-dev-eastus'));
    expect(kubeconfig).toMatch(/^apiVersion: v1\nkind: Config\n/);
    expect(kubeconfig).toContain('server: https://aks-dev-eastus-dns.hcp.eastus.azmk8s.io:443');
  });
});

describe('upgrades through operation handles', () => {
  it('runs a ControlPlaneOnly upgrade: busy while it runs, pools untouched, post-conditions met', async () => {
    const cluster = id('rg-prod', 'aks-prod-eastus-2');
    const handle = started(await aks.startUpgrade({ kind: 'ControlPlaneOnly', clusterId: cluster, kubernetesVersion: '1.33.1' }));
    expect({ kind: handle.kind, resourceId: handle.resourceId, polls: handle.operationUrl?.includes('/operations/'), target: handle.target }).toEqual({ kind: 'ControlPlaneOnly', resourceId: cluster, polls: true, target: { kubernetesVersion: '1.33.1' } });
    expect(JSON.parse(JSON.stringify(handle))).toEqual(handle);
    expect(await aks.pollOperation(handle)).toEqual({ status: 'InProgress' });
    expect(await failure(aks.startUpgrade({ kind: 'ControlPlaneOnly', clusterId: cluster, kubernetesVersion: '1.33.1' }))).toEqual({ kind: 'Busy', code: 'OperationNotAllowed', transient: true, statusCode: 409, retryAfterMs: undefined });
    now += 9 * minute;
    expect(await aks.pollOperation(handle)).toEqual({ status: 'Succeeded' });
    expect(await aks.verifyUpgrade(handle)).toEqual({ ok: true });
    const member = await aks.getMember(cluster);
    expect(member.pools.map((p) => p.currentOrchestratorVersion)).toEqual(['1.32.3', '1.32.3']);
    expect(await aks.startUpgrade({ kind: 'ControlPlaneOnly', clusterId: cluster, kubernetesVersion: '1.33.1' })).toEqual({ status: 'AlreadyAtTarget' });
    expect(local.emulator.admin.counters(cluster)).toEqual({
      started: { ControlPlaneOnly: 1, Full: 0, NodeImageOnly: 0, Update: 0 },
      succeeded: { ControlPlaneOnly: 1, Full: 0, NodeImageOnly: 0, Update: 0 },
      failed: { ControlPlaneOnly: 0, Full: 0, NodeImageOnly: 0, Update: 0 },
    });
  });

  it('runs a Full upgrade: control plane, then pools one by one, with the newest node image', async () => {
    const cluster = id('rg-staging', 'aks-staging-eastus');
    const handle = started(await aks.startUpgrade({ kind: 'Full', clusterId: cluster, kubernetesVersion: '1.33.2' }));
    now += 9 * minute; // control plane done, first pool (2 nodes, 6 min) running
    expect(await aks.pollOperation(handle)).toEqual({ status: 'InProgress' });
    const midway = await aks.getMember(cluster);
    expect({ cp: midway.currentKubernetesVersion, state: midway.provisioningState, pools: midway.pools.map((p) => [p.name, p.provisioningState, p.currentOrchestratorVersion]) }).toEqual({
      cp: '1.33.2',
      state: 'Upgrading',
      pools: [
        ['system', 'Upgrading', '1.33.1'],
        ['apps', 'Succeeded', '1.33.1'],
      ],
    });
    now += 20 * minute;
    expect(await aks.pollOperation(handle)).toEqual({ status: 'Succeeded' });
    expect(await aks.verifyUpgrade(handle)).toEqual({ ok: true });
    expect((await aks.getMember(cluster)).pools.map((p) => p.nodeImageVersion)).toEqual(['AKSUbuntu-2204gen2containerd-202611.01.0', 'AKSUbuntu-2204gen2containerd-202611.01.0']);
  });

  it('runs NodeImageOnly per pool to the newest image and is idempotent afterwards', async () => {
    const cluster = id('rg-prod', 'aks-prod-eastus-1');
    const handle = started(await aks.startUpgrade({ kind: 'NodeImageOnly', clusterId: cluster, poolName: 'payments' }));
    expect({ resourceId: handle.resourceId, poolName: handle.poolName, target: handle.target }).toEqual({ resourceId: `${cluster}/agentPools/payments`, poolName: 'payments', target: { nodeImageVersion: 'AKSAzureLinux-V3gen2-202611.01.0' } });
    expect(await aks.pollOperation(handle)).toEqual({ status: 'InProgress' });
    now += 20 * minute;
    expect(await aks.pollOperation(handle)).toEqual({ status: 'Succeeded' });
    expect(await aks.verifyUpgrade(handle)).toEqual({ ok: true });
    expect(await aks.startUpgrade({ kind: 'NodeImageOnly', clusterId: cluster, poolName: 'payments' })).toEqual({ status: 'AlreadyAtTarget' });
  });

  it('picks up a node image released in the region through the admin API', async () => {
    const cluster = id('rg-prod', 'aks-prod-westeurope-2');
    const response = await fetch(`${local.emulator.url}/admin/releases/node-images`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ region: 'westeurope', nodeImageVersion: 'AKSAzureLinux-V3gen2-202611.01.0' }) });
    expect(response.status).toBe(204);
    expect(await aks.getLatestNodeImage(cluster, 'spark')).toBe('AKSAzureLinux-V3gen2-202611.01.0');
  });

  it('leaves the cluster Failed with ARM’s error when one pool fails, and reports it as permanent', async () => {
    const cluster = id('rg-dev', 'aks-dev-sea');
    local.emulator.admin.injectFaults(cluster, { failNextUpgrade: { code: 'AllocationFailed', message: 'Allocation failed. We do not have sufficient capacity for the requested VM size in this region.', pool: 'batch' } });
    const handle = started(await aks.startUpgrade({ kind: 'Full', clusterId: cluster, kubernetesVersion: '1.32.3' }));
    now += 60 * minute;
    const error = { kind: 'Permanent', code: 'AllocationFailed', message: 'Allocation failed. We do not have sufficient capacity for the requested VM size in this region.' };
    expect(await aks.pollOperation(handle)).toEqual({ status: 'Failed', error });
    const member = await aks.getMember(cluster);
    expect({ state: member.provisioningState, error: member.status?.provisioningError, pools: member.pools.map((p) => [p.name, p.provisioningState]) }).toEqual({
      state: 'Failed',
      error: { code: error.code, message: error.message },
      pools: [
        ['system', 'Succeeded'],
        ['batch', 'Failed'],
      ],
    });
    expect(await aks.verifyUpgrade(handle)).toEqual({ ok: false, problems: ['cluster provisioningState is Failed, not Succeeded', 'pool batch provisioningState is Failed, not Succeeded', 'pool batch runs 1.31.8, not 1.32.3'] });
    expect(local.emulator.admin.counters(cluster)?.failed.Full).toBe(1);
  });
});

const badCredential = { getToken: async (): Promise<AccessToken> => ({ token: 'not-a-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

describe('failure classification', () => {
  it.each([
    { name: '429 burst keeps Retry-After', cluster: id('rg-prod', 'aks-prod-sea-1'), faults: { throttle: { count: 2, retryAfterSeconds: 7 } }, want: { kind: 'Throttled', code: 'TooManyRequests', transient: true, statusCode: 429, retryAfterMs: 7000 } },
    { name: '5xx', cluster: id('rg-prod', 'aks-prod-sea-1'), faults: { serverErrors: { count: 1, status: 503 } }, want: { kind: 'ServerError', code: 'ServiceUnavailable', transient: true, statusCode: 503, retryAfterMs: undefined } },
    { name: 'hang → timeout', cluster: id('rg-prod', 'aks-prod-sea-1'), faults: { hang: true }, want: { kind: 'Timeout', code: 'Timeout', transient: true, statusCode: undefined, retryAfterMs: undefined } },
  ])('getMember: $name', async ({ cluster, faults, want }) => {
    local.emulator.admin.injectFaults(cluster, faults);
    const quick = createAksGateway({ credential: local.credential, endpoint: local.emulator.url, retryOptions: { maxRetries: 0 }, requestTimeoutMs: 300 });
    try {
      expect(await failure(quick.getMember(cluster))).toEqual(want);
    } finally {
      local.emulator.admin.injectFaults(cluster, {});
    }
  });

  it.each([
    { name: 'quota refused synchronously', cluster: id('rg-staging', 'aks-staging-westeurope'), version: '1.33.1', faults: { failNextUpgrade: { code: 'QuotaExceeded', message: 'Operation could not be completed as it results in exceeding approved standardDSv5Family Cores quota.', phase: 'sync' as const } }, want: { kind: 'Permanent', code: 'QuotaExceeded', transient: false, statusCode: 400, retryAfterMs: undefined } },
    { name: 'skipping a minor', cluster: id('rg-prod', 'aks-prod-sea-1'), version: '1.32.6', faults: {}, want: { kind: 'Permanent', code: 'InvalidParameter', transient: false, statusCode: 400, retryAfterMs: undefined } },
    { name: 'version not offered in the region', cluster: id('rg-prod', 'aks-prod-westeurope-2'), version: '1.31.6', faults: {}, want: { kind: 'Permanent', code: 'K8sVersionNotSupported', transient: false, statusCode: 400, retryAfterMs: undefined } },
    { name: 'stopped cluster', cluster: id('rg-dev', 'aks-dev-westeurope'), version: '1.31.8', faults: {}, want: { kind: 'Stopped', code: 'ClusterStopped', transient: false, statusCode: undefined, retryAfterMs: undefined } },
    { name: 'unknown cluster', cluster: id('rg-dev', 'nope'), version: '1.31.8', faults: {}, want: { kind: 'NotFound', code: 'ResourceNotFound', transient: false, statusCode: 404, retryAfterMs: undefined } },
  ])('startUpgrade: $name', async ({ cluster, version, faults, want }) => {
    if (Object.keys(faults).length > 0) local.emulator.admin.injectFaults(cluster, faults);
    expect(await failure(aks.startUpgrade({ kind: 'ControlPlaneOnly', clusterId: cluster, kubernetesVersion: version }))).toEqual(want);
  });

  it('reports the stopped power state on read', async () => {
    expect((await aks.getMember(id('rg-dev', 'aks-dev-westeurope'))).powerState).toEqual({ code: 'Stopped' });
  });

  it('maps an invalid bearer token to Unauthorized (ARM 401 InvalidAuthenticationToken)', async () => {
    const stranger = createAksGateway({ credential: badCredential, endpoint: local.emulator.url, retryOptions: { maxRetries: 0 } });
    expect(await failure(stranger.getMember(id('rg-dev', 'aks-dev-eastus')))).toEqual({ kind: 'Unauthorized', code: 'InvalidAuthenticationToken', transient: false, statusCode: 401, retryAfterMs: undefined });
  });
});
