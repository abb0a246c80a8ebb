import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerAbuseProtection, handleEventGridPost, type WebhookResponse } from './event-grid-webhook.js';
import type { FunctionIndex, HttpRoute } from './function-index.js';
import { fromRpcHttpResponse, toRpcHttpRequest, flattenHeaders } from './http-rpc.js';
import { keyLevel, presentedKey, type HostKeys, type KeyLevel } from './keys.js';
import type { Logger } from './logger.js';
import type { Invoker } from './invoker.js';
import type { TokenValidator } from '../identity/token-validator.js';
import { applyAppServiceAuth } from './app-service-auth.js';

/** A handler for a `/runtime/webhooks/{extension}` route an extension contributes. */
export type WebhookHandler = (request: IncomingMessage, url: URL, body: Buffer, level: KeyLevel) => Promise<WebhookResponse>;

/** What the request handler serves from. */
export interface RequestContext {
  index: FunctionIndex;
  keys: HostKeys;
  invoker: Invoker;
  logger: Logger;
  /** Body of `GET /admin/host/status`. */
  status(): Record<string, unknown>;
  /** Extension webhooks by lower-case extension name (`eventgrid` is built in). */
  webhooks: Map<string, { systemKey: string; handle: WebhookHandler }>;
  /** When set, the host plays App Service authentication with this token validator. */
  appServiceAuth?: TokenValidator;
}

const maxBodyBytes = 100 * 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw Object.assign(new Error('Request body too large.'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, answer: WebhookResponse | { status: number; headers: [string, string][]; body: Buffer }): void {
  const headers = Array.isArray(answer.headers) ? answer.headers : Object.entries(answer.headers ?? {});
  for (const [name, value] of headers) response.appendHeader(name, value);
  response.statusCode = answer.status;
  response.end(answer.body ?? '');
}

const jsonAnswer = (status: number, value: unknown): WebhookResponse => ({ status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(value) });
const unauthorized: WebhookResponse = { status: 401 };
const notFound: WebhookResponse = { status: 404 };

const allowed = (route: HttpRoute, level: KeyLevel): boolean =>
  route.authLevel === 'anonymous' || (route.authLevel === 'function' && level !== 'none') || level === 'admin';

/** Builds the request listener shared by the HTTP and HTTPS servers. */
export function createRequestHandler(ctx: RequestContext) {
  async function admin(request: IncomingMessage, url: URL, body: Buffer, level: KeyLevel): Promise<WebhookResponse> {
    const path = url.pathname.toLowerCase();
    if (path === '/admin/host/ping') return { status: 200 };
    if (level !== 'admin') return unauthorized;
    if (path === '/admin/host/status' && request.method === 'GET') return jsonAnswer(200, ctx.status());
    const systemKey = /^\/admin\/host\/systemkeys\/([^/]+)$/.exec(path);
    if (systemKey && request.method === 'GET') {
      const name = decodeURIComponent(systemKey[1] as string);
      const value = ctx.keys.systemKeys[name];
      return value ? jsonAnswer(200, { name, value }) : notFound;
    }
    if (path === '/admin/functions' && request.method === 'GET') {
      return jsonAnswer(200, [...ctx.invoker.registry.functions.values()].map((fn) => ({ name: fn.metadata.name, config: { bindings: Object.entries(fn.metadata.bindings).map(([name, b]) => ({ name, ...b })) } })));
    }
    const invoke = /^\/admin\/functions\/([^/]+)$/.exec(path);
    if (invoke && request.method === 'POST') {
      // "Run a non HTTP-triggered function": body {"input": "..."}; answers 202 and runs it.
      const fn = ctx.invoker.registry.get(decodeURIComponent(invoke[1] as string));
      if (!fn) return notFound;
      const input = body.length ? (JSON.parse(body.toString('utf8')) as { input?: unknown }).input : undefined;
      void ctx.invoker.invokeTrigger(fn, { string: typeof input === 'string' ? input : JSON.stringify(input ?? null) }).catch(() => undefined);
      return { status: 202 };
    }
    return notFound;
  }

  async function webhook(request: IncomingMessage, url: URL, body: Buffer, presented: string | undefined): Promise<WebhookResponse> {
    const [, , , extension = ''] = url.pathname.split('/');
    const name = extension.toLowerCase();
    if (name === 'eventgrid') {
      const level = keyLevel(ctx.keys, presented, 'eventgrid_extension');
      if (level !== 'system' && level !== 'admin') return unauthorized;
      const target = ctx.index.eventGrid.get((url.searchParams.get('functionName') ?? '').toLowerCase());
      if (!target) return notFound;
      const webhookRequest = { method: request.method ?? 'POST', headers: flattenHeaders(request.headers), body: body.toString('utf8') };
      if (request.method === 'OPTIONS') return answerAbuseProtection(webhookRequest);
      if (request.method !== 'POST') return { status: 405 };
      return handleEventGridPost(webhookRequest, async (event) => {
        await ctx.invoker.invokeTrigger(target.fn, { json: JSON.stringify(event) });
      });
    }
    const contributed = ctx.webhooks.get(name);
    if (!contributed) return notFound;
    const level = keyLevel(ctx.keys, presented, contributed.systemKey);
    if (level !== 'system' && level !== 'admin') return unauthorized;
    return contributed.handle(request, url, body, level);
  }

  async function httpTrigger(request: IncomingMessage, url: URL, body: Buffer, level: KeyLevel): Promise<WebhookResponse | { status: number; headers: [string, string][]; body: Buffer }> {
    const method = (request.method ?? 'GET').toUpperCase();
    for (const route of ctx.index.http) {
      const params = route.route.match(url.pathname);
      if (!params || (route.methods.size > 0 && !route.methods.has(method))) continue;
      if (!allowed(route, level)) return unauthorized;
      const rpc = toRpcHttpRequest(method, url, request.headers, body, params);
      try {
        const outcome = await ctx.invoker.invokeTrigger(route.fn, { http: rpc });
        return fromRpcHttpResponse(outcome.response, route.outputBinding);
      } catch (error) {
        ctx.logger.log('error', `Function.${route.fn.metadata.name}`, `Executed with an error: ${(error as Error)?.stack ?? String(error)}`);
        return { status: 500 };
      }
    }
    return notFound;
  }

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      const scheme = (request.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
      const url = new URL(request.url ?? '/', `${scheme}://${request.headers.host ?? 'localhost'}`);
      const body = await readBody(request);
      const presented = presentedKey(request.headers, url);
      const level = keyLevel(ctx.keys, presented);
      const path = url.pathname.toLowerCase();
      if (path.startsWith('/admin/')) send(response, await admin(request, url, body, level));
      else if (path.startsWith('/runtime/webhooks/')) send(response, await webhook(request, url, body, presented));
      else {
        if (ctx.appServiceAuth) {
          const outcome = await applyAppServiceAuth(request.headers, ctx.appServiceAuth);
          if (outcome.kind === 'rejected') {
            ctx.logger.log('warning', 'AppServiceAuth', `Rejected a bearer token: ${outcome.reason}`);
            send(response, { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } });
            return;
          }
        }
        send(response, await httpTrigger(request, url, body, level));
      }
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500;
      ctx.logger.log('error', 'Host', `Request failed: ${(error as Error)?.message ?? String(error)}`);
      if (!response.headersSent) send(response, { status });
      else response.destroy();
    }
  };
}
