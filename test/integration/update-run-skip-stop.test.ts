import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberUpdateStatus, UpdateGroupStatus, UpdateRunProperties } from '../../shared/fleet/models.js';
import { settledRunStates, startUpdateRunStack, stateOf, timeless, upgraded, type TestFleet, type UpdateRunStack } from './update-run-harness.js';

let stack: UpdateRunStack;

beforeAll(async () => {
  stack = await startUpdateRunStack(new Date('2026-11-30T10:00:00Z'));
});
afterAll(() => stack.dispose());

const fullUpgrade: UpdateRunProperties['managedClusterUpdate'] = { upgrade: { type: 'Full', kubernetesVersion: '1.32.6' } };
const runIs = (fleet: TestFleet, states: ReadonlySet<string>) => async (): Promise<boolean> => states.has(stateOf(await fleet.status('rollout')) ?? '');
const member = (name: string, state: string, message?: string): MemberUpdateStatus => ({ name, status: { state }, ...(message ? { message } : {}) });
const group = (name: string, state: string, members: MemberUpdateStatus[], extra: Partial<UpdateGroupStatus> = {}): UpdateGroupStatus => ({ name, status: { state }, failureCount: 0, maxConcurrency: 1, maxAllowedFailures: 0, members, ...extra });

describe('skip', () => {
  it('skips a group that has not started: its members and gates are Skipped, the rest runs', async () => {
    const fleet = await stack.fleet('skipgroup');
    await fleet.join('a1', { group: 'a' });
    for (const name of ['b1', 'b2']) await fleet.join(name, { group: 'b' });
    await fleet.join('c1', { group: 'c' });
    await fleet.createRun('rollout', {
      managedClusterUpdate: fullUpgrade,
      strategy: {
        stages: [
          { name: 's1', groups: [{ name: 'a' }], beforeGates: [{ displayName: 'go', type: 'Approval' }] },
          { name: 's2', groups: [{ name: 'b', beforeGates: [{ displayName: 'before b', type: 'Approval' }], afterGates: [{ displayName: 'after b', type: 'Approval' }] }, { name: 'c' }] },
        ],
      },
    });
    // The run waits at stage 1's gate while group b (stage 2) is skipped.
    await fleet.start('rollout');
    await stack.settle();
    const [go] = await fleet.pendingGates();
    await fleet.skip('rollout', [{ type: 'Group', name: 'b' }]);
    await fleet.approve(go?.id ?? '');

    await stack.driveUntil('the end of the run', runIs(fleet, settledRunStates));
    const done = await fleet.status('rollout');
    expect(stateOf(done)).toBe('Completed');
    expect(timeless(done.stages?.[1])).toEqual({
      name: 's2',
      status: { state: 'Completed' },
      failureCount: 0,
      maxConcurrency: 50,
      maxAllowedFailures: 0,
      groups: [
        group('b', 'Skipped', [member('b1', 'Skipped', 'Skipped by request.'), member('b2', 'Skipped', 'Skipped by request.')], {
          beforeGates: [{ displayName: 'before b', status: { state: 'Skipped' } }],
          afterGates: [{ displayName: 'after b', status: { state: 'Skipped' } }],
        }),
        group('c', 'Completed', [member('c1', 'Completed')]),
      ],
      afterStageWaitStatus: { status: { state: 'Completed' }, waitDurationInSeconds: 0 },
    });
    // Skipped gates were never reached: no gate resource was created for them.
    expect(await fleet.pendingGates()).toEqual([]);
    for (const name of ['a1', 'c1']) expect(fleet.counters(name)).toEqual(upgraded('Full', { succeeded: 1 }));
    for (const name of ['b1', 'b2']) expect(fleet.counters(name)).toEqual(upgraded('Full', {}));
  });

  it('skips a stage that has not started: its groups, members, gates and wait are Skipped', async () => {
    const fleet = await stack.fleet('skipstage');
    for (const [name, groupName] of [['a1', 'a'], ['b1', 'b'], ['c1', 'c']] as const) await fleet.join(name, { group: groupName });
    await fleet.createRun('rollout', {
      managedClusterUpdate: fullUpgrade,
      strategy: {
        stages: [
          { name: 's1', groups: [{ name: 'a' }], beforeGates: [{ displayName: 'go', type: 'Approval' }] },
          { name: 's2', groups: [{ name: 'b', beforeGates: [{ displayName: 'before b', type: 'Approval' }] }], afterGates: [{ displayName: 'after s2', type: 'Approval' }], afterStageWaitInSeconds: 600 },
          { name: 's3', groups: [{ name: 'c' }] },
        ],
      },
    });
    await fleet.start('rollout');
    await stack.settle();
    const [go] = await fleet.pendingGates();
    await fleet.skip('rollout', [{ type: 'Stage', name: 's2' }]);
    await fleet.approve(go?.id ?? '');

    await stack.driveUntil('the end of the run', runIs(fleet, settledRunStates));
    const done = await fleet.status('rollout');
    expect(timeless(done.stages?.[1])).toEqual({
      name: 's2',
      status: { state: 'Skipped' },
      failureCount: 0,
      maxConcurrency: 50,
      maxAllowedFailures: 0,
      groups: [group('b', 'Skipped', [member('b1', 'Skipped', 'Skipped by request.')], { beforeGates: [{ displayName: 'before b', status: { state: 'Skipped' } }] })],
      afterGates: [{ displayName: 'after s2', status: { state: 'Skipped' } }],
      afterStageWaitStatus: { status: { state: 'Skipped' }, waitDurationInSeconds: 600 },
    });
    expect([stateOf(done), stateOf(done.stages?.[2])]).toEqual(['Completed', 'Completed']);
    for (const name of ['a1', 'c1']) expect(fleet.counters(name)).toEqual(upgraded('Full', { succeeded: 1 }));
    expect(fleet.counters('b1')).toEqual(upgraded('Full', {}));
  });

  it('skips a group waiting at its gate: the gate resource is Skipped, so are its members', async () => {
    const fleet = await stack.fleet('skipatgate');
    await fleet.join('b1', { group: 'b' });
    await fleet.join('c1', { group: 'c' });
    await fleet.createRun('rollout', {
      managedClusterUpdate: fullUpgrade,
      strategy: { stages: [{ name: 's1', groups: [{ name: 'b', beforeGates: [{ displayName: 'before b', type: 'Approval' }] }, { name: 'c' }] }] },
    });
    await fleet.start('rollout');
    await stack.driveUntil('group b at its gate', async () => stateOf((await fleet.status('rollout')).stages?.[0]?.groups?.[0]?.beforeGates?.[0]) === 'Pending');
    const [beforeB] = await fleet.pendingGates();
    const gateId = beforeB?.id ?? '';

    await fleet.skip('rollout', [{ type: 'Group', name: 'b' }]);
    await stack.driveUntil('the end of the run', runIs(fleet, settledRunStates));
    expect(timeless((await fleet.status('rollout')).stages?.[0]?.groups)).toEqual([
      group('b', 'Skipped', [member('b1', 'Skipped', 'Skipped by request.')], { beforeGates: [{ displayName: 'before b', gateId, status: { state: 'Skipped' } }] }),
      group('c', 'Completed', [member('c1', 'Completed')]),
    ]);
    expect((await fleet.gate(gateId)).properties.state).toBe('Skipped');
    expect((await stack.call('PATCH', gateId, { properties: { state: 'Completed' } })).status).toBe(409);
    expect(stateOf(await fleet.status('rollout'))).toBe('Completed');
    expect(fleet.counters('b1')).toEqual(upgraded('Full', {}));
  });
});

describe('stop and restart', () => {
  it('stops after in-flight members finish, then continues with the unprocessed members only', async () => {
    const fleet = await stack.fleet('stopstart');
    const names = ['m1', 'm2', 'm3', 'm4'];
    for (const name of names) await fleet.join(name, { group: 'g' });
    await fleet.createRun('rollout', { managedClusterUpdate: fullUpgrade, strategy: { stages: [{ name: 's1', groups: [{ name: 'g', maxConcurrency: '2' }] }] } });
    /** The run's status: one stage of group g (two lanes). */
    const runWith = (run: string, stage: string, members: MemberUpdateStatus[]) => ({
      status: { state: run },
      failureCount: 0,
      stages: [{ name: 's1', status: { state: stage }, failureCount: 0, maxConcurrency: 50, maxAllowedFailures: 0, groups: [group('g', stage, members, { maxConcurrency: 2 })], afterStageWaitStatus: { status: { state: stage === 'Completed' ? 'Completed' : 'NotStarted' }, waitDurationInSeconds: 0 } }],
    });

    // Two lanes start m1 and m2; the stop arrives while they upgrade.
    await fleet.start('rollout');
    await stack.settle();
    await fleet.stop('rollout');
    await stack.settle();
    expect(timeless(await fleet.status('rollout'))).toEqual(runWith('Stopping', 'Running', [member('m1', 'Running'), member('m2', 'Running'), member('m3', 'NotStarted'), member('m4', 'NotStarted')]));

    await stack.driveUntil('the run to stop', runIs(fleet, settledRunStates));
    expect(timeless(await fleet.status('rollout'))).toEqual(runWith('Stopped', 'Stopped', [member('m1', 'Completed'), member('m2', 'Completed'), member('m3', 'NotStarted'), member('m4', 'NotStarted')]));
    for (const name of ['m3', 'm4']) expect(fleet.counters(name)).toEqual(upgraded('Full', {}));

    // Started again: only m3 and m4 are upgraded.
    await fleet.start('rollout');
    await stack.driveUntil('the end of the run', runIs(fleet, settledRunStates));
    expect(timeless(await fleet.status('rollout'))).toEqual(runWith('Completed', 'Completed', names.map((name) => member(name, 'Completed'))));
    for (const name of names) expect(fleet.counters(name)).toEqual(upgraded('Full', { succeeded: 1 }));
  });
});
