/**
 * Crash safety: the host runs as a child process and is killed with SIGKILL at random moments
 * while orchestrations run activities with side effects. After the last restart every
 * orchestration completes with the right output and no task completed twice in any history.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { completionId, EventType } from '../../local/durable/history.js';
import { newExecution } from '../../local/durable/schedule.js';
import { SqliteStore } from '../../local/durable/sqlite-store.js';
import { seedTestCa } from '../test-ca.js';
import { descendants } from './process-tree.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const appRoot = path.join(repoRoot, 'test/fixtures/durable-app');
const instances = 40;
const kills = 6;
const children = new Set<ChildProcess>();
let dataDir = '';

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Starts the host; resolves once it prints its HTTP line (the engine is running by then). */
function startChild(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist/local/host/main.js')], {
    env: {
      ...process.env,
      DURABLE_FLEET_APP_ROOT: appRoot,
      DURABLE_FLEET_DATA: dataDir,
      PORT: '0',
      HTTPS_PORT: '0',
      TASKHUB_NAME: 'CrashHub',
      // Any real-looking account keeps the host from starting Azurite: the fixture stores nothing.
      AzureWebJobsStorage: 'DefaultEndpointsProtocol=http;AccountName=unused;AccountKey=dW51c2Vk;TableEndpoint=http://127.0.0.1:9/unused',
      LOG_LEVEL: 'warning',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/ {2}HTTP {10}http:\/\/localhost:\d+/.test(output)) resolve(child);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => reject(new Error(`host exited (${code}) before it was ready:\n${output}`)));
  });
}

const exited = (child: ChildProcess): Promise<void> => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

it('resumes every orchestration after repeated kill -9, with no task completed twice', async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'durable-crash-'));
  // The host then trusts its CA already and does not relaunch itself: SIGKILL hits the engine's process.
  await seedTestCa(dataDir);
  const file = path.join(dataDir, 'durable.sqlite');
  const seed = new SqliteStore(file);
  let id = 0;
  for (let n = 0; n < instances; n++) {
    const { instance, message } = newExecution({ now: Date.now(), nextId: () => ++id }, { instanceId: `crash-${n}`, name: 'crashWork', input: JSON.stringify({ n }), parent: null });
    seed.commit({ instances: [instance], messages: [message] });
  }
  seed.close();

  for (let k = 0; k < kills; k++) {
    const child = await startChild();
    // The engine runs in this very process (no relaunched child, no Azurite): the kill is a crash.
    expect(await descendants(child.pid ?? -1)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 500));
    child.kill('SIGKILL');
    await exited(child);
  }

  const last = await startChild();
  const store = new SqliteStore(file);
  try {
    const deadline = Date.now() + 90_000;
    while (store.listInstances({ statuses: ['Completed', 'Failed', 'Terminated'] }).length < instances && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const rows = store.listInstances({});
    expect(rows.map((r) => [r.instanceId, r.status, JSON.parse(r.output ?? 'null')]).sort()).toEqual(
      Array.from({ length: instances }, (_, n) => [`crash-${n}`, 'Completed', { n, results: [0, 10, 20, 30, 200], fan: [100, 110, 120, 130] }]).sort(),
    );
    for (const row of rows) {
      const completions = store.getHistory(row.instanceId).filter((e) => e.EventType !== EventType.EventRaised).map(completionId).filter((c) => c !== undefined);
      expect(new Set(completions).size, `${row.instanceId} saw a task complete twice`).toBe(completions.length);
    }
    const effects = (await readFile(path.join(dataDir, 'side-effects.log'), 'utf8')).trim().split('\n');
    const distinct = new Set(effects);
    expect(distinct.size).toBe(instances * 9);
    console.log(`${kills} kills: ${effects.length} activity executions for ${distinct.size} activities (at-least-once)`);
  } finally {
    store.close();
    last.kill('SIGTERM');
    await exited(last);
  }
}, 150_000);
