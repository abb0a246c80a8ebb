import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exited, repoRoot, startHostProcess, type HostProcess } from '../integration/process-tree.js';
import { seedTestCa } from '../test-ca.js';

const run = promisify(execFile);

/** The shell blocks of the README's walkthrough, in order. */
async function walkthrough(): Promise<string> {
  const readme = await readFile(path.join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf('<!-- walkthrough:start -->');
  const end = readme.indexOf('<!-- walkthrough:end -->');
  if (start < 0 || end < start) throw new Error('README.md has no walkthrough markers.');
  const blocks = [...readme.slice(start, end).matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  if (blocks.length < 5) throw new Error(`The walkthrough has ${blocks.length} shell blocks; expected the whole story.`);
  return blocks.join('\n');
}

let host: HostProcess;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'durable-fleet-readme-'));
  // The test CA is what this worker trusts (NODE_EXTRA_CA_CERTS), so the host need not relaunch.
  await seedTestCa(dataDir);
  host = await startHostProcess({ DURABLE_FLEET_DATA: dataDir, IDENTITY_PORT: '0', ARM_PORT: '0', EVENT_GRID_PORT: '0', ARM_SPEED_FACTOR: '600', TASKHUB_NAME: 'ReadmeHub' }, 60_000);
}, 90_000);

afterAll(async () => {
  host.child.kill('SIGTERM');
  await exited(host.child);
  await rm(dataDir, { recursive: true, force: true });
});

describe('the README walkthrough against npm start on the demo fleet', () => {
  it('creates a strategy and a run, approves the gate and sees the run complete', async () => {
    const banner = host.output();
    const api = /^ {2}HTTPS {9}(\S+)/m.exec(banner)?.[1];
    const identity = /^ {2}Identity {6}(\S+)/m.exec(banner)?.[1];
    if (!api || !identity) throw new Error(`The banner names no HTTPS or identity URL:\n${banner}`);
    const script = `set -euo pipefail\n${await walkthrough()}`;
    const { stdout } = await run('bash', ['-c', script], { env: { ...process.env, API: api, IDENTITY: identity, DATA: dataDir }, timeout: 150_000, maxBuffer: 1 << 20 });
    const lines = stdout.trim().split('\n');
    expect({ gate: lines.find((l) => l.includes('Approve production'))?.replace(/^.*Approve/, 'Approve'), members: lines.slice(-2) }).toEqual({
      gate: 'Approve production: Pending',
      members: ['canary/canary/staging: Completed', 'production/prod/prod: Completed'],
    });
  }, 180_000);
});
