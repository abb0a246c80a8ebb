import type { ActivityIO } from '../../activities/catalogue.js';
import type { UpdateRunStatus } from '../../fleet/models.js';
import type { FleetStore } from '../../store/fleet-store.js';
import { runFacts, type RunFactsView } from '../run-facts.js';
import { newRuntime } from '../runtime.js';
import { applyStatusPatches, type StatusPatch } from '../status-patch.js';
import { updateRunDocument } from '../run-document.js';

/** Members that newly reach Failed in these patches, by stage and group. */
function newFailures(status: UpdateRunStatus, patches: readonly StatusPatch[]): { stage: number; group: number }[] {
  return patches.flatMap((p) => {
    if (p.kind !== 'member' || p.status?.state !== 'Failed') return [];
    const before = status.stages?.[p.stage]?.groups?.[p.group]?.members?.find((m) => m.name === p.member)?.status?.state;
    return before === 'Failed' ? [] : [{ stage: p.stage, group: p.group }];
  });
}

/**
 * `recordRunStatusActivity`: applies a batch of status changes to the run in one write, counts
 * members that newly failed into their group, stage and run `failureCount`, shows the run
 * Stopping while a stop or an exceeded stage threshold waits for in-flight members, keeps the
 * list of instances listening for control events, and returns the run's facts after the write.
 */
export function recordRunStatus(store: FleetStore) {
  return async (input: ActivityIO['recordRunStatus']['input']): Promise<RunFactsView> =>
    updateRunDocument(store, input.runId, (run) => {
      const status = run.properties.status ?? {};
      const failures = newFailures(status, input.patches);
      applyStatusPatches(status, input.patches);
      for (const { stage, group } of failures) {
        const s = status.stages?.[stage];
        const g = s?.groups?.[group];
        if (g) g.failureCount = (g.failureCount ?? 0) + 1;
        if (s) s.failureCount = (s.failureCount ?? 0) + 1;
        status.failureCount = (status.failureCount ?? 0) + 1;
      }
      const runtime = run.runtime ?? newRuntime();
      // After a stop, or once a stage's failures exceed its threshold (scheduling stops, §2.5), the
      // run shows Stopping until the orchestration records how it ended.
      const thresholdExceeded = (status.stages ?? []).some((s) => (s.failureCount ?? 0) > (s.maxAllowedFailures ?? 0));
      if ((runtime.stopRequested || thresholdExceeded) && status.status && ['Running', 'Pending'].includes(status.status.state ?? '')) status.status.state = 'Stopping';
      const listeners = new Set(runtime.listeners);
      for (const id of input.listen ?? []) listeners.add(id);
      for (const id of input.unlisten ?? []) listeners.delete(id);
      runtime.listeners = [...listeners];
      run.properties.status = status;
      run.runtime = runtime;
      return { run, result: runFacts(status, runtime) };
    });
}
