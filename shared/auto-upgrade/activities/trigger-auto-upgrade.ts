import type { ErrorDetail } from '../../fleet/models.js';
import type { RunControl } from '../../fleet-api/run-control.js';
import { startRun } from '../../fleet-api/run-commands.js';
import { isStoreConditionError, type FleetStore } from '../../store/fleet-store.js';
import { isNewerTarget, targetVersions, type ChannelTarget } from '../channel-target.js';
import { ensureGeneratedRun } from '../generate-run.js';
import type { ProfileRuntime, StoredProfile } from '../profile-runtime.js';

/** What triggering a profile did. */
export type TriggerOutcome = { kind: 'gone' | 'disabled' | 'notNewer' } | { kind: 'started' | 'existing'; runId: string } | { kind: 'failed'; error: ErrorDetail };

/** What a release run is triggered for: its target, and when its release reached us. */
export interface ReleaseTrigger {
  target: ChannelTarget;
  arrivedAt?: string | undefined;
}

/**
 * Whether a release run may be generated for `trigger`: its target moves past the last one, or
 * it is older but reached us before the profile moved past it — it was in flight while the newer
 * release was acted on (intakes run concurrently), so it still gets its run. An older release
 * that arrived after that (Event Grid delivered it late) or a repeat of the last target does not.
 */
export function releaseTriggers(trigger: ReleaseTrigger, runtime: ProfileRuntime | undefined): boolean {
  const last = runtime?.lastTarget;
  if (isNewerTarget(trigger.target, last)) return true;
  if (!last || JSON.stringify(targetVersions(trigger.target)) === JSON.stringify(targetVersions(last))) return false;
  return trigger.arrivedAt !== undefined && runtime?.lastTargetRecordedAt !== undefined && Date.parse(trigger.arrivedAt) < Date.parse(runtime.lastTargetRecordedAt);
}

/**
 * Records the trigger on the profile (status, and the last target with when it was recorded —
 * wall clock, like release arrivals, not the orchestration's time), retrying on concurrent writers.
 */
async function recordTrigger(store: FleetStore, profileId: string, now: Date, { target }: ReleaseTrigger, outcome: TriggerOutcome, message: string): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const stored = await store.get<StoredProfile>(profileId);
    if (!stored) return;
    const profile = stored.value;
    const failed = outcome.kind === 'failed';
    profile.properties.autoUpgradeProfileStatus = {
      lastTriggeredAt: now.toISOString(),
      lastTriggerStatus: failed ? 'Failed' : 'Succeeded',
      ...(failed ? { lastTriggerError: outcome.error } : {}),
      lastTriggerUpgradeVersions: targetVersions(target),
      lastTriggerMessage: message,
    };
    if (!failed && isNewerTarget(target, profile.runtime?.lastTarget)) {
      profile.runtime = { ...profile.runtime, lastTarget: target, lastTargetRecordedAt: new Date().toISOString() };
    }
    try {
      await store.put(profileId, profile, { ifMatch: stored.etag });
      return;
    } catch (error) {
      if (!isStoreConditionError(error)) throw error;
    }
  }
  throw new Error(`Profile ${profileId} kept changing; its trigger status was not recorded.`);
}

/**
 * `triggerAutoUpgradeActivity`: a profile's channel moved to `target` — unless the profile is
 * disabled or the release does not trigger (see {@link releaseTriggers}: an old release arriving late),
 * generate the run for it (or find the one generated before) and start it if it never started;
 * then record `autoUpgradeProfileStatus`. Idempotent: a repeat finds the same run and starts
 * nothing new.
 */
export function triggerAutoUpgrade(store: FleetStore, runs: () => RunControl) {
  return async (input: { profileId: string; target: ChannelTarget; variant: string; now: string; arrivedAt?: string }): Promise<TriggerOutcome> => {
    const now = new Date(input.now);
    const stored = await store.get<StoredProfile>(input.profileId);
    if (!stored) return { kind: 'gone' };
    if (stored.value.properties.disabled) return { kind: 'disabled' };
    if (input.variant === '' && !releaseTriggers(input, stored.value.runtime)) return { kind: 'notNewer' };
    const generated = await ensureGeneratedRun(store, stored.value, input.target, now, input.variant);
    if (generated.kind === 'failed') {
      await recordTrigger(store, input.profileId, now, input, generated, 'The update run could not be generated.');
      return generated;
    }
    const run = generated.run;
    // A catch-up tick that finds its run from an earlier tick did nothing: the status keeps the last real trigger.
    if (input.variant !== '' && generated.kind === 'existing') return { kind: 'existing', runId: run.value.id };
    const state = run.value.properties.status?.status?.state ?? 'NotStarted';
    if (state === 'NotStarted') await startRun({ store, now: () => now, runs: runs() }, run);
    const outcome: TriggerOutcome = state === 'NotStarted' ? { kind: 'started', runId: run.value.id } : { kind: 'existing', runId: run.value.id };
    await recordTrigger(store, input.profileId, now, input, outcome, state === 'NotStarted' ? `Started update run ${run.value.name} for ${targetVersions(input.target).join(', ')}.` : `Update run ${run.value.name} for ${targetVersions(input.target).join(', ')} already exists (${state}).`);
    return outcome;
  };
}
