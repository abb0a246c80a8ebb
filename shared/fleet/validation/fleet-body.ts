/** Request bodies of `PUT` and `PATCH` on `fleets/{name}` (reference §1.1). */
import { z } from 'zod';
import type { Fleet, FleetHubProfile, ManagedServiceIdentity } from '../models.js';
import { sameArmId } from './arm-ids.js';
import { identitySchema } from './identity.js';
import { matching, readOnly, resourceEnvelope, tagsSchema } from './schemas.js';
import { invalid, parseWith } from './to-arm-error.js';

const dnsPrefix = /^[a-zA-Z0-9]$|^[a-zA-Z0-9][a-zA-Z0-9-]{0,52}[a-zA-Z0-9]$/;
const subnetId = matching(
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+\/subnets\/[^/]+$/i,
  'it must be a subnet resource id (…/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet})',
);

const hubProfileSchema = z.strictObject({
  dnsPrefix: z.string().min(1).max(54).pipe(matching(dnsPrefix, "it must be letters, digits and '-', starting and ending with a letter or digit")).optional(),
  apiServerAccessProfile: z.strictObject({ enablePrivateCluster: z.boolean().optional(), enableVnetIntegration: z.boolean().optional(), subnetId: subnetId.optional() }).optional(),
  agentProfile: z.strictObject({ subnetId: subnetId.optional(), vmSize: z.string().min(1).optional() }).optional(),
  fqdn: readOnly,
  kubernetesVersion: readOnly,
  portalFqdn: readOnly,
});

/** An Azure region name (`eastus`, `East US 2`): it ends up in operation URLs, so it is bounded. */
const locationSchema = z.string().min(1).max(64).pipe(matching(/^[A-Za-z0-9]([A-Za-z0-9 -]*[A-Za-z0-9])?$/, "it must be an Azure region name: letters, digits, spaces and '-'"));

const fleetPutSchema = z.strictObject({
  ...resourceEnvelope,
  location: locationSchema,
  tags: tagsSchema.optional(),
  identity: identitySchema.optional(),
  properties: z.strictObject({ hubProfile: hubProfileSchema.optional(), provisioningState: readOnly, status: readOnly }).optional(),
});

const fleetPatchSchema = z.strictObject({ tags: tagsSchema.optional(), identity: identitySchema.optional() });

/** The validated content of a fleet PUT. */
export interface FleetPut {
  location: string;
  tags?: Record<string, string>;
  identity?: ManagedServiceIdentity;
  hubProfile?: FleetHubProfile;
}

const normalizeLocation = (location: string): string => location.replaceAll(' ', '').toLowerCase();

/** The writable hub settings, each with how to compare it. */
const hubFields: readonly { path: string; get: (h: FleetHubProfile) => string | boolean | undefined; id?: true }[] = [
  { path: 'dnsPrefix', get: (h) => h.dnsPrefix },
  { path: 'apiServerAccessProfile.enablePrivateCluster', get: (h) => h.apiServerAccessProfile?.enablePrivateCluster ?? false },
  { path: 'apiServerAccessProfile.enableVnetIntegration', get: (h) => h.apiServerAccessProfile?.enableVnetIntegration ?? false },
  { path: 'apiServerAccessProfile.subnetId', get: (h) => h.apiServerAccessProfile?.subnetId, id: true },
  { path: 'agentProfile.subnetId', get: (h) => h.agentProfile?.subnetId, id: true },
  { path: 'agentProfile.vmSize', get: (h) => h.agentProfile?.vmSize },
];

function assertHubUnchanged(requested: FleetHubProfile, stored: FleetHubProfile): void {
  for (const field of hubFields) {
    const [a, b] = [field.get(requested), field.get(stored)];
    const same = field.id && typeof a === 'string' && typeof b === 'string' ? sameArmId(a, b) : a === b;
    if (!same) throw invalid(`properties.hubProfile.${field.path}`, `'properties.hubProfile.${field.path}' cannot be changed after the fleet is created.`);
  }
}

/**
 * Validates a fleet PUT body. `location` is required; `tags` follow ARM's limits; `identity` is a
 * ManagedServiceIdentity; `hubProfile` follows the spec's patterns. On an existing fleet,
 * `location` (compared ignoring case and spaces) and an existing `hubProfile` are create-only:
 * a different value is rejected naming the field, an omitted `hubProfile` keeps the stored one,
 * and a hubless fleet may gain a hub. Read-only properties are accepted and ignored.
 */
export function parseFleetPut(body: unknown, existing: Fleet | undefined): FleetPut {
  const parsed = parseWith(fleetPutSchema, body, '');
  const { fqdn: _f, kubernetesVersion: _k, portalFqdn: _p, ...requestedHub } = parsed.properties?.hubProfile ?? {};
  const hubSent = parsed.properties?.hubProfile !== undefined;
  let { location } = parsed;
  let hubProfile: FleetHubProfile | undefined = hubSent ? requestedHub : undefined;
  if (existing) {
    if (normalizeLocation(location) !== normalizeLocation(existing.location)) {
      throw invalid('location', `'location' cannot be changed after the fleet is created (it is '${existing.location}').`);
    }
    location = existing.location;
    const stored = existing.properties.hubProfile;
    if (stored && hubProfile) assertHubUnchanged(hubProfile, stored);
    if (stored) hubProfile = stored;
  }
  return {
    location,
    ...(parsed.tags ? { tags: parsed.tags } : {}),
    ...(parsed.identity ? { identity: parsed.identity } : {}),
    ...(hubProfile ? { hubProfile } : {}),
  };
}

/**
 * Validates a fleet PATCH body: only `tags` (replacing all tags) and `identity` (replacing the
 * identity) may be sent; anything else is rejected naming the property.
 */
export function parseFleetPatch(body: unknown): { tags?: Record<string, string>; identity?: ManagedServiceIdentity } {
  const parsed = parseWith(fleetPatchSchema, body, '');
  return { ...(parsed.tags ? { tags: parsed.tags } : {}), ...(parsed.identity ? { identity: parsed.identity } : {}) };
}
