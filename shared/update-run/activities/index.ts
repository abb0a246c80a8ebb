import type { ActivityImplementations, UpdateRunActivityKey } from '../../activities/catalogue.js';
import type { AksGateway } from '../../aks/aks-gateway.js';
import type { FleetStore } from '../../store/fleet-store.js';
import { checkMember } from './check-member.js';
import { closeGate, openGate } from './gates.js';
import { orderMembers, pollMemberUpgrade, startMemberUpgrade, verifyMemberUpgrade } from './member-upgrades.js';
import { prepareRun } from './prepare-run.js';
import { recordRunStatus } from './record-run-status.js';

/** What the update-run activities need; tests give fakes typed against the same interfaces. */
export interface UpdateRunActivityDeps {
  store: FleetStore;
  aks: AksGateway;
}

/** The update-run activities, from their dependencies. */
export function createUpdateRunActivities(deps: UpdateRunActivityDeps): ActivityImplementations<UpdateRunActivityKey> {
  return {
    prepareRun: prepareRun(deps.store, deps.aks),
    recordRunStatus: recordRunStatus(deps.store),
    orderMembers: orderMembers(deps.aks),
    checkMember: checkMember(deps.aks),
    startMemberUpgrade: startMemberUpgrade(deps.aks),
    pollMemberUpgrade: pollMemberUpgrade(deps.aks),
    verifyMemberUpgrade: verifyMemberUpgrade(deps.aks),
    openGate: openGate(deps.store),
    closeGate: closeGate(deps.store),
  };
}
