import { checkStatusPayload, type LinkSettings } from './check-status-links.js';
import type { DurableManagement, InstanceOperationResult } from './management.js';

/** A request to the Durable HTTP API, with the path relative to its base (`instances/...`). */
export interface DurableApiRequest {
  method: string;
  /** The full request URL (for `Location` on status answers and for the query). */
  url: URL;
  /** The path after the base, without a leading slash: `orchestrators/Name`, `instances/id`, ... */
  path: string;
  headers: Record<string, string | undefined>;
  body: string;
}

/** A plain HTTP answer. */
export interface DurableApiResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** Errors the engine raises with a `code` the API maps to a status. */
const errorStatus: Record<string, number> = { UnknownFunction: 400, InstanceExists: 409, InvalidInput: 400 };

const json = (status: number, value: unknown, headers: Record<string, string> = {}): DurableApiResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(value),
});
const message = (status: number, text: string): DurableApiResponse => ({ status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: text });
const runningStatuses = new Set(['Pending', 'Running', 'ContinuedAsNew', 'Suspended']);

const flag = (url: URL, name: string, fallback: boolean): boolean => {
  const value = url.searchParams.get(name);
  return value === null ? fallback : value.toLowerCase() === 'true';
};

/** Parses an optional date query parameter; throws a 400-mapped error naming it when invalid. */
function dateParam(url: URL, name: string): Date | undefined {
  const value = url.searchParams.get(name);
  if (value === null || value === '') return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw Object.assign(new Error(`Query parameter "${name}" is not a date: "${value}".`), { code: 'InvalidInput' });
  return date;
}

const statusesParam = (url: URL): string[] | undefined => {
  const value = url.searchParams.get('runtimeStatus');
  return value ? value.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
};

/** Parses a JSON body; an empty body is "no input". Throws a 400-mapped error when it is not JSON. */
function jsonBody(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    throw Object.assign(new Error('The request body is not valid JSON.'), { code: 'InvalidInput' });
  }
}

const operationAnswer = (result: InstanceOperationResult, instanceId: string): DurableApiResponse =>
  result === 'ok' ? { status: 202 } : result === 'notFound' ? message(404, `No instance with ID '${instanceId}' was found.`) : message(410, `Instance '${instanceId}' has already completed.`);

/**
 * The Durable extension's HTTP API (`HttpApiHandler`) over an engine: the same routes serve the
 * public webhook (`/runtime/webhooks/durabletask/`) and the keyless loopback RPC listener.
 */
export function createDurableHttpApi(engine: DurableManagement, links: () => LinkSettings) {
  const checkStatus = (instanceId: string, status = 202): DurableApiResponse => {
    const payload = checkStatusPayload(links(), instanceId);
    return json(status, payload, { location: payload.statusQueryGetUri, 'retry-after': '10' });
  };

  async function waitForCompletion(instanceId: string, url: URL): Promise<DurableApiResponse> {
    const timeoutMs = Number(url.searchParams.get('timeout') ?? 10) * 1000;
    const intervalMs = Math.max(50, Number(url.searchParams.get('pollingInterval') ?? 1) * 1000);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await engine.getStatus(instanceId, { showInput: false });
      if (status && !runningStatuses.has(status.runtimeStatus)) {
        return status.runtimeStatus === 'Completed' ? json(200, status.output) : json(200, status);
      }
      if (Date.now() + intervalMs > deadline) return checkStatus(instanceId);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }

  async function route(request: DurableApiRequest): Promise<DurableApiResponse> {
    const { method, url } = request;
    const segments = request.path.split('/').filter((s) => s !== '').map(decodeURIComponent);
    const [collection, id, action, argument] = segments;

    if (collection === 'orchestrators' && method === 'POST' && id && segments.length <= 3) {
      const instanceId = await engine.startNew(id, { ...(action ? { instanceId: action } : {}), input: jsonBody(request.body) });
      return url.searchParams.has('timeout') ? waitForCompletion(instanceId, url) : checkStatus(instanceId);
    }
    if (collection !== 'instances') return message(404, 'No such Durable API route.');

    if (!id) {
      const filter = { createdTimeFrom: dateParam(url, 'createdTimeFrom'), createdTimeTo: dateParam(url, 'createdTimeTo'), runtimeStatus: statusesParam(url), instanceIdPrefix: url.searchParams.get('instanceIdPrefix') ?? undefined };
      if (method === 'GET') {
        const top = Number(url.searchParams.get('top') ?? 0);
        const page = await engine.query({ ...filter, showInput: flag(url, 'showInput', true), ...(top > 0 ? { top } : {}), continuationToken: request.headers['x-ms-continuation-token'] || undefined });
        return json(200, page.instances, { 'x-ms-continuation-token': page.continuationToken ?? '' });
      }
      if (method === 'DELETE') {
        if (!filter.createdTimeFrom) return message(400, 'Query parameter "createdTimeFrom" is required to purge by filter.');
        const deleted = await engine.purgeBy({ ...filter, createdTimeFrom: filter.createdTimeFrom });
        return deleted === 0 ? message(404, 'No instances matched.') : json(200, { instancesDeleted: deleted });
      }
      return message(405, 'Method not allowed.');
    }

    if (!action) {
      if (method === 'GET') {
        const status = await engine.getStatus(id, { showHistory: flag(url, 'showHistory', false), showHistoryOutput: flag(url, 'showHistoryOutput', false), showInput: flag(url, 'showInput', true) });
        if (!status) return message(404, `No instance with ID '${id}' was found.`);
        if (runningStatuses.has(status.runtimeStatus)) return json(202, status, { location: url.toString(), 'retry-after': '5' });
        const failedAs500 = status.runtimeStatus === 'Failed' && flag(url, 'returnInternalServerErrorOnFailure', false);
        return json(failedAs500 ? 500 : 200, status);
      }
      if (method === 'DELETE') {
        const deleted = await engine.purge(id);
        return deleted === 0 ? message(404, `No instance with ID '${id}' was found.`) : json(200, { instancesDeleted: deleted });
      }
      return message(405, 'Method not allowed.');
    }
    if (method !== 'POST') return message(405, 'Method not allowed.');
    const reason = url.searchParams.get('reason') ?? '';
    switch (action) {
      case 'raiseEvent': {
        if (!argument) return message(400, 'An event name is required.');
        if (!(request.headers['content-type'] ?? '').toLowerCase().includes('application/json')) return message(400, 'The event data must be sent as application/json.');
        const data = jsonBody(request.body);
        return operationAnswer(await engine.raiseEvent(id, argument, data ?? null), id);
      }
      case 'terminate':
        return operationAnswer(await engine.terminate(id, reason), id);
      case 'suspend':
        return operationAnswer(await engine.suspend(id, reason), id);
      case 'resume':
        return operationAnswer(await engine.resume(id, reason), id);
      case 'restart': {
        const restarted = await engine.restart(id, { restartWithNewInstanceId: flag(url, 'restartWithNewInstanceId', true) });
        if (!restarted) return message(404, `No instance with ID '${id}' was found.`);
        return url.searchParams.has('timeout') ? waitForCompletion(restarted, url) : checkStatus(restarted);
      }
      default:
        return message(404, `Operation '${action}' is not served by this host.`);
    }
  }

  return async (request: DurableApiRequest): Promise<DurableApiResponse> => {
    try {
      return await route(request);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      const status = typeof code === 'string' ? errorStatus[code] : undefined;
      if (status) return message(status, (error as Error).message);
      throw error;
    }
  };
}
