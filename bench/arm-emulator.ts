/**
 * ARM emulator at fleet scale: loads a generated 10,000-cluster fixture, then measures
 * `managedClusters.get` through the real `ContainerServiceClient` (with concurrency) and, as the
 * baseline, raw `https.request` GETs of the same URLs against the same server in the same run.
 */
import { execFileSync } from 'node:child_process';
import { Agent, request } from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { ensureLocalTls } from '../local/host/certificates.js';
import { generateFixture } from '../local/emulators/arm/generate-fixture.js';
import { validateFixture } from '../local/emulators/arm/load-fixture.js';
import { startLocalArm } from '../local/emulators/arm/start-local-arm.js';

const clusters = 10_000;
const requests = 20_000;
const concurrency = 64;

async function pool(total: number, work: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) await work(next++);
  }));
  return total / ((performance.now() - start) / 1000);
}

function rawGet(agent: Agent, url: string, token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode ?? 0}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

async function measure(caFile: string): Promise<Record<string, number>> {
  const tls = await ensureLocalTls(path.dirname(path.dirname(caFile)));
  const fixture = validateFixture(generateFixture({ clusters }));
  const local = await startLocalArm({ ca: tls.ca, fixture });
  globalThis.gc?.();
  const rssMiB = Math.round(process.memoryUsage().rss / 2 ** 20);
  const targets = fixture.clusters.map((c) => ({ sub: c.subscriptionId ?? '', rg: c.resourceGroup ?? '', name: c.name ?? '' }));
  const clients = new Map<string, ContainerServiceClient>();
  const clientOf = (sub: string) => clients.get(sub) ?? clients.set(sub, new ContainerServiceClient(local.credential, sub, { endpoint: local.emulator.url })).get(sub);
  const token = (await local.credential.getToken('https://management.azure.com/.default'))?.token ?? '';
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = (i: number) => {
    const t = targets[i % targets.length] ?? { sub: '', rg: '', name: '' };
    return `${local.emulator.url}/subscriptions/${t.sub}/resourceGroups/${t.rg}/providers/Microsoft.ContainerService/managedClusters/${t.name}?api-version=2026-06-01`;
  };
  await pool(2_000, (i) => rawGet(agent, url(i), token)); // warm-up
  await pool(2_000, async (i) => void (await clientOf(targets[i % targets.length]?.sub ?? '')?.managedClusters.get(targets[i % targets.length]?.rg ?? '', targets[i % targets.length]?.name ?? '')));
  const baselineRequestsPerSec = await pool(requests, (i) => rawGet(agent, url(i), token));
  const getsPerSec = await pool(requests, async (i) => {
    const t = targets[i % targets.length];
    if (t) await clientOf(t.sub)?.managedClusters.get(t.rg, t.name);
  });
  agent.destroy();
  await local.close();
  return { clusters: fixture.clusters.length, rssMiB, getsPerSec: Math.round(getsPerSec), baselineRequestsPerSec: Math.round(baselineRequestsPerSec) };
}

/** Runs the bench in a child process that trusts the bench CA (Node reads NODE_EXTRA_CA_CERTS only at start). */
export default async function armEmulatorBench(): Promise<Record<string, number>> {
  const dataDir = fileURLToPath(new URL('../../.data/bench-arm/', import.meta.url));
  const tls = await ensureLocalTls(dataDir);
  if (process.env.DURABLE_FLEET_BENCH_CHILD === '1') return measure(tls.caFile);
  const runJs = fileURLToPath(new URL('./run.js', import.meta.url));
  const out = execFileSync(process.execPath, ['--expose-gc', runJs, 'arm-emulator'], { env: { ...process.env, NODE_EXTRA_CA_CERTS: tls.caFile, DURABLE_FLEET_BENCH_CHILD: '1' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 2 ** 20 });
  const last = out.trim().split('\n').at(-1) ?? '{}';
  const { bench: _bench, ...metrics } = JSON.parse(last) as Record<string, number>;
  return metrics;
}
