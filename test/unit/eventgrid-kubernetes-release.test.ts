import { describe, expect, it } from 'vitest';
import type { KubernetesMinorFacts } from '../../local/emulators/arm/regional-catalogue.js';
import { kubernetesReleaseEvents, versionAvailableData } from '../../local/emulators/eventgrid/kubernetes-release-events.js';

const minor = (name: string, patches: string[], flags: Partial<KubernetesMinorFacts> = {}): KubernetesMinorFacts => ({ minor: name, patches, lts: false, preview: false, isDefault: false, ...flags });

describe('NewKubernetesVersionAvailable data from a region catalogue', () => {
  it.each([
    {
      name: 'the demo catalogue (LTS oldest minor, one preview minor)',
      input: [minor('1.30', ['1.30.9', '1.30.12'], { lts: true }), minor('1.31', ['1.31.5', '1.31.8']), minor('1.32', ['1.32.3', '1.32.6'], { isDefault: true }), minor('1.33', ['1.33.1', '1.33.2']), minor('1.34', ['1.34.0'], { preview: true })],
      want: { latestSupportedKubernetesVersion: '1.33.2', latestStableKubernetesVersion: '1.32.6', lowestMinorKubernetesVersion: '1.30.12', latestPreviewKubernetesVersion: '1.34.0' },
    },
    {
      name: 'the documentation sample',
      input: [minor('1.18', ['1.18.19', '1.18.17']), minor('1.19', ['1.19.11', '1.19.9']), minor('1.20', ['1.20.7']), minor('1.21', ['1.21.1'], { preview: true })],
      want: { latestSupportedKubernetesVersion: '1.20.7', latestStableKubernetesVersion: '1.19.11', lowestMinorKubernetesVersion: '1.18.19', latestPreviewKubernetesVersion: '1.21.1' },
    },
    {
      name: 'no preview minor: the preview version is absent',
      input: [minor('1.31', ['1.31.8']), minor('1.32', ['1.32.10', '1.32.9'])],
      want: { latestSupportedKubernetesVersion: '1.32.10', latestStableKubernetesVersion: '1.31.8', lowestMinorKubernetesVersion: '1.31.8' },
    },
    {
      name: 'one minor only: it is latest, stable and lowest',
      input: [minor('1.33', ['1.33.1'])],
      want: { latestSupportedKubernetesVersion: '1.33.1', latestStableKubernetesVersion: '1.33.1', lowestMinorKubernetesVersion: '1.33.1' },
    },
    {
      name: 'minors out of order, two preview minors',
      input: [minor('1.35', ['1.35.0'], { preview: true }), minor('1.33', ['1.33.4']), minor('1.34', ['1.34.1', '1.34.2'], { preview: true }), minor('1.32', ['1.32.1'])],
      want: { latestSupportedKubernetesVersion: '1.33.4', latestStableKubernetesVersion: '1.32.1', lowestMinorKubernetesVersion: '1.32.1', latestPreviewKubernetesVersion: '1.35.0' },
    },
    { name: 'only preview minors: no event data', input: [minor('1.35', ['1.35.0'], { preview: true })], want: undefined },
    { name: 'an empty catalogue: no event data', input: [], want: undefined },
  ])('$name', ({ input, want }) => {
    expect(versionAvailableData(input)).toEqual(want);
  });
});

describe('the events of a release', () => {
  it('has one Event Grid-schema event per cluster, topic the cluster id and subject its name', () => {
    const id = (name: string) => `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`;
    const events = kubernetesReleaseEvents(
      { region: 'eastus', version: '1.33.3', minors: [minor('1.32', ['1.32.6']), minor('1.33', ['1.33.2', '1.33.3'])], clusters: [{ id: id('a'), name: 'a' }, { id: id('b'), name: 'b' }] },
      new Date('2026-03-01T10:00:00Z'),
    );
    const data = { latestSupportedKubernetesVersion: '1.33.3', latestStableKubernetesVersion: '1.32.6', lowestMinorKubernetesVersion: '1.32.6' };
    expect(events.map((e) => ({ ...e.body, id: 'x' }))).toEqual(
      ['a', 'b'].map((name) => ({ id: 'x', topic: id(name), subject: name, data, eventType: 'Microsoft.ContainerService.NewKubernetesVersionAvailable', eventTime: '2026-03-01T10:00:00.000Z', metadataVersion: '1', dataVersion: '1' })),
    );
    expect(new Set(events.map((e) => e.id)).size).toBe(2);
  });
});
