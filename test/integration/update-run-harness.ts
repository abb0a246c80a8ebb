import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbedded, type Embedded } from '../../local/embedded/start-embedded.js';
import type { ArmEmulatorAdmin } from '../../local/emulators/arm/admin-api.js';
import type { OperationCounters } from '../../local/emulators/arm/cluster-record.js';
import type { ArmFixtureInput } from '../../local/emulators/arm/fixture-schema.js';
import { VirtualClock } from '../../local/host/clock.js';
import { silentLogger } from '../../local/host/logger.js';
import type { Gate, UpdateRun, UpdateRunProperties, UpdateRunStatus } from '../../shared/fleet/models.js';
import type { SkipTarget } from '../../shared/update-run/runtime.js';
import { seedTestCa } from '../test-ca.js';
import { adminCaller, clockDriver, expectStatus, type Answer } from './virtual-fleet.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The subscription of every fleet and cluster these tests create. */
export const subscriptionId = '00000000-0000-4000-8000-0000000b0a7d';
const apiVersion = '2026-06-02-preview';

export type { Answer } from './virtual-fleet.js';

/** An emulated AKS cluster as a test describes it: fixture format without its id fields. */
export type ClusterSpec = Partial<Omit<ArmFixtureInput['clusters'][number], 'id' | 'subscriptionId' | 'resourceGroup' | 'name'>>;

/** The stack of one test file: Fleet API + durable engine + ARM emulator on one virtual clock. */
export interface UpdateRunStack {
  clock: VirtualClock;
  /** The ARM emulator's admin API (clusters, releases, faults, counters). */
  aks: ArmEmulatorAdmin;
  /** One Fleet API call with the admin's bearer token (JSON in and out). */
  call(method: string, target: string, body?: unknown): Promise<Answer>;
  /**
   * Lets the system work, moving the clock from one wake to the next (durable timers: polls,
   * waits, scheduled gates, window openings) until `done` holds. Throws when nothing is left
   * to wake or after `maxWakes` wakes.
   */
  driveUntil(what: string, done: () => Promise<boolean>, maxWakes?: number): Promise<void>;
  /** Lets the system work without moving the clock. */
  settle(): Promise<void>;
  /** A new fleet for one scenario. */
  fleet(name: string): Promise<TestFleet>;
  dispose(): Promise<void>;
}

/** One scenario's fleet and the Fleet API calls made on it. */
export interface TestFleet {
  id: string;
  /** Adds an emulated cluster `<fleet>-<member>` and joins it to the fleet as `member`. */
  join(member: string, options?: { group?: string; cluster?: ClusterSpec }): Promise<string>;
  /** The ARM id of the cluster behind `member`. */
  clusterOf(member: string): string;
  /** Creates a run (PUT) and returns its id. */
  createRun(name: string, properties: UpdateRunProperties): Promise<string>;
  /** POST `.../start`, `.../stop` or `.../skip` (expects 202). */
  start(run: string): Promise<void>;
  stop(run: string): Promise<void>;
  skip(run: string, targets: SkipTarget[]): Promise<void>;
  /** GET the run. */
  run(name: string): Promise<UpdateRun>;
  /** The run's status tree. */
  status(name: string): Promise<UpdateRunStatus>;
  gate(id: string): Promise<Gate>;
  /** `GET .../gates?$filter=properties/state eq 'Pending'`. */
  pendingGates(): Promise<Gate[]>;
  /** PATCH `properties.state=Completed` on a gate (by its ARM id). */
  approve(gateId: string): Promise<void>;
  /** The emulator's operation counters of `member`'s cluster. */
  counters(member: string): OperationCounters;
  /** The node image of each agent pool of `member`'s cluster, as the emulator has it now. */
  nodeImages(member: string): Promise<Record<string, string>>;
}

/** A cluster with one single-node Ubuntu pool on Kubernetes 1.32.3 in eastus. */
export const smallCluster = (overrides: ClusterSpec = {}): ArmFixtureInput['clusters'][number] => ({
  location: 'eastus',
  kubernetesVersion: '1.32.3',
  pools: [{ name: 'system', mode: 'System', osSku: 'Ubuntu', count: 1, nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202610.15.0' }],
  ...overrides,
});

/**
 * Starts the embedded stack (token issuer, ARM emulator with the demo fixture, host with the
 * product app, in-memory storage and durable store) on a virtual clock starting at `start`.
 */
export async function startUpdateRunStack(start: Date): Promise<UpdateRunStack> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'durable-fleet-update-run-'));
  await seedTestCa(dataDir);
  process.env.TRUST_APP_SERVICE_AUTH = 'true';
  process.env.AzureWebJobsStorage = 'UseDevelopmentStorage=true';
  process.env.TASKHUB_NAME ??= 'UpdateRunTestHub';
  const clock = new VirtualClock(start);
  const embedded: Embedded = await startEmbedded({ appRoot: repoRoot, dataDir, port: 0, httpsPort: 0, identityPort: 0, armPort: 0, inMemoryStorage: true, durableStore: 'memory', logger: silentLogger, clock });
  const arm = embedded.arm;
  if (!arm) throw new Error('The stack started without its ARM emulator (AZURE_RESOURCE_MANAGER_ENDPOINT is set).');

  const call = await adminCaller(embedded, apiVersion);

  const settle = (): Promise<void> => embedded.host.durable.waitForIdle();
  const driveUntil = clockDriver(clock, settle);

  const fleet = async (name: string): Promise<TestFleet> => {
    const id = `/subscriptions/${subscriptionId}/resourceGroups/rg-${name}/providers/Microsoft.ContainerService/fleets/${name}`;
    expectStatus(await call('PUT', id, { location: 'eastus' }), [200, 201], `PUT fleet ${name}`);
    const clusterOf = (member: string): string => `/subscriptions/${subscriptionId}/resourceGroups/aks-${name}/providers/Microsoft.ContainerService/managedClusters/${name}-${member}`;
    const runPath = (run: string): string => `${id}/updateRuns/${run}`;
    const action = async (run: string, verb: string, body?: unknown): Promise<void> => expectStatus(await call('POST', `${runPath(run)}/${verb}`, body), [202], `POST ${verb} ${run}`);
    const getRun = async (run: string): Promise<UpdateRun> => {
      const answer = await call('GET', runPath(run));
      expectStatus(answer, [200], `GET run ${run}`);
      return answer.body as UpdateRun;
    };
    return {
      id,
      clusterOf,
      async join(member, options = {}) {
        const clusterId = arm.admin.addCluster({ ...smallCluster(options.cluster), subscriptionId, resourceGroup: `aks-${name}`, name: `${name}-${member}` });
        const answer = await call('PUT', `${id}/members/${member}`, { properties: { clusterResourceId: clusterId, ...(options.group ? { group: options.group } : {}) } });
        expectStatus(answer, [200, 201], `PUT member ${member}`);
        return clusterId;
      },
      async createRun(run, properties) {
        const answer = await call('PUT', runPath(run), { properties });
        expectStatus(answer, [200, 201], `PUT run ${run}`);
        return (answer.body as UpdateRun).id;
      },
      start: (run) => action(run, 'start'),
      stop: (run) => action(run, 'stop'),
      skip: (run, targets) => action(run, 'skip', { targets }),
      run: getRun,
      status: async (run) => (await getRun(run)).properties.status ?? {},
      async gate(gateId) {
        const answer = await call('GET', gateId);
        expectStatus(answer, [200], `GET gate ${gateId}`);
        return answer.body as Gate;
      },
      async pendingGates() {
        const answer = await call('GET', `${id}/gates?$filter=${encodeURIComponent("properties/state eq 'Pending'")}`);
        expectStatus(answer, [200], 'GET pending gates');
        return (answer.body as { value: Gate[] }).value;
      },
      async approve(gateId) {
        expectStatus(await call('PATCH', gateId, { properties: { state: 'Completed' } }), [200, 202], `PATCH gate ${gateId}`);
      },
      counters(member) {
        const counters = arm.admin.counters(clusterOf(member));
        if (!counters) throw new Error(`No emulated cluster for member ${member}.`);
        return counters;
      },
      async nodeImages(member) {
        const response = await fetch(`${arm.url}/admin/clusters?id=${encodeURIComponent(clusterOf(member))}`);
        if (!response.ok) throw new Error(`No emulated cluster for member ${member}: ${response.status}.`);
        const cluster = (await response.json()) as { properties: { agentPoolProfiles?: { name: string; nodeImageVersion: string }[] } };
        return Object.fromEntries((cluster.properties.agentPoolProfiles ?? []).map((pool) => [pool.name, pool.nodeImageVersion]));
      },
    };
  };

  return {
    clock,
    aks: arm.admin,
    call,
    driveUntil,
    settle,
    fleet,
    dispose: async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const volatileKeys = new Set(['startTime', 'completedTime', 'clusterResourceId', 'operationId']);

/**
 * A status (sub)tree without what varies with poll timing or is asserted elsewhere: start and
 * completion times, cluster ids and AKS operation ids. Everything else (states, gate ids,
 * failure counts, limits, messages, errors) stays, so a test compares whole subtrees.
 */
export function timeless<T>(tree: T): T {
  if (Array.isArray(tree)) return tree.map((item: unknown) => timeless(item)) as T;
  if (typeof tree !== 'object' || tree === null) return tree;
  return Object.fromEntries(Object.entries(tree).filter(([key]) => !volatileKeys.has(key)).map(([key, value]) => [key, timeless(value as unknown)])) as T;
}

/** The state of a status node (`status.state`), for polling predicates. */
export const stateOf = (node: { status?: { state?: string } } | undefined): string | undefined => node?.status?.state;

/** Run states after which nothing happens without a user action. */
export const settledRunStates: ReadonlySet<string> = new Set(['Completed', 'Failed', 'Stopped', 'Skipped']);

/** The emulator's counters of a cluster that saw only `kind` operations: this many succeeded and failed (each started once); none by default. */
export const upgraded = (kind: keyof OperationCounters['started'], outcome: { succeeded?: number; failed?: number }): OperationCounters => {
  const zero = { ControlPlaneOnly: 0, Full: 0, NodeImageOnly: 0, Update: 0 };
  const started = (outcome.succeeded ?? 0) + (outcome.failed ?? 0);
  return { started: { ...zero, [kind]: started }, succeeded: { ...zero, [kind]: outcome.succeeded ?? 0 }, failed: { ...zero, [kind]: outcome.failed ?? 0 } };
};
