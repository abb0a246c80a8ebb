import { describe, expect, it } from 'vitest';
import type { AksMemberState, AksOperationHandle } from '../../shared/aks/aks-gateway.js';
import { armEndpointFrom, isMicrosoftAuthority } from '../../shared/azure-credential.js';
import { checkPostConditions } from '../../shared/aks/post-conditions.js';
import { upgradeBody } from '../../shared/aks/upgrade-body.js';
import { parseClusterId } from '../../shared/aks/resource-id.js';

const pool = (name: string, version: string, image: string, state = 'Succeeded') => ({ name, currentOrchestratorVersion: version, orchestratorVersion: version, nodeImageVersion: image, provisioningState: state });
const member = (over: Partial<AksMemberState> = {}): AksMemberState => ({ id: '/x', location: 'eastus', provisioningState: 'Succeeded', currentKubernetesVersion: '1.31.8', pools: [pool('system', '1.31.8', 'AKSUbuntu-2204gen2containerd-202611.01.0'), pool('user', '1.30.9', 'AKSUbuntu-2204gen2containerd-202610.15.0')], ...over });
type Expectation = Pick<AksOperationHandle, 'kind' | 'poolName' | 'target'>;

describe('checkPostConditions', () => {
  it.each<{ name: string; input: AksMemberState; handle: Expectation; want: unknown }>([
    { name: 'control plane reached', input: member(), handle: { kind: 'ControlPlaneOnly', target: { kubernetesVersion: '1.31.8' } }, want: { ok: true } },
    { name: 'control plane behind', input: member({ currentKubernetesVersion: '1.30.9' }), handle: { kind: 'ControlPlaneOnly', target: { kubernetesVersion: '1.31.8' } }, want: { ok: false, problems: ['control plane runs 1.30.9, not 1.31.8'] } },
    { name: 'full with a pool behind', input: member(), handle: { kind: 'Full', target: { kubernetesVersion: '1.31.8' } }, want: { ok: false, problems: ['pool user runs 1.30.9, not 1.31.8'] } },
    { name: 'node image reached', input: member(), handle: { kind: 'NodeImageOnly', poolName: 'system', target: { nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.01.0' } }, want: { ok: true } },
    { name: 'node image behind', input: member(), handle: { kind: 'NodeImageOnly', poolName: 'user', target: { nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202611.01.0' } }, want: { ok: false, problems: ['pool user runs image AKSUbuntu-2204gen2containerd-202610.15.0, not AKSUbuntu-2204gen2containerd-202611.01.0 or newer'] } },
    { name: 'cluster failed', input: member({ provisioningState: 'Failed' }), handle: { kind: 'ControlPlaneOnly', target: { kubernetesVersion: '1.31.8' } }, want: { ok: false, problems: ['cluster provisioningState is Failed, not Succeeded'] } },
  ])('$name', ({ input, handle, want }) => expect(checkPostConditions(input, handle)).toEqual(want));
});

describe('upgradeBody', () => {
  const current = { location: 'eastus', kubernetesVersion: '1.30.9', agentPoolProfiles: [{ name: 'system', orchestratorVersion: '1.30.9' }] };
  it.each([
    { kind: 'ControlPlaneOnly' as const, want: { location: 'eastus', kubernetesVersion: '1.31.5', agentPoolProfiles: [{ name: 'system', orchestratorVersion: '1.30.9' }] } },
    { kind: 'Full' as const, want: { location: 'eastus', kubernetesVersion: '1.31.5', agentPoolProfiles: [{ name: 'system', orchestratorVersion: '1.31.5' }] } },
  ])('$kind', ({ kind, want }) => expect(upgradeBody(current, kind, '1.31.5')).toEqual(want));
});

describe('configuration and ids', () => {
  it.each([
    { input: {}, want: 'https://management.azure.com' },
    { input: { AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://localhost:7445/' }, want: 'https://localhost:7445' },
  ])('ARM endpoint from $input', ({ input, want }) => expect(armEndpointFrom(input)).toBe(want));
  it('refuses a plain-http ARM endpoint', () => expect(() => armEndpointFrom({ AZURE_RESOURCE_MANAGER_ENDPOINT: 'http://localhost:1' })).toThrow(/https/));
  it.each([
    { input: 'https://login.microsoftonline.com/', want: true },
    { input: 'https://localhost:7444', want: false },
  ])('authority $input is Microsoft: $want', ({ input, want }) => expect(isMicrosoftAuthority(input)).toBe(want));
  it.each([
    { input: '/subscriptions/s/resourcegroups/rg/providers/microsoft.containerservice/managedClusters/c', want: { subscriptionId: 's', resourceGroup: 'rg', name: 'c' } },
    { input: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c/agentPools/p', want: undefined },
  ])('parses $input', ({ input, want }) => expect(parseClusterId(input)).toEqual(want));
});
