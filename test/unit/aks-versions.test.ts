import { describe, expect, it } from 'vitest';
import { flattenKubernetesVersions } from '../../shared/aks/available-versions.js';
import { checkUpgradePath, compareKubernetesVersions, latestKubernetesVersion, minorDistance, parseKubernetesVersion } from '../../shared/aks/kubernetes-version.js';
import { compareImageVersions, nodeImageReached, parseNodeImageVersion } from '../../shared/aks/node-image-version.js';

describe('Kubernetes version math', () => {
  it.each([
    { name: 'patch version', input: '1.30.5', want: { major: 1, minor: 30, patch: 5 } },
    { name: 'minor only', input: '1.30', want: { major: 1, minor: 30, patch: undefined } },
    { name: 'leading v', input: 'v1.29.0', want: { major: 1, minor: 29, patch: 0 } },
    { name: 'garbage', input: '1.x', want: undefined },
  ])('parses $name', ({ input, want }) => expect(parseKubernetesVersion(input)).toEqual(want));

  it.each([
    { a: '1.30.5', b: '1.30.10', want: -1 },
    { a: '1.31.0', b: '1.30.10', want: 1 },
    { a: '1.30', b: '1.30.0', want: -1 },
    { a: '1.30.2', b: '1.30.2', want: 0 },
  ])('orders $a against $b', ({ a, b, want }) => expect(Math.sign(compareKubernetesVersions(a, b))).toBe(want));

  it.each([
    { from: '1.30.5', to: '1.31.1', want: 1 },
    { from: '1.31.1', to: '1.29.0', want: -2 },
  ])('counts minors from $from to $to', ({ from, to, want }) => expect(minorDistance(from, to)).toBe(want));

  it.each([
    { name: 'next patch', current: '1.30.5', target: '1.30.9', want: { allowed: true } },
    { name: 'next minor', current: '1.30.5', target: '1.31.1', want: { allowed: true } },
    { name: 'skipped minor', current: '1.30.5', target: '1.32.1', want: { allowed: false, reason: 'SkipsMinor' } },
    { name: 'downgrade', current: '1.31.1', target: '1.30.9', want: { allowed: false, reason: 'Downgrade' } },
    { name: 'same version', current: '1.31.1', target: '1.31.1', want: { allowed: false, reason: 'SameVersion' } },
  ])('checks the upgrade path: $name', ({ current, target, want }) => expect(checkUpgradePath(current, target)).toEqual(want));

  it('finds the latest version', () => expect(latestKubernetesVersion(['1.30.12', '1.31.2', '1.30.9'])).toBe('1.31.2'));
});

describe('node image versions', () => {
  it.each([
    { input: 'AKSUbuntu-2204gen2containerd-202611.01.0', want: { family: 'AKSUbuntu-2204gen2containerd', version: '202611.01.0' } },
    { input: 'AKSWindows-2022-containerd-20348.2762.241009', want: { family: 'AKSWindows-2022-containerd', version: '20348.2762.241009' } },
    { input: 'not-an-image', want: undefined },
  ])('splits $input', ({ input, want }) => expect(parseNodeImageVersion(input)).toEqual(want));

  it.each([
    { a: '202611.01.0', b: '202610.15.0', want: 1 },
    { a: '202610.15.0', b: '202610.15.0', want: 0 },
    { a: '20348.2762.241009', b: '20348.2849.241106', want: -1 },
  ])('orders $a against $b', ({ a, b, want }) => expect(Math.sign(compareImageVersions(a, b))).toBe(want));

  it.each([
    { name: 'same image', actual: 'AKSUbuntu-2204gen2containerd-202611.01.0', want: true },
    { name: 'newer image', actual: 'AKSUbuntu-2204gen2containerd-202612.01.0', want: true },
    { name: 'older image', actual: 'AKSUbuntu-2204gen2containerd-202610.15.0', want: false },
    { name: 'other family', actual: 'AKSAzureLinux-V3gen2-202612.01.0', want: false },
    { name: 'unknown', actual: undefined, want: false },
  ])('decides whether the target image is reached: $name', ({ actual, want }) => expect(nodeImageReached(actual, 'AKSUbuntu-2204gen2containerd-202611.01.0')).toBe(want));
});

describe('flattenKubernetesVersions', () => {
  it('lists every patch with its minor flags, oldest first', () => {
    expect(
      flattenKubernetesVersions([
        { version: '1.31', isPreview: true, capabilities: { supportPlan: ['KubernetesOfficial'] }, patchVersions: { '1.31.1': { upgrades: [] } } },
        { version: '1.30', isDefault: true, capabilities: { supportPlan: ['KubernetesOfficial', 'AKSLongTermSupport'] }, patchVersions: { '1.30.9': { upgrades: ['1.31.1'] }, '1.30.5': { upgrades: ['1.30.9', '1.31.1'] } } },
      ]),
    ).toEqual([
      { version: '1.30.5', minor: '1.30', isPreview: false, isDefault: true, isLts: true, upgrades: ['1.30.9', '1.31.1'] },
      { version: '1.30.9', minor: '1.30', isPreview: false, isDefault: true, isLts: true, upgrades: ['1.31.1'] },
      { version: '1.31.1', minor: '1.31', isPreview: true, isDefault: false, isLts: false, upgrades: [] },
    ]);
  });
});
