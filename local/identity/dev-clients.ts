/**
 * The local token issuer's development clients: well-known ids and secrets for one machine,
 * like Azurite's development account. They exist only on the local issuer; on Azure the same
 * roles come from Entra app roles and App Service authentication. Documented in
 * `docs/local-identity.md`.
 */

/** The roles the Fleet API authorizes (Reader, Operator, Approver). */
export const fleetRoles = ['Reader', 'Operator', 'Approver'] as const;
/** One of {@link fleetRoles}. */
export type FleetRole = (typeof fleetRoles)[number];

/** A client that may obtain tokens with the client-credentials grant. */
export interface DevClient {
  clientId: string;
  clientSecret: string;
  /** The service principal's object id (`oid`). */
  objectId: string;
  displayName: string;
  roles: FleetRole[];
}

/** The development tenant every local token is issued in. */
export const devTenantId = '0d0f1ee7-0000-4000-8000-00000000f1ee';

/** The documented development clients. */
export const devClients: readonly DevClient[] = [
  { clientId: '11111111-0000-4000-8000-00000000000a', clientSecret: 'dev-admin-secret', objectId: '21111111-0000-4000-8000-00000000000a', displayName: 'fleet-admin', roles: ['Reader', 'Operator', 'Approver'] },
  { clientId: '11111111-0000-4000-8000-00000000000b', clientSecret: 'dev-reader-secret', objectId: '21111111-0000-4000-8000-00000000000b', displayName: 'fleet-reader', roles: ['Reader'] },
  { clientId: '11111111-0000-4000-8000-00000000000c', clientSecret: 'dev-operator-secret', objectId: '21111111-0000-4000-8000-00000000000c', displayName: 'fleet-operator', roles: ['Reader', 'Operator'] },
  { clientId: '11111111-0000-4000-8000-00000000000d', clientSecret: 'dev-approver-secret', objectId: '21111111-0000-4000-8000-00000000000d', displayName: 'fleet-approver', roles: ['Reader', 'Approver'] },
  { clientId: '11111111-0000-4000-8000-00000000000e', clientSecret: 'dev-app-secret', objectId: '21111111-0000-4000-8000-00000000000e', displayName: 'durable-fleet-app', roles: [] },
];

/** The client durable-fleet itself uses locally to call the ARM emulator (its "managed identity"). */
export const appClient = devClients.find((c) => c.displayName === 'durable-fleet-app') as DevClient;
