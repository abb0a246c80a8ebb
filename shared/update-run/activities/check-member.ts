import type { ActivityIO, MemberDecision, UpgradeStep } from '../../activities/catalogue.js';
import { isAksError, type AksError } from '../../aks/aks-error.js';
import type { AksGateway, AksMemberState } from '../../aks/aks-gateway.js';
import { compareKubernetesVersions, minorDistance } from '../../aks/kubernetes-version.js';
import { compareImageVersions, parseNodeImageVersion } from '../../aks/node-image-version.js';
import { nextOpening, isOpen } from '../../maintenance-window/window-at.js';
import { applicableWindow } from '../../maintenance-window/window-configuration.js';
import { isInvalidMaintenanceWindowError } from '../../maintenance-window/invalid-maintenance-window-error.js';

/** How long a member waits before re-checking a target that is not yet released in its region. */
export const unavailableRetryMs = 60 * 60_000;
/** How long a member waits before re-checking a cluster busy with another operation. */
export const busyRetryMs = 10 * 60_000;

const busyStates = new Set(['Upgrading', 'Updating', 'Creating', 'Scaling', 'Starting', 'Stopping', 'Deleting', 'Migrating']);
const later = (now: string, ms: number): string => new Date(new Date(now).getTime() + ms).toISOString();
const subscriptionOf = (clusterId: string): string => /\/subscriptions\/([^/]+)/i.exec(clusterId)?.[1] ?? '';

/** The permanent outcome of an AKS error, or a rethrow when it is transient (the activity is retried). */
function permanent(error: unknown): MemberDecision {
  if (isInvalidMaintenanceWindowError(error)) return { kind: 'fail', error: { code: 'InvalidMaintenanceWindow', message: error.message } };
  if (!isAksError(error)) throw error;
  const aks: AksError = error;
  if (aks.transient) throw error;
  return { kind: 'fail', error: { code: aks.code, message: aks.message } };
}

/** The node image steps of a NodeImageOnly upgrade, with the pools it leaves alone. */
async function imageSteps(aks: AksGateway, state: AksMemberState, clusterId: string, targets: Record<string, string> | undefined, custom: boolean, now: string): Promise<MemberDecision> {
  const steps: UpgradeStep[] = [];
  const skipped: string[] = [];
  for (const pool of state.pools) {
    const name = pool.name ?? '';
    const current = pool.nodeImageVersion ?? '';
    const parts = parseNodeImageVersion(current);
    const latest = await aks.getLatestNodeImage(clusterId, name);
    const latestParts = latest ? parseNodeImageVersion(latest) : undefined;
    const wanted = targets ? (parts ? targets[parts.family] : undefined) : latestParts?.version;
    if (wanted === undefined) {
      skipped.push(`${name} (${custom ? 'no custom version for its image family' : 'no target image for its image family'})`);
      continue;
    }
    if (parts && compareImageVersions(parts.version, wanted) >= 0) {
      skipped.push(`${name} (current node image version ${current} is already at or ahead of target ${parts.family}-${wanted})`);
      continue;
    }
    if (!latestParts || compareImageVersions(latestParts.version, wanted) < 0) {
      const family = parts?.family ?? latestParts?.family ?? '';
      return {
        kind: 'pending',
        retryAt: later(now, unavailableRetryMs),
        message: `set member to Pending: target node image ${family}-${wanted} for agent pool ${name} is not yet available in region ${state.location}`,
        error: { code: 'NodeImageVersionNotAvailable', message: `target upgrade node image version "${family}-${wanted}" for agent pool ${name} is not available in region "${state.location}"` },
      };
    }
    steps.push({ kind: 'NodeImageOnly', poolName: name, targetImage: `${latestParts.family}-${wanted}` });
  }
  const message = skipped.length ? `Skipped upgrade of following agent pool(s): ${skipped.join('; ')}` : undefined;
  if (steps.length === 0) return { kind: 'skip', message: message ?? 'No agent pool needs a new node image.' };
  return { kind: 'upgrade', steps, ...(message ? { message } : {}) };
}

/**
 * `checkMemberActivity`: decides what to do with a member now — fail (missing or stopped
 * cluster, permanent AKS errors), Pending with a retry time (window closed → its next opening;
 * target not released in the region; cluster busy), Skipped (already at target), or the AKS
 * operations to run. Time comes from the orchestration.
 */
export function checkMember(aks: AksGateway) {
  return async (input: ActivityIO['checkMember']['input']): Promise<MemberDecision> => {
    const { member, upgrade, now } = input;
    const clusterId = member.clusterResourceId;
    let state: AksMemberState;
    try {
      state = await aks.getMember(clusterId);
    } catch (error) {
      return permanent(error);
    }
    if (state.powerState?.code === 'Stopped') return { kind: 'fail', error: { code: 'ClusterStopped', message: `Managed cluster ${state.name ?? clusterId} is stopped; start it, then restart the run.` } };
    if (busyStates.has(state.provisioningState ?? '')) return { kind: 'pending', retryAt: later(now, busyRetryMs), message: `set member to Pending: the cluster is busy (${state.provisioningState}) with another operation` };
    try {
      const window = applicableWindow(await aks.listMaintenanceConfigurations(clusterId), upgrade.type);
      if (window && !isOpen(window, new Date(now))) {
        const opens = nextOpening(window, new Date(now));
        if (!opens) return { kind: 'fail', error: { code: 'MaintenanceWindowNeverOpens', message: 'The maintenance window has no future occurrence.' } };
        return { kind: 'pending', retryAt: opens.toISOString(), message: `set member to Pending: maintenance window is closed; it opens next at ${opens.toISOString()}` };
      }
      if (upgrade.type === 'NodeImageOnly') return await imageSteps(aks, state, clusterId, upgrade.nodeImages, upgrade.nodeImageSelection === 'Custom', now);
      const target = upgrade.kubernetesVersion ?? '';
      const current = state.currentKubernetesVersion ?? state.kubernetesVersion ?? '';
      const poolsAtTarget = state.pools.every((p) => (p.currentOrchestratorVersion ?? p.orchestratorVersion) === target);
      if (current === target && (upgrade.type === 'ControlPlaneOnly' || poolsAtTarget)) return { kind: 'skip', message: `The cluster is already at Kubernetes ${target}.` };
      if (current && compareKubernetesVersions(current, target) > 0) return { kind: 'skip', message: `The cluster runs Kubernetes ${current}, ahead of target ${target}.` };
      if (upgrade.leaveBehindMultiMinor && current && minorDistance(current, target) > 1) {
        return { kind: 'skip', message: `Left out: the cluster runs Kubernetes ${current}, more than one minor behind ${target}; auto-upgrade never skips minors. Converge it with a manual update run first.` };
      }
      const available = await aks.listAvailableVersions(subscriptionOf(clusterId), state.location);
      if (!available.some((v) => v.version === target)) {
        return { kind: 'pending', retryAt: later(now, unavailableRetryMs), message: `set member to Pending: Kubernetes ${target} is not yet available in region ${state.location}`, error: { code: 'KubernetesVersionNotAvailable', message: `Kubernetes version ${target} is not available in region "${state.location}"` } };
      }
      return { kind: 'upgrade', steps: [{ kind: upgrade.type === 'ControlPlaneOnly' ? 'ControlPlaneOnly' : 'Full', kubernetesVersion: target }] };
    } catch (error) {
      return permanent(error);
    }
  };
}
