import type { ClusterRecord, PoolRecord } from './cluster-record.js';
import type { RegionalCatalogue } from './regional-catalogue.js';

/** ARM's JSON for an agent pool's properties (shared by `agentPoolProfiles[]` and `agentPools/{name}`). */
function poolProperties(pool: PoolRecord, cluster: ClusterRecord): Record<string, unknown> {
  return {
    provisioningState: pool.provisioningState,
    count: pool.count,
    vmSize: pool.vmSize,
    maxPods: 110,
    type: 'VirtualMachineScaleSets',
    mode: pool.mode,
    osType: pool.osType,
    osSKU: pool.osSku,
    orchestratorVersion: pool.orchestratorVersion,
    currentOrchestratorVersion: pool.currentOrchestratorVersion,
    nodeImageVersion: pool.nodeImageVersion,
    powerState: { code: cluster.powerState },
    upgradeSettings: { maxSurge: '10%' },
    ...(pool.error ? { status: { provisioningError: pool.error } } : {}),
  };
}

/** `GET .../agentPools/{name}` body. */
export function poolJson(pool: PoolRecord, cluster: ClusterRecord): Record<string, unknown> {
  return { id: `${cluster.id}/agentPools/${pool.name}`, name: pool.name, type: 'Microsoft.ContainerService/managedClusters/agentPools', properties: poolProperties(pool, cluster) };
}

/** `GET .../managedClusters/{name}` body, cached on the record until it changes. */
export function clusterJson(cluster: ClusterRecord): string {
  cluster.json ??= JSON.stringify({
    id: cluster.id,
    location: cluster.location,
    name: cluster.name,
    type: 'Microsoft.ContainerService/ManagedClusters',
    tags: cluster.tags,
    eTag: cluster.eTag,
    sku: { name: 'Base', tier: 'Standard' },
    properties: {
      provisioningState: cluster.provisioningState,
      powerState: { code: cluster.powerState },
      kubernetesVersion: cluster.kubernetesVersion,
      currentKubernetesVersion: cluster.currentKubernetesVersion,
      dnsPrefix: cluster.name,
      fqdn: `${cluster.name}-dns.hcp.${cluster.location}.azmk8s.io`,
      agentPoolProfiles: cluster.pools.map((p) => ({ name: p.name, ...poolProperties(p, cluster) })),
      autoUpgradeProfile: { upgradeChannel: cluster.upgradeChannel, nodeOSUpgradeChannel: cluster.nodeOSUpgradeChannel },
      supportPlan: cluster.supportPlan,
      nodeResourceGroup: `MC_${cluster.resourceGroup}_${cluster.name}_${cluster.location}`,
      ...(cluster.error ? { status: { provisioningError: cluster.error } } : {}),
    },
  });
  return cluster.json;
}

const upgradesOf = (catalogue: RegionalCatalogue, version: string) => catalogue.upgradesFrom(version).map((v) => ({ kubernetesVersion: v, ...(catalogue.isPreview(v) ? { isPreview: true } : {}) }));

/** `GET .../managedClusters/{name}/upgradeProfiles/default` body. */
export function clusterUpgradeProfileJson(cluster: ClusterRecord, catalogue: RegionalCatalogue): Record<string, unknown> {
  return {
    id: `${cluster.id}/upgradeprofiles/default`,
    name: 'default',
    type: 'Microsoft.ContainerService/managedClusters/upgradeprofiles',
    properties: {
      controlPlaneProfile: { kubernetesVersion: cluster.currentKubernetesVersion, name: 'default', osType: 'Linux', upgrades: upgradesOf(catalogue, cluster.currentKubernetesVersion) },
      agentPoolProfiles: cluster.pools.map((p) => ({ name: p.name, kubernetesVersion: p.currentOrchestratorVersion, osType: p.osType, upgrades: upgradesOf(catalogue, p.currentOrchestratorVersion) })),
    },
  };
}

/** `GET .../agentPools/{name}/upgradeProfiles/default` body. */
export function poolUpgradeProfileJson(pool: PoolRecord, cluster: ClusterRecord, catalogue: RegionalCatalogue): Record<string, unknown> {
  return {
    id: `${cluster.id}/agentPools/${pool.name}/upgradeProfiles/default`,
    name: 'default',
    type: 'Microsoft.ContainerService/managedClusters/agentPools/upgradeProfiles',
    properties: { kubernetesVersion: pool.currentOrchestratorVersion, osType: pool.osType, upgrades: upgradesOf(catalogue, pool.currentOrchestratorVersion), latestNodeImageVersion: catalogue.latestImage(pool.imageFamily) },
  };
}

/** `GET .../maintenanceConfigurations` body. */
export function maintenanceListJson(cluster: ClusterRecord): Record<string, unknown> {
  return {
    value: cluster.maintenance.map((m) => ({ id: `${cluster.id}/maintenanceConfigurations/${m.name}`, name: m.name, type: 'Microsoft.ContainerService/ManagedClusters/MaintenanceConfigurations', properties: { maintenanceWindow: m.maintenanceWindow } })),
  };
}

/** `POST .../listClusterUserCredential` body: one base64 kubeconfig for an emulated API server. */
export function userCredentialsJson(cluster: ClusterRecord, server: string): Record<string, unknown> {
  const kubeconfig = [
    'apiVersion: v1',
    'kind: Config',
    `clusters:\n- name: ${cluster.name}\n  cluster:\n    server: ${server}`,
    `users:\n- name: clusterUser_${cluster.resourceGroup}_${cluster.name}\n  user:\n    token: emulated-${Buffer.from(cluster.key).toString('base64url').slice(-24)}`,
    `contexts:\n- name: ${cluster.name}\n  context:\n    cluster: ${cluster.name}\n    user: clusterUser_${cluster.resourceGroup}_${cluster.name}`,
    `current-context: ${cluster.name}`,
    '',
  ].join('\n');
  return { kubeconfigs: [{ name: 'clusterUser', value: Buffer.from(kubeconfig).toString('base64') }] };
}
