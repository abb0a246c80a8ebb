import type { ActivityIO, StartOutcome } from '../../activities/catalogue.js';
import { isAksError } from '../../aks/aks-error.js';
import type { AksGateway, AksUpgradeRequest } from '../../aks/aks-gateway.js';
import { orderByWindowPriority } from '../../maintenance-window/window-priority.js';
import { applicableWindow } from '../../maintenance-window/window-configuration.js';
import type { MaintenanceWindow } from '../../maintenance-window/maintenance-window.js';
import { mapLimited } from './node-images.js';

/**
 * `startMemberUpgradeActivity`: starts one AKS operation and returns its handle. Idempotent: a
 * cluster already at target answers `alreadyAtTarget`, and AKS refuses a second operation on a
 * busy cluster (`busy`), so a retried activity never starts a second upgrade. Transient errors
 * are thrown (retried); permanent ones come back as `failed` with ARM's code and message.
 */
export function startMemberUpgrade(aks: AksGateway) {
  return async (input: ActivityIO['startMemberUpgrade']['input']): Promise<StartOutcome> => {
    const { step, clusterResourceId } = input;
    const request: AksUpgradeRequest = step.kind === 'NodeImageOnly' ? { kind: 'NodeImageOnly', clusterId: clusterResourceId, poolName: step.poolName } : { kind: step.kind, clusterId: clusterResourceId, kubernetesVersion: step.kubernetesVersion };
    try {
      const started = await aks.startUpgrade(request);
      return started.status === 'Started' ? { kind: 'started', handle: started.handle } : { kind: 'alreadyAtTarget' };
    } catch (error) {
      if (!isAksError(error)) throw error;
      if (error.kind === 'Busy') return { kind: 'busy', message: `set member to Pending: the cluster is busy with another operation (${error.message})` };
      if (error.transient) throw error;
      return { kind: 'failed', error: { code: error.code, message: error.message } };
    }
  };
}

/** `pollMemberUpgradeActivity`: one poll of a started operation. */
export const pollMemberUpgrade = (aks: AksGateway) => (input: ActivityIO['pollMemberUpgrade']['input']) => aks.pollOperation(input.handle);

/** `verifyMemberUpgradeActivity`: the post-conditions of a finished operation. */
export const verifyMemberUpgrade = (aks: AksGateway) => (input: ActivityIO['verifyMemberUpgrade']['input']) => aks.verifyUpgrade(input.handle);

/**
 * `orderMembersActivity`: the members in maintenance-window priority at `now` (open, opening
 * within 4 hours, none, closed), ties in plan order. A member whose configurations cannot be
 * read counts as having no window; checking it later reports the real problem.
 */
export function orderMembers(aks: AksGateway) {
  return async (input: ActivityIO['orderMembers']['input']): Promise<string[]> => {
    const windows = await mapLimited(input.members, 16, async (member): Promise<MaintenanceWindow | undefined> => {
      try {
        return applicableWindow(await aks.listMaintenanceConfigurations(member.clusterResourceId), input.upgradeType);
      } catch {
        return undefined;
      }
    });
    const indexed = input.members.map((member, i) => ({ member, window: windows[i] }));
    return orderByWindowPriority(indexed, (item) => item.window, new Date(input.now)).map((item) => item.member.name);
  };
}
