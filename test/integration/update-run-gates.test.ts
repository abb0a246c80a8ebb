import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpdateRunProperties, UpdateStageStatus } from '../../shared/fleet/models.js';
import { settledRunStates, startUpdateRunStack, stateOf, timeless, upgraded, type UpdateRunStack } from './update-run-harness.js';

// A Monday, 10:00 UTC.
const start = new Date('2026-11-30T10:00:00Z');
let stack: UpdateRunStack;

beforeAll(async () => {
  stack = await startUpdateRunStack(start);
});
afterAll(() => stack.dispose());

const fullUpgrade: UpdateRunProperties['managedClusterUpdate'] = { upgrade: { type: 'Full', kubernetesVersion: '1.32.6' } };
const limits = { failureCount: 0, maxConcurrency: 50, maxAllowedFailures: 0 };
const groupLimits = { failureCount: 0, maxConcurrency: 1, maxAllowedFailures: 0 };

/** A stage of one group with one member, without gates or wait unless `extra` adds them (a stage without a wait shows it Completed when done). */
const oneMemberStage = (name: string, group: string, member: string, states: { stage: string; group: string; member: string }, extra: Partial<UpdateStageStatus> = {}): UpdateStageStatus => ({
  name,
  status: { state: states.stage },
  ...limits,
  groups: [{ name: group, status: { state: states.group }, ...groupLimits, members: [{ name: member, status: { state: states.member } }] }],
  afterStageWaitStatus: { status: { state: states.stage === 'Completed' ? 'Completed' : 'NotStarted' }, waitDurationInSeconds: 0 },
  ...extra,
});

describe('gates and after-stage waits', () => {
  it('passes a before-stage approval, an after-stage approval with its wait, and a group scheduled start, in order', async () => {
    const fleet = await stack.fleet('gates');
    for (const [member, group] of [['m1', 'g1'], ['m2', 'g2'], ['m3', 'g3']] as const) await fleet.join(member, { group });
    const scheduledStart = { startDay: 'Wednesday', startTime: '02:00', utcOffset: '+05:30' } as const;
    const runId = await fleet.createRun('rollout', {
      managedClusterUpdate: fullUpgrade,
      strategy: {
        stages: [
          { name: 's1', groups: [{ name: 'g1' }], beforeGates: [{ displayName: 'approve s1', type: 'Approval' }], afterGates: [{ displayName: 'sign off s1', type: 'Approval' }], afterStageWaitInSeconds: 3600 },
          { name: 's2', groups: [{ name: 'g2', beforeGates: [{ displayName: 'Wednesday night', type: 'ScheduledStart', scheduledStartConfiguration: scheduledStart }] }] },
          { name: 's3', groups: [{ name: 'g3' }] },
        ],
      },
    });
    const s2Waiting = oneMemberStage('s2', 'g2', 'm2', { stage: 'NotStarted', group: 'NotStarted', member: 'NotStarted' });
    s2Waiting.groups = s2Waiting.groups?.map((g) => ({ ...g, beforeGates: [{ displayName: 'Wednesday night', status: { state: 'NotStarted' } }] }));
    const s3Waiting = oneMemberStage('s3', 'g3', 'm3', { stage: 'NotStarted', group: 'NotStarted', member: 'NotStarted' });

    // The run reaches the before-stage gate and waits there: Pending, the gate resource Pending.
    await fleet.start('rollout');
    await stack.settle();
    const [approveS1, ...otherGates] = await fleet.pendingGates();
    expect(otherGates).toEqual([]);
    expect(approveS1?.properties).toEqual({
      provisioningState: 'Succeeded',
      displayName: 'approve s1',
      gateType: 'Approval',
      target: { id: runId, updateRunProperties: { name: 'rollout', stage: 's1', timing: 'Before' } },
      state: 'Pending',
    });
    const gateS1 = approveS1?.id ?? '';
    expect(timeless(await fleet.status('rollout'))).toEqual({
      status: { state: 'Pending' },
      failureCount: 0,
      stages: [
        oneMemberStage('s1', 'g1', 'm1', { stage: 'Pending', group: 'NotStarted', member: 'NotStarted' }, {
          beforeGates: [{ displayName: 'approve s1', gateId: gateS1, status: { state: 'Pending' } }],
          afterGates: [{ displayName: 'sign off s1', status: { state: 'NotStarted' } }],
          afterStageWaitStatus: { status: { state: 'NotStarted' }, waitDurationInSeconds: 3600 },
        }),
        s2Waiting,
        s3Waiting,
      ],
    });
    expect(fleet.counters('m1')).toEqual(upgraded('Full', {}));

    // Approved, stage 1 upgrades its member, then starts its after-gate and its wait together.
    await fleet.approve(gateS1);
    await stack.driveUntil('the after-stage gate', async () => stateOf((await fleet.status('rollout')).stages?.[0]?.afterGates?.[0]) === 'Pending');
    const [signOff] = await fleet.pendingGates();
    const gateSignOff = signOff?.id ?? '';
    expect(signOff?.properties.target.updateRunProperties).toEqual({ name: 'rollout', stage: 's1', timing: 'After' });
    expect(timeless((await fleet.status('rollout')).stages?.[0])).toEqual(
      oneMemberStage('s1', 'g1', 'm1', { stage: 'Pending', group: 'Completed', member: 'Completed' }, {
        beforeGates: [{ displayName: 'approve s1', gateId: gateS1, status: { state: 'Completed' } }],
        afterGates: [{ displayName: 'sign off s1', gateId: gateSignOff, status: { state: 'Pending' } }],
        afterStageWaitStatus: { status: { state: 'Running' }, waitDurationInSeconds: 3600 },
      }),
    );

    // Approving early is not enough: the wait still runs and stage 2 has not started.
    await fleet.approve(gateSignOff);
    await stack.settle();
    const approvedEarly = await fleet.status('rollout');
    expect(timeless(approvedEarly.stages?.[0]?.afterGates)).toEqual([{ displayName: 'sign off s1', gateId: gateSignOff, status: { state: 'Completed' } }]);
    expect(timeless(approvedEarly.stages?.[0]?.afterStageWaitStatus)).toEqual({ status: { state: 'Running' }, waitDurationInSeconds: 3600 });
    expect(timeless(approvedEarly.stages?.[1])).toEqual(s2Waiting);

    // The wait elapses: stage 2 starts, and its group waits for its scheduled start.
    await stack.driveUntil('the scheduled start gate', async () => stateOf((await fleet.status('rollout')).stages?.[1]?.groups?.[0]?.beforeGates?.[0]) === 'Pending');
    const [wednesday] = await fleet.pendingGates();
    const gateWednesday = wednesday?.id ?? '';
    // Reached on Monday: the next Wednesday 02:00 at +05:30 is Tuesday 20:30 UTC.
    expect(wednesday?.properties).toEqual({
      provisioningState: 'Succeeded',
      displayName: 'Wednesday night',
      gateType: 'ScheduledStart',
      scheduledStartProperties: { ...scheduledStart, absoluteStartTime: '2026-12-01T20:30:00.000Z' },
      target: { id: runId, updateRunProperties: { name: 'rollout', stage: 's2', group: 'g2', timing: 'Before' } },
      state: 'Pending',
    });
    const reached = await fleet.status('rollout');
    const waited = reached.stages?.[0]?.afterStageWaitStatus?.status;
    expect(Date.parse(waited?.completedTime ?? '') - Date.parse(waited?.startTime ?? '')).toBe(3600_000);
    expect(Date.parse(reached.stages?.[1]?.status?.startTime ?? '')).toBeGreaterThanOrEqual(Date.parse(waited?.completedTime ?? ''));
    expect(timeless(reached)).toEqual({
      status: { state: 'Running' },
      failureCount: 0,
      stages: [
        oneMemberStage('s1', 'g1', 'm1', { stage: 'Completed', group: 'Completed', member: 'Completed' }, {
          beforeGates: [{ displayName: 'approve s1', gateId: gateS1, status: { state: 'Completed' } }],
          afterGates: [{ displayName: 'sign off s1', gateId: gateSignOff, status: { state: 'Completed' } }],
          afterStageWaitStatus: { status: { state: 'Completed' }, waitDurationInSeconds: 3600 },
        }),
        {
          ...oneMemberStage('s2', 'g2', 'm2', { stage: 'Running', group: 'Pending', member: 'NotStarted' }),
          groups: [{ name: 'g2', status: { state: 'Pending' }, ...groupLimits, members: [{ name: 'm2', status: { state: 'NotStarted' } }], beforeGates: [{ displayName: 'Wednesday night', gateId: gateWednesday, status: { state: 'Pending' } }] }],
        },
        s3Waiting,
      ],
    });
    expect(fleet.counters('m2')).toEqual(upgraded('Full', {}));

    // The gate completes by itself at its time; the group starts then, and the run completes.
    await stack.driveUntil('the end of the run', async () => settledRunStates.has(stateOf(await fleet.status('rollout')) ?? ''));
    const done = await fleet.status('rollout');
    const g2 = done.stages?.[1]?.groups?.[0];
    expect(g2?.beforeGates?.[0]?.status?.completedTime).toBe('2026-12-01T20:30:00.000Z');
    expect(Date.parse(g2?.members?.[0]?.status?.startTime ?? '')).toBeGreaterThanOrEqual(Date.parse('2026-12-01T20:30:00.000Z'));
    expect(timeless(done)).toEqual({
      status: { state: 'Completed' },
      failureCount: 0,
      stages: [
        oneMemberStage('s1', 'g1', 'm1', { stage: 'Completed', group: 'Completed', member: 'Completed' }, {
          beforeGates: [{ displayName: 'approve s1', gateId: gateS1, status: { state: 'Completed' } }],
          afterGates: [{ displayName: 'sign off s1', gateId: gateSignOff, status: { state: 'Completed' } }],
          afterStageWaitStatus: { status: { state: 'Completed' }, waitDurationInSeconds: 3600 },
        }),
        {
          ...oneMemberStage('s2', 'g2', 'm2', { stage: 'Completed', group: 'Completed', member: 'Completed' }),
          groups: [{ name: 'g2', status: { state: 'Completed' }, ...groupLimits, members: [{ name: 'm2', status: { state: 'Completed' } }], beforeGates: [{ displayName: 'Wednesday night', gateId: gateWednesday, status: { state: 'Completed' } }] }],
        },
        oneMemberStage('s3', 'g3', 'm3', { stage: 'Completed', group: 'Completed', member: 'Completed' }),
      ],
    });
    expect(await fleet.pendingGates()).toEqual([]);
    for (const member of ['m1', 'm2', 'm3']) expect(fleet.counters(member)).toEqual(upgraded('Full', { succeeded: 1 }));
  });

  it('keeps the next stage waiting when the after-stage wait elapses before the after-stage approval', async () => {
    const fleet = await stack.fleet('waitfirst');
    for (const [member, group] of [['m1', 'g1'], ['m2', 'g2']] as const) await fleet.join(member, { group });
    await fleet.createRun('rollout', {
      managedClusterUpdate: fullUpgrade,
      strategy: { stages: [{ name: 's1', groups: [{ name: 'g1' }], afterGates: [{ displayName: 'sign off s1', type: 'Approval' }], afterStageWaitInSeconds: 600 }, { name: 's2', groups: [{ name: 'g2' }] }] },
    });
    await fleet.start('rollout');

    await stack.driveUntil('the after-stage wait to elapse', async () => stateOf((await fleet.status('rollout')).stages?.[0]?.afterStageWaitStatus) === 'Completed');
    const [signOff] = await fleet.pendingGates();
    const gateSignOff = signOff?.id ?? '';
    expect(timeless(await fleet.status('rollout'))).toEqual({
      status: { state: 'Pending' },
      failureCount: 0,
      stages: [
        oneMemberStage('s1', 'g1', 'm1', { stage: 'Pending', group: 'Completed', member: 'Completed' }, {
          afterGates: [{ displayName: 'sign off s1', gateId: gateSignOff, status: { state: 'Pending' } }],
          afterStageWaitStatus: { status: { state: 'Completed' }, waitDurationInSeconds: 600 },
        }),
        oneMemberStage('s2', 'g2', 'm2', { stage: 'NotStarted', group: 'NotStarted', member: 'NotStarted' }),
      ],
    });

    await fleet.approve(gateSignOff);
    await stack.driveUntil('the end of the run', async () => settledRunStates.has(stateOf(await fleet.status('rollout')) ?? ''));
    const done = await fleet.status('rollout');
    expect(timeless(done.stages?.map((s) => [s.name, s.status?.state]))).toEqual([['s1', 'Completed'], ['s2', 'Completed']]);
    expect(stateOf(done)).toBe('Completed');
    expect(Date.parse(done.stages?.[1]?.status?.startTime ?? '')).toBeGreaterThanOrEqual(Date.parse(done.stages?.[0]?.afterGates?.[0]?.status?.completedTime ?? ''));
    for (const member of ['m1', 'm2']) expect(fleet.counters(member)).toEqual(upgraded('Full', { succeeded: 1 }));
  });
});
