import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbedded } from '../../local/embedded/start-embedded.js';
import { VirtualClock } from '../../local/host/clock.js';
import { toIntake } from '../../shared/auto-upgrade/release-intake.js';
import { fleetClient } from '../update-run/fleet-client.js';
import { deliverToTrivialEndpoint } from './baseline.js';
import { profiled } from './cpu-profile.js';
import { deliver, percentile, perSecond } from './deliver.js';
import { drain } from './drain.js';
import { setUpFleets } from './fleet-setup.js';
import { countingLogger, engineCounts } from './intake-counters.js';
import { batches, releaseStream } from './release-events.js';
import { tallyRuns } from './run-check.js';

/** The shape of the run (the numbers). */
export const intakeShape = { distinct: 2_000, copies: 5, batchSize: 50, concurrency: 8, region: 'eastus', duplicateWindow: 100, seed: 20261130 } as const;

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const round1 = (n: number): number => Math.round(n * 10) / 10;
/** `DURABLE_FLEET_BENCH_CPU_PROFILE` profiles the delivery; the drain goes next to it. */
const deliveryProfile = (): string | undefined => process.env.DURABLE_FLEET_BENCH_CPU_PROFILE;
const drainProfile = (): string | undefined => deliveryProfile()?.replace(/(\.cpuprofile)?$/, '-drain.cpuprofile');

/** Times `toIntake` (envelope deserialization, schema validation, canonical hash) alone, per event in µs. */
async function parseCostUs(events: readonly unknown[]): Promise<number> {
  const started = performance.now();
  for (const event of events) await toIntake(event, new Date());
  return round1(((performance.now() - started) * 1000) / events.length);
}

/**
 * The bench in this process (which trusts the CA in `caDir`): the embedded stack on a virtual
 * clock that never moves (no timer fires: no release watcher tick, no scheduled wait) with the
 * SQLite durable store and Azurite in memory; fleets and profiles through the Fleet API; the
 * baseline; the stream delivered to the webhook; then the engine drained and the runs counted.
 */
export async function measureIntake(caDir: string): Promise<Record<string, number>> {
  const wallStart = performance.now();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-event-intake-'));
  await mkdir(path.join(dataDir, 'certs'));
  for (const file of ['ca.pem', 'ca-key.pem']) await copyFile(path.join(caDir, file), path.join(dataDir, 'certs', file));
  Object.assign(process.env, { TASKHUB_NAME: 'BenchHub', AzureWebJobsStorage: 'UseDevelopmentStorage=true' });
  for (const name of ['AZURE_RESOURCE_MANAGER_ENDPOINT', 'DURABLE_FLEET_FIXTURE', 'RELEASE_EVENTS_TOPIC_ENDPOINT', 'RELEASE_EVENTS_TOPIC_KEY']) delete process.env[name];
  const { logger, counts: handler } = countingLogger();
  const clock = new VirtualClock(new Date('2026-11-30T10:00:00Z'));
  const embedded = await startEmbedded({ appRoot: repoRoot, dataDir, port: 0, httpsPort: 0, identityPort: 0, armPort: 0, inMemoryStorage: true, durableStore: 'sqlite', logger, clock });
  try {
    const call = await fleetClient(embedded);
    const fleets = await setUpFleets(call);
    const matching = fleets.matchingProfiles(intakeShape.region);
    const stream = releaseStream({ ...intakeShape });
    const parts = batches(stream.events, intakeShape.batchSize);
    const bodies = parts.map((b) => JSON.stringify(b));
    const sizes = parts.map((b) => b.length);
    const parseUsPerEvent = await parseCostUs(stream.events);

    await deliverToTrivialEndpoint(bodies.slice(0, 20), sizes.slice(0, 20), intakeShape.concurrency); // warm-up
    const baseline = await deliverToTrivialEndpoint(bodies, sizes, intakeShape.concurrency);
    console.error(`event-intake: baseline ${baseline.accepted} events in ${baseline.wallMs.toFixed(0)} ms`);

    const key = encodeURIComponent(embedded.host.keys.systemKeys.eventgrid_extension ?? '');
    const headers = { 'aeg-event-type': 'Notification', 'content-type': 'application/cloudevents-batch+json; charset=utf-8' };
    const engine = embedded.host.durable;
    const statsBefore = engine.stats();
    const webhook = `${embedded.host.url}/runtime/webhooks/EventGrid?functionName=releaseEvents&code=${key}`;
    const intake = await profiled(deliveryProfile(), () => deliver(bodies, sizes, { url: webhook, headers, concurrency: intakeShape.concurrency }));
    console.error(`event-intake: webhook accepted ${intake.accepted} events in ${intake.wallMs.toFixed(0)} ms`);
    const drained = await profiled(drainProfile(), () => drain(engine, clock));
    const stats = engine.stats();
    const targets = Array.from({ length: stream.distinct }, (_, k) => stream.targetOf(k));
    const runs = await tallyRuns(engine, call, fleets, matching, targets);
    const engineState = await engineCounts(engine);
    console.error(`event-intake: handler ${JSON.stringify(handler)}; engine ${JSON.stringify(engineState)}; drained in ${drained.wallMs.toFixed(0)} ms`);

    return {
      events: stream.events.length,
      acceptedPerSec: perSecond(intake.accepted, intake.wallMs),
      p50Ms: round1(percentile(intake.latenciesMs, 50)),
      p99Ms: round1(percentile(intake.latenciesMs, 99)),
      runsCreated: runs.runsCreated,
      runsExpected: stream.distinct * matching.length,
      runsSkippedAsOlder: runs.runsSkippedAsOlder,
      baselineAcceptedPerSec: perSecond(baseline.accepted, baseline.wallMs),
      baselineP50Ms: round1(percentile(baseline.latenciesMs, 50)),
      baselineP99Ms: round1(percentile(baseline.latenciesMs, 99)),
      distinctReleases: stream.distinct,
      matchingProfiles: matching.length,
      deliverySec: round1(intake.wallMs / 1000),
      drainSec: round1(drained.wallMs / 1000),
      retryWakes: drained.retryWakes,
      wallSec: round1((performance.now() - wallStart) / 1000),
      parseUsPerEvent,
      intakesStarted: handler.started,
      duplicatesSkippedRecent: handler.duplicateRecent,
      duplicatesRejected409: handler.duplicateRunning,
      activitiesRun: stats.activitiesRun - statsBefore.activitiesRun,
      replays: stats.replays - statsBefore.replays,
    };
  } finally {
    await embedded.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
