import { describe, expect, it } from 'vitest';
import { isArmError } from '../../shared/arm/arm-error.js';
import type { Fleet } from '../../shared/fleet/models.js';
import { parseFleetPatch, parseFleetPut } from '../../shared/fleet/validation/fleet-body.js';

const outcome = (run: () => unknown): unknown => {
  try {
    return run();
  } catch (e) {
    if (isArmError(e)) return { code: e.code, target: e.target };
    throw e;
  }
};
const bad = (target?: string) => ({ code: 'InvalidRequestContent', target });
const subnet = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/hub';
const uai = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id1';
const hub = { dnsPrefix: 'myfleet', apiServerAccessProfile: { enablePrivateCluster: false, enableVnetIntegration: true, subnetId: subnet }, agentProfile: { vmSize: 'Standard_D2s_v3' } };
const fleet = (extra: Partial<Fleet> = {}, hubProfile?: object): Fleet => ({
  id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/f',
  name: 'f',
  type: 'Microsoft.ContainerService/fleets',
  location: 'eastus',
  properties: { provisioningState: 'Succeeded', ...(hubProfile ? { hubProfile: { ...hubProfile, fqdn: 'f.hcp.eastus.azmk8s.io' } } : {}) },
  ...extra,
});
const tags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`t${i}`, 'v']));

describe('parseFleetPut', () => {
  it.each<{ name: string; input: { body: unknown; existing?: Fleet }; want: unknown }>([
    { name: 'hubless fleet', input: { body: { location: 'eastus' } }, want: { location: 'eastus' } },
    { name: 'tags and identity', input: { body: { location: 'eastus', tags: { env: 'prod' }, identity: { type: 'SystemAssigned' } } }, want: { location: 'eastus', tags: { env: 'prod' }, identity: { type: 'SystemAssigned' } } },
    { name: 'user-assigned identity drops read-only ids', input: { body: { location: 'eastus', identity: { type: 'UserAssigned', principalId: 'p', userAssignedIdentities: { [uai]: { clientId: 'c' } } } } }, want: { location: 'eastus', identity: { type: 'UserAssigned', userAssignedIdentities: { [uai]: {} } } } },
    { name: 'hub fleet', input: { body: { location: 'eastus', properties: { hubProfile: hub } } }, want: { location: 'eastus', hubProfile: hub } },
    { name: 'one-character dnsPrefix', input: { body: { location: 'eastus', properties: { hubProfile: { dnsPrefix: 'a' } } } }, want: { location: 'eastus', hubProfile: { dnsPrefix: 'a' } } },
    { name: '50 tags', input: { body: { location: 'eastus', tags: tags(50) } }, want: { location: 'eastus', tags: tags(50) } },
    { name: 'read-only envelope ignored', input: { body: { id: 'x', name: 'f', type: 't', systemData: {}, eTag: '"1"', location: 'eastus', properties: { provisioningState: 'Succeeded', status: {} } } }, want: { location: 'eastus' } },
    { name: 'existing fleet, same location spelled differently', input: { body: { location: 'East US', tags: { a: 'b' } }, existing: fleet() }, want: { location: 'eastus', tags: { a: 'b' } } },
    { name: 'existing hub fleet, hubProfile echoed from GET', input: { body: { location: 'eastus', properties: { hubProfile: { ...hub, fqdn: 'f.hcp.eastus.azmk8s.io', portalFqdn: 'p' } } }, existing: fleet({}, hub) }, want: { location: 'eastus', hubProfile: { ...hub, fqdn: 'f.hcp.eastus.azmk8s.io' } } },
    { name: 'existing hub fleet, hubProfile omitted keeps it', input: { body: { location: 'eastus' }, existing: fleet({}, hub) }, want: { location: 'eastus', hubProfile: { ...hub, fqdn: 'f.hcp.eastus.azmk8s.io' } } },
    { name: 'existing hubless fleet may gain a hub', input: { body: { location: 'eastus', properties: { hubProfile: { dnsPrefix: 'new' } } }, existing: fleet() }, want: { location: 'eastus', hubProfile: { dnsPrefix: 'new' } } },
    { name: 'not an object', input: { body: 'fleet' }, want: bad(undefined) },
    { name: 'no body', input: { body: undefined }, want: bad(undefined) },
    { name: 'location missing', input: { body: {} }, want: bad('location') },
    { name: 'location empty', input: { body: { location: '' } }, want: bad('location') },
    { name: 'location changed', input: { body: { location: 'westus' }, existing: fleet() }, want: bad('location') },
    { name: '51 tags', input: { body: { location: 'eastus', tags: tags(51) } }, want: bad('tags') },
    { name: 'tag name of 513 characters', input: { body: { location: 'eastus', tags: { ['k'.repeat(513)]: 'v' } } }, want: bad(`tags.${'k'.repeat(513)}`) },
    { name: 'tag name with a slash', input: { body: { location: 'eastus', tags: { 'a/b': 'v' } } }, want: bad("tags['a/b']") },
    { name: 'tag value of 257 characters', input: { body: { location: 'eastus', tags: { k: 'v'.repeat(257) } } }, want: bad('tags.k') },
    { name: 'tag value not a string', input: { body: { location: 'eastus', tags: { k: 1 } } }, want: bad('tags.k') },
    { name: 'unknown identity type', input: { body: { location: 'eastus', identity: { type: 'Managed' } } }, want: bad('identity.type') },
    { name: 'UserAssigned without identities', input: { body: { location: 'eastus', identity: { type: 'UserAssigned' } } }, want: bad('identity.userAssignedIdentities') },
    { name: 'SystemAssigned with identities', input: { body: { location: 'eastus', identity: { type: 'SystemAssigned', userAssignedIdentities: { [uai]: {} } } } }, want: bad('identity.userAssignedIdentities') },
    { name: 'identity keyed by a non-identity id', input: { body: { location: 'eastus', identity: { type: 'UserAssigned', userAssignedIdentities: { 'id-1': {} } } } }, want: bad("identity.userAssignedIdentities['id-1']") },
    { name: 'dnsPrefix with a trailing dash', input: { body: { location: 'eastus', properties: { hubProfile: { dnsPrefix: 'fleet-' } } } }, want: bad('properties.hubProfile.dnsPrefix') },
    { name: 'dnsPrefix of 55 characters', input: { body: { location: 'eastus', properties: { hubProfile: { dnsPrefix: 'a'.repeat(55) } } } }, want: bad('properties.hubProfile.dnsPrefix') },
    { name: 'dnsPrefix with underscore', input: { body: { location: 'eastus', properties: { hubProfile: { dnsPrefix: 'my_fleet' } } } }, want: bad('properties.hubProfile.dnsPrefix') },
    { name: 'subnetId not a subnet', input: { body: { location: 'eastus', properties: { hubProfile: { apiServerAccessProfile: { subnetId: 'subnet-1' } } } } }, want: bad('properties.hubProfile.apiServerAccessProfile.subnetId') },
    { name: 'enablePrivateCluster as a string', input: { body: { location: 'eastus', properties: { hubProfile: { apiServerAccessProfile: { enablePrivateCluster: 'true' } } } } }, want: bad('properties.hubProfile.apiServerAccessProfile.enablePrivateCluster') },
    { name: 'unknown hubProfile property', input: { body: { location: 'eastus', properties: { hubProfile: { size: 'large' } } } }, want: bad('properties.hubProfile.size') },
    { name: 'unknown top-level property', input: { body: { location: 'eastus', sku: {} } }, want: bad('sku') },
    { name: 'dnsPrefix changed', input: { body: { location: 'eastus', properties: { hubProfile: { ...hub, dnsPrefix: 'other' } } }, existing: fleet({}, hub) }, want: bad('properties.hubProfile.dnsPrefix') },
    { name: 'private cluster turned on', input: { body: { location: 'eastus', properties: { hubProfile: { ...hub, apiServerAccessProfile: { ...hub.apiServerAccessProfile, enablePrivateCluster: true } } } }, existing: fleet({}, hub) }, want: bad('properties.hubProfile.apiServerAccessProfile.enablePrivateCluster') },
    { name: 'vmSize changed', input: { body: { location: 'eastus', properties: { hubProfile: { ...hub, agentProfile: { vmSize: 'Standard_D4s_v3' } } } }, existing: fleet({}, hub) }, want: bad('properties.hubProfile.agentProfile.vmSize') },
  ])('$name', ({ input, want }) => {
    expect(outcome(() => parseFleetPut(input.body, input.existing))).toEqual(want);
  });
});

describe('parseFleetPatch', () => {
  it.each([
    { name: 'tags', input: { tags: { a: 'b' } }, want: { tags: { a: 'b' } } },
    { name: 'empty tags clear all tags', input: { tags: {} }, want: { tags: {} } },
    { name: 'identity', input: { identity: { type: 'None' } }, want: { identity: { type: 'None' } } },
    { name: 'nothing', input: {}, want: {} },
    { name: 'location', input: { location: 'westus' }, want: bad('location') },
    { name: 'properties', input: { properties: { hubProfile: {} } }, want: bad('properties') },
    { name: 'bad tag', input: { tags: { 'a?': 'b' } }, want: bad("tags['a?']") },
    { name: 'not an object', input: [], want: bad(undefined) },
  ])('$name', ({ input, want }) => {
    expect(outcome(() => parseFleetPatch(input))).toEqual(want);
  });
});
