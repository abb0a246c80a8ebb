import type { AksMemberState, AksOperationHandle, AksVerification } from './aks-gateway.js';
import { AksUpgradeKind } from './aks-gateway.js';
import { nodeImageReached } from './node-image-version.js';

/**
 * Checks an upgrade's authoritative post-conditions on a freshly read member: the cluster (and
 * each affected pool) is `Succeeded`; ControlPlaneOnly/Full reached the target
 * `currentKubernetesVersion`; Full pools reached it as `currentOrchestratorVersion`;
 * NodeImageOnly's pool runs the target image or a newer one of the same family.
 */
export function checkPostConditions(member: AksMemberState, handle: Pick<AksOperationHandle, 'kind' | 'poolName' | 'target'>): AksVerification {
  const problems: string[] = [];
  if (member.provisioningState !== 'Succeeded') problems.push(`cluster provisioningState is ${member.provisioningState ?? 'unknown'}, not Succeeded`);
  const k8s = handle.target.kubernetesVersion;
  if (handle.kind !== AksUpgradeKind.NodeImageOnly && k8s && member.currentKubernetesVersion !== k8s) {
    problems.push(`control plane runs ${member.currentKubernetesVersion ?? 'unknown'}, not ${k8s}`);
  }
  const pools = handle.kind === AksUpgradeKind.NodeImageOnly ? member.pools.filter((p) => p.name === handle.poolName) : handle.kind === AksUpgradeKind.Full ? member.pools : [];
  if (handle.kind === AksUpgradeKind.NodeImageOnly && pools.length === 0) problems.push(`pool ${handle.poolName ?? ''} not found`);
  for (const pool of pools) {
    if (pool.provisioningState !== 'Succeeded') problems.push(`pool ${pool.name ?? ''} provisioningState is ${pool.provisioningState ?? 'unknown'}, not Succeeded`);
    if (handle.kind === AksUpgradeKind.Full && k8s && pool.currentOrchestratorVersion !== k8s) problems.push(`pool ${pool.name ?? ''} runs ${pool.currentOrchestratorVersion ?? 'unknown'}, not ${k8s}`);
    const image = handle.target.nodeImageVersion;
    if (handle.kind === AksUpgradeKind.NodeImageOnly && image && !nodeImageReached(pool.nodeImageVersion, image)) problems.push(`pool ${pool.name ?? ''} runs image ${pool.nodeImageVersion ?? 'unknown'}, not ${image} or newer`);
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
