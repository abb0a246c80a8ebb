import { describe, expect, it } from 'vitest';
import { createDurableHttpApi } from '../../local/durable-api/http-api.js';
import type { DurableManagement, InstanceStatus } from '../../local/durable-api/management.js';

const statusOf = (instanceId: string, runtimeStatus: string): InstanceStatus => ({
  name: 'hello',
  instanceId,
  runtimeStatus,
  input: null,
  customStatus: null,
  output: runtimeStatus === 'Completed' ? 'done' : null,
  createdTime: '2026-01-01T00:00:00Z',
  lastUpdatedTime: '2026-01-01T00:00:01Z',
});

/** A fake engine: a fixed set of instances, each operation answering from its status. */
function fakeEngine(instances: Record<string, string>): DurableManagement & { calls: string[] } {
  const calls: string[] = [];
  const lifecycle = async (id: string) => (!(id in instances) ? 'notFound' : ['Completed', 'Failed', 'Terminated'].includes(instances[id] ?? '') ? 'gone' : 'ok') as 'ok' | 'notFound' | 'gone';
  return {
    calls,
    startNew: async (name, options) => {
      if (name !== 'hello') throw Object.assign(new Error(`The function '${name}' doesn't exist.`), { code: 'UnknownFunction' });
      calls.push(`start ${options?.instanceId ?? ''} ${JSON.stringify(options?.input)}`);
      return options?.instanceId ?? 'generated';
    },
    getStatus: async (id) => (id in instances ? statusOf(id, instances[id] ?? '') : undefined),
    query: async (filter) => ({ instances: Object.keys(instances).filter((id) => id.startsWith(filter.instanceIdPrefix ?? '')).map((id) => statusOf(id, instances[id] ?? '')), continuationToken: undefined }),
    raiseEvent: async (id, name, data) => {
      calls.push(`event ${id} ${name} ${JSON.stringify(data)}`);
      return lifecycle(id);
    },
    terminate: lifecycle,
    suspend: lifecycle,
    resume: lifecycle,
    purge: async (id) => (id in instances ? 1 : 0),
    purgeBy: async () => 0,
    restart: async (id) => (id in instances ? `${id}-restarted` : undefined),
  };
}

const links = () => ({ origin: 'http://localhost:7071', taskHubName: 'Hub', connectionName: 'Storage', systemKey: 'sys' });
const call = (engine: DurableManagement, method: string, path: string, options: { body?: string; contentType?: string; query?: string } = {}) =>
  createDurableHttpApi(engine, links)({
    method,
    url: new URL(`http://127.0.0.1:17071/durabletask/${path}${options.query ? `?${options.query}` : ''}`),
    path,
    headers: { 'content-type': options.contentType },
    body: options.body ?? '',
  });

describe('Durable HTTP API status codes', () => {
  const instances = { running: 'Running', done: 'Completed', failed: 'Failed', suspended: 'Suspended' };
  it.each([
    { name: 'start', method: 'POST', path: 'orchestrators/hello/abc', body: '{"x":1}', want: 202 },
    { name: 'start an unknown orchestrator', method: 'POST', path: 'orchestrators/nope', want: 400 },
    { name: 'start with a body that is not JSON', method: 'POST', path: 'orchestrators/hello', body: '{bad', want: 400 },
    { name: 'status of a running instance', method: 'GET', path: 'instances/running', want: 202 },
    { name: 'status of a suspended instance', method: 'GET', path: 'instances/suspended', want: 202 },
    { name: 'status of a completed instance', method: 'GET', path: 'instances/done', want: 200 },
    { name: 'status of a failed instance', method: 'GET', path: 'instances/failed', want: 200 },
    { name: 'status of a failed instance, 500 asked for', method: 'GET', path: 'instances/failed', query: 'returnInternalServerErrorOnFailure=true', want: 500 },
    { name: 'status of an unknown instance', method: 'GET', path: 'instances/ghost', want: 404 },
    { name: 'raise an event', method: 'POST', path: 'instances/running/raiseEvent/Approve', body: '{"ok":true}', contentType: 'application/json', want: 202 },
    { name: 'raise an event without JSON content type', method: 'POST', path: 'instances/running/raiseEvent/Approve', body: 'x', contentType: 'text/plain', want: 400 },
    { name: 'raise an event on a completed instance', method: 'POST', path: 'instances/done/raiseEvent/Approve', body: '{}', contentType: 'application/json', want: 410 },
    { name: 'raise an event on an unknown instance', method: 'POST', path: 'instances/ghost/raiseEvent/Approve', body: '{}', contentType: 'application/json', want: 404 },
    { name: 'terminate', method: 'POST', path: 'instances/running/terminate', query: 'reason=stop', want: 202 },
    { name: 'terminate a completed instance', method: 'POST', path: 'instances/done/terminate', want: 410 },
    { name: 'suspend an unknown instance', method: 'POST', path: 'instances/ghost/suspend', want: 404 },
    { name: 'resume', method: 'POST', path: 'instances/suspended/resume', want: 202 },
    { name: 'restart', method: 'POST', path: 'instances/done/restart', want: 202 },
    { name: 'restart an unknown instance', method: 'POST', path: 'instances/ghost/restart', want: 404 },
    { name: 'purge one', method: 'DELETE', path: 'instances/done', want: 200 },
    { name: 'purge an unknown instance', method: 'DELETE', path: 'instances/ghost', want: 404 },
    { name: 'purge by filter without createdTimeFrom', method: 'DELETE', path: 'instances/', want: 400 },
    { name: 'purge by filter matching nothing', method: 'DELETE', path: 'instances/', query: 'createdTimeFrom=2026-01-01T00:00:00Z', want: 404 },
    { name: 'query with a bad date', method: 'GET', path: 'instances/', query: 'createdTimeFrom=yesterday', want: 400 },
    { name: 'query', method: 'GET', path: 'instances/', want: 200 },
  ])('$name → $want', async ({ method, path, body, contentType, query, want }) => {
    const answer = await call(fakeEngine(instances), method, path, { ...(body ? { body } : {}), ...(contentType ? { contentType } : {}), ...(query ? { query } : {}) });
    expect(answer.status).toBe(want);
  });

  it('answers a start with the check-status payload, Location and Retry-After', async () => {
    const engine = fakeEngine({});
    const answer = await call(engine, 'POST', 'orchestrators/hello/run%201', { body: '"input"' });
    const base = 'http://localhost:7071/runtime/webhooks/durabletask/instances/run%201';
    expect({ status: answer.status, location: answer.headers?.location, retryAfter: answer.headers?.['retry-after'], body: JSON.parse(answer.body ?? '{}') as unknown, calls: engine.calls }).toEqual({
      status: 202,
      location: `${base}?taskHub=Hub&connection=Storage&code=sys`,
      retryAfter: '10',
      body: expect.objectContaining({ id: 'run 1', statusQueryGetUri: `${base}?taskHub=Hub&connection=Storage&code=sys`, sendEventPostUri: `${base}/raiseEvent/{eventName}?taskHub=Hub&connection=Storage&code=sys` }),
      calls: ['start run 1 "input"'],
    });
  });

  it('always sends the continuation header on queries, empty on the last page', async () => {
    const answer = await call(fakeEngine({ a1: 'Running', a2: 'Completed', b1: 'Running' }), 'GET', 'instances/', { query: 'instanceIdPrefix=a' });
    expect({ header: answer.headers?.['x-ms-continuation-token'], ids: (JSON.parse(answer.body ?? '[]') as InstanceStatus[]).map((s) => s.instanceId) }).toEqual({ header: '', ids: ['a1', 'a2'] });
  });
});
