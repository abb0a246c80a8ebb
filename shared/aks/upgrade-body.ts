import type { ManagedCluster } from '@azure/arm-containerservice';
import { AksUpgradeKind } from './aks-gateway.js';

/**
 * The managed cluster to PUT for a Kubernetes upgrade (read-modify-write of what was read).
 * ControlPlaneOnly sets `kubernetesVersion` and leaves every pool's `orchestratorVersion` as it
 * is (what `az aks upgrade --control-plane-only` does); Full also sets every pool's
 * `orchestratorVersion`, and AKS then upgrades the control plane first and the pools one by one.
 */
export function upgradeBody(current: ManagedCluster, kind: typeof AksUpgradeKind.ControlPlaneOnly | typeof AksUpgradeKind.Full, target: string): ManagedCluster {
  const pools = (current.agentPoolProfiles ?? []).map((pool) => (kind === AksUpgradeKind.Full ? { ...pool, orchestratorVersion: target } : { ...pool }));
  return { ...current, kubernetesVersion: target, agentPoolProfiles: pools };
}
