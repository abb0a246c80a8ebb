import { ClientSecretCredential } from '@azure/identity';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmbedded, type Embedded } from '../../local/embedded/start-embedded.js';
import type { ArmEmulator } from '../../local/emulators/arm/arm-emulator.js';
import { silentLogger } from '../../local/host/logger.js';
import { devClients, type DevClient } from '../../local/identity/dev-clients.js';
import { childSegments } from '../../shared/arm/resource-id.js';
import { listAll } from '../../shared/fleet-api/api-context.js';
import { fleetTableName } from '../../shared/store/default-store.js';
import type { FleetStore } from '../../shared/store/fleet-store.js';
import { createTableFleetStore } from '../../shared/store/table-fleet-store.js';
import { seedTestCa } from '../test-ca.js';

/** The repository root: the product app the stack serves. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The subscription every Fleet API test works in (the official client requires a UUID). */
export const subscriptionId = '00000000-0000-4000-8000-0000000f1ee7';
/** The api-version of `@azure/arm-containerservicefleet@2.0.0`. */
export const gaApiVersion = '2025-03-01';
/** The newest api-version we serve. */
export const latestApiVersion = '2026-06-02-preview';
/** The scope local tokens are requested for. */
export const armScope = 'https://management.azure.com/.default';

/** The documented dev clients by role set, as the authorization tests name them. */
export const clientNames = { admin: 'fleet-admin', reader: 'fleet-reader', operator: 'fleet-operator', approver: 'fleet-approver', noRoles: 'durable-fleet-app' } as const;

/** The ARM id of a resource group's fleet (and, with `child`, of one of its children). */
export const armId = (resourceGroup: string, fleet: string, child = ''): string =>
  `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/fleets/${fleet}${child ? `/${child}` : ''}`;

/** The emulated AKS of the stack this worker runs (set by {@link startFleetApi}). */
let emulatedAks: ArmEmulator | undefined;
const registered = new Set<string>();

/**
 * The ARM id of an AKS cluster, as members reference it. Members only join existing clusters, so
 * this also makes sure the stack's emulated AKS has that cluster (a small one in eastus).
 */
export const clusterId = (name: string): string => {
  const id = `/subscriptions/${subscriptionId}/resourceGroups/aks/providers/Microsoft.ContainerService/managedClusters/${name}`;
  if (emulatedAks && !registered.has(id.toLowerCase())) {
    emulatedAks.admin.addCluster({ subscriptionId, resourceGroup: 'aks', name, location: 'eastus', kubernetesVersion: '1.32.3', pools: [{ name: 'system', mode: 'System', osSku: 'Ubuntu', count: 1, nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202610.15.0' }] });
    registered.add(id.toLowerCase());
  }
  return id;
};

/** What a plain HTTP call to the Fleet API answered. */
export interface ArmAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body (a non-JSON body is kept as its text). */
  body: unknown;
}

/** Options of {@link FleetApiStack.call}. */
export interface CallOptions {
  /** A bearer token; `null` sends none. Default: the admin's token. */
  token?: string | null;
  body?: unknown;
  /** Sent as is (no JSON encoding). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Default: the newest api-version; `null` sends none. */
  apiVersion?: string | null;
}

/** The running stack (token issuer, ARM emulator, host with the product app) and ways to call it. */
export interface FleetApiStack {
  embedded: Embedded;
  /** `https://localhost:{port}`. */
  origin: string;
  /** The store the app writes to (same Azurite table), for seeding and snapshots. */
  store: FleetStore;
  /** A credential of a dev client, against the local issuer. */
  credential(name: string): ClientSecretCredential;
  /** A token of a dev client (cached per client). */
  token(name: string): Promise<string>;
  /** One request to `path` (below the origin; may carry its own query) with JSON in and out. */
  call(method: string, path: string, options?: CallOptions): Promise<ArmAnswer>;
  dispose(): Promise<void>;
}

const devClient = (name: string): DevClient => {
  const client = devClients.find((c) => c.displayName === name);
  if (!client) throw new Error(`No dev client named '${name}'.`);
  return client;
};

/**
 * Starts the embedded stack in this worker for the product app at the repository root: in-memory
 * Azurite and durable store, a throw-away data folder trusting the test CA, free ports. With
 * `trustAppServiceAuth: false` the app runs in key mode (set before the app's modules load, so
 * a key-mode test needs its own file).
 */
export async function startFleetApi(options: { trustAppServiceAuth?: boolean } = {}): Promise<FleetApiStack> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'durable-fleet-api-'));
  await seedTestCa(dataDir);
  process.env.TRUST_APP_SERVICE_AUTH = options.trustAppServiceAuth === false ? 'false' : 'true';
  process.env.AzureWebJobsStorage = 'UseDevelopmentStorage=true';
  process.env.TASKHUB_NAME ??= 'FleetApiTestHub';
  const embedded = await startEmbedded({
    appRoot: repoRoot,
    dataDir,
    port: 0,
    httpsPort: 0,
    identityPort: 0,
    armPort: 0,
    inMemoryStorage: true,
    durableStore: 'memory',
    logger: silentLogger,
  });
  emulatedAks = embedded.arm;
  registered.clear();
  const connectionString = process.env.AzureWebJobsStorage;
  if (!connectionString) throw new Error('The host did not set AzureWebJobsStorage.');
  const store = await createTableFleetStore({ connectionString, tableName: fleetTableName });
  const origin = embedded.host.httpsUrl;
  const credentials = new Map<string, ClientSecretCredential>();
  const tokens = new Map<string, Promise<string>>();
  const credential = (name: string): ClientSecretCredential => {
    const client = devClient(name);
    const found = credentials.get(name) ?? new ClientSecretCredential(embedded.issuer.tenantId, client.clientId, client.clientSecret, { authorityHost: embedded.issuer.authorityHost, disableInstanceDiscovery: true });
    credentials.set(name, found);
    return found;
  };
  const token = (name: string): Promise<string> => {
    const found = tokens.get(name) ?? credential(name).getToken(armScope).then((t) => t.token);
    tokens.set(name, found);
    return found;
  };
  const call = async (method: string, target: string, callOptions: CallOptions = {}): Promise<ArmAnswer> => {
    const url = new URL(target, origin);
    const apiVersion = callOptions.apiVersion === undefined ? latestApiVersion : callOptions.apiVersion;
    if (apiVersion !== null && !url.searchParams.has('api-version')) url.searchParams.set('api-version', apiVersion);
    const bearer = callOptions.token === undefined ? await token(clientNames.admin) : callOptions.token;
    const bodyText = callOptions.rawBody ?? (callOptions.body === undefined ? undefined : JSON.stringify(callOptions.body));
    const response = await fetch(url, {
      method,
      headers: {
        ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
        ...(bodyText === undefined ? {} : { 'content-type': 'application/json' }),
        ...callOptions.headers,
      },
      ...(bodyText === undefined ? {} : { body: bodyText }),
    });
    const text = await response.text();
    let body: unknown = text === '' ? undefined : text;
    try {
      if (text !== '') body = JSON.parse(text) as unknown;
    } catch {
      // kept as text: the assertions say what they expected
    }
    return { status: response.status, headers: response.headers, body };
  };
  return {
    embedded,
    origin,
    store,
    credential,
    token,
    call,
    dispose: async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Every document of the given subscriptions' fleets and of their children, as `id → etag`, read
 * through the store's list: equal snapshots mean nothing was written.
 */
export async function snapshotStore(store: FleetStore, subscriptions: readonly string[] = [subscriptionId]): Promise<Map<string, string>> {
  const snapshot = new Map<string, string>();
  for (const subscription of subscriptions) {
    for (const fleet of await listAll<{ id: string }>(store, { kind: 'fleet', subscriptionId: subscription })) {
      snapshot.set(fleet.value.id, fleet.etag);
      for (const kind of Object.keys(childSegments) as (keyof typeof childSegments)[]) {
        for (const child of await listAll<{ id: string }>(store, { kind, fleetId: fleet.value.id })) snapshot.set(child.value.id, child.etag);
      }
    }
  }
  return snapshot;
}

/** True when `body` is ARM's error body: `{"error":{"code","message"}}` with string fields. */
export function isArmErrorBody(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === 'string' && code !== '' && typeof message === 'string';
}

/** The `error.code` of an ARM error body (undefined otherwise). */
export const errorCode = (body: unknown): string | undefined => (isArmErrorBody(body) ? (body as { error: { code: string } }).error.code : undefined);
