import { describe, expect, it } from 'vitest';
import { generateFixture } from '../../local/emulators/arm/generate-fixture.js';
import { demoFixturePath, loadFixture, validateFixture } from '../../local/emulators/arm/load-fixture.js';
import { RegionalCatalogue } from '../../local/emulators/arm/regional-catalogue.js';

const region = { kubernetesVersions: [{ minor: '1.31', patches: ['1.31.8'] }], nodeImages: { 'AKSUbuntu-2204gen2containerd': ['202611.01.0'] } };
const cluster = { resourceGroup: 'rg', name: 'c1', location: 'eastus', kubernetesVersion: '1.31.8', pools: [{ name: 'system', mode: 'System' }] };

describe('fixture validation', () => {
  it.each([
    { name: 'an unknown region', input: { regions: { eastus: region }, clusters: [{ ...cluster, location: 'mars' }] }, want: "clusters[0].location: region 'mars' is not in regions" },
    { name: 'a bad version', input: { regions: { eastus: region }, clusters: [{ ...cluster, kubernetesVersion: '1.31' }] }, want: 'a Kubernetes patch version like "1.31.2"' },
    { name: 'no system pool', input: { regions: { eastus: region }, clusters: [{ ...cluster, pools: [{ name: 'user' }] }] }, want: 'at least one pool must have mode System' },
    { name: 'a duplicate cluster', input: { regions: { eastus: region }, clusters: [cluster, cluster] }, want: 'clusters[1]: duplicate cluster' },
    { name: 'a pool without images', input: { regions: { eastus: region }, clusters: [{ ...cluster, pools: [{ name: 'system', mode: 'System', osSku: 'AzureLinux' }] }] }, want: 'has no node images for family AKSAzureLinux-V3gen2' },
    { name: 'a window of 2 hours', input: { regions: { eastus: region }, clusters: [{ ...cluster, maintenanceConfigurations: [{ name: 'default', maintenanceWindow: { schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Monday' } }, durationHours: 2, startTime: '01:00' } }] }] }, want: 'durationHours' },
    { name: 'two schedules at once', input: { regions: { eastus: region }, clusters: [{ ...cluster, maintenanceConfigurations: [{ name: 'default', maintenanceWindow: { schedule: { daily: { intervalDays: 1 }, weekly: { intervalWeeks: 1, dayOfWeek: 'Monday' } }, durationHours: 4, startTime: '01:00' } }] }] }, want: 'exactly one of daily, weekly' },
  ])('rejects $name with a clear message', ({ input, want }) => {
    expect(() => validateFixture(input, 'test.yaml')).toThrow(want);
  });

  it('applies defaults', () => {
    const fixture = validateFixture({ regions: { eastus: region }, clusters: [cluster] });
    expect(fixture.clusters[0]).toEqual({ ...cluster, supportPlan: 'KubernetesOfficial', upgradeChannel: 'none', nodeOSUpgradeChannel: 'NodeImage', powerState: 'Running', labels: {}, maintenanceConfigurations: [], pools: [{ name: 'system', mode: 'System', osType: 'Linux', osSku: 'Ubuntu', count: 3, vmSize: 'Standard_D4s_v5' }] });
  });

  it('loads the demo fixture: a dozen clusters, three regions, one stopped', async () => {
    const demo = await loadFixture(demoFixturePath());
    expect({ clusters: demo.clusters.length, regions: Object.keys(demo.regions).sort(), stopped: demo.clusters.filter((c) => c.powerState === 'Stopped').length, withWindows: demo.clusters.filter((c) => c.maintenanceConfigurations.length > 0).length }).toEqual({ clusters: 12, regions: ['eastus', 'southeastasia', 'westeurope'], stopped: 1, withWindows: 4 });
  });

  it.each([{ size: 0 }, { size: 25 }, { size: 500 }])('generates a valid fixture of $size clusters, deterministically', ({ size }) => {
    expect(validateFixture(generateFixture({ clusters: size })).clusters.length).toBe(size);
    expect(generateFixture({ clusters: size, seed: 3 })).toEqual(generateFixture({ clusters: size, seed: 3 }));
  });
});

describe('RegionalCatalogue', () => {
  const catalogue = new RegionalCatalogue({
    kubernetesVersions: [
      { minor: '1.30', patches: ['1.30.12', '1.30.9'], lts: true, preview: false, default: false },
      { minor: '1.31', patches: ['1.31.5'], lts: false, preview: false, default: true },
      { minor: '1.32', patches: ['1.32.0'], lts: false, preview: true, default: false },
    ],
    nodeImages: { 'AKSUbuntu-2204gen2containerd': ['202611.01.0', '202610.15.0'] },
  });
  it.each([
    { from: '1.30.9', want: ['1.30.12', '1.31.5'] },
    { from: '1.31.5', want: ['1.32.0'] },
    { from: '1.32.0', want: [] },
  ])('offers upgrades from $from without skipping minors', ({ from, want }) => expect(catalogue.upgradesFrom(from)).toEqual(want));
  it('knows the newest image of a family', () => expect(catalogue.latestImage('AKSUbuntu-2204gen2containerd')).toBe('AKSUbuntu-2204gen2containerd-202611.01.0'));
});
