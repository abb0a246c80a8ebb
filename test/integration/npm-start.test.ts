import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { alive, descendants, exited, startHostProcess } from './process-tree.js';

const dataDirs: string[] = [];
afterAll(() => Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

const freshDataDir = async (): Promise<string> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'durable-fleet-start-'));
  dataDirs.push(dir);
  return dir;
};

const waitUntil = async (done: () => boolean, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return done();
};

describe('the host as npm start runs it', () => {
  it('answers /admin/host/status within 30 s and leaves no process behind after SIGTERM', async () => {
    const started = Date.now();
    const host = await startHostProcess({ DURABLE_FLEET_DATA: await freshDataDir() });
    const status = await fetch(`${host.url}/admin/host/status`, { headers: { 'x-functions-key': host.masterKey } });
    const body = (await status.json()) as { state: string };
    const elapsedMs = Date.now() - started;
    const health = await fetch(`${host.url}/healthz`);
    const children = await descendants(host.child.pid ?? -1);

    host.child.kill('SIGTERM');
    const exit = await exited(host.child);
    const allGone = await waitUntil(() => children.every((pid) => !alive(pid)), 10_000);

    expect({ status: status.status, state: body.state, inTime: elapsedMs < 30_000, health: health.status }).toEqual({ status: 200, state: 'Running', inTime: true, health: 200 });
    expect(children.length).toBeGreaterThan(0); // Azurite runs as a child
    expect({ exit, allGone }).toEqual({ exit: 0, allGone: true });
  });

  it('leaves no Azurite behind even when the host is killed with SIGKILL', async () => {
    const host = await startHostProcess({ DURABLE_FLEET_DATA: await freshDataDir() });
    const children = await descendants(host.child.pid ?? -1);
    host.child.kill('SIGKILL');
    await exited(host.child);
    expect(await waitUntil(() => children.every((pid) => !alive(pid)), 10_000)).toBe(true);
  });
});
