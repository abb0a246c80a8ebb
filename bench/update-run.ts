/**
 * `npm run bench -- update-run`: one update run over a 1,000-member and then a 10,000-member
 * fleet (10 stages of 5 groups, stage concurrency 50, group concurrency 10, ControlPlaneOnly
 * upgrades of one simulated second) on a virtual clock shared by the durable engine and the ARM
 * emulator. Per size: makespan and the plan's ideal critical path in simulated seconds, their
 * ratio, the largest orchestration history and peak RSS, as `{ runs: [...] }`.
 *
 * Each size runs in its own child process that trusts the bench CA (Node reads
 * NODE_EXTRA_CA_CERTS only at start), so peak RSS is per size. `DURABLE_FLEET_BENCH_SIZES`
 * (e.g. `100`) overrides the sizes for a quick check.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureLocalTls } from '../local/host/certificates.js';
import { measureSize, type SizeMetrics } from './update-run/measure-size.js';

/** Fleet sizes, in order: the 1,000 and ten times Azure's per-fleet limit. */
const sizes = (process.env.DURABLE_FLEET_BENCH_SIZES ?? '1000,10000').split(',').map(Number);
/** A size still running after this much wall time fails the bench. */
const maxWallMs = 45 * 60_000;

/** Runs one size in a child process and resolves to its metrics. */
function runChild(members: number, caFile: string): SizeMetrics {
  const runJs = fileURLToPath(new URL('./run.js', import.meta.url));
  const env = { ...process.env, NODE_EXTRA_CA_CERTS: caFile, DURABLE_FLEET_BENCH_CHILD: String(members) };
  const out = execFileSync(process.execPath, [...process.execArgv, runJs, 'update-run'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 2 ** 20 });
  const last = out.trim().split('\n').at(-1) ?? '{}';
  const { bench: _bench, ...metrics } = JSON.parse(last) as SizeMetrics & { bench: string };
  return metrics;
}

/** Runs the benchmark (or, in a child, one size) and resolves to its metrics. */
export default async function updateRunBench(): Promise<{ runs: SizeMetrics[] } | SizeMetrics> {
  const dataDir = fileURLToPath(new URL('../../.data/bench-update-run/', import.meta.url));
  const tls = await ensureLocalTls(dataDir);
  const child = Number(process.env.DURABLE_FLEET_BENCH_CHILD);
  if (child > 0) return measureSize(child, path.dirname(tls.caFile), maxWallMs);
  const runs: SizeMetrics[] = [];
  for (const members of sizes) {
    console.error(`update-run: ${members} members`);
    runs.push(runChild(members, tls.caFile));
    console.error(`update-run: ${JSON.stringify(runs.at(-1))}`);
  }
  return { runs };
}
