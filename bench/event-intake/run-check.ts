import type { DurableEngine } from '../../local/durable/engine.js';
import { autoUpgradeInstanceId } from '../../shared/auto-upgrade/activities/plan-auto-upgrades.js';
import type { FleetCall } from '../update-run/fleet-client.js';
import { runsByProfile, type BenchFleets } from './fleet-setup.js';

/** The runs the releases produced, checked pair by pair. */
export interface RunTally {
  /** Update runs of the matching profiles, listed through the Fleet API. */
  runsCreated: number;
  /**
   * (profile, release) pairs without a run because the profile had already recorded a newer
   * target when this release arrived ("an older release after a newer one produces nothing");
   * 0 when every release is delivered in order, as here.
   */
  runsSkippedAsOlder: number;
}

/**
 * Counts the runs and accounts for every (matching profile, release) pair: its auto-upgrade
 * orchestration (deterministic id) finished, and either a run exists for that target or the
 * trigger found it not newer. Throws on anything else — a pair never triggered, a trigger that
 * failed, a run for a profile the releases do not concern or for a target no release gave.
 */
export async function tallyRuns(engine: DurableEngine, call: FleetCall, fleets: BenchFleets, matching: readonly string[], targets: readonly string[]): Promise<RunTally> {
  const found = new Map<string, string[]>();
  for (const fleetId of fleets.fleetIds) for (const [profile, versions] of await runsByProfile(call, fleetId)) found.set(profile, versions);
  const matchingKeys = new Set(matching.map((id) => id.toLowerCase()));
  const stray = [...found].filter(([profile]) => !matchingKeys.has(profile));
  if (stray.length > 0) throw new Error(`Runs for profiles the releases do not concern: ${JSON.stringify(stray.map(([p, v]) => [p, v.length]))}`);
  const problems: string[] = [];
  let runsCreated = 0;
  let runsSkippedAsOlder = 0;
  for (const profileId of matching) {
    const runs = new Set(found.get(profileId.toLowerCase()) ?? []);
    runsCreated += found.get(profileId.toLowerCase())?.length ?? 0;
    const unknown = [...runs].filter((v) => !targets.includes(v));
    if (unknown.length > 0) problems.push(`${profileId}: runs for targets no release gave: ${unknown.slice(0, 5).join(', ')}`);
    for (const version of targets) {
      const status = await engine.getStatus(autoUpgradeInstanceId(profileId, { kind: 'kubernetes', version }, ''), { showInput: false });
      const kind = (status?.output as { kind?: string } | null | undefined)?.kind;
      if (runs.has(version)) continue;
      if (status?.runtimeStatus === 'Completed' && kind === 'notNewer') runsSkippedAsOlder++;
      else problems.push(`${profileId} ${version}: no run, trigger ${status?.runtimeStatus ?? 'never started'} ${JSON.stringify(status?.output ?? null).slice(0, 200)}`);
    }
  }
  if (problems.length > 0) throw new Error(`${problems.length} (profile, release) pairs unaccounted for:\n${problems.slice(0, 10).join('\n')}`);
  return { runsCreated, runsSkippedAsOlder };
}
