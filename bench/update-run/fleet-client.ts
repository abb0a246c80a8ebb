import { ClientSecretCredential } from '@azure/identity';
import type { Embedded } from '../../local/embedded/start-embedded.js';
import { devClients } from '../../local/identity/dev-clients.js';

/** The Fleet API version the bench speaks (stage `maxConcurrency` needs 2026-02-01-preview or later). */
export const benchApiVersion = '2026-06-02-preview';

/** A Fleet API answer: status and parsed JSON body. */
export interface FleetAnswer {
  status: number;
  body: unknown;
}

/** Calls the Fleet API of an embedded host as `fleet-admin`. */
export type FleetCall = (method: string, resourcePath: string, body?: unknown) => Promise<FleetAnswer>;

/** A {@link FleetCall} with a bearer token for the documented `fleet-admin` dev client. */
export async function fleetClient(embedded: Embedded): Promise<FleetCall> {
  const admin = devClients.find((c) => c.displayName === 'fleet-admin');
  if (!admin) throw new Error('The fleet-admin dev client is not documented.');
  const credential = new ClientSecretCredential(embedded.issuer.tenantId, admin.clientId, admin.clientSecret, { authorityHost: embedded.issuer.authorityHost, disableInstanceDiscovery: true });
  const token = (await credential.getToken('https://management.azure.com/.default')).token;
  return async (method, resourcePath, body) => {
    const url = `${embedded.host.httpsUrl}${resourcePath}${resourcePath.includes('?') ? '&' : '?'}api-version=${benchApiVersion}`;
    const response = await fetch(url, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
}

/** Runs `work` for 0..total-1 with at most `concurrency` in flight. */
export async function inParallel(total: number, concurrency: number, work: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, async () => {
    while (next < total) await work(next++);
  }));
}

/** Throws with the answer's body unless its status is one of `ok`. */
export function expectStatus(answer: FleetAnswer, ok: number[], what: string): void {
  if (!ok.includes(answer.status)) throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
}
