import { randomUUID } from 'node:crypto';
import { parseClusterId } from '../../../shared/aks/resource-id.js';
import type { FixtureCluster } from './fixture-schema.js';
import { fixtureClusterId } from './load-fixture.js';
import type { RegionalCatalogue } from './regional-catalogue.js';
import { imageFamilyOf } from './regional-catalogue.js';

/** ARM's error detail. */
export interface ArmErrorDetail {
  code: string;
  message: string;
}

/** An emulated agent pool (mutable state). */
export interface PoolRecord {
  name: string;
  mode: string;
  osType: string;
  osSku: string;
  count: number;
  vmSize: string;
  orchestratorVersion: string;
  currentOrchestratorVersion: string;
  nodeImageVersion: string;
  imageFamily: string;
  provisioningState: string;
  error: ArmErrorDetail | undefined;
}

/** The upgrade kinds counted per cluster (`Update` is a PUT that changes no version). */
export type OperationKind = 'ControlPlaneOnly' | 'Full' | 'NodeImageOnly' | 'Update';

/** Started/completed/failed upgrade counts per kind. */
export type OperationCounters = Record<'started' | 'succeeded' | 'failed', Record<OperationKind, number>>;

/** An emulated cluster (mutable state). `json` caches the GET body until something changes. */
export interface ClusterRecord {
  key: string;
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location: string;
  kubernetesVersion: string;
  currentKubernetesVersion: string;
  provisioningState: string;
  powerState: 'Running' | 'Stopped';
  supportPlan: string;
  upgradeChannel: string;
  nodeOSUpgradeChannel: string;
  tags: Record<string, string>;
  pools: PoolRecord[];
  maintenance: FixtureCluster['maintenanceConfigurations'];
  eTag: string;
  error: ArmErrorDetail | undefined;
  operationId: string | undefined;
  counters: OperationCounters;
  json: string | undefined;
}

const zeroCounts = (): Record<OperationKind, number> => ({ ControlPlaneOnly: 0, Full: 0, NodeImageOnly: 0, Update: 0 });

/** The case-insensitive index key of an ARM id. */
export const keyOf = (id: string): string => id.toLowerCase();

/** Builds a cluster record from a validated fixture cluster and its region's catalogue. */
export function clusterRecordOf(cluster: FixtureCluster, defaultSubscriptionId: string, catalogue: RegionalCatalogue): ClusterRecord {
  const id = fixtureClusterId(cluster, defaultSubscriptionId);
  const ref = parseClusterId(id);
  if (!ref) throw new TypeError(`Not a managed cluster id: ${id}`);
  return {
    key: keyOf(id),
    id,
    ...ref,
    location: cluster.location,
    kubernetesVersion: cluster.kubernetesVersion,
    currentKubernetesVersion: cluster.kubernetesVersion,
    provisioningState: 'Succeeded',
    powerState: cluster.powerState,
    supportPlan: cluster.supportPlan,
    upgradeChannel: cluster.upgradeChannel,
    nodeOSUpgradeChannel: cluster.nodeOSUpgradeChannel,
    tags: cluster.labels,
    pools: cluster.pools.map((p) => {
      const imageFamily = imageFamilyOf(p.osSku, p.osType, p.nodeImageVersion);
      const version = p.orchestratorVersion ?? cluster.kubernetesVersion;
      return { name: p.name, mode: p.mode, osType: p.osType, osSku: p.osSku, count: p.count, vmSize: p.vmSize, orchestratorVersion: version, currentOrchestratorVersion: version, nodeImageVersion: p.nodeImageVersion ?? catalogue.latestImage(imageFamily) ?? `${imageFamily}-0.0.0`, imageFamily, provisioningState: 'Succeeded', error: undefined };
    }),
    maintenance: cluster.maintenanceConfigurations,
    eTag: randomUUID(),
    error: undefined,
    operationId: undefined,
    counters: { started: zeroCounts(), succeeded: zeroCounts(), failed: zeroCounts() },
    json: undefined,
  };
}

/** Marks a record changed: new eTag, cached body dropped. */
export function touch(cluster: ClusterRecord): void {
  cluster.eTag = randomUUID();
  cluster.json = undefined;
}
