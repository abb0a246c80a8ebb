import { describe, expect, it } from 'vitest';
import type { AksMemberState } from '../../shared/aks/aks-gateway.js';
import { catchUpVariant, hasRunInProgress, isBehindTarget } from '../../shared/auto-upgrade/catch-up.js';
import type { ChannelTarget } from '../../shared/auto-upgrade/channel-target.js';
import { generatedRunName } from '../../shared/auto-upgrade/generated-run.js';
import type { AutoUpgradeProfile, AutoUpgradeProfileProperties, UpdateRun } from '../../shared/fleet/models.js';

const runNamePattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const fleetId = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/f';
const profile = (name: string, properties: Partial<AutoUpgradeProfileProperties> = {}): AutoUpgradeProfile => ({
  id: `${fleetId}/autoUpgradeProfiles/${name}`,
  name,
  type: 'Microsoft.ContainerService/fleets/autoUpgradeProfiles',
  properties: { channel: 'Rapid', ...properties },
});
const k8s = (version: string): ChannelTarget => ({ kind: 'kubernetes', version });

describe('generatedRunName', () => {
  it.each<{ name: string; input: { profile: AutoUpgradeProfile; target: ChannelTarget; variant?: string } }>([
    { name: 'a short profile', input: { profile: profile('rapid'), target: k8s('1.33.3') } },
    { name: 'a 50-character profile name', input: { profile: profile('a'.repeat(50)), target: k8s('1.33.3') } },
    { name: 'a profile name cut at a hyphen', input: { profile: profile(`${'b'.repeat(33)}-c-d`), target: k8s('1.33.3') } },
    { name: 'upper case in the profile name', input: { profile: profile('Nightly-Rapid'), target: k8s('1.33.3') } },
    { name: 'a node image target', input: { profile: profile('images', { channel: 'NodeImage' }), target: { kind: 'nodeImage', images: { 'AKSUbuntu-2204gen2containerd': '202611.01.0' } } } },
    { name: 'a catch-up variant', input: { profile: profile('rapid'), target: k8s('1.33.3'), variant: catchUpVariant(['b']) } },
  ])('$name: deterministic, at most 50 characters, a valid run name', ({ input }) => {
    const name = generatedRunName(input.profile, input.target, input.variant);
    expect({ again: generatedRunName(input.profile, input.target, input.variant), length: name.length <= 50, valid: runNamePattern.test(name), prefix: name.startsWith('auto-') }).toEqual({ again: name, length: true, valid: true, prefix: true });
  });

  it.each<{ name: string; input: { a: Parameters<typeof generatedRunName>; b: Parameters<typeof generatedRunName> }; want: boolean }>([
    { name: 'same profile and target → same name', input: { a: [profile('rapid'), k8s('1.33.3')], b: [profile('rapid', { disabled: true }), k8s('1.33.3')] }, want: true },
    { name: 'another Kubernetes version → another name', input: { a: [profile('rapid'), k8s('1.33.3')], b: [profile('rapid'), k8s('1.33.4')] }, want: false },
    { name: 'another node image selection → another name', input: { a: [profile('rapid'), k8s('1.33.3')], b: [profile('rapid', { nodeImageSelection: { type: 'Consistent' } }), k8s('1.33.3')] }, want: false },
    { name: 'another channel → another name', input: { a: [profile('p'), k8s('1.32.6')], b: [profile('p', { channel: 'Stable' }), k8s('1.32.6')] }, want: false },
    { name: 'another strategy → another name', input: { a: [profile('p'), k8s('1.33.3')], b: [profile('p', { updateStrategyId: `${fleetId}/updateStrategies/s` }), k8s('1.33.3')] }, want: false },
    { name: 'another node image → another name', input: { a: [profile('i', { channel: 'NodeImage' }), { kind: 'nodeImage', images: { u: '1.0' } }], b: [profile('i', { channel: 'NodeImage' }), { kind: 'nodeImage', images: { u: '1.1' } }] }, want: false },
    { name: 'a catch-up run is not the release run', input: { a: [profile('rapid'), k8s('1.33.3')], b: [profile('rapid'), k8s('1.33.3'), catchUpVariant(['b'])] }, want: false },
  ])('$name', ({ input, want }) => {
    expect(generatedRunName(...input.a) === generatedRunName(...input.b)).toBe(want);
  });
});

const cluster = (version: string, options: { stopped?: boolean; poolVersion?: string; image?: string } = {}): AksMemberState => ({
  id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c',
  location: 'eastus',
  currentKubernetesVersion: version,
  ...(options.stopped ? { powerState: { code: 'Stopped' } } : {}),
  pools: [{ name: 'system', currentOrchestratorVersion: options.poolVersion ?? version, nodeImageVersion: options.image ?? 'AKSUbuntu-2204gen2containerd-202610.15.0' }],
});

describe('isBehindTarget (who a catch-up run can converge)', () => {
  it.each<{ name: string; input: { target: ChannelTarget; cluster: AksMemberState }; want: boolean }>([
    { name: 'an older patch', input: { target: k8s('1.33.3'), cluster: cluster('1.33.2') }, want: true },
    { name: 'one minor behind', input: { target: k8s('1.33.3'), cluster: cluster('1.32.6') }, want: true },
    { name: 'at target', input: { target: k8s('1.33.3'), cluster: cluster('1.33.3') }, want: false },
    { name: 'ahead of target', input: { target: k8s('1.32.6'), cluster: cluster('1.33.3') }, want: false },
    { name: 'two minors behind (auto-upgrade never skips minors)', input: { target: k8s('1.33.3'), cluster: cluster('1.31.8') }, want: false },
    { name: 'a pool behind a control plane at target', input: { target: k8s('1.33.3'), cluster: cluster('1.33.3', { poolVersion: '1.33.2' }) }, want: true },
    { name: 'stopped (it would only fail again)', input: { target: k8s('1.33.3'), cluster: cluster('1.33.2', { stopped: true }) }, want: false },
    { name: 'an older image of a target family', input: { target: { kind: 'nodeImage', images: { 'AKSUbuntu-2204gen2containerd': '202611.01.0' } }, cluster: cluster('1.33.2') }, want: true },
    { name: 'the target image', input: { target: { kind: 'nodeImage', images: { 'AKSUbuntu-2204gen2containerd': '202610.15.0' } }, cluster: cluster('1.33.2') }, want: false },
    { name: 'an image family without a target', input: { target: { kind: 'nodeImage', images: { 'AKSAzureLinux-V3gen2': '202611.01.0' } }, cluster: cluster('1.33.2') }, want: false },
  ])('$name → $want', ({ input, want }) => {
    expect(isBehindTarget(input.target, input.cluster)).toBe(want);
  });
});

describe('hasRunInProgress and catchUpVariant', () => {
  const run = (state: string): UpdateRun => ({ id: `${fleetId}/updateRuns/${state}`, name: state, type: 'Microsoft.ContainerService/fleets/updateRuns', properties: { managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.3' } }, status: { status: { state } } } });
  it.each<{ name: string; input: string[]; want: boolean }>([
    { name: 'no runs', input: [], want: false },
    { name: 'only settled or never started runs', input: ['Completed', 'Failed', 'Stopped', 'Skipped', 'NotStarted'], want: false },
    { name: 'a running run', input: ['Completed', 'Running'], want: true },
    { name: 'a stopping run', input: ['Stopping'], want: true },
  ])('$name → $want', ({ input, want }) => {
    expect(hasRunInProgress(input.map(run))).toBe(want);
  });

  it('names the lagging members whatever their order or case, and another set differently', () => {
    expect({ same: catchUpVariant(['b', 'A']) === catchUpVariant(['a', 'B']), other: catchUpVariant(['a']) === catchUpVariant(['a', 'b']), shape: /^catchUp-[0-9a-f]{12}$/.test(catchUpVariant(['a'])) }).toEqual({ same: true, other: false, shape: true });
  });
});
