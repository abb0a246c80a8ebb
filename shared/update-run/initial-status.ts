import type { FleetMember, GateConfiguration, UpdateRunGateStatus, UpdateRunStatus, UpdateRunStrategy } from '../fleet/models.js';
import { resolveMembership } from './membership.js';

const notStarted = { state: 'NotStarted' } as const;

const gateStatuses = (gates: GateConfiguration[] | undefined): UpdateRunGateStatus[] | undefined =>
  gates?.length ? gates.map((gate) => ({ ...(gate.displayName ? { displayName: gate.displayName } : {}), status: { ...notStarted } })) : undefined;

/**
 * The status tree of a run that has not started: every stage, group, member, gate and
 * after-stage wait `NotStarted`, with membership resolved from the fleet as it is now (it is
 * resolved again, and frozen, when the run starts).
 */
export function initialRunStatus(strategy: UpdateRunStrategy | undefined, members: FleetMember[]): UpdateRunStatus {
  return {
    status: { ...notStarted },
    stages: resolveMembership(strategy, members).map(({ stage, groups }) => ({
      name: stage.name,
      status: { ...notStarted },
      groups: groups.map(({ group, members: groupMembers }) => ({
        name: group.name,
        status: { ...notStarted },
        members: groupMembers.map((m) => ({ name: m.name, clusterResourceId: m.properties.clusterResourceId, status: { ...notStarted } })),
        ...(gateStatuses(group.beforeGates) ? { beforeGates: gateStatuses(group.beforeGates) } : {}),
        ...(gateStatuses(group.afterGates) ? { afterGates: gateStatuses(group.afterGates) } : {}),
      })),
      ...(gateStatuses(stage.beforeGates) ? { beforeGates: gateStatuses(stage.beforeGates) } : {}),
      ...(gateStatuses(stage.afterGates) ? { afterGates: gateStatuses(stage.afterGates) } : {}),
      afterStageWaitStatus: { status: { ...notStarted }, waitDurationInSeconds: stage.afterStageWaitInSeconds ?? 0 },
    })),
  };
}
