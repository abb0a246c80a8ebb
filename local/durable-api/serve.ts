import { createServer, type IncomingMessage } from 'node:http';
import { closeServer, listen } from '../net.js';
import type { DurableApiRequest, DurableApiResponse } from './http-api.js';

/** The Durable HTTP API as a function of one request. */
export type DurableApi = (request: DurableApiRequest) => Promise<DurableApiResponse>;

const webhookBase = '/runtime/webhooks/durabletask/';
const rpcBase = '/durabletask/';

const headersOf = (request: IncomingMessage): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));

/** Adapts the API to the host's `/runtime/webhooks/durabletask/...` route (key checked by the host). */
export function durableWebhook(api: DurableApi) {
  return (request: IncomingMessage, url: URL, body: Buffer): Promise<DurableApiResponse> =>
    api({ method: request.method ?? 'GET', url, path: url.pathname.slice(webhookBase.length - 1).replace(/^\/+/, ''), headers: headersOf(request), body: body.toString('utf8') });
}

/** The keyless loopback listener that `rpcBaseUrl` points at. */
export interface RpcListener {
  port: number;
  /** `http://127.0.0.1:{port}/durabletask/` */
  baseUrl: string;
  close(): Promise<void>;
}


/**
 * Starts the loopback RPC listener as the extension does: on `preferredPort` (17071 by default),
 * or, when that is taken, on a free port in 30000–31000. Port 0 takes any free port.
 */
export async function startRpcListener(api: DurableApi, preferredPort: number): Promise<RpcListener> {
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', `http://${request.headers.host ?? '127.0.0.1'}`);
      if (!url.pathname.startsWith(rpcBase)) {
        response.statusCode = 404;
        response.end();
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      try {
        const answer = await api({ method: request.method ?? 'GET', url, path: url.pathname.slice(rpcBase.length), headers: headersOf(request), body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(answer.status, answer.headers ?? {});
        response.end(answer.body ?? '');
      } catch {
        response.statusCode = 500;
        response.end();
      }
    })();
  });
  const candidates = [preferredPort, ...Array.from({ length: 20 }, () => 30000 + Math.floor(Math.random() * 1000)), 0];
  let port: number | undefined;
  for (const candidate of candidates) {
    try {
      port = await listen(server, candidate);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  if (port === undefined) throw new Error('No free port for the Durable RPC listener.');
  return {
    port,
    baseUrl: `http://127.0.0.1:${port}${rpcBase}`,
    close: () => closeServer(server),
  };
}
