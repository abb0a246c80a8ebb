import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settledRunStates, startUpdateRunStack, stateOf, timeless, upgraded, type UpdateRunStack } from './update-run-harness.js';

let stack: UpdateRunStack;

beforeAll(async () => {
  stack = await startUpdateRunStack(new Date('2026-11-30T10:00:00Z'));
});
afterAll(() => stack.dispose());

const family = 'AKSUbuntu-2404gen2containerd';

describe('Consistent node image selection', () => {
  it('selects the latest image common to every region of the run', async () => {
    // eastus has received 202611.10.0 already; westeurope is still on 202610.20.0.
    for (const version of ['202610.20.0', '202611.10.0']) stack.aks.releaseNodeImage({ region: 'eastus', nodeImageVersion: `${family}-${version}` });
    stack.aks.releaseNodeImage({ region: 'westeurope', nodeImageVersion: `${family}-202610.20.0` });
    const fleet = await stack.fleet('images');
    const pools = [{ name: 'system', mode: 'System' as const, count: 2, nodeImageVersion: `${family}-202609.01.0` }];
    await fleet.join('east', { cluster: { location: 'eastus', pools } });
    await fleet.join('west', { cluster: { location: 'westeurope', pools } });
    await fleet.createRun('rollout', { managedClusterUpdate: { upgrade: { type: 'NodeImageOnly' }, nodeImageSelection: { type: 'Consistent' } } });
    // Selected when the run starts, before any member is upgraded.
    await fleet.start('rollout');
    await stack.settle();
    expect((await fleet.status('rollout')).nodeImageSelection).toEqual({ selectedNodeImageVersions: [{ version: `${family}-202610.20.0` }] });

    await stack.driveUntil('the end of the run', async () => settledRunStates.has(stateOf(await fleet.status('rollout')) ?? ''));
    const done = await fleet.status('rollout');
    expect(done.nodeImageSelection).toEqual({ selectedNodeImageVersions: [{ version: `${family}-202610.20.0` }] });
    expect(timeless(done.stages)).toEqual([
      {
        name: 'default',
        status: { state: 'Completed' },
        failureCount: 0,
        maxConcurrency: 50,
        maxAllowedFailures: 0,
        groups: [{ name: 'default', status: { state: 'Completed' }, failureCount: 0, maxConcurrency: 1, maxAllowedFailures: 0, members: [{ name: 'east', status: { state: 'Completed' } }, { name: 'west', status: { state: 'Completed' } }] }],
        afterStageWaitStatus: { status: { state: 'Completed' }, waitDurationInSeconds: 0 },
      },
    ]);
    expect(await fleet.nodeImages('west')).toEqual({ system: `${family}-202610.20.0` });
    // AKS's node image upgrade cannot be pinned (docs/decisions.md): a region that already has a
    // newer image installs its newest, which is at least the selected one.
    expect(await fleet.nodeImages('east')).toEqual({ system: `${family}-202611.10.0` });
    for (const member of ['east', 'west']) expect(fleet.counters(member)).toEqual(upgraded('NodeImageOnly', { succeeded: 1 }));
  });
});
