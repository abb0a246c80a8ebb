import { AzureKeyCredential, EventGridPublisherClient, type SendCloudEventInput } from '@azure/eventgrid';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbedded, type Embedded } from '../../local/embedded/start-embedded.js';
import type { ArmEmulatorAdmin } from '../../local/emulators/arm/admin-api.js';
import type { EventGridEmulatorAdmin } from '../../local/emulators/eventgrid/admin-api.js';
import { VirtualClock } from '../../local/host/clock.js';
import type { Logger, LogLevel } from '../../local/host/logger.js';
import { releaseEventTypes, type ReleaseFacts } from '../../shared/auto-upgrade/release-facts.js';
import type { AutoUpgradeProfile, AutoUpgradeProfileProperties, UpdateRun, UpdateRunStrategy } from '../../shared/fleet/models.js';
import { seedTestCa } from '../test-ca.js';
import { adminCaller, clockDriver, expectStatus, type Answer } from './virtual-fleet.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
/** The subscription of every fleet and cluster these tests create. */
export const subscriptionId = '00000000-0000-4000-8000-0000000a0702';
/** The api-version of every Fleet API call (the newest: `catchUp`, `lastTriggerMessage`). */
export const apiVersion = '2026-06-02-preview';
/** The app's subscriptions, as `subscribeApp` names them. */
export const appSubscriptions = { aks: { topic: 'aks-clusters', name: 'durable-fleet-aksreleaseevents' }, releases: { topic: 'releases', name: 'durable-fleet-releaseevents' } } as const;

export type { Answer } from './virtual-fleet.js';

/** One line the host logged (its own or the app's). */
export interface LogLine {
  level: LogLevel;
  category: string;
  message: string;
}

/** Kubernetes versions a scenario's region offers before anything is released in it. */
export const baseOffer = ['1.31.8', '1.32.3', '1.32.6', '1.33.2'];
/** The node image every scenario cluster's pool runs. */
export const baseImage = 'AKSUbuntu-2204gen2containerd-202610.15.0';

/** The release facts a region's offer makes (GA versions, no LTS), as the release watcher publishes them. */
export const offerOf = (region: string, versions: readonly string[], nodeImages: Record<string, string> = {}): ReleaseFacts => ({
  region,
  kubernetesVersions: versions.map((version) => ({ version, isPreview: false, isLts: false })),
  nodeImages,
});

/** The stack of one test file: Fleet API, durable engine, ARM and Event Grid emulators on one virtual clock. */
export interface AutoUpgradeStack {
  clock: VirtualClock;
  /** The ARM emulator's admin API (clusters, releases, power states). */
  aks: ArmEmulatorAdmin;
  /** The Event Grid emulator's admin API (subscriptions, chaos, deliveries, dead letters). */
  grid: EventGridEmulatorAdmin;
  /** The host's HTTP origin and master key (admin API). */
  host: { url: string; masterKey: string };
  /** Everything the host and the app logged. */
  logs: LogLine[];
  /** One Fleet API call with the fleet-admin's bearer token (JSON in and out). */
  call(method: string, target: string, body?: unknown): Promise<Answer>;
  /** Publishes our release events (CloudEvents, one per offer, with the given ids) to the `releases` topic. */
  publishReleases(events: { id: string; facts: ReleaseFacts }[]): Promise<void>;
  /** Publishes any CloudEvent to the `releases` topic (for malformed ones). */
  publishRaw(event: SendCloudEventInput<unknown>): Promise<void>;
  /** Lets deliveries and durable work finish without moving the clock. */
  settle(): Promise<void>;
  /** Moves the clock one wake at a time (timers, hold-backs, retries) until `done` holds. */
  driveUntil(what: string, done: () => Promise<boolean>, maxWakes?: number): Promise<void>;
  /** Moves the clock, one wake at a time, to the release watcher's next quarter hour and waits for that tick to finish. */
  watcherTick(): Promise<void>;
  /** The durable instances whose id starts with `prefix`. */
  instances(prefix: string): Promise<string[]>;
  /**
   * A new fleet in `region`, whose ARM catalogue is seeded first with `offer` (default
   * {@link baseOffer}): no cluster runs there yet, so no AKS event announces those versions.
   */
  fleet(name: string, region: string, offer?: readonly string[]): Promise<TestFleet>;
  dispose(): Promise<void>;
}

/** One scenario's fleet. */
export interface TestFleet {
  id: string;
  region: string;
  /** Adds an emulated cluster `<fleet>-<member>` in the fleet's region and joins it. */
  join(member: string, options?: { kubernetesVersion?: string; group?: string }): Promise<string>;
  /** The ARM id of the cluster behind `member`. */
  clusterOf(member: string): string;
  /** PUT an update strategy; returns its id. */
  strategy(name: string, strategy: UpdateRunStrategy): Promise<string>;
  /** PUT an auto-upgrade profile. */
  profile(name: string, properties: Partial<AutoUpgradeProfileProperties>): Promise<AutoUpgradeProfile>;
  /** GET an auto-upgrade profile. */
  getProfile(name: string): Promise<AutoUpgradeProfile>;
  /** POST `generateUpdateRun` on a profile. */
  generate(profile: string): Promise<Answer>;
  /** Every update run of the fleet. */
  runs(): Promise<UpdateRun[]>;
  /** The Kubernetes version of `member`'s cluster now (control plane). */
  version(member: string): Promise<string>;
}

const quarterHour = 15 * 60_000;

/** Starts the embedded stack on a virtual clock starting at `start`, logging into memory. */
export async function startAutoUpgradeStack(start: Date, taskHub: string): Promise<AutoUpgradeStack> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'durable-fleet-auto-upgrade-'));
  await seedTestCa(dataDir);
  process.env.TRUST_APP_SERVICE_AUTH = 'true';
  process.env.AzureWebJobsStorage = 'UseDevelopmentStorage=true';
  process.env.TASKHUB_NAME = taskHub;
  const clock = new VirtualClock(start);
  const logs: LogLine[] = [];
  const logger: Logger = { log: (level, category, message) => void logs.push({ level, category, message }) };
  const embedded: Embedded = await startEmbedded({ appRoot: repoRoot, dataDir, port: 0, httpsPort: 0, identityPort: 0, armPort: 0, inMemoryStorage: true, durableStore: 'memory', logger, clock });
  const arm = embedded.arm;
  if (!arm) throw new Error('The stack started without its ARM emulator (AZURE_RESOURCE_MANAGER_ENDPOINT is set).');
  const grid = embedded.eventGrid.admin;
  const releasesTopic = grid.listTopics().find((t) => t.name === appSubscriptions.releases.topic);
  if (!releasesTopic?.endpoint || !releasesTopic.key) throw new Error('The embedded stack created no releases topic.');
  const publisher = new EventGridPublisherClient(releasesTopic.endpoint, 'CloudEvent', new AzureKeyCredential(releasesTopic.key));

  const call = await adminCaller(embedded, apiVersion);

  // Deliveries start intakes and intakes never publish, so deliveries-then-engine settles both.
  const settle = async (): Promise<void> => {
    await grid.waitUntilIdle();
    await embedded.host.durable.waitForIdle();
    await grid.waitUntilIdle();
  };
  const driveUntil = clockDriver(clock, settle);
  const ticksDone = (): number => logs.filter((l) => l.category.startsWith('Function.releaseWatcher') && /intake release\|catchup\|/.test(l.message)).length;
  const watcherTick = async (): Promise<void> => {
    const before = ticksDone();
    const tick = new Date(Math.floor(clock.now().getTime() / quarterHour) * quarterHour + quarterHour);
    await driveUntil(`the release watcher's tick at ${tick.toISOString()}`, async () => clock.now().getTime() >= tick.getTime() || (clock.nextWake?.getTime() ?? Infinity) >= tick.getTime());
    if (clock.now().getTime() < tick.getTime()) await clock.advanceTo(tick);
    // The timer function runs outside the engine: its last act is starting the catch-up intake.
    for (let waited = 0; ticksDone() === before; waited += 20) {
      if (waited > 20_000) throw new Error(`The release watcher did not finish its tick at ${tick.toISOString()}.`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await settle();
  };
  const instances = async (prefix: string): Promise<string[]> => (await embedded.host.durable.query({ instanceIdPrefix: prefix })).instances.map((i) => i.instanceId);

  const fleet = async (name: string, region: string, offer: readonly string[] = baseOffer): Promise<TestFleet> => {
    for (const version of offer) arm.admin.releaseKubernetesVersion({ region, version });
    arm.admin.releaseNodeImage({ region, nodeImageVersion: baseImage });
    const id = `/subscriptions/${subscriptionId}/resourceGroups/rg-${name}/providers/Microsoft.ContainerService/fleets/${name}`;
    expectStatus(await call('PUT', id, { location: region }), [200, 201], `PUT fleet ${name}`);
    const clusterOf = (member: string): string => `/subscriptions/${subscriptionId}/resourceGroups/aks-${name}/providers/Microsoft.ContainerService/managedClusters/${name}-${member}`;
    const getProfile = async (profile: string): Promise<AutoUpgradeProfile> => {
      const answer = await call('GET', `${id}/autoUpgradeProfiles/${profile}`);
      expectStatus(answer, [200], `GET profile ${profile}`);
      return answer.body as AutoUpgradeProfile;
    };
    return {
      id,
      region,
      clusterOf,
      async join(member, options = {}) {
        const version = options.kubernetesVersion ?? '1.32.3';
        const clusterId = arm.admin.addCluster({
          subscriptionId,
          resourceGroup: `aks-${name}`,
          name: `${name}-${member}`,
          location: region,
          kubernetesVersion: version,
          pools: [{ name: 'system', mode: 'System', osSku: 'Ubuntu', count: 1, nodeImageVersion: baseImage }],
        });
        const answer = await call('PUT', `${id}/members/${member}`, { properties: { clusterResourceId: clusterId, ...(options.group ? { group: options.group } : {}) } });
        expectStatus(answer, [200, 201], `PUT member ${member}`);
        return clusterId;
      },
      async strategy(strategyName, strategy) {
        const answer = await call('PUT', `${id}/updateStrategies/${strategyName}`, { properties: { strategy } });
        expectStatus(answer, [200, 201], `PUT strategy ${strategyName}`);
        return (answer.body as { id: string }).id;
      },
      async profile(profile, properties) {
        const answer = await call('PUT', `${id}/autoUpgradeProfiles/${profile}`, { properties });
        expectStatus(answer, [200, 201], `PUT profile ${profile}`);
        return answer.body as AutoUpgradeProfile;
      },
      getProfile,
      generate: (profile) => call('POST', `${id}/autoUpgradeProfiles/${profile}/generateUpdateRun`),
      async runs() {
        const answer = await call('GET', `${id}/updateRuns`);
        expectStatus(answer, [200], 'GET runs');
        return (answer.body as { value: UpdateRun[] }).value;
      },
      async version(member) {
        const response = await fetch(`${arm.url}/admin/clusters?id=${encodeURIComponent(clusterOf(member))}`);
        if (!response.ok) throw new Error(`No emulated cluster for member ${member}: ${response.status}.`);
        return ((await response.json()) as { properties: { currentKubernetesVersion: string } }).properties.currentKubernetesVersion;
      },
    };
  };

  return {
    clock,
    aks: arm.admin,
    grid,
    host: { url: embedded.host.url, masterKey: embedded.host.keys.masterKey },
    logs,
    call,
    publishReleases: (events) => publisher.send(events.map(({ id, facts }) => ({ id, type: releaseEventTypes.catalogChanged, source: '/test/release-watcher', subject: facts.region, data: facts }))),
    publishRaw: (event) => publisher.send([event]),
    settle,
    driveUntil,
    watcherTick,
    instances,
    fleet,
    dispose: async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The state of a run (`status.status.state`). */
export const runState = (run: UpdateRun | undefined): string | undefined => run?.properties.status?.status?.state;

/** Each member of a run with its state and message, in plan order. */
export const membersOf = (run: UpdateRun | undefined): { name: string | undefined; state: string | undefined; message: string | undefined }[] =>
  (run?.properties.status?.stages ?? []).flatMap((s) => (s.groups ?? []).flatMap((g) => (g.members ?? []).map((m) => ({ name: m.name, state: m.status?.state, message: m.message })))).map((m) => ({ ...m, message: m.message ?? undefined }));

/** Run states after which nothing happens without a user action. */
export const settledRunStates: ReadonlySet<string> = new Set(['Completed', 'Failed', 'Stopped', 'Skipped']);
