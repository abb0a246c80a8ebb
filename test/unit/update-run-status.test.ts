/**
 * The run's status tree (reference §2.4): its shape for a frozen plan, and the patches the
 * orchestrations write to it.
 */
import { describe, expect, it } from 'vitest';
import type { UpdateRunStatus } from '../../shared/fleet/models.js';
import type { RunPlan } from '../../shared/update-run/plan.js';
import { planStatus } from '../../shared/update-run/plan-status.js';
import { applyStatusPatches, StatusPatchError, type StatusPatch } from '../../shared/update-run/status-patch.js';

const cluster = (name: string): string => `/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/${name}`;
const notStarted = { state: 'NotStarted' };

/** Two stages: the first with a group gate, stage gates and a wait; the second plain. */
const smallPlan: RunPlan = {
  runId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/f/updateRuns/r',
  fleetId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/f',
  managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' } },
  stages: [
    {
      name: 's1',
      maxConcurrency: 3,
      maxAllowedFailures: 1,
      afterStageWaitInSeconds: 3600,
      beforeGates: [{ stage: 0, timing: 'Before', index: 0, type: 'Approval', displayName: 'before s1' }],
      afterGates: [{ stage: 0, timing: 'After', index: 0, type: 'Approval' }],
      groups: [
        {
          name: 'a',
          maxConcurrency: 2,
          maxAllowedFailures: 0,
          members: [{ name: 'm1', clusterResourceId: cluster('c1') }, { name: 'm2', clusterResourceId: cluster('c2') }],
          beforeGates: [{ stage: 0, group: 0, timing: 'Before', index: 0, type: 'ScheduledStart', scheduledStart: { startDay: 'Monday', startTime: '01:00', utcOffset: '+00:00' } }],
          afterGates: [],
        },
      ],
    },
    {
      name: 's2',
      maxConcurrency: 50,
      maxAllowedFailures: 0,
      afterStageWaitInSeconds: 0,
      beforeGates: [],
      afterGates: [],
      groups: [{ name: 'b', maxConcurrency: 1, maxAllowedFailures: 0, members: [{ name: 'm3', clusterResourceId: cluster('c3') }], beforeGates: [], afterGates: [] }],
    },
  ],
};

describe('planStatus', () => {
  it('shows every node NotStarted with the resolved limits, gates without ids and waits with their durations', () => {
    expect(planStatus(smallPlan)).toEqual({
      status: notStarted,
      failureCount: 0,
      stages: [
        {
          name: 's1',
          status: notStarted,
          failureCount: 0,
          maxConcurrency: 3,
          maxAllowedFailures: 1,
          beforeGates: [{ displayName: 'before s1', status: notStarted }],
          afterGates: [{ status: notStarted }],
          afterStageWaitStatus: { status: notStarted, waitDurationInSeconds: 3600 },
          groups: [
            {
              name: 'a',
              status: notStarted,
              failureCount: 0,
              maxConcurrency: 2,
              maxAllowedFailures: 0,
              beforeGates: [{ status: notStarted }],
              members: [
                { name: 'm1', clusterResourceId: cluster('c1'), status: notStarted },
                { name: 'm2', clusterResourceId: cluster('c2'), status: notStarted },
              ],
            },
          ],
        },
        {
          name: 's2',
          status: notStarted,
          failureCount: 0,
          maxConcurrency: 50,
          maxAllowedFailures: 0,
          afterStageWaitStatus: { status: notStarted, waitDurationInSeconds: 0 },
          groups: [{ name: 'b', status: notStarted, failureCount: 0, maxConcurrency: 1, maxAllowedFailures: 0, members: [{ name: 'm3', clusterResourceId: cluster('c3'), status: notStarted }] }],
        },
      ],
    });
  });

  it('gives each node its own status object', () => {
    const status = planStatus(smallPlan);
    applyStatusPatches(status, [{ kind: 'member', stage: 0, group: 0, member: 'm1', status: { state: 'Running' } }]);
    expect(status.stages?.[0]?.groups?.[0]?.members?.[1]?.status).toEqual(notStarted);
    expect(status.status).toEqual(notStarted);
  });
});

const t1 = '2026-11-30T10:00:00.000Z';
const t2 = '2026-11-30T11:00:00.000Z';
const boom = { code: 'UpgradeFailed', message: 'The upgrade failed.' };

/** A status tree after these patches (and the plan's starting tree). */
const patched = (patches: StatusPatch[], start: UpdateRunStatus = planStatus(smallPlan)): UpdateRunStatus => applyStatusPatches(start, patches);
/** The plan's tree with `edit` applied by hand, for whole-tree comparisons. */
const expected = (edit: (status: UpdateRunStatus) => void): UpdateRunStatus => {
  const status = planStatus(smallPlan);
  edit(status);
  return status;
};
/** Typed access for the hand edits (throws if the fixture lacks the node). */
const at = <T>(value: T | undefined): T => {
  if (value === undefined) throw new Error('fixture node missing');
  return value;
};
const stage0 = (s: UpdateRunStatus) => at(s.stages?.[0]);
const group00 = (s: UpdateRunStatus) => at(stage0(s).groups?.[0]);
const member = (s: UpdateRunStatus, name: string) => at(group00(s).members?.find((m) => m.name === name));

describe('applyStatusPatches', () => {
  it.each<{ name: string; input: { start?: UpdateRunStatus; patches: StatusPatch[] }; want: UpdateRunStatus }>([
    {
      name: 'run: state, start time, failure count and selected node images',
      input: { patches: [{ kind: 'run', status: { state: 'Running', startTime: t1 }, failureCount: 2, selectedNodeImageVersions: ['AKSUbuntu-2204gen2containerd-202511.01.0'] }] },
      want: expected((s) => {
        s.status = { state: 'Running', startTime: t1 };
        s.failureCount = 2;
        s.nodeImageSelection = { selectedNodeImageVersions: [{ version: 'AKSUbuntu-2204gen2containerd-202511.01.0' }] };
      }),
    },
    {
      name: 'stage: fields merge into the existing status',
      input: { patches: [{ kind: 'stage', stage: 0, status: { state: 'Running', startTime: t1 } }, { kind: 'stage', stage: 0, status: { state: 'Completed', completedTime: t2 }, failureCount: 1 }] },
      want: expected((s) => {
        stage0(s).status = { state: 'Completed', startTime: t1, completedTime: t2 };
        stage0(s).failureCount = 1;
      }),
    },
    {
      name: 'group: state and failure count',
      input: { patches: [{ kind: 'group', stage: 0, group: 0, status: { state: 'Failed', error: boom }, failureCount: 2 }] },
      want: expected((s) => {
        group00(s).status = { state: 'Failed', error: boom };
        group00(s).failureCount = 2;
      }),
    },
    {
      name: 'member: state, operation id and message',
      input: { patches: [{ kind: 'member', stage: 0, group: 0, member: 'm2', status: { state: 'Running', startTime: t1 }, operationId: '/op/1', message: 'Upgrading.' }] },
      want: expected((s) => {
        Object.assign(member(s, 'm2'), { status: { state: 'Running', startTime: t1 }, operationId: '/op/1', message: 'Upgrading.' });
      }),
    },
    {
      name: 'member: error null and message null clear what an earlier Pending left',
      input: {
        patches: [
          { kind: 'member', stage: 0, group: 0, member: 'm1', status: { state: 'Pending', error: boom }, message: 'Waiting for the maintenance window.' },
          { kind: 'member', stage: 0, group: 0, member: 'm1', status: { state: 'Running', startTime: t2, error: null }, message: null },
        ],
      },
      want: expected((s) => {
        member(s, 'm1').status = { state: 'Running', startTime: t2 };
      }),
    },
    {
      name: 'member: an absent message or error leaves them as they were',
      input: {
        patches: [
          { kind: 'member', stage: 0, group: 0, member: 'm1', status: { state: 'Failed', error: boom }, message: 'kept' },
          { kind: 'member', stage: 0, group: 0, member: 'm1', status: { completedTime: t2 } },
        ],
      },
      want: expected((s) => {
        Object.assign(member(s, 'm1'), { status: { state: 'Failed', error: boom, completedTime: t2 }, message: 'kept' });
      }),
    },
    {
      name: 'stage gate: gate id and state',
      input: { patches: [{ kind: 'gate', stage: 0, timing: 'Before', index: 0, gateId: '/gates/g1', status: { state: 'Pending' } }] },
      want: expected((s) => {
        stage0(s).beforeGates = [{ displayName: 'before s1', gateId: '/gates/g1', status: { state: 'Pending' } }];
      }),
    },
    {
      name: 'stage after-gate',
      input: { patches: [{ kind: 'gate', stage: 0, timing: 'After', index: 0, status: { state: 'Completed', completedTime: t2 } }] },
      want: expected((s) => {
        stage0(s).afterGates = [{ status: { state: 'Completed', completedTime: t2 } }];
      }),
    },
    {
      name: 'group gate',
      input: { patches: [{ kind: 'gate', stage: 0, group: 0, timing: 'Before', index: 0, gateId: '/gates/g2', status: { state: 'Skipped' } }] },
      want: expected((s) => {
        group00(s).beforeGates = [{ gateId: '/gates/g2', status: { state: 'Skipped' } }];
      }),
    },
    {
      name: 'after-stage wait',
      input: { patches: [{ kind: 'afterStageWait', stage: 0, status: { state: 'Running', startTime: t1 } }] },
      want: expected((s) => {
        stage0(s).afterStageWaitStatus = { status: { state: 'Running', startTime: t1 }, waitDurationInSeconds: 3600 };
      }),
    },
    {
      name: 'after-stage wait on a tree that has no wait node yet',
      input: { start: { stages: [{ name: 's1' }] }, patches: [{ kind: 'afterStageWait', stage: 0, status: { state: 'Skipped' } }] },
      want: { stages: [{ name: 's1', afterStageWaitStatus: { status: { state: 'Skipped' } } }] },
    },
    {
      name: 'run error set, then cleared',
      input: { patches: [{ kind: 'run', status: { state: 'Failed', error: boom } }, { kind: 'run', status: { state: 'Running', error: null } }] },
      want: expected((s) => {
        s.status = { state: 'Running' };
      }),
    },
    {
      name: 'no patches change nothing',
      input: { patches: [] },
      want: planStatus(smallPlan),
    },
  ])('$name', ({ input, want }) => {
    expect(patched(input.patches, input.start)).toEqual(want);
  });

  it('returns the tree it was given, changed in place', () => {
    const status = planStatus(smallPlan);
    expect(applyStatusPatches(status, [{ kind: 'run', status: { state: 'Running' } }])).toBe(status);
  });

  it.each<{ name: string; input: StatusPatch; want: string }>([
    { name: 'a stage that does not exist', input: { kind: 'stage', stage: 5, status: { state: 'Running' } }, want: 'The run status has no stage 5.' },
    { name: 'a group that does not exist', input: { kind: 'group', stage: 1, group: 1, status: { state: 'Running' } }, want: 'The run status has no group 1 in stage 1.' },
    { name: 'a member that is not in the group', input: { kind: 'member', stage: 1, group: 0, member: 'm1', status: { state: 'Running' } }, want: 'The run status has no member m1.' },
    { name: 'a member in a group that does not exist', input: { kind: 'member', stage: 0, group: 3, member: 'm1' }, want: 'The run status has no group 3 in stage 0.' },
    { name: 'a gate index past the gates', input: { kind: 'gate', stage: 0, timing: 'Before', index: 1, status: { state: 'Pending' } }, want: 'The run status has no before gate 1.' },
    { name: 'an after-gate on a group without after-gates', input: { kind: 'gate', stage: 0, group: 0, timing: 'After', index: 0 }, want: 'The run status has no after gate 0.' },
    { name: 'a gate of a group that does not exist', input: { kind: 'gate', stage: 0, group: 2, timing: 'Before', index: 0 }, want: 'The run status has no group 2 in stage 0.' },
    { name: 'the wait of a stage that does not exist', input: { kind: 'afterStageWait', stage: -1 }, want: 'The run status has no stage -1.' },
  ])('throws StatusPatchError for $name', ({ input, want }) => {
    const attempt = (): unknown => applyStatusPatches(planStatus(smallPlan), [input]);
    expect(attempt).toThrow(StatusPatchError);
    expect(attempt).toThrow(want);
  });
});
