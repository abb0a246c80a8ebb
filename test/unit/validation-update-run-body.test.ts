import { describe, expect, it } from 'vitest';
import type { ApiFeatures } from '../../shared/arm/api-versions.js';
import { apiVersions, latestApiVersion } from '../../shared/arm/api-versions.js';
import { isArmError } from '../../shared/arm/arm-error.js';
import type { FleetMember, ManagedClusterUpdate, UpdateRun, UpdateRunStrategy } from '../../shared/fleet/models.js';
import { parseUpdateRunPut } from '../../shared/fleet/validation/update-run-body.js';
import { parseUpdateStrategyPut } from '../../shared/fleet/validation/update-strategy-body.js';

const latest = apiVersions[latestApiVersion] as ApiFeatures;
const fleetId = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/fleet-1';
const strategyId = `${fleetId}/updateStrategies/strategy-1`;
const members: FleetMember[] = [
  { id: `${fleetId}/members/m1`, name: 'm1', type: 'Microsoft.ContainerService/fleets/members', properties: { clusterResourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/a', group: 'group-a' } },
];
const outcome = (run: () => unknown): unknown => {
  try {
    return run();
  } catch (e) {
    if (isArmError(e)) return { code: e.code, target: e.target };
    throw e;
  }
};
const bad = (target: string) => ({ code: 'InvalidRequestContent', target });
const locked = (target: string) => ({ code: 'OperationNotAllowed', target });

const full: ManagedClusterUpdate = { upgrade: { type: 'Full', kubernetesVersion: '1.26.1' }, nodeImageSelection: { type: 'Latest' } };
const strategy: UpdateRunStrategy = { stages: [{ name: 'stage1', groups: [{ name: 'group-a' }], afterStageWaitInSeconds: 3600 }] };
const body = (properties: object) => ({ properties: { managedClusterUpdate: full, ...properties } });
const mcu = (managedClusterUpdate: object) => ({ properties: { managedClusterUpdate } });
const run = (state: string | undefined, properties: object = {}): UpdateRun => ({
  id: `${fleetId}/updateRuns/run1`,
  name: 'run1',
  type: 'Microsoft.ContainerService/fleets/updateRuns',
  properties: { managedClusterUpdate: full, strategy, ...(state ? { status: { status: { state } } } : {}), ...properties },
});
const custom = (versions: string[]) => versions.map((version) => ({ version }));

describe('parseUpdateRunPut', () => {
  it.each<{ name: string; input: { body: unknown; existing?: UpdateRun }; want: unknown }>([
    { name: 'default strategy (one by one)', input: { body: body({}) }, want: { managedClusterUpdate: full } },
    { name: 'inline strategy (reference run example)', input: { body: body({ strategy }) }, want: { strategy, managedClusterUpdate: full } },
    { name: 'strategy reference', input: { body: body({ updateStrategyId: strategyId }) }, want: { updateStrategyId: strategyId, managedClusterUpdate: full } },
    { name: 'strategy reference in another case', input: { body: body({ updateStrategyId: strategyId.toUpperCase() }) }, want: { updateStrategyId: strategyId.toUpperCase(), managedClusterUpdate: full } },
    { name: 'NodeImageOnly', input: { body: mcu({ upgrade: { type: 'NodeImageOnly' }, nodeImageSelection: { type: 'Consistent' } }) }, want: { managedClusterUpdate: { upgrade: { type: 'NodeImageOnly' }, nodeImageSelection: { type: 'Consistent' } } } },
    { name: 'ControlPlaneOnly', input: { body: mcu({ upgrade: { type: 'ControlPlaneOnly', kubernetesVersion: '1.30.0' } }) }, want: { managedClusterUpdate: { upgrade: { type: 'ControlPlaneOnly', kubernetesVersion: '1.30.0' } } } },
    { name: 'Custom images, one per family', input: { body: mcu({ upgrade: { type: 'NodeImageOnly' }, nodeImageSelection: { type: 'Custom', customNodeImageVersions: custom(['AKSUbuntu-2204gen2containerd-202611.01.0', 'AKSAzureLinux-V2gen2-202502.26.0', 'AKSWindows-2022-containerd-20348.2655.240814']) } }) }, want: { managedClusterUpdate: { upgrade: { type: 'NodeImageOnly' }, nodeImageSelection: { type: 'Custom', customNodeImageVersions: custom(['AKSUbuntu-2204gen2containerd-202611.01.0', 'AKSAzureLinux-V2gen2-202502.26.0', 'AKSWindows-2022-containerd-20348.2655.240814']) } } } },
    { name: 'Custom images with Full', input: { body: mcu({ upgrade: { type: 'Full', kubernetesVersion: '1.31.2' }, nodeImageSelection: { type: 'Custom', customNodeImageVersions: custom(['AKSUbuntu-2204gen2containerd-202611.01.0']) } }) }, want: { managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.31.2' }, nodeImageSelection: { type: 'Custom', customNodeImageVersions: custom(['AKSUbuntu-2204gen2containerd-202611.01.0']) } } } },
    { name: 'read-only properties ignored', input: { body: { id: 'x', properties: { managedClusterUpdate: full, provisioningState: 'Succeeded', status: {}, autoUpgradeProfileId: 'p' } } }, want: { managedClusterUpdate: full } },
    { name: 'not-started run, edit strategy and version', input: { body: body({ strategy: { stages: [{ name: 'other', groups: [{ name: 'group-a' }] }] }, managedClusterUpdate: { ...full, upgrade: { type: 'Full', kubernetesVersion: '1.27.0' } } }), existing: run('NotStarted') }, want: { strategy: { stages: [{ name: 'other', groups: [{ name: 'group-a' }] }] }, managedClusterUpdate: { ...full, upgrade: { type: 'Full', kubernetesVersion: '1.27.0' } } } },
    { name: 'run without status is editable', input: { body: body({}), existing: run(undefined) }, want: { managedClusterUpdate: full } },
    { name: 'nodeImageSelection omitted keeps the stored one', input: { body: mcu({ upgrade: full.upgrade }), existing: run('NotStarted') }, want: { managedClusterUpdate: full } },
    { name: 'echo of a referenced strategy snapshot', input: { body: body({ updateStrategyId: strategyId, strategy }), existing: run('NotStarted', { updateStrategyId: strategyId }) }, want: { updateStrategyId: strategyId, managedClusterUpdate: full } },
    { name: 'unchanged PUT on a running run returns the stored spec', input: { body: body({ strategy }), existing: run('Running') }, want: { strategy, managedClusterUpdate: full } },
    { name: 'unchanged PUT on a completed referenced run', input: { body: body({ updateStrategyId: strategyId }), existing: run('Completed', { updateStrategyId: strategyId }) }, want: { updateStrategyId: strategyId, strategy, managedClusterUpdate: full } },
    { name: 'both strategy and updateStrategyId', input: { body: body({ strategy, updateStrategyId: strategyId }) }, want: bad('properties.strategy') },
    { name: 'updateStrategyId of another fleet', input: { body: body({ updateStrategyId: strategyId.replace('fleet-1', 'fleet-2') }) }, want: bad('properties.updateStrategyId') },
    { name: 'updateStrategyId of another kind', input: { body: body({ updateStrategyId: `${fleetId}/autoUpgradeProfiles/p1` }) }, want: bad('properties.updateStrategyId') },
    { name: 'updateStrategyId not an id', input: { body: body({ updateStrategyId: 'strategy-1' }) }, want: bad('properties.updateStrategyId') },
    { name: 'updateStrategyId that does not exist', input: { body: body({ updateStrategyId: `${fleetId}/updateStrategies/missing` }) }, want: bad('properties.updateStrategyId') },
    { name: 'invalid inline strategy', input: { body: body({ strategy: { stages: [{ name: 's', groups: [{ name: 'nobody' }] }] } }) }, want: bad('properties.strategy.stages[0].groups[0].name') },
    { name: 'managedClusterUpdate missing', input: { body: { properties: {} } }, want: bad('properties.managedClusterUpdate') },
    { name: 'upgrade missing', input: { body: mcu({}) }, want: bad('properties.managedClusterUpdate.upgrade') },
    { name: 'unknown upgrade type', input: { body: mcu({ upgrade: { type: 'Patch', kubernetesVersion: '1.1.1' } }) }, want: bad('properties.managedClusterUpdate.upgrade.type') },
    { name: 'Full without kubernetesVersion', input: { body: mcu({ upgrade: { type: 'Full' } }) }, want: bad('properties.managedClusterUpdate.upgrade.kubernetesVersion') },
    { name: 'ControlPlaneOnly without kubernetesVersion', input: { body: mcu({ upgrade: { type: 'ControlPlaneOnly' } }) }, want: bad('properties.managedClusterUpdate.upgrade.kubernetesVersion') },
    { name: 'NodeImageOnly with kubernetesVersion', input: { body: mcu({ upgrade: { type: 'NodeImageOnly', kubernetesVersion: '1.30.0' } }) }, want: bad('properties.managedClusterUpdate.upgrade.kubernetesVersion') },
    { name: 'minor-only kubernetesVersion', input: { body: mcu({ upgrade: { type: 'Full', kubernetesVersion: '1.27' } }) }, want: bad('properties.managedClusterUpdate.upgrade.kubernetesVersion') },
    { name: 'leading v', input: { body: mcu({ upgrade: { type: 'Full', kubernetesVersion: 'v1.27.1' } }) }, want: bad('properties.managedClusterUpdate.upgrade.kubernetesVersion') },
    { name: 'pre-release suffix', input: { body: mcu({ upgrade: { type: 'Full', kubernetesVersion: '1.27.1-rc.1' } }) }, want: bad('properties.managedClusterUpdate.upgrade.kubernetesVersion') },
    { name: 'unknown node image selection', input: { body: mcu({ upgrade: full.upgrade, nodeImageSelection: { type: 'Newest' } }) }, want: bad('properties.managedClusterUpdate.nodeImageSelection.type') },
    { name: 'Custom without versions', input: { body: mcu({ upgrade: { type: 'NodeImageOnly' }, nodeImageSelection: { type: 'Custom' } }) }, want: bad('properties.managedClusterUpdate.nodeImageSelection.customNodeImageVersions') },
    { name: 'Custom with no versions', input: { body: mcu({ upgrade: { type: 'NodeImageOnly' }, nodeImageSelection: { type: 'Custom', customNodeImageVersions: [] } }) }, want: bad('properties.managedClusterUpdate.nodeImageSelection.customNodeImageVersions') },
    { name: 'versions without Custom', input: { body: mcu({ upgrade: { type: 'NodeImageOnly' }, nodeImageSelection: { type: 'Latest', customNodeImageVersions: custom(['AKSUbuntu-2204gen2containerd-202611.01.0']) } }) }, want: bad('properties.managedClusterUpdate.nodeImageSelection.customNodeImageVersions') },
    { name: 'two versions of one family', input: { body: mcu({ upgrade: { type: 'NodeImageOnly' }, nodeImageSelection: { type: 'Custom', customNodeImageVersions: custom(['AKSUbuntu-2204gen2containerd-202611.01.0', 'AKSAzureLinux-V2gen2-202502.26.0', 'AKSUbuntu-2204gen2containerd-202612.08.0']) } }) }, want: bad('properties.managedClusterUpdate.nodeImageSelection.customNodeImageVersions[2].version') },
    { name: 'malformed image version', input: { body: mcu({ upgrade: { type: 'NodeImageOnly' }, nodeImageSelection: { type: 'Custom', customNodeImageVersions: custom(['AKSUbuntu-2204gen2containerd']) } }) }, want: bad('properties.managedClusterUpdate.nodeImageSelection.customNodeImageVersions[0].version') },
    { name: 'Custom with ControlPlaneOnly', input: { body: mcu({ upgrade: { type: 'ControlPlaneOnly', kubernetesVersion: '1.30.0' }, nodeImageSelection: { type: 'Custom', customNodeImageVersions: custom(['AKSUbuntu-2204gen2containerd-202611.01.0']) } }) }, want: bad('properties.managedClusterUpdate.nodeImageSelection.type') },
    { name: 'nodeImageSelection changed before start', input: { body: mcu({ upgrade: full.upgrade, nodeImageSelection: { type: 'Consistent' } }), existing: run('NotStarted') }, want: bad('properties.managedClusterUpdate.nodeImageSelection') },
    { name: 'unknown property', input: { body: body({ priority: 1 }) }, want: bad('properties.priority') },
    { name: 'unknown upgrade property', input: { body: mcu({ upgrade: { ...full.upgrade, force: true } }) }, want: bad('properties.managedClusterUpdate.upgrade.force') },
    { name: 'running run, version changed', input: { body: body({ strategy, managedClusterUpdate: { ...full, upgrade: { type: 'Full', kubernetesVersion: '1.27.0' } } }), existing: run('Running') }, want: locked('properties.managedClusterUpdate.upgrade') },
    { name: 'failed run, strategy changed', input: { body: body({ strategy: { stages: [{ name: 'x', groups: [{ name: 'group-a' }] }] } }), existing: run('Failed') }, want: locked('properties.strategy') },
    { name: 'stopped run, strategy removed', input: { body: body({}), existing: run('Stopped') }, want: locked('properties.strategy') },
    { name: 'pending run, strategy reference added', input: { body: body({ updateStrategyId: strategyId }), existing: run('Pending') }, want: locked('properties.updateStrategyId') },
    { name: 'completed run, node image selection changed', input: { body: body({ strategy, managedClusterUpdate: { ...full, nodeImageSelection: { type: 'Consistent' } } }), existing: run('Completed') }, want: locked('properties.managedClusterUpdate.nodeImageSelection') },
  ])('$name', ({ input, want }) => {
    const context = { fleetId, members, existing: input.existing, strategyExists: (id: string) => id.toLowerCase() === strategyId.toLowerCase() };
    expect(outcome(() => parseUpdateRunPut(input.body, latest, context))).toEqual(want);
  });

  it('answers 409 for a started run', () => {
    const context = { fleetId, members, existing: run('Running'), strategyExists: () => true };
    expect(() => parseUpdateRunPut(body({}), latest, context)).toThrow(expect.objectContaining({ status: 409 }));
  });
});

describe('parseUpdateStrategyPut', () => {
  it.each<{ name: string; input: { body: unknown; features?: ApiFeatures }; want: unknown }>([
    { name: 'reference example', input: { body: { properties: { strategy } } }, want: { strategy } },
    { name: 'read-only properties ignored', input: { body: { name: 's', properties: { strategy, provisioningState: 'Succeeded' } } }, want: { strategy } },
    { name: 'strategy missing', input: { body: { properties: {} } }, want: bad('properties.strategy') },
    { name: 'properties missing', input: { body: {} }, want: bad('properties') },
    { name: 'invalid strategy', input: { body: { properties: { strategy: { stages: [] } } } }, want: bad('properties.strategy.stages') },
    { name: 'gates on 2025-03-01', input: { body: { properties: { strategy: { stages: [{ name: 's', groups: [{ name: 'group-a' }], afterGates: [{ type: 'Approval' }] }] } } }, features: apiVersions['2025-03-01'] }, want: bad('properties.strategy.stages[0].afterGates') },
    { name: 'unknown property', input: { body: { properties: { strategy, runs: [] } } }, want: bad('properties.runs') },
  ])('$name', ({ input, want }) => {
    expect(outcome(() => parseUpdateStrategyPut(input.body, input.features ?? latest, { members }))).toEqual(want);
  });
});
