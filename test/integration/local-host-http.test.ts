import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpsGet, sampleAppRoot, startTestHost, type TestHost } from './host-harness.js';

let host: TestHost;

beforeAll(async () => {
  process.env.SAMPLE_TIMER_SCHEDULE = '0 0 0 1 1 *';
  host = await startTestHost(sampleAppRoot);
});
afterAll(() => host.dispose());

describe('HTTP triggers of an unchanged v4 app', () => {
  it('passes route parameters, query and headers, under host.json routePrefix', async () => {
    const response = await fetch(`${host.url}/api/hello/World/3?q=yes`, { headers: { 'x-sample': 'h' } });
    expect([response.status, await response.json()]).toEqual([200, { name: 'World', count: '3', q: 'yes', header: 'h', functionName: 'hello' }]);
  });

  it('leaves optional parameters out and applies constraints', async () => {
    const optional = await fetch(`${host.url}/api/hello/World`);
    const constrained = await fetch(`${host.url}/api/hello/World/notanumber`);
    expect([optional.status, await optional.json(), constrained.status]).toEqual([200, { name: 'World', count: null, q: null, header: null, functionName: 'hello' }, 404]);
  });

  it('serves catch-all routes', async () => {
    const response = await fetch(`${host.url}/api/files/docs/a%20b/readme.md`);
    expect([response.status, await response.text()]).toEqual([200, 'path=docs/a b/readme.md']);
  });

  it.each([
    { name: 'JSON', init: { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' }, want: { status: 201, body: '{"received":{"a":1},"method":"POST"}' } },
    { name: 'text', init: { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'shout' }, want: { status: 200, body: 'SHOUT' } },
  ])('round-trips a $name body', async ({ init, want }) => {
    const response = await fetch(`${host.url}/api/echo`, init);
    expect({ status: response.status, body: await response.text() }).toEqual(want);
  });

  it('round-trips a binary body and sets cookies', async () => {
    const response = await fetch(`${host.url}/api/echo`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 1, 2, 255]) });
    expect([response.status, [...new Uint8Array(await response.arrayBuffer())], response.headers.get('set-cookie')]).toEqual([200, [255, 2, 1, 0], 'seen=4; httponly']);
  });

  it('answers 404 for an unknown route or a method the function does not accept', async () => {
    const unknown = await fetch(`${host.url}/api/nowhere`);
    const wrongMethod = await fetch(`${host.url}/api/echo`);
    expect([unknown.status, wrongMethod.status]).toEqual([404, 404]);
  });

  it('answers 500 without internals when the function throws, and 204 when it returns nothing', async () => {
    const boom = await fetch(`${host.url}/api/boom`);
    const nothing = await fetch(`${host.url}/api/nothing`);
    expect([boom.status, await boom.text(), nothing.status]).toEqual([500, '', 204]);
  });

  it('serves the same functions over HTTPS with a certificate from the local CA', async () => {
    const ca = await readFile(host.caFile, 'utf8');
    expect(await httpsGet(`${host.httpsUrl}/api/files/x`, ca)).toEqual({ status: 200, body: 'path=x' });
  });
});

describe('function keys', () => {
  const functionKey = (): string => host.keys.functionKeys.default ?? '';

  it.each([
    { name: 'anonymous route, no key', path: '/api/files/a', key: 'none', want: 200 },
    { name: 'function route, no key', path: '/api/secret', key: 'none', want: 401 },
    { name: 'function route, wrong key', path: '/api/secret', key: 'wrong', want: 401 },
    { name: 'function route, function key in header', path: '/api/secret', key: 'function-header', want: 200 },
    { name: 'function route, function key as code', path: '/api/secret', key: 'function-code', want: 200 },
    { name: 'function route, master key', path: '/api/secret', key: 'master-header', want: 200 },
    { name: 'admin route, no key', path: '/api/admin-only', key: 'none', want: 401 },
    { name: 'admin route, function key', path: '/api/admin-only', key: 'function-header', want: 401 },
    { name: 'admin route, master key in header', path: '/api/admin-only', key: 'master-header', want: 200 },
    { name: 'admin route, master key as code', path: '/api/admin-only', key: 'master-code', want: 200 },
    { name: 'host status, no key', path: '/admin/host/status', key: 'none', want: 401 },
    { name: 'host status, function key', path: '/admin/host/status', key: 'function-header', want: 401 },
    { name: 'host status, master key', path: '/admin/host/status', key: 'master-header', want: 200 },
    { name: 'host ping, no key', path: '/admin/host/ping', key: 'none', want: 200 },
  ])('$name → $want', async ({ path, key, want }) => {
    const value = key.startsWith('master') ? host.keys.masterKey : key.startsWith('function') ? functionKey() : 'wrong';
    const url = new URL(`${host.url}${path}`);
    const headers: Record<string, string> = {};
    if (key.endsWith('code')) url.searchParams.set('code', value);
    else if (key !== 'none') headers['x-functions-key'] = value;
    expect((await fetch(url, { headers })).status).toBe(want);
  });
});

describe('admin API', () => {
  const admin = { 'x-functions-key': '' };
  beforeAll(() => {
    admin['x-functions-key'] = host.keys.masterKey;
  });

  it('reports the host as Running', async () => {
    const status = (await (await fetch(`${host.url}/admin/host/status`, { headers: admin })).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ state: 'Running', extensionBundle: { id: 'Microsoft.Azure.Functions.ExtensionBundle', version: '[4.*, 5.0.0)' } });
  });

  it('hands out the Event Grid system key to the master key only', async () => {
    const withMaster = await fetch(`${host.url}/admin/host/systemkeys/eventgrid_extension`, { headers: admin });
    const withoutKey = await fetch(`${host.url}/admin/host/systemkeys/eventgrid_extension`);
    expect([withMaster.status, await withMaster.json(), withoutKey.status]).toEqual([200, { name: 'eventgrid_extension', value: host.keys.systemKeys.eventgrid_extension }, 401]);
  });

  it('lists every captured registration with its bindings', async () => {
    const functions = (await (await fetch(`${host.url}/admin/functions`, { headers: admin })).json()) as { name: string; config: { bindings: { type: string }[] } }[];
    const triggers = Object.fromEntries(functions.map((f) => [f.name, f.config.bindings.map((b) => b.type).sort()]));
    expect(triggers).toMatchObject({
      hello: ['http', 'httpTrigger'],
      tick: ['timerTrigger'],
      onEvent: ['eventGridTrigger'],
      startSample: ['durableClient', 'http', 'httpTrigger'],
    });
  });
});

describe('durableClient input binding', () => {
  it('delivers a payload that durable-functions accepts (getClient, createCheckStatusResponse)', async () => {
    const response = await fetch(`${host.url}/api/orchestrators/demo`, { method: 'POST' });
    const body = (await response.json()) as Record<string, string>;
    const query = `taskHub=TestHub&connection=Storage&code=${encodeURIComponent(host.keys.systemKeys.durabletask_extension ?? '')}`;
    const instance = `${host.url}/runtime/webhooks/durabletask/instances/sample-demo`;
    expect([response.status, response.headers.get('location'), body]).toEqual([
      202,
      `${instance}?${query}`,
      {
        id: 'sample-demo',
        statusQueryGetUri: `${instance}?${query}`,
        sendEventPostUri: `${instance}/raiseEvent/{eventName}?${query}`,
        terminatePostUri: `${instance}/terminate?reason={text}&${query}`,
        rewindPostUri: `${instance}/rewind?reason={text}&${query}`,
        purgeHistoryDeleteUri: `${instance}?${query}`,
        restartPostUri: `${instance}/restart?${query}`,
        suspendPostUri: `${instance}/suspend?reason={text}&${query}`,
        resumePostUri: `${instance}/resume?reason={text}&${query}`,
      },
    ]);
  });
});
