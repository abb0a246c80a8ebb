import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHost, type TestHost } from './host-harness.js';

const durableApp = fileURLToPath(new URL('../fixtures/durable-app/', import.meta.url));
let host: TestHost;

beforeAll(async () => {
  host = await startTestHost(durableApp);
});
afterAll(() => host.dispose());

const call = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${host.url}/api/client/${path}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, headers: response.headers };
};

const waitFor = async (id: string, want: string) => {
  for (let i = 0; i < 200; i++) {
    const status = (await call('GET', `status/${id}`)).body as { runtimeStatus?: string } | undefined;
    if (status?.runtimeStatus === want) return status;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${id} never reached ${want}`);
};

describe('the real DurableClient against the host (rpcBaseUrl)', () => {
  it('starts with an instance id and input, and reads the completed status', async () => {
    await call('POST', 'start/echoInput/client-echo', { a: 1 });
    expect(await waitFor('client-echo', 'Completed')).toEqual({ name: 'echoInput', instanceId: 'client-echo', runtimeStatus: 'Completed', input: { a: 1 }, output: { type: 'object', value: { a: 1 } }, customStatus: null });
  });

  it('raises events, reports custom status, and queries by status', async () => {
    await call('POST', 'start/status/client-status');
    await waitFor('client-status', 'Running');
    expect(((await call('GET', 'query?runtimeStatus=Running')).body as string[]).includes('client-status')).toBe(true);
    await call('POST', 'raise/client-status/continue', { ok: true });
    expect(await waitFor('client-status', 'Completed')).toMatchObject({ output: { ok: true }, customStatus: { stage: 'done' } });
  });

  it('suspends, resumes and terminates', async () => {
    await call('POST', 'start/approval/client-life');
    await waitFor('client-life', 'Running');
    await call('POST', 'suspend/client-life');
    await waitFor('client-life', 'Suspended');
    await call('POST', 'resume/client-life');
    await waitFor('client-life', 'Running');
    await call('POST', 'terminate/client-life/enough');
    expect(await waitFor('client-life', 'Terminated')).toMatchObject({ output: 'enough' });
    expect((await call('POST', 'raise/client-life/approval', 1)).status).toBe(202); // 410 from the API is swallowed by the client
  });

  it('purges history, and an unknown instance is a 404 to getStatus', async () => {
    expect((await call('DELETE', 'purge/client-echo')).body).toEqual({ instancesDeleted: 1 });
    expect((await call('GET', 'status/client-echo')).status).toBe(404);
  });

  it('waits for completion, or answers with the check-status payload', async () => {
    await call('POST', 'start/sequence/client-wait');
    const done = await call('POST', 'wait/client-wait');
    await call('POST', 'start/approval/client-slow');
    const check = await call('POST', 'check/client-slow');
    expect({ done: [done.status, done.body], check: [check.status, (check.body as { id: string }).id, check.headers.get('location')?.startsWith(`${host.url}/runtime/webhooks/durabletask/instances/client-slow?`)] }).toEqual({
      done: [200, ['Hello Tokyo!', 'Hello Seattle!', 'Hello London!']],
      check: [202, 'client-slow', true],
    });
  });

  it('serves the same API on the public webhook with the durabletask system key', async () => {
    const base = `${host.url}/runtime/webhooks/durabletask/instances/client-wait`;
    const withoutKey = await fetch(base);
    const withKey = await fetch(`${base}?code=${encodeURIComponent(host.keys.systemKeys.durabletask_extension ?? '')}`);
    expect([withoutKey.status, withKey.status, ((await withKey.json()) as { runtimeStatus: string }).runtimeStatus]).toEqual([401, 200, 'Completed']);
  });
});
