import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import { closeServer, listen } from '../../net.js';
import { setTimeout as delay } from 'node:timers/promises';
import type { PemPair } from '../../host/certificates.js';
import { adminRoute, createAdmin, type ArmEmulatorAdmin } from './admin-api.js';
import { armError, badApiVersion, type ArmResponse } from './arm-errors.js';
import { armRoute, clusterKeyOf, type ArmContext } from './arm-routes.js';
import { takeRequestFault } from './cluster-faults.js';
import type { ClusterRecord } from './cluster-record.js';
import { EmulatorState } from './emulator-state.js';
import type { ArmFixture } from './fixture-schema.js';
import { loadFixture } from './load-fixture.js';
import { createCachingAuthenticator, type ArmAuthOptions } from './authenticate.js';
import type { OnKubernetesRelease } from './release-hook.js';

/** How to run the ARM emulator. */
export interface ArmEmulatorOptions {
  /** A validated fixture, or the path of a YAML/JSON fixture file. */
  fixture: ArmFixture | string;
  /** The server certificate, issued from the local CA (`issueServerCertificate`). */
  tls: PemPair;
  /** 0 for a free port. */
  port: number;
  hostname?: string;
  /** Validates bearer tokens, or the issuer's keys and `iss` (then the emulator's own origin is an accepted audience too). */
  tokenValidator: ArmAuthOptions;
  /** How much faster than AKS simulated operations run (default 60: an 8-minute control plane takes 8 s). */
  speedFactor?: number;
  /** The clock operations progress by (default `Date.now`); tests pass a virtual one. */
  clock?: { now(): number };
  /** The API server URL written into a cluster's kubeconfig (default its AKS-style FQDN). */
  kubeServerOf?: (cluster: { id: string; name: string; location: string }) => string;
  /** Told when an admin release adds a Kubernetes version to a region (e.g. to publish Event Grid events). */
  onRelease?: OnKubernetesRelease;
}

/** A running ARM emulator. */
export interface ArmEmulator {
  /** The ARM endpoint, e.g. `https://localhost:7445` (use as the SDK's `endpoint`). */
  url: string;
  /** Control surface: clusters, releases, faults, counters (also served at `{url}/admin/...`). */
  admin: ArmEmulatorAdmin;
  /** Number of clusters loaded. */
  clusterCount(): number;
  close(): Promise<void>;
}

const jsonHeaders = { 'content-type': 'application/json; charset=utf-8' };

async function readJson(request: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { ok: false };
  }
}

function send(response: ServerResponse, answer: ArmResponse): void {
  const body = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  response.writeHead(answer.status, { ...jsonHeaders, 'x-ms-request-id': randomUUID(), ...answer.headers });
  response.end(body);
}

/**
 * Starts an HTTPS server that speaks the Microsoft.ContainerService ARM surface durable-fleet
 * uses, over an in-memory fleet loaded from a fixture: bearer tokens required, api-version
 * required, async operations with `Azure-AsyncOperation`/`Location`/`Retry-After`, a busy
 * cluster answering 409, and per-cluster fault injection through `admin`.
 */
export async function startArmEmulator(options: ArmEmulatorOptions): Promise<ArmEmulator> {
  const fixture = typeof options.fixture === 'string' ? await loadFixture(options.fixture) : options.fixture;
  const clock = options.clock ?? { now: () => Date.now() };
  const state = new EmulatorState(fixture, () => clock.now());
  const admin = createAdmin(state, options.onRelease);
  let origin = '';
  const authenticate = createCachingAuthenticator(options.tokenValidator, () => origin, () => Date.now());
  const ctx: ArmContext = {
    state,
    get origin() {
      return origin;
    },
    now: () => clock.now(),
    speedFactor: options.speedFactor ?? 60,
    kubeServerOf: (c: ClusterRecord) => options.kubeServerOf?.(c) ?? `https://${c.name}-dns.hcp.${c.location}.azmk8s.io:443`,
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', origin);
    const method = request.method ?? 'GET';
    const body = await readJson(request);
    if (url.pathname.startsWith('/admin/')) return send(response, body.ok ? adminRoute(state, admin, method, url, body.value) : armError(400, { code: 'InvalidRequestContent', message: 'The request body is not valid JSON.' }));
    const auth = await authenticate(request.headers.authorization);
    if (auth) return send(response, auth);
    const apiVersion = url.searchParams.get('api-version');
    if (apiVersion === null || !/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(apiVersion)) return send(response, badApiVersion(apiVersion));
    if (!body.ok) return send(response, armError(400, { code: 'InvalidRequestContent', message: 'The request content was invalid and could not be deserialized.' }));
    const raw = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const segments = raw.map((s) => s.toLowerCase());
    const key = clusterKeyOf(ctx, segments);
    const faults = key === undefined ? undefined : state.faultsOf(key);
    if (faults?.latencyMs) await delay(faults.latencyMs);
    const fault = takeRequestFault(faults);
    if (fault.action === 'hang') return;
    if (fault.action === 'respond') return send(response, armError(fault.status, fault.error, fault.headers));
    const ifMatch = request.headers['if-match'];
    send(response, armRoute(ctx, { method, segments, raw, apiVersion, body: body.value }, typeof ifMatch === 'string' ? ifMatch : undefined));
  }

  const server = createServer({ key: options.tls.key, cert: options.tls.cert, keepAliveTimeout: 30_000 }, (request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('ARM emulator: request failed', error);
      if (!response.headersSent) send(response, armError(500, { code: 'InternalServerError', message: 'The emulator failed to process the request.' }));
    });
  });
  origin = `https://localhost:${await listen(server, options.port, options.hostname)}`;
  return {
    url: origin,
    admin,
    clusterCount: () => state.size,
    close: () => closeServer(server),
  };
}
