import type { UpdateRunGateStatus, UpdateRunStatus } from '../fleet/models.js';
import type { PlannedGate, RunPlan } from './plan.js';

const notStarted = (): { state: 'NotStarted' } => ({ state: 'NotStarted' });

const gates = (list: PlannedGate[]): UpdateRunGateStatus[] | undefined =>
  list.length ? list.map((gate) => ({ ...(gate.displayName ? { displayName: gate.displayName } : {}), status: notStarted() })) : undefined;

/**
 * The status tree of a frozen plan, every node `NotStarted`, with the resolved limits each
 * stage and group runs under (reference §2.4 shows them as integers).
 */
export function planStatus(plan: RunPlan): UpdateRunStatus {
  return {
    status: notStarted(),
    failureCount: 0,
    stages: plan.stages.map((stage) => ({
      name: stage.name,
      status: notStarted(),
      failureCount: 0,
      maxConcurrency: stage.maxConcurrency,
      maxAllowedFailures: stage.maxAllowedFailures,
      groups: stage.groups.map((group) => ({
        name: group.name,
        status: notStarted(),
        failureCount: 0,
        maxConcurrency: group.maxConcurrency,
        maxAllowedFailures: group.maxAllowedFailures,
        members: group.members.map((m) => ({ name: m.name, clusterResourceId: m.clusterResourceId, status: notStarted() })),
        ...(gates(group.beforeGates) ? { beforeGates: gates(group.beforeGates) } : {}),
        ...(gates(group.afterGates) ? { afterGates: gates(group.afterGates) } : {}),
      })),
      ...(gates(stage.beforeGates) ? { beforeGates: gates(stage.beforeGates) } : {}),
      ...(gates(stage.afterGates) ? { afterGates: gates(stage.afterGates) } : {}),
      afterStageWaitStatus: { status: notStarted(), waitDurationInSeconds: stage.afterStageWaitInSeconds },
    })),
  };
}
