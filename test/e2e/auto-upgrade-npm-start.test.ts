import { ClientSecretCredential } from '@azure/identity';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devClients } from '../../local/identity/dev-clients.js';
import type { UpdateRun } from '../../shared/fleet/models.js';
import { exited, startHostProcess, type HostProcess } from '../integration/process-tree.js';
import { seedTestCa } from '../test-ca.js';

/** The demo fixture's subscription and two of its eastus clusters without maintenance windows. */
const subscriptionId = '00000000-0000-4000-8000-000000000001';
const clusterId = (group: string, name: string): string => `/subscriptions/${subscriptionId}/resourceGroups/${group}/providers/Microsoft.ContainerService/managedClusters/${name}`;
const fleetId = `/subscriptions/${subscriptionId}/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/auto-e2e`;

let host: HostProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'durable-fleet-auto-upgrade-e2e-'));
  // The test CA is what this worker trusts (NODE_EXTRA_CA_CERTS), so the host need not relaunch.
  await seedTestCa(dataDir);
  // ARM_SPEED_FACTOR 600: an emulated upgrade takes seconds, and AKS's Retry-After (1 s) paces the member polls.
  host = await startHostProcess({ DURABLE_FLEET_DATA: dataDir, IDENTITY_PORT: '0', ARM_PORT: '0', EVENT_GRID_PORT: '0', ARM_SPEED_FACTOR: '600', TASKHUB_NAME: 'AutoUpgradeE2EHub' }, 60_000);
}, 90_000);

afterAll(async () => {
  if (host) {
    host.child.kill('SIGTERM');
    await exited(host.child);
  }
  await rm(dataDir, { recursive: true, force: true });
});

/** What the banner prints: the HTTPS origin, the issuer (authority host and tenant) and the ARM emulator. */
function banner(): { api: string; authorityHost: string; tenantId: string; arm: string } {
  const text = host.output();
  const api = /^ {2}HTTPS {9}(\S+)/m.exec(text)?.[1];
  const identity = /^ {2}Identity {6}(\S+) \(tenant ([^)]+)\)/m.exec(text);
  const arm = /^ {2}ARM \/ AKS {5}(\S+)/m.exec(text)?.[1];
  if (!api || !identity?.[1] || !identity[2] || !arm) throw new Error(`The banner lacks the HTTPS, identity or ARM lines:\n${text}`);
  return { api, authorityHost: identity[1], tenantId: identity[2], arm };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('auto-upgrade end to end with npm start', () => {
  it('releasing a version in the ARM emulator leads, with no other action, to a completed run on the members of a Rapid profile', async () => {
    const { api, authorityHost, tenantId, arm } = banner();
    const admin = devClients.find((c) => c.displayName === 'fleet-admin');
    if (!admin) throw new Error('No fleet-admin dev client.');
    const credential = new ClientSecretCredential(tenantId, admin.clientId, admin.clientSecret, { authorityHost, disableInstanceDiscovery: true });
    const token = (await credential.getToken('https://management.azure.com/.default')).token;
    const call = async (method: string, target: string, body?: unknown): Promise<{ status: number; body: unknown }> => {
      const response = await fetch(`${api}${target}?api-version=2025-03-01`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
    };

    const setup = [
      await call('PUT', fleetId, { location: 'eastus' }),
      await call('PUT', `${fleetId}/members/staging`, { properties: { clusterResourceId: clusterId('rg-staging', 'aks-staging-eastus') } }),
      await call('PUT', `${fleetId}/members/dev`, { properties: { clusterResourceId: clusterId('rg-dev', 'aks-dev-eastus') } }),
      await call('PUT', `${fleetId}/autoUpgradeProfiles/rapid`, { properties: { channel: 'Rapid' } }),
    ];
    expect(setup.map((a) => a.status)).toEqual([201, 201, 201, 201]);

    const released = await fetch(`${arm}/admin/releases/kubernetes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ region: 'eastus', version: '1.33.3' }) });
    expect(released.status).toBe(204);

    let runs: UpdateRun[] = [];
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(500)) {
      runs = ((await call('GET', `${fleetId}/updateRuns`)).body as { value: UpdateRun[] }).value;
      const state = runs[0]?.properties.status?.status?.state;
      if (state === 'Completed' || state === 'Failed') break;
    }
    const settled = ['Completed', 'Failed'].includes(runs[0]?.properties.status?.status?.state ?? '');
    if (!settled) throw new Error(`No run settled within 60 s: ${JSON.stringify(runs)}\nHost output (end):\n${host.output().slice(-6000)}`);
    expect(
      runs.map((run) => ({
        profile: run.properties.autoUpgradeProfileId,
        target: run.properties.managedClusterUpdate?.upgrade,
        state: run.properties.status?.status?.state,
        members: (run.properties.status?.stages ?? []).flatMap((s) => (s.groups ?? []).flatMap((g) => (g.members ?? []).map((m) => `${m.name}: ${m.status?.state}`))),
      })),
    ).toEqual([{ profile: `${fleetId}/autoUpgradeProfiles/rapid`, target: { type: 'Full', kubernetesVersion: '1.33.3' }, state: 'Completed', members: ['dev: Completed', 'staging: Completed'] }]);
    const profile = (await call('GET', `${fleetId}/autoUpgradeProfiles/rapid`)).body as { properties: { autoUpgradeProfileStatus?: unknown } };
    expect(profile.properties.autoUpgradeProfileStatus).toMatchObject({ lastTriggerStatus: 'Succeeded', lastTriggerUpgradeVersions: ['1.33.3'] });
  }, 90_000);
});
