import type { ActivityIO } from '../../activities/catalogue.js';
import { childId } from '../../arm/resource-id.js';
import { resourceTypes } from '../../fleet/models.js';
import type { FleetStore } from '../../store/fleet-store.js';
import type { PlannedGate } from '../plan.js';
import { gateEventName, type StoredGate } from '../runtime.js';
import { nextScheduledStart } from '../scheduled-start.js';
import type { StatusPatch } from '../status-patch.js';
import { recordRunStatus } from './record-run-status.js';

const appIdentity = { createdBy: 'durable-fleet', createdByType: 'Application' } as const;

const fleetIdOf = (runId: string): string => runId.slice(0, runId.toLowerCase().lastIndexOf('/updateruns/'));
const runNameOf = (runId: string): string => runId.slice(runId.lastIndexOf('/') + 1);

/** The status changes that show a gate (and its stage or group) waiting or done. */
function gatePatches(gate: PlannedGate, fields: StatusPatch & { kind: 'gate' }, segmentState: string): StatusPatch[] {
  const segment: StatusPatch = gate.group === undefined ? { kind: 'stage', stage: gate.stage, status: { state: segmentState } } : { kind: 'group', stage: gate.stage, group: gate.group, status: { state: segmentState } };
  return [fields, segment, ...(gate.group === undefined ? [{ kind: 'run', status: { state: segmentState } } satisfies StatusPatch] : [])];
}

/**
 * `openGateActivity`: creates the gate resource when the run reaches it (GUID name chosen by the
 * orchestration, so a retry finds the same gate) and shows it Pending in the run status. Returns
 * the gate's state (already Completed if approved before a crash) and, for ScheduledStart, when
 * it completes by itself.
 */
export function openGate(store: FleetStore) {
  const record = recordRunStatus(store);
  return async (input: ActivityIO['openGate']['input']): Promise<ActivityIO['openGate']['output']> => {
    const id = childId(fleetIdOf(input.runId), 'gate', input.gateName);
    const completeAt = input.gate.scheduledStart ? nextScheduledStart(input.gate.scheduledStart, new Date(input.now)).toISOString() : undefined;
    const existing = await store.get<StoredGate>(id);
    if (!existing) {
      const gate: StoredGate = {
        id,
        name: input.gateName,
        type: resourceTypes.gate,
        systemData: { ...appIdentity, createdAt: input.now, lastModifiedBy: appIdentity.createdBy, lastModifiedByType: appIdentity.createdByType, lastModifiedAt: input.now },
        properties: {
          provisioningState: 'Succeeded',
          ...(input.gate.displayName ? { displayName: input.gate.displayName } : {}),
          gateType: input.gate.type,
          ...(input.gate.scheduledStart ? { scheduledStartProperties: { ...input.gate.scheduledStart, ...(completeAt ? { absoluteStartTime: completeAt } : {}) } as StoredGate['properties']['scheduledStartProperties'] } : {}),
          target: { id: input.runId, updateRunProperties: { name: runNameOf(input.runId), stage: input.stageName, ...(input.groupName ? { group: input.groupName } : {}), timing: input.gate.timing } },
          state: 'Pending',
        },
        runtime: { waiter: input.waiter, eventName: gateEventName(input.gateName) },
      };
      await store.put(id, gate, { ifNoneMatch: '*' }).catch(async (error: unknown) => {
        if (!(await store.get(id))) throw error;
      });
    }
    const state = existing?.value.properties.state ?? 'Pending';
    const gateStatus: StatusPatch & { kind: 'gate' } = { kind: 'gate', stage: input.gate.stage, ...(input.gate.group !== undefined ? { group: input.gate.group } : {}), timing: input.gate.timing, index: input.gate.index, gateId: id, status: { state } };
    await record({ runId: input.runId, patches: gatePatches(input.gate, gateStatus, state === 'Pending' ? 'Pending' : 'Running') });
    return { state, ...(completeAt ? { completeAt } : {}) };
  };
}

/**
 * `closeGateActivity`: a gate is done — approved, its scheduled time reached, or skipped with
 * its group or stage: the gate resource and the run status show it, and the segment runs again.
 */
export function closeGate(store: FleetStore) {
  const record = recordRunStatus(store);
  return async (input: ActivityIO['closeGate']['input']): Promise<null> => {
    const id = childId(fleetIdOf(input.runId), 'gate', input.gateName);
    const stored = await store.get<StoredGate>(id);
    if (stored && stored.value.properties.state === 'Pending') {
      const systemData = { ...stored.value.systemData, lastModifiedBy: appIdentity.createdBy, lastModifiedByType: appIdentity.createdByType, lastModifiedAt: input.now };
      await store.put(id, { ...stored.value, systemData, properties: { ...stored.value.properties, state: input.state } }, { ifMatch: stored.etag }).catch(() => undefined);
    }
    const gateStatus: StatusPatch & { kind: 'gate' } = { kind: 'gate', stage: input.gate.stage, ...(input.gate.group !== undefined ? { group: input.gate.group } : {}), timing: input.gate.timing, index: input.gate.index, gateId: id, status: { state: input.state, completedTime: input.now } };
    await record({ runId: input.runId, patches: gatePatches(input.gate, gateStatus, 'Running') });
    return null;
  };
}
