/** The parts of an AKS managed cluster's ARM resource id. */
export interface ClusterRef {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

const pattern = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/managedClusters\/([^/]+)$/i;

/**
 * Parses `/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.ContainerService/managedClusters/{name}`
 * (case-insensitive, as ARM ids are). Returns undefined for anything else, including sub-resources.
 */
export function parseClusterId(id: string): ClusterRef | undefined {
  const match = pattern.exec(id.trim());
  if (!match) return undefined;
  const [, subscriptionId = '', resourceGroup = '', name = ''] = match;
  return { subscriptionId, resourceGroup, name };
}

/** Formats a managed cluster's resource id in ARM's canonical casing. */
export function clusterIdOf(ref: ClusterRef): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${ref.name}`;
}

/** Formats an agent pool's resource id. */
export function agentPoolIdOf(ref: ClusterRef, pool: string): string {
  return `${clusterIdOf(ref)}/agentPools/${pool}`;
}
