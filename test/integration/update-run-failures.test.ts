import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberUpdateStatus, UpdateRunProperties, UpdateStageStatus } from '../../shared/fleet/models.js';
import { settledRunStates, startUpdateRunStack, stateOf, timeless, upgraded, type TestFleet, type UpdateRunStack } from './update-run-harness.js';

let stack: UpdateRunStack;

beforeAll(async () => {
  stack = await startUpdateRunStack(new Date('2026-11-30T10:00:00Z'));
});
afterAll(() => stack.dispose());

const fullUpgrade: UpdateRunProperties['managedClusterUpdate'] = { upgrade: { type: 'Full', kubernetesVersion: '1.32.6' } };
const upgradeFailed = { code: 'UpgradeFailed', message: 'Drain of node aks-system-0 did not complete: pods failed to evict.' };
const failed: MemberUpdateStatus['status'] = { state: 'Failed', error: upgradeFailed };
const runEnded = (fleet: TestFleet) => async (): Promise<boolean> => settledRunStates.has(stateOf(await fleet.status('rollout')) ?? '');

/** A one-group stage whose stage and group tolerate `tolerated` failures. */
const stageOf = (name: string, group: string, state: { stage: string; group: string }, failureCount: number, members: MemberUpdateStatus[], tolerated = 0, concurrency = 1): UpdateStageStatus => ({
  name,
  status: { state: state.stage },
  failureCount,
  maxConcurrency: 50,
  maxAllowedFailures: tolerated,
  groups: [{ name: group, status: { state: state.group }, failureCount, maxConcurrency: concurrency, maxAllowedFailures: tolerated, members }],
  afterStageWaitStatus: { status: { state: state.stage === 'Completed' ? 'Completed' : 'NotStarted' }, waitDurationInSeconds: 0 },
});

describe('maxAllowedFailures', () => {
  // The group's own threshold is set too: unset it is "0" (fail fast) and would fail the group on
  // its first failure regardless of the stage's setting (reference §2.6).
  const tolerantStage = { name: 's1', maxAllowedFailures: '1', groups: [{ name: 'g', maxAllowedFailures: '1' }] };

  it('completes a stage that stays within its threshold, counts the failure and goes on', async () => {
    const fleet = await stack.fleet('withinlimit');
    for (const member of ['a1', 'a2']) await fleet.join(member, { group: 'g' });
    await fleet.join('b1', { group: 'later' });
    stack.aks.injectFaults(fleet.clusterOf('a1'), { failNextUpgrade: upgradeFailed });
    await fleet.createRun('rollout', { managedClusterUpdate: fullUpgrade, strategy: { stages: [tolerantStage, { name: 's2', groups: [{ name: 'later' }] }] } });
    await fleet.start('rollout');

    await stack.driveUntil('the end of the run', runEnded(fleet));
    expect(timeless(await fleet.status('rollout'))).toEqual({
      status: { state: 'Completed' },
      failureCount: 1,
      stages: [
        stageOf('s1', 'g', { stage: 'Completed', group: 'Completed' }, 1, [{ name: 'a1', status: failed }, { name: 'a2', status: { state: 'Completed' } }], 1),
        stageOf('s2', 'later', { stage: 'Completed', group: 'Completed' }, 0, [{ name: 'b1', status: { state: 'Completed' } }]),
      ],
    });
    expect(fleet.counters('a1')).toEqual(upgraded('Full', { failed: 1 }));
    for (const member of ['a2', 'b1']) expect(fleet.counters(member)).toEqual(upgraded('Full', { succeeded: 1 }));
  });

  it('stops scheduling once failures exceed it, lets in-flight members finish and fails the run', async () => {
    const fleet = await stack.fleet('overlimit');
    // Two lanes: f1 f3 f5 and f2 f4 f6. f1 and f3 fail fast while f2 (30 nodes) is still upgrading.
    const bigPool = { pools: [{ name: 'system', mode: 'System' as const, count: 30, nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202610.15.0' }] };
    for (const member of ['f1', 'f2', 'f3', 'f4', 'f5', 'f6']) await fleet.join(member, { group: 'g', ...(member === 'f2' ? { cluster: bigPool } : {}) });
    await fleet.join('z1', { group: 'later' });
    for (const member of ['f1', 'f3']) stack.aks.injectFaults(fleet.clusterOf(member), { failNextUpgrade: upgradeFailed });
    await fleet.createRun('rollout', {
      managedClusterUpdate: fullUpgrade,
      strategy: { stages: [{ ...tolerantStage, groups: [{ name: 'g', maxAllowedFailures: '1', maxConcurrency: '2' }] }, { name: 's2', groups: [{ name: 'later' }] }] },
    });
    await fleet.start('rollout');
    const notStarted = (name: string): MemberUpdateStatus => ({ name, status: { state: 'NotStarted' } });
    const stage2 = stageOf('s2', 'later', { stage: 'NotStarted', group: 'NotStarted' }, 0, [notStarted('z1')]);

    // The second failure: the run is Stopping while f2 finishes; nothing new starts.
    await stack.driveUntil('the second failure', async () => stateOf((await fleet.status('rollout')).stages?.[0]?.groups?.[0]?.members?.[2]) === 'Failed');
    expect(timeless(await fleet.status('rollout'))).toEqual({
      status: { state: 'Stopping' },
      failureCount: 2,
      stages: [
        stageOf('s1', 'g', { stage: 'Running', group: 'Running' }, 2, [{ name: 'f1', status: failed }, { name: 'f2', status: { state: 'Running' } }, { name: 'f3', status: failed }, notStarted('f4'), notStarted('f5'), notStarted('f6')], 1, 2),
        stage2,
      ],
    });

    await stack.driveUntil('the end of the run', runEnded(fleet));
    expect(timeless(await fleet.status('rollout'))).toEqual({
      status: { state: 'Failed' },
      failureCount: 2,
      stages: [
        stageOf('s1', 'g', { stage: 'Failed', group: 'Failed' }, 2, [{ name: 'f1', status: failed }, { name: 'f2', status: { state: 'Completed' } }, { name: 'f3', status: failed }, notStarted('f4'), notStarted('f5'), notStarted('f6')], 1, 2),
        stage2,
      ],
    });
    for (const member of ['f1', 'f3']) expect(fleet.counters(member)).toEqual(upgraded('Full', { failed: 1 }));
    expect(fleet.counters('f2')).toEqual(upgraded('Full', { succeeded: 1 }));
    for (const member of ['f4', 'f5', 'f6', 'z1']) expect(fleet.counters(member)).toEqual(upgraded('Full', {}));
  });
});
