/**
 * `npm run bench -- event-intake`: auto-upgrade intake under a burst of release events. 10,000
 * `DurableFleet.Releases.CatalogChanged` CloudEvents for eastus — 2,000 distinct releases (each
 * a new 1.33 patch, first deliveries in release order) and 8,000 duplicates (same offer, new
 * event id) — POSTed in batches of 50, 8 in flight, to the host's Event Grid webhook for
 * `releaseEvents`; two Rapid profiles (two eastus fleets) match, a westeurope one does not.
 *
 * Keys: `events`; `acceptedPerSec` (events / delivery wall time); `p50Ms`/`p99Ms` (per event,
 * its batch's POST to 202, which the webhook answers once the intakes are started);
 * `runsCreated` (update runs of the matching profiles, listed through the Fleet API after the
 * durable engine drained) and `runsExpected` (distinct releases × matching profiles);
 * `baselineAcceptedPerSec` (the same batches to a trivial endpoint); then where time went.
 *
 * Runs in a child process that trusts the bench CA (Node reads NODE_EXTRA_CA_CERTS only at start).
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureLocalTls } from '../local/host/certificates.js';
import { measureIntake } from './event-intake/measure.js';

/** Runs the benchmark (in a child) and resolves to its metrics. */
export default async function eventIntakeBench(): Promise<Record<string, number>> {
  const dataDir = fileURLToPath(new URL('../../.data/bench-event-intake/', import.meta.url));
  const tls = await ensureLocalTls(dataDir);
  if (process.env.DURABLE_FLEET_BENCH_CHILD === 'event-intake') return measureIntake(path.dirname(tls.caFile));
  const runJs = fileURLToPath(new URL('./run.js', import.meta.url));
  const env = { ...process.env, NODE_EXTRA_CA_CERTS: tls.caFile, DURABLE_FLEET_BENCH_CHILD: 'event-intake' };
  const out = execFileSync(process.execPath, [...process.execArgv, runJs, 'event-intake'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 2 ** 20 });
  const last = out.trim().split('\n').at(-1) ?? '{}';
  const { bench: _bench, ...metrics } = JSON.parse(last) as Record<string, number>;
  return metrics;
}
