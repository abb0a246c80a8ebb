import type { ActivityIO, MemberProgress } from '../../activities/catalogue.js';
import type { AksGateway } from '../../aks/aks-gateway.js';
import { listAll } from '../../fleet-api/api-context.js';
import type { FleetMember, UpdateRunStatus } from '../../fleet/models.js';
import type { FleetStore } from '../../store/fleet-store.js';
import { buildRunPlan, type RunPlan } from '../plan.js';
import { planStatus } from '../plan-status.js';
import { terminalStates } from '../rollup.js';
import { newRuntime, type StoredUpdateRun } from '../runtime.js';
import { consistentNodeImages, customNodeImages } from './node-images.js';
import { RunMissingError, updateRunDocument } from '../run-document.js';

/** Member and stage states of a status tree, keyed `s/g/member` and `stage/s`. */
export function progressOf(status: UpdateRunStatus): MemberProgress {
  const progress: MemberProgress = {};
  (status.stages ?? []).forEach((stage, s) => {
    progress[`stage/${s}`] = stage.status?.state ?? 'NotStarted';
    (stage.groups ?? []).forEach((group, g) => {
      for (const member of group.members ?? []) progress[`${s}/${g}/${member.name ?? ''}`] = member.status?.state ?? 'NotStarted';
    });
  });
  return progress;
}

/** Prepares a restart: unfinished nodes back to NotStarted, this start's failure counts from zero. */
function resetForRestart(status: UpdateRunStatus): void {
  const reset = (node: { status?: { state?: string; completedTime?: string; error?: unknown } }): void => {
    if (!terminalStates.has(node.status?.state ?? 'NotStarted')) node.status = { ...node.status, state: 'NotStarted' };
  };
  status.failureCount = 0;
  for (const stage of status.stages ?? []) {
    reset(stage);
    stage.failureCount = 0;
    for (const group of stage.groups ?? []) {
      reset(group);
      group.failureCount = 0;
      for (const member of group.members ?? []) reset(member);
    }
  }
}

/**
 * `prepareRunActivity`: on the first start, freezes the plan (membership, limits, node images for
 * Consistent/Custom) and the status tree; on a restart, keeps the plan and every finished member
 * and resets the rest. Marks the run Running (the start request already forgot an earlier stop;
 * a stop that arrived since is kept).
 */
export function prepareRun(store: FleetStore, aks: AksGateway) {
  return async (input: ActivityIO['prepareRun']['input']): Promise<ActivityIO['prepareRun']['output']> => {
    const stored = await store.get<StoredUpdateRun>(input.runId);
    if (!stored) return { failed: { code: 'ResourceNotFound', message: `Update run ${input.runId} no longer exists.` } };
    let plan = stored.value.runtime?.plan;
    let nodeImages = stored.value.runtime?.nodeImages;
    if (!plan) {
      const fleetId = input.runId.slice(0, input.runId.toLowerCase().lastIndexOf('/updateruns/'));
      const members = (await listAll<FleetMember>(store, { kind: 'member', fleetId })).map((m) => m.value);
      plan = buildRunPlan(stored.value, members);
      const selection = plan.managedClusterUpdate.nodeImageSelection;
      if (selection?.type === 'Consistent') nodeImages = await consistentNodeImages(aks, plan);
      if (selection?.type === 'Custom') nodeImages = customNodeImages(selection.customNodeImageVersions ?? []);
    }
    const frozen: RunPlan = plan;
    try {
      return await updateRunDocument(store, input.runId, (run) => {
        const runtime = run.runtime ?? newRuntime();
        const firstStart = !runtime.plan;
        const status = firstStart ? planStatus(frozen) : (run.properties.status ?? planStatus(frozen));
        if (!firstStart) resetForRestart(status);
        // A stop requested between the start request and this step still holds.
        status.status = { ...status.status, state: runtime.stopRequested ? 'Stopping' : 'Running', ...(firstStart ? { startTime: input.now } : {}) };
        delete status.status.completedTime;
        delete status.status.error;
        if (firstStart && nodeImages && frozen.managedClusterUpdate.nodeImageSelection?.type === 'Consistent') {
          status.nodeImageSelection = { selectedNodeImageVersions: Object.entries(nodeImages).map(([family, version]) => ({ version: `${family}-${version}` })) };
        }
        run.properties.status = status;
        run.runtime = { ...runtime, generation: Math.max(runtime.generation, input.generation), plan: frozen, ...(nodeImages ? { nodeImages } : {}) };
        return { run, result: { plan: frozen, progress: progressOf(status), skips: runtime.skips, ...(nodeImages ? { nodeImages } : {}) } };
      });
    } catch (error) {
      if (error instanceof RunMissingError) return { failed: { code: 'ResourceNotFound', message: error.message } };
      throw error;
    }
  };
}
