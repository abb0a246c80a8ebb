import type { FleetMember, UpdateRun, UpdateStage } from '../../shared/fleet/models.js';
import { buildRunPlan, type RunPlan } from '../../shared/update-run/plan.js';
import { expectStatus, inParallel, type FleetCall } from './fleet-client.js';
import { targetVersion } from './fixture.js';

/** The strategy's shape: stages, groups per stage, and the concurrency limits as the API spells them. */
export const benchStrategy = { stages: 10, groupsPerStage: 5, stageMaxConcurrency: '50', groupMaxConcurrency: '10' } as const;

/** The bench fleet's resource id (path). */
export const benchFleetPath = '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-bench/providers/Microsoft.ContainerService/fleets/bench';

/** How many member PUTs are in flight at once. */
const putConcurrency = 32;

const groupName = (stage: number, group: number): string => `s${stage}-g${group}`;
const memberName = (i: number): string => `m${String(i).padStart(5, '0')}`;

/** Member `i` of `total`: stages take consecutive equal slices, groups deal round-robin inside a stage. */
function groupOf(i: number, total: number): string {
  const perStage = Math.ceil(total / benchStrategy.stages);
  const stage = Math.floor(i / perStage);
  return groupName(stage, (i - stage * perStage) % benchStrategy.groupsPerStage);
}

function strategyStages(): UpdateStage[] {
  return Array.from({ length: benchStrategy.stages }, (_, s) => ({
    name: `stage-${s}`,
    maxConcurrency: benchStrategy.stageMaxConcurrency,
    groups: Array.from({ length: benchStrategy.groupsPerStage }, (_, g) => ({ name: groupName(s, g), maxConcurrency: benchStrategy.groupMaxConcurrency })),
  }));
}

/** A resource the Fleet API returned: an object with an `id` and `properties` (the bench trusts the rest). */
function asResource<T extends { id: string }>(body: unknown, what: string): T {
  if (typeof body !== 'object' || body === null || !('id' in body) || typeof body.id !== 'string' || !('properties' in body)) throw new Error(`${what}: not a resource: ${JSON.stringify(body)}`);
  return body as T;
}

/** What {@link setUpFleet} created. */
export interface BenchFleet {
  runId: string;
  /** The plan the run freezes, built the same way from the resources the API returned. */
  plan: RunPlan;
  /** Wall time of the member PUTs. */
  memberPutMs: number;
}

/**
 * Through the Fleet API: the fleet, one member per cluster (PUT in parallel, `group` set per
 * {@link benchStrategy}), and an update run of 10 stages × 5 groups, ControlPlaneOnly to
 * {@link targetVersion}. The run is created, not started.
 */
export async function setUpFleet(call: FleetCall, clusterIds: string[]): Promise<BenchFleet> {
  expectStatus(await call('PUT', benchFleetPath, { location: 'eastus' }), [200, 201], 'fleet PUT');
  const members: FleetMember[] = new Array<FleetMember>(clusterIds.length);
  const started = performance.now();
  await inParallel(clusterIds.length, putConcurrency, async (i) => {
    const answer = await call('PUT', `${benchFleetPath}/members/${memberName(i)}`, { properties: { clusterResourceId: clusterIds[i], group: groupOf(i, clusterIds.length) } });
    expectStatus(answer, [200, 201], `member ${memberName(i)} PUT`);
    members[i] = asResource<FleetMember>(answer.body, 'member PUT');
  });
  const memberPutMs = performance.now() - started;
  const runAnswer = await call('PUT', `${benchFleetPath}/updateRuns/bench-run`, {
    properties: { strategy: { stages: strategyStages() }, managedClusterUpdate: { upgrade: { type: 'ControlPlaneOnly', kubernetesVersion: targetVersion } } },
  });
  expectStatus(runAnswer, [200, 201], 'update run PUT');
  const run = asResource<UpdateRun>(runAnswer.body, 'update run PUT');
  return { runId: run.id, plan: buildRunPlan(run, members), memberPutMs };
}
