import type { ManagedCluster } from '@azure/arm-containerservice';
import type { AksMemberState } from './aks-gateway.js';

/** Projects the SDK's `ManagedCluster` onto the plain {@link AksMemberState} (pools from `agentPoolProfiles`). */
export function toMemberState(cluster: ManagedCluster, fallbackId: string): AksMemberState {
  const state: AksMemberState = {
    id: cluster.id ?? fallbackId,
    name: cluster.name,
    location: cluster.location,
    kubernetesVersion: cluster.kubernetesVersion,
    currentKubernetesVersion: cluster.currentKubernetesVersion,
    provisioningState: cluster.provisioningState,
    powerState: cluster.powerState,
    supportPlan: cluster.supportPlan,
    autoUpgradeProfile: cluster.autoUpgradeProfile,
    eTag: cluster.eTag,
    status: cluster.status,
    pools: (cluster.agentPoolProfiles ?? []).map((p) => ({
      name: p.name,
      mode: p.mode,
      osType: p.osType,
      osSKU: p.osSKU,
      count: p.count,
      orchestratorVersion: p.orchestratorVersion,
      currentOrchestratorVersion: p.currentOrchestratorVersion,
      nodeImageVersion: p.nodeImageVersion,
      provisioningState: p.provisioningState,
      powerState: p.powerState,
    })),
  };
  // Drop absent fields so the state compares and serializes cleanly.
  return JSON.parse(JSON.stringify(state)) as AksMemberState;
}

/** True when the cluster's power state is `Stopped`. */
export function isStopped(member: Pick<AksMemberState, 'powerState'>): boolean {
  return member.powerState?.code === 'Stopped';
}
