import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbedded } from '../../local/embedded/start-embedded.js';
import { VirtualClock } from '../../local/host/clock.js';
import { silentLogger } from '../../local/host/logger.js';
import type { UpdateRun } from '../../shared/fleet/models.js';
import { runGenerationInstanceId } from '../../shared/update-run/instance-ids.js';
import { criticalPathSec } from '../../shared/update-run/plan.js';
import { driveUntilDone } from './drive-clock.js';
import { oneSecondUpgradeSpeed, writeBenchFixture } from './fixture.js';
import { expectStatus, fleetClient } from './fleet-client.js';
import { largestHistory } from './history-size.js';
import { rssSampler } from './peak-rss.js';
import { setUpFleet } from './setup-fleet.js';

/** The metrics of one fleet size (the keys first, then where the wall time went). */
export interface SizeMetrics {
  members: number;
  makespanSec: number;
  criticalPathSec: number;
  ratio: number;
  maxHistoryEvents: number;
  peakRssMiB: number;
  wallSec: number;
  memberPutSec: number;
  driveSec: number;
  wakes: number;
  replays: number;
  historyEventsReplayed: number;
  activitiesRun: number;
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** Simulated seconds one member upgrade takes (see {@link oneSecondUpgradeSpeed}). */
const upgradeSec = 1;

const seconds = (ms: number): number => Math.round(ms / 100) / 10;

/** Counts members by state in a run's status tree. */
function memberStates(run: UpdateRun): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const stage of run.properties.status?.stages ?? []) for (const group of stage.groups ?? []) for (const m of group.members ?? []) counts[m.status?.state ?? 'none'] = (counts[m.status?.state ?? 'none'] ?? 0) + 1;
  return counts;
}

/**
 * One fleet size end to end on a virtual clock shared by the durable engine and the ARM
 * emulator: fixture, embedded host (SQLite durable store, Azurite in memory), fleet, members and
 * run through the Fleet API, the run orchestration driven to its end, then the metrics.
 * `caDir` holds the CA this process trusts (`ca.pem`, `ca-key.pem`).
 */
export async function measureSize(members: number, caDir: string, maxWallMs: number): Promise<SizeMetrics> {
  const wallStart = performance.now();
  const rss = rssSampler();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-update-run-'));
  await mkdir(path.join(dataDir, 'certs'));
  for (const file of ['ca.pem', 'ca-key.pem']) await copyFile(path.join(caDir, file), path.join(dataDir, 'certs', file));
  const fixture = await writeBenchFixture(dataDir, members);
  Object.assign(process.env, { DURABLE_FLEET_FIXTURE: fixture.file, TASKHUB_NAME: 'BenchHub', AzureWebJobsStorage: 'UseDevelopmentStorage=true' });
  delete process.env.AZURE_RESOURCE_MANAGER_ENDPOINT;
  const clock = new VirtualClock(new Date('2026-11-30T10:00:00Z'));
  const embedded = await startEmbedded({ appRoot: repoRoot, dataDir, port: 0, httpsPort: 0, identityPort: 0, armPort: 0, inMemoryStorage: true, durableStore: 'sqlite', logger: silentLogger, clock, armSpeedFactor: oneSecondUpgradeSpeed });
  try {
    const call = await fleetClient(embedded);
    const fleet = await setUpFleet(call, fixture.clusterIds);
    console.error(`  ${members} members created in ${seconds(fleet.memberPutMs)} s`);
    const engine = embedded.host.durable;
    const instanceId = runGenerationInstanceId(fleet.runId, 1);
    await engine.startNew('updateRunOrchestrator', { instanceId, input: { runId: fleet.runId, generation: 1 } });
    const drive = await driveUntilDone(engine, clock, instanceId, maxWallMs);
    const runAnswer = await call('GET', new URL(fleet.runId, 'https://x').pathname);
    expectStatus(runAnswer, [200], 'update run GET');
    const run = runAnswer.body as UpdateRun;
    const runStatus = run.properties.status?.status;
    const states = memberStates(run);
    console.error(`  run ${runStatus?.state ?? '?'} (${drive.runtimeStatus}); members ${JSON.stringify(states)}; ${drive.wakes} clock wakes in ${seconds(drive.wallMs)} s`);
    if (runStatus?.state !== 'Completed' || states.Completed !== members) throw new Error(`The run did not upgrade every member: ${JSON.stringify(runStatus)} ${JSON.stringify(states)}`);
    const makespanSec = (Date.parse(runStatus.completedTime ?? '') - Date.parse(runStatus.startTime ?? '')) / 1000;
    const ideal = criticalPathSec(fleet.plan, upgradeSec);
    const history = await largestHistory(engine);
    console.error(`  largest history: ${history.events} events (${history.instanceId}) of ${history.instances} instances`);
    const stats = engine.stats();
    return {
      members,
      makespanSec,
      criticalPathSec: ideal,
      ratio: Math.round((makespanSec / ideal) * 100) / 100,
      maxHistoryEvents: history.events,
      peakRssMiB: rss.peakMiB(),
      wallSec: seconds(performance.now() - wallStart),
      memberPutSec: seconds(fleet.memberPutMs),
      driveSec: seconds(drive.wallMs),
      wakes: drive.wakes,
      ...stats,
    };
  } finally {
    rss.stop();
    await embedded.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
