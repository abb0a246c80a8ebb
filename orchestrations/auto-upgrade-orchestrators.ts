import type { OrchestrationContext, Task } from 'durable-functions';
import type { PlannedTrigger } from '../shared/auto-upgrade/activities/plan-auto-upgrades.js';
import type { TriggerOutcome } from '../shared/auto-upgrade/activities/trigger-auto-upgrade.js';
import type { ReleaseSignal } from '../shared/auto-upgrade/profile-runtime.js';
import { callActivity, nowIso } from './call-activity.js';

/** The registered names. */
export const releaseIntakeOrchestratorName = 'releaseIntakeOrchestrator';
/** See {@link releaseIntakeOrchestratorName}. */
export const autoUpgradeOrchestratorName = 'autoUpgradeOrchestrator';

/**
 * One release (deterministic instance id per release, so duplicates and redeliveries start
 * nothing new): which profiles it concerns and their targets → one auto-upgrade orchestration
 * per (profile, target), again with a deterministic id, so the same target reached through
 * several releases or regions generates one run.
 */
export function* releaseIntakeOrchestrator(context: OrchestrationContext): Generator<Task, number, unknown> {
  const signal = context.df.getInput() as ReleaseSignal;
  const planned = yield* callActivity(context, 'planAutoUpgrades', signal);
  const tasks = planned.map((p) => context.df.callSubOrchestrator(autoUpgradeOrchestratorName, p, p.instanceId));
  if (tasks.length > 0) {
    try {
      yield context.df.Task.all(tasks);
    } catch {
      // An orchestration for the same (profile, target) is already running: that one generates the run.
    }
  }
  return planned.length;
}

/** One (profile, target): generate the run for it and start it, recording the profile's status. */
export function* autoUpgradeOrchestrator(context: OrchestrationContext): Generator<Task, TriggerOutcome, unknown> {
  const planned = context.df.getInput() as PlannedTrigger;
  return yield* callActivity(context, 'triggerAutoUpgrade', { profileId: planned.profileId, target: planned.target, variant: planned.variant, now: nowIso(context), ...(planned.arrivedAt ? { arrivedAt: planned.arrivedAt } : {}) });
}
