import { describe, expect, it } from 'vitest';
import { channelTarget, isNewerTarget, type ChannelTarget, type TargetResolution } from '../../shared/auto-upgrade/channel-target.js';
import type { ReleaseFacts } from '../../shared/auto-upgrade/release-facts.js';
import type { AutoUpgradeProfileProperties } from '../../shared/fleet/models.js';

type Profile = Pick<AutoUpgradeProfileProperties, 'channel' | 'targetKubernetesVersion' | 'longTermSupport'>;

/** A region offering GA versions; `preview` and `lts` mark some of them. */
const region = (name: string, versions: string[], flags: { preview?: string[]; lts?: string[] } = {}, nodeImages: Record<string, string> = {}): ReleaseFacts => ({
  region: name,
  kubernetesVersions: versions.map((version) => ({ version, isPreview: flags.preview?.includes(version) ?? false, isLts: flags.lts?.includes(version) ?? false })),
  nodeImages,
});
const k8s = (version: string): TargetResolution => ({ ok: true, target: { kind: 'kubernetes', version } });
const none = (reason: string): TargetResolution => ({ ok: false, reason });

const reference = region('eastus', ['1.17.9', '1.18.4', '1.18.6', '1.19.1']);
const wide = region('eastus', ['1.27.9', '1.28.5', '1.29.4', '1.30.3', '1.31.2', '1.31.4'], { lts: ['1.27.9'] });

describe('channelTarget', () => {
  it.each<{ name: string; input: { profile: Profile; facts: ReleaseFacts[] }; want: TargetResolution }>([
    { name: 'Stable: the reference example (1.17.9 / 1.18.4 / 1.18.6 / 1.19.1 → 1.18.6)', input: { profile: { channel: 'Stable' }, facts: [reference] }, want: k8s('1.18.6') },
    { name: 'Rapid: latest patch of the newest minor', input: { profile: { channel: 'Rapid' }, facts: [reference] }, want: k8s('1.19.1') },
    { name: 'Stable with a single minor: none', input: { profile: { channel: 'Stable' }, facts: [region('eastus', ['1.19.0', '1.19.1'])] }, want: none('Only minor 1.19 is published; Stable follows the minor before the newest.') },
    { name: 'TargetKubernetesVersion: latest patch of the minor', input: { profile: { channel: 'TargetKubernetesVersion', targetKubernetesVersion: '1.18' }, facts: [reference] }, want: k8s('1.18.6') },
    { name: 'TargetKubernetesVersion: an unreleased minor → none', input: { profile: { channel: 'TargetKubernetesVersion', targetKubernetesVersion: '1.20' }, facts: [reference] }, want: none('Kubernetes 1.20 is not published (GA) in the regions of this fleet.') },
    { name: 'TargetKubernetesVersion: N-2 is supported without LTS', input: { profile: { channel: 'TargetKubernetesVersion', targetKubernetesVersion: '1.29' }, facts: [wide] }, want: k8s('1.29.4') },
    {
      name: 'TargetKubernetesVersion: older than N-2 without longTermSupport → none',
      input: { profile: { channel: 'TargetKubernetesVersion', targetKubernetesVersion: '1.27' }, facts: [wide] },
      want: none('Kubernetes 1.27 is older than the three supported minors; enable longTermSupport to follow an LTS minor.'),
    },
    { name: 'TargetKubernetesVersion: older than N-2 with longTermSupport on an LTS minor', input: { profile: { channel: 'TargetKubernetesVersion', targetKubernetesVersion: '1.27', longTermSupport: true }, facts: [wide] }, want: k8s('1.27.9') },
    {
      name: 'TargetKubernetesVersion: older than N-2 with longTermSupport on a minor without LTS → none',
      input: { profile: { channel: 'TargetKubernetesVersion', targetKubernetesVersion: '1.28', longTermSupport: true }, facts: [wide] },
      want: none('Kubernetes 1.28 is older than the three supported minors and has no long-term support.'),
    },
    { name: 'preview versions are ignored (Rapid)', input: { profile: { channel: 'Rapid' }, facts: [region('eastus', ['1.32.6', '1.33.2', '1.34.0'], { preview: ['1.34.0'] })] }, want: k8s('1.33.2') },
    { name: 'preview versions are ignored (Stable)', input: { profile: { channel: 'Stable' }, facts: [region('eastus', ['1.32.6', '1.33.2', '1.34.0'], { preview: ['1.34.0'] })] }, want: k8s('1.32.6') },
    { name: 'a preview-only minor cannot be targeted', input: { profile: { channel: 'TargetKubernetesVersion', targetKubernetesVersion: '1.34' }, facts: [region('eastus', ['1.33.2', '1.34.0'], { preview: ['1.34.0'] })] }, want: none('Kubernetes 1.34 is not published (GA) in the regions of this fleet.') },
    { name: 'several regions are pooled (Rapid: the newest anywhere)', input: { profile: { channel: 'Rapid' }, facts: [region('westeurope', ['1.32.6', '1.33.1']), region('eastus', ['1.32.6', '1.33.1', '1.33.2'])] }, want: k8s('1.33.2') },
    { name: 'several regions are pooled (Stable: N-1 of the pooled minors)', input: { profile: { channel: 'Stable' }, facts: [region('westeurope', ['1.31.8', '1.32.3']), region('eastus', ['1.32.6', '1.33.2'])] }, want: k8s('1.32.6') },
    { name: 'no GA version anywhere → none', input: { profile: { channel: 'Rapid' }, facts: [region('eastus', ['1.34.0'], { preview: ['1.34.0'] })] }, want: none('No GA Kubernetes version is published in the regions of this fleet.') },
    {
      name: 'NodeImage: the newest image per family across regions',
      input: {
        profile: { channel: 'NodeImage' },
        facts: [
          region('eastus', [], {}, { 'AKSUbuntu-2204gen2containerd': '202611.01.0', 'AKSAzureLinux-V3gen2': '202610.15.0' }),
          region('westeurope', [], {}, { 'AKSUbuntu-2204gen2containerd': '202610.15.0', 'AKSAzureLinux-V3gen2': '202611.01.0', 'AKSWindows-2022-containerd': '20348.2849.241106' }),
        ],
      },
      want: { ok: true, target: { kind: 'nodeImage', images: { 'AKSUbuntu-2204gen2containerd': '202611.01.0', 'AKSAzureLinux-V3gen2': '202611.01.0', 'AKSWindows-2022-containerd': '20348.2849.241106' } } },
    },
    { name: 'NodeImage: no images → none', input: { profile: { channel: 'NodeImage' }, facts: [reference] }, want: none('No node images are published in the regions of this fleet.') },
    { name: 'SecurityPatch is not supported', input: { profile: { channel: 'SecurityPatch' }, facts: [reference] }, want: none('Channel SecurityPatch is not supported by this fleet manager.') },
  ])('$name', ({ input, want }) => {
    expect(channelTarget(input.profile, input.facts)).toEqual(want);
  });
});

describe('isNewerTarget', () => {
  const kubernetes = (version: string): ChannelTarget => ({ kind: 'kubernetes', version });
  const images = (entries: Record<string, string>): ChannelTarget => ({ kind: 'nodeImage', images: entries });
  it.each<{ name: string; input: { next: ChannelTarget; last: ChannelTarget | undefined }; want: boolean }>([
    { name: 'nothing triggered yet', input: { next: kubernetes('1.33.2'), last: undefined }, want: true },
    { name: 'a higher patch', input: { next: kubernetes('1.33.3'), last: kubernetes('1.33.2') }, want: true },
    { name: 'a higher minor (numeric, not lexical)', input: { next: kubernetes('1.10.0'), last: kubernetes('1.9.11') }, want: true },
    { name: 'the same version', input: { next: kubernetes('1.33.2'), last: kubernetes('1.33.2') }, want: false },
    { name: 'an older release arriving late', input: { next: kubernetes('1.33.2'), last: kubernetes('1.33.3') }, want: false },
    { name: 'a newer image in one family', input: { next: images({ a: '202611.01.0', b: '202610.15.0' }), last: images({ a: '202610.15.0', b: '202610.15.0' }) }, want: true },
    { name: 'a family seen for the first time', input: { next: images({ a: '202610.15.0', c: '1.0' }), last: images({ a: '202610.15.0' }) }, want: true },
    { name: 'the same images', input: { next: images({ a: '202611.01.0' }), last: images({ a: '202611.01.0' }) }, want: false },
    { name: 'older images', input: { next: images({ a: '202610.15.0' }), last: images({ a: '202611.01.0' }) }, want: false },
    { name: 'a different kind of target', input: { next: images({ a: '202610.15.0' }), last: kubernetes('1.33.2') }, want: true },
  ])('$name', ({ input, want }) => {
    expect(isNewerTarget(input.next, input.last)).toBe(want);
  });
});
