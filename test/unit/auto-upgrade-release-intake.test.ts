import { describe, expect, it } from 'vitest';
import { MalformedEventError, toIntake, type Intake } from '../../shared/auto-upgrade/release-intake.js';

const cluster = '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-prod/providers/Microsoft.ContainerService/managedClusters/aks-prod-eastus-1';
const newVersion = { latestSupportedKubernetesVersion: '1.33.3', latestStableKubernetesVersion: '1.32.6', lowestMinorKubernetesVersion: '1.30.12', latestPreviewKubernetesVersion: '1.34.0' };
const offer = {
  region: 'eastus',
  kubernetesVersions: [
    { version: '1.32.6', isPreview: false, isLts: false },
    { version: '1.33.3', isPreview: false, isLts: false },
  ],
  nodeImages: { 'AKSUbuntu-2204gen2containerd': '202611.01.0', 'AKSAzureLinux-V3gen2': '202611.01.0' },
};

/** An AKS system event in the Event Grid schema, as Event Grid delivers it (topic = the cluster). */
const aksGridEvent = (id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  topic: cluster,
  subject: 'aks-prod-eastus-1',
  eventType: 'Microsoft.ContainerService.NewKubernetesVersionAvailable',
  eventTime: '2026-11-30T10:00:00Z',
  data: newVersion,
  dataVersion: '1',
  metadataVersion: '1',
  ...overrides,
});
/** The same AKS event in CloudEvents 1.0 (source = the cluster). */
const aksCloudEvent = (id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  specversion: '1.0',
  id,
  source: cluster,
  subject: 'aks-prod-eastus-1',
  type: 'Microsoft.ContainerService.NewKubernetesVersionAvailable',
  time: '2026-11-30T10:00:00Z',
  data: newVersion,
  ...overrides,
});
/** Our catalog event in CloudEvents 1.0. */
const catalogCloudEvent = (id: string, data: unknown = offer): Record<string, unknown> => ({ specversion: '1.0', id, source: '/durable-fleet/release-watcher', subject: 'eastus', type: 'DurableFleet.Releases.CatalogChanged', data });
/** Our catalog event in the Event Grid schema. */
const catalogGridEvent = (id: string, data: unknown = offer): Record<string, unknown> => ({
  id,
  topic: '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/local/providers/Microsoft.EventGrid/topics/releases',
  subject: 'eastus',
  eventType: 'DurableFleet.Releases.CatalogChanged',
  eventTime: '2026-11-30T10:00:00Z',
  data,
  dataVersion: '1',
  metadataVersion: '1',
});

const shape = (intake: Intake): { signal: Intake['signal']; eventId: string; idPrefix: string } => ({ signal: intake.signal, eventId: intake.eventId, idPrefix: intake.instanceId.replace(/[0-9a-f]{32}$/, '…') });
/** When the deliveries below reached the webhook. */
const received = new Date('2026-11-29T10:00:00.000Z');

describe('toIntake', () => {
  it.each<{ name: string; input: Record<string, unknown>; want: ReturnType<typeof shape> }>([
    { name: 'AKS NewKubernetesVersionAvailable, Event Grid schema: the cluster from topic', input: aksGridEvent('g1'), want: { signal: { kind: 'cluster', clusterId: cluster, eventType: 'Microsoft.ContainerService.NewKubernetesVersionAvailable', optInOnly: false }, eventId: 'g1', idPrefix: 'release|cluster|…' } },
    { name: 'AKS NewKubernetesVersionAvailable, CloudEvents: the cluster from source', input: aksCloudEvent('c1'), want: { signal: { kind: 'cluster', clusterId: cluster, eventType: 'Microsoft.ContainerService.NewKubernetesVersionAvailable', optInOnly: false }, eventId: 'c1', idPrefix: 'release|cluster|…' } },
    {
      name: 'AKS ClusterSupportEnding acts only for profiles that opted in',
      input: aksGridEvent('s1', { eventType: 'Microsoft.ContainerService.ClusterSupportEnding', data: { kubernetesVersion: '1.30.12' } }),
      want: { signal: { kind: 'cluster', clusterId: cluster, eventType: 'Microsoft.ContainerService.ClusterSupportEnding', optInOnly: true }, eventId: 's1', idPrefix: 'release|support|…' },
    },
    { name: 'our catalog event, CloudEvents', input: catalogCloudEvent('r1'), want: { signal: { kind: 'catalog', facts: { ...offer, nodeImages: { 'AKSAzureLinux-V3gen2': '202611.01.0', 'AKSUbuntu-2204gen2containerd': '202611.01.0' } } }, eventId: 'r1', idPrefix: 'release|catalog|…' } },
    { name: 'our catalog event, Event Grid schema', input: catalogGridEvent('r2'), want: { signal: { kind: 'catalog', facts: { ...offer, nodeImages: { 'AKSAzureLinux-V3gen2': '202611.01.0', 'AKSUbuntu-2204gen2containerd': '202611.01.0' } } }, eventId: 'r2', idPrefix: 'release|catalog|…' } },
  ])('$name', async ({ input, want }) => {
    expect(shape(await toIntake(input, received))).toEqual({ ...want, signal: { ...want.signal, arrivedAt: received.toISOString() } });
  });

  it.each<{ name: string; input: [Record<string, unknown>, Record<string, unknown>]; want: boolean }>([
    { name: 'AKS: the same announcement with another event id → same instance', input: [aksGridEvent('a'), aksGridEvent('b')], want: true },
    { name: 'AKS: the same announcement in the other schema → same instance', input: [aksGridEvent('a'), aksCloudEvent('b')], want: true },
    { name: 'AKS: the same announcement to another cluster → another instance', input: [aksGridEvent('a'), aksGridEvent('b', { topic: cluster.replace('eastus-1', 'eastus-2') })], want: false },
    { name: 'AKS: a newer announcement → another instance', input: [aksGridEvent('a'), aksGridEvent('b', { data: { ...newVersion, latestSupportedKubernetesVersion: '1.33.4' } })], want: false },
    { name: 'catalog: another event id, versions and images in another order → same instance', input: [catalogCloudEvent('a'), catalogCloudEvent('b', { ...offer, kubernetesVersions: [...offer.kubernetesVersions].reverse(), nodeImages: { 'AKSAzureLinux-V3gen2': '202611.01.0', 'AKSUbuntu-2204gen2containerd': '202611.01.0' } })], want: true },
    { name: 'catalog: the same offer in the other schema → same instance', input: [catalogCloudEvent('a'), catalogGridEvent('b')], want: true },
    { name: 'catalog: another offer → another instance', input: [catalogCloudEvent('a'), catalogCloudEvent('b', { ...offer, kubernetesVersions: offer.kubernetesVersions.slice(0, 1) })], want: false },
  ])('$name', async ({ input, want }) => {
    // Arrival times differ (a redelivery comes later): the instance is the release's, not the delivery's.
    const [first, second] = await Promise.all(input.map((event, i) => toIntake(event, new Date(received.getTime() + i * 60_000))));
    expect(first?.instanceId === second?.instanceId).toBe(want);
  });

  it.each<{ name: string; input: unknown; want: RegExp }>([
    { name: 'not an event at all', input: 'hello', want: /^Not a valid Event Grid or CloudEvents event: / },
    { name: 'an Event Grid event without its envelope fields', input: { id: 'x', data: {} }, want: /^Not a valid Event Grid or CloudEvents event: / },
    { name: 'a CloudEvent of another spec version', input: { ...catalogCloudEvent('x'), specversion: '0.3' }, want: /^Not a valid Event Grid or CloudEvents event: / },
    { name: 'a foreign event type from a cluster', input: aksGridEvent('f1', { eventType: 'Microsoft.ContainerService.NodePoolRollingStarted', data: { nodePoolName: 'system' } }), want: /^Event f1 has type 'Microsoft\.ContainerService\.NodePoolRollingStarted', which durable-fleet does not handle\.$/ },
    { name: 'a foreign event type from elsewhere', input: { ...catalogCloudEvent('f2'), type: 'Contoso.Orders.Created' }, want: /the topic\/source '\/durable-fleet\/release-watcher' is not a managed cluster/ },
    { name: 'an AKS event whose topic is not a managed cluster', input: aksGridEvent('t1', { topic: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/x' }), want: /is not a managed cluster/ },
    { name: 'an AKS event with invalid data', input: aksGridEvent('d1', { data: { latestSupportedKubernetesVersion: 'latest' } }), want: /^Microsoft\.ContainerService\.NewKubernetesVersionAvailable d1: data is invalid: latestSupportedKubernetesVersion: / },
    { name: 'a catalog event with an invalid region', input: catalogCloudEvent('d2', { ...offer, region: 'East US' }), want: /^DurableFleet\.Releases\.CatalogChanged d2: data is invalid: region: a region name such as westeurope$/ },
    { name: 'a catalog event with an invalid version', input: catalogCloudEvent('d3', { ...offer, kubernetesVersions: [{ version: '1.33' }] }), want: /data is invalid: kubernetesVersions\.0\.version: a Kubernetes version x\.y\.z/ },
    { name: 'a catalog event with unknown fields', input: catalogCloudEvent('d4', { ...offer, extra: true }), want: /data is invalid: : Unrecognized key/ },
  ])('rejects $name with a MalformedEventError and its reason', async ({ input, want }) => {
    const rejection = await toIntake(input, received).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(rejection).toBeInstanceOf(MalformedEventError);
    expect((rejection as MalformedEventError).message).toMatch(want);
  });
});
