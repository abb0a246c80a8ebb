import { ClientSecretCredential } from '@azure/identity';
import type { Embedded } from '../../local/embedded/start-embedded.js';
import type { VirtualClock } from '../../local/host/clock.js';
import { devClients } from '../../local/identity/dev-clients.js';

/** What the Fleet API answered. */
export interface Answer {
  status: number;
  body: unknown;
}

/** Throws with the answer when its status is not one of `wanted`. */
export const expectStatus = (answer: Answer, wanted: number[], what: string): void => {
  if (!wanted.includes(answer.status)) throw new Error(`${what}: expected ${wanted.join(' or ')}, got ${answer.status} ${JSON.stringify(answer.body)}`);
};

/** Calls the embedded host's Fleet API as the `fleet-admin` dev client (a bearer token from the local issuer). */
export async function adminCaller(embedded: Embedded, apiVersion: string): Promise<(method: string, target: string, body?: unknown) => Promise<Answer>> {
  const admin = devClients.find((c) => c.displayName === 'fleet-admin');
  if (!admin) throw new Error('No fleet-admin dev client.');
  const credential = new ClientSecretCredential(embedded.issuer.tenantId, admin.clientId, admin.clientSecret, { authorityHost: embedded.issuer.authorityHost, disableInstanceDiscovery: true });
  const token = (await credential.getToken('https://management.azure.com/.default')).token;
  return async (method, target, body) => {
    const url = new URL(target, embedded.host.httpsUrl);
    url.searchParams.set('api-version', apiVersion);
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  };
}

/**
 * Drives virtual time: the returned `driveUntil` settles the stack, checks `done`, and otherwise
 * advances the clock to the next durable timer (which the engine's timer loop sleeps on once it is idle).
 */
export function clockDriver(clock: VirtualClock, settle: () => Promise<void>): (what: string, done: () => Promise<boolean>, maxWakes?: number) => Promise<void> {
  const nextWake = async (): Promise<Date | undefined> => {
    await clock.whenSleeping(1, 250).catch(() => undefined);
    return clock.nextWake;
  };
  return async (what, done, maxWakes = 400) => {
    for (let wakes = 0; ; wakes++) {
      await settle();
      if (await done()) return;
      const next = await nextWake();
      if (!next) throw new Error(`Waiting for ${what}, but nothing is left to wake (at ${clock.now().toISOString()}).`);
      if (wakes >= maxWakes) throw new Error(`Still waiting for ${what} after ${maxWakes} wakes (at ${clock.now().toISOString()}).`);
      await clock.advanceTo(next);
    }
  };
}
