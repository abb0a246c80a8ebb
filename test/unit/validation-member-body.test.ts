import { describe, expect, it } from 'vitest';
import type { ApiFeatures } from '../../shared/arm/api-versions.js';
import { apiVersions, latestApiVersion } from '../../shared/arm/api-versions.js';
import { isArmError } from '../../shared/arm/arm-error.js';
import type { FleetMember } from '../../shared/fleet/models.js';
import { parseMemberPatch, parseMemberPut } from '../../shared/fleet/validation/member-body.js';

const features = (version: string): ApiFeatures => {
  const found = apiVersions[version];
  if (!found) throw new Error(`no api-version ${version}`);
  return found;
};
const latest = features(latestApiVersion);
const ga = features('2025-03-01');
const outcome = (run: () => unknown): unknown => {
  try {
    return run();
  } catch (e) {
    if (isArmError(e)) return { code: e.code, target: e.target };
    throw e;
  }
};
const bad = (target?: string) => ({ code: 'InvalidRequestContent', target });
const cluster = '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-1';
const existing: FleetMember = {
  id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/f/members/m1',
  name: 'm1',
  type: 'Microsoft.ContainerService/fleets/members',
  properties: { clusterResourceId: cluster, group: 'canary', labels: { env: 'prod' } },
};
const put = (properties: object) => ({ properties: { clusterResourceId: cluster, ...properties } });

describe('parseMemberPut', () => {
  it.each<{ name: string; input: { body: unknown; features?: ApiFeatures; existing?: FleetMember }; want: unknown }>([
    { name: 'cluster only', input: { body: put({}) }, want: { clusterResourceId: cluster } },
    { name: 'reference example with group', input: { body: put({ group: 'group1' }) }, want: { clusterResourceId: cluster, group: 'group1' } },
    { name: 'labels on 2025-04-01-preview', input: { body: put({ labels: { env: 'staging', 'example.com/tier': 'frontend', empty: '' } }), features: features('2025-04-01-preview') }, want: { clusterResourceId: cluster, labels: { env: 'staging', 'example.com/tier': 'frontend', empty: '' } } },
    { name: 'provider and type are case-insensitive', input: { body: put({ clusterResourceId: cluster.replace('Microsoft.ContainerService/managedClusters', 'microsoft.containerservice/MANAGEDCLUSTERS') }) }, want: { clusterResourceId: cluster.replace('Microsoft.ContainerService/managedClusters', 'microsoft.containerservice/MANAGEDCLUSTERS') } },
    { name: 'existing member, id in another case keeps the stored id', input: { body: put({ clusterResourceId: cluster.toUpperCase(), group: 'canary' }), existing }, want: { clusterResourceId: cluster, group: 'canary', labels: undefined } },
    { name: 'read-only properties ignored', input: { body: { id: 'x', name: 'm1', properties: { clusterResourceId: cluster, provisioningState: 'Succeeded', status: {} } } }, want: { clusterResourceId: cluster } },
    { name: 'old api-version keeps labels it cannot see', input: { body: put({ group: 'canary' }), features: ga, existing }, want: { clusterResourceId: cluster, group: 'canary', labels: { env: 'prod' } } },
    { name: 'no properties', input: { body: {} }, want: bad('properties') },
    { name: 'no clusterResourceId', input: { body: { properties: {} } }, want: bad('properties.clusterResourceId') },
    { name: 'clusterResourceId not a string', input: { body: put({ clusterResourceId: 42 }) }, want: bad('properties.clusterResourceId') },
    { name: 'not an AKS cluster', input: { body: put({ clusterResourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Kubernetes/connectedClusters/arc-1' }) }, want: bad('properties.clusterResourceId') },
    { name: 'cluster id with extra segments', input: { body: put({ clusterResourceId: `${cluster}/agentPools/np1` }) }, want: bad('properties.clusterResourceId') },
    { name: 'cluster name only', input: { body: put({ clusterResourceId: 'aks-1' }) }, want: bad('properties.clusterResourceId') },
    { name: 'clusterResourceId changed', input: { body: put({ clusterResourceId: cluster.replace('aks-1', 'aks-2') }), existing }, want: bad('properties.clusterResourceId') },
    { name: 'group uppercase', input: { body: put({ group: 'Group1' }) }, want: bad('properties.group') },
    { name: 'group of 51 characters', input: { body: put({ group: 'g'.repeat(51) }) }, want: bad('properties.group') },
    { name: 'group empty', input: { body: put({ group: '' }) }, want: bad('properties.group') },
    { name: 'labels on 2025-03-01', input: { body: put({ labels: { env: 'x' } }), features: ga }, want: bad('properties.labels') },
    { name: 'label key with bad prefix', input: { body: put({ labels: { 'Example.com/tier': 'x' } }) }, want: bad("properties.labels['Example.com/tier']") },
    { name: 'label key of 64 characters', input: { body: put({ labels: { ['k'.repeat(64)]: 'x' } }) }, want: bad(`properties.labels.${'k'.repeat(64)}`) },
    { name: 'label value with a space', input: { body: put({ labels: { env: 'a b' } }) }, want: bad('properties.labels.env') },
    { name: 'label value of 64 characters', input: { body: put({ labels: { env: 'v'.repeat(64) } }) }, want: bad('properties.labels.env') },
    { name: 'label value not a string', input: { body: put({ labels: { replicas: 3 } }) }, want: bad('properties.labels.replicas') },
    { name: 'reserved fleet.azure.com/ label', input: { body: put({ labels: { 'fleet.azure.com/location': 'eastus' } }) }, want: bad("properties.labels['fleet.azure.com/location']") },
    { name: 'unknown property', input: { body: put({ role: 'canary' }) }, want: bad('properties.role') },
  ])('$name', ({ input, want }) => {
    expect(outcome(() => parseMemberPut(input.body, input.features ?? latest, input.existing))).toEqual(want);
  });
});

describe('parseMemberPatch', () => {
  it.each<{ name: string; input: { body: unknown; features?: ApiFeatures }; want: unknown }>([
    { name: 'group', input: { body: { properties: { group: 'canary' } } }, want: { group: 'canary' } },
    { name: 'null group leaves the group', input: { body: { properties: { group: null } } }, want: { group: null } },
    { name: 'labels', input: { body: { properties: { labels: { env: 'prod' } } } }, want: { labels: { env: 'prod' } } },
    { name: 'nothing', input: { body: { properties: {} } }, want: {} },
    { name: 'labels on 2024-04-01', input: { body: { properties: { labels: { env: 'prod' } } }, features: features('2024-04-01') }, want: bad('properties.labels') },
    { name: 'group on 2024-04-01', input: { body: { properties: { group: 'a' } } }, want: { group: 'a' } },
    { name: 'bad group', input: { body: { properties: { group: 'A' } } }, want: bad('properties.group') },
    { name: 'bad label', input: { body: { properties: { labels: { env: '-x' } } } }, want: bad('properties.labels.env') },
    { name: 'clusterResourceId is not patchable', input: { body: { properties: { clusterResourceId: cluster } } }, want: bad('properties.clusterResourceId') },
    { name: 'no properties', input: { body: { group: 'a' } }, want: bad('properties') },
  ])('$name', ({ input, want }) => {
    expect(outcome(() => parseMemberPatch(input.body, input.features ?? latest))).toEqual(want);
  });
});
