/**
 * A local Event Grid: an HTTPS server whose topics accept publishes as Azure Event Grid topics
 * do for the unchanged `EventGridPublisherClient` (endpoint `{url}/topics/{name}/api/events`),
 * and whose webhook subscriptions receive them with Event Grid's handshake, headers, retry
 * schedule (compressed by `speedFactor`, timed by `clock`), dead letters and chaos switches.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { closeServer, listen } from '../../net.js';
import type { PemPair } from '../../host/certificates.js';
import { SystemClock, type Clock } from '../../host/clock.js';
import type { OnKubernetesRelease } from '../arm/release-hook.js';
import { createEventGridAdmin, type EventGridEmulatorAdmin } from './admin-api.js';
import { adminRoute } from './admin-routes.js';
import { EventGridState } from './emulator-state.js';
import { eventGridError, type EmulatorResponse } from './eventgrid-errors.js';
import { handlePublish } from './publish-route.js';

/** How to run the emulator. */
export interface EventGridEmulatorOptions {
  /** The server certificate, issued from the local CA (`issueServerCertificate`). */
  tls: PemPair;
  /** 0 for a free port. */
  port: number;
  hostname?: string;
  /** Drives retries, hold-backs and response timeouts (default wall time); tests pass a VirtualClock. */
  clock?: Clock;
  /** How much faster than Event Grid the retry schedule and event time-to-live run (default 1). */
  speedFactor?: number;
  /** How long a delivery or handshake waits for an answer, on `clock` (default Event Grid's 30 s; not compressed). */
  responseTimeoutMs?: number;
}

/** A running emulator. */
export interface EventGridEmulator {
  /** `https://localhost:PORT`; topic endpoints are `{url}/topics/{name}/api/events`. */
  url: string;
  /** Topics, subscriptions, chaos, records (also served at `{url}/admin/...`). */
  admin: EventGridEmulatorAdmin;
  /** Pass as the ARM emulator's `onRelease`: releases become NewKubernetesVersionAvailable events on the AKS system topic. */
  onRelease: OnKubernetesRelease;
  close(): Promise<void>;
}

/** Bodies larger than this are not kept (the publish is refused with 413 anyway). */
const maxBodyBytes = 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= maxBodyBytes) chunks.push(chunk as Buffer);
  }
  return { text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > maxBodyBytes };
}

function send(response: ServerResponse, answer: EmulatorResponse): void {
  const body = answer.body === undefined ? '' : JSON.stringify(answer.body);
  response.writeHead(answer.status, { ...(body ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...answer.headers });
  response.end(body);
}

/** Starts the emulator with the AKS system topic (`aks-clusters`) and no other topics. */
export async function startEventGridEmulator(options: EventGridEmulatorOptions): Promise<EventGridEmulator> {
  const clock = options.clock ?? new SystemClock();
  const responseTimeoutMs = options.responseTimeoutMs ?? 30_000;
  let origin = '';
  const state = new EventGridState({ clock, speedFactor: options.speedFactor ?? 1, responseTimeoutMs, origin: () => origin });
  const admin = createEventGridAdmin(state, clock, () => origin, responseTimeoutMs);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    const method = request.method ?? 'GET';
    const body = await readBody(request);
    if (url.pathname.startsWith('/topics/')) return send(response, handlePublish(state, clock, { method, url, headers: request.headers, ...body }));
    if (url.pathname.startsWith('/eventsubscriptions/')) return send(response, eventGridError(400, 'BadRequest', 'The emulator supports only the synchronous validation handshake: answer the SubscriptionValidationEvent with {"validationResponse": code}.'));
    if (!url.pathname.startsWith('/admin/')) return send(response, eventGridError(404, 'NotFound', `Nothing answers at ${url.pathname}.`));
    let json: unknown;
    try {
      json = body.text ? (JSON.parse(body.text) as unknown) : undefined;
    } catch {
      return send(response, { status: 400, body: { error: { code: 'InvalidRequest', message: 'The request body is not valid JSON.' } } });
    }
    send(response, await adminRoute(admin, method, url, json));
  }

  const server = createServer({ key: options.tls.key, cert: options.tls.cert }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('Event Grid emulator: request failed', error);
      if (!response.headersSent) send(response, eventGridError(500, 'InternalServerError', 'The emulator failed to process the request.'));
    });
  });
  origin = `https://localhost:${await listen(server, options.port, options.hostname)}`;
  return {
    url: origin,
    admin,
    onRelease: (release) => void admin.publishKubernetesRelease(release),
    close: () => {
      state.close();
      return closeServer(server);
    },
  };
}
