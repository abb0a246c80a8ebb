/**
 * Planning an update run: membership, resolved limits, gates and waits (reference §2.4–2.6, §4.2),
 * and the two plan helpers the stage orchestration and the benchmarks use.
 */
import { describe, expect, it } from 'vitest';
import type { FleetMember, ManagedClusterUpdate, UpdateRun, UpdateRunStrategy } from '../../shared/fleet/models.js';
import { allotConcurrency, buildRunPlan, criticalPathSec, type PlannedGroup, type PlannedMember, type PlannedStage, type RunPlan } from '../../shared/update-run/plan.js';

const fleetId = '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/demo';
const runId = `${fleetId}/updateRuns/run1`;
const clusterOf = (name: string): string => `/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-${name}`;
const upgrade: ManagedClusterUpdate = { upgrade: { type: 'Full', kubernetesVersion: '1.33.2' } };

const member = (name: string, group?: string, labels?: Record<string, string>): FleetMember => ({
  id: `${fleetId}/members/${name}`,
  name,
  type: 'Microsoft.ContainerService/fleets/members',
  properties: { clusterResourceId: clusterOf(name), ...(group ? { group } : {}), ...(labels ? { labels } : {}) },
});
const members = (names: string[], group?: string): FleetMember[] => names.map((n) => member(n, group));
const run = (strategy?: UpdateRunStrategy): UpdateRun => ({
  id: runId,
  name: 'run1',
  type: 'Microsoft.ContainerService/fleets/updateRuns',
  properties: { ...(strategy ? { strategy } : {}), managedClusterUpdate: upgrade },
});

/** Planned members by name (in the order given). */
const planned = (...names: string[]): PlannedMember[] => names.map((name) => ({ name, clusterResourceId: clusterOf(name) }));
/** The plan of this file's run with `stages`. */
const plan = (stages: PlannedStage[]): RunPlan => ({ runId, fleetId, managedClusterUpdate: upgrade, stages });
/** A group without gates. */
const group = (name: string, limits: { maxConcurrency: number; maxAllowedFailures: number }, memberList: PlannedMember[]): PlannedGroup => ({ name, ...limits, members: memberList, beforeGates: [], afterGates: [] });
/** A stage without gates or wait. */
const stage = (name: string, limits: { maxConcurrency: number; maxAllowedFailures: number }, groups: PlannedGroup[]): PlannedStage => ({ name, ...limits, afterStageWaitInSeconds: 0, groups, beforeGates: [], afterGates: [] });

const tenMembers = members(['m01', 'm02', 'm03', 'm04', 'm05', 'm06', 'm07', 'm08', 'm09', 'm10'], 'a');
const tenPlanned = planned('m01', 'm02', 'm03', 'm04', 'm05', 'm06', 'm07', 'm08', 'm09', 'm10');
const fiveMembers = members(['m1', 'm2', 'm3', 'm4', 'm5'], 'a');
const oneStage = (stageFields: object, groupFields: object = {}): UpdateRunStrategy => ({ stages: [{ name: 's1', ...stageFields, groups: [{ name: 'a', ...groupFields }] }] });

describe('buildRunPlan: membership', () => {
  it.each([
    {
      name: 'no strategy: the default one-by-one plan, one stage and one group of every member, by name',
      input: { strategy: undefined, members: [member('m3', 'x'), member('m1'), member('m2', 'y')] },
      want: plan([stage('default', { maxConcurrency: 50, maxAllowedFailures: 0 }, [group('default', { maxConcurrency: 1, maxAllowedFailures: 0 }, planned('m1', 'm2', 'm3'))])]),
    },
    {
      name: 'inline strategy: groups by the member group name (case-insensitive), members sorted, unmatched members left out',
      input: {
        strategy: { stages: [{ name: 's1', groups: [{ name: 'canary' }, { name: 'wave1' }] }, { name: 's2', groups: [{ name: 'wave2' }] }] },
        members: [member('m4', 'wave2'), member('m2', 'WAVE1'), member('m1', 'canary'), member('m3', 'wave1'), member('m5', 'nowhere'), member('m6')],
      },
      want: plan([
        stage('s1', { maxConcurrency: 50, maxAllowedFailures: 0 }, [
          group('canary', { maxConcurrency: 1, maxAllowedFailures: 0 }, planned('m1')),
          group('wave1', { maxConcurrency: 1, maxAllowedFailures: 0 }, planned('m2', 'm3')),
        ]),
        stage('s2', { maxConcurrency: 50, maxAllowedFailures: 0 }, [group('wave2', { maxConcurrency: 1, maxAllowedFailures: 0 }, planned('m4'))]),
      ]),
    },
    {
      name: 'stage memberSelector without groups: one implicit group named after the stage',
      input: {
        strategy: { stages: [{ name: 'staging', memberSelector: { byLabel: 'env=staging' } }] },
        members: [member('m2', undefined, { env: 'staging' }), member('m1', undefined, { env: 'production' }), member('m3', 'staging', { env: 'staging' })],
      },
      want: plan([stage('staging', { maxConcurrency: 50, maxAllowedFailures: 0 }, [group('staging', { maxConcurrency: 1, maxAllowedFailures: 0 }, planned('m2', 'm3'))])]),
    },
    {
      name: 'memberSelector at stage and group level: the group picks among the stage selection',
      input: {
        strategy: {
          stages: [{
            name: 'production',
            memberSelector: { byLabel: 'env=production' },
            groups: [{ name: 'frontend', memberSelector: { byLabel: 'tier=frontend' } }, { name: 'backend', memberSelector: { byLabel: 'tier=backend' } }],
          }],
        },
        members: [
          member('p-front-2', undefined, { env: 'production', tier: 'frontend' }),
          member('p-front-1', undefined, { env: 'production', tier: 'frontend' }),
          member('p-back', undefined, { env: 'production', tier: 'backend' }),
          member('s-front', undefined, { env: 'staging', tier: 'frontend' }),
          member('p-db', undefined, { env: 'production', tier: 'db' }),
        ],
      },
      want: plan([stage('production', { maxConcurrency: 50, maxAllowedFailures: 0 }, [
        group('frontend', { maxConcurrency: 1, maxAllowedFailures: 0 }, planned('p-front-1', 'p-front-2')),
        group('backend', { maxConcurrency: 1, maxAllowedFailures: 0 }, planned('p-back')),
      ])]),
    },
    {
      name: 'stage memberSelector with groups by name: both must match',
      input: {
        strategy: { stages: [{ name: 's1', memberSelector: { byLabel: 'env=production' }, groups: [{ name: 'a' }] }] },
        members: [member('m1', 'a', { env: 'production' }), member('m2', 'a', { env: 'staging' }), member('m3', 'b', { env: 'production' })],
      },
      want: plan([stage('s1', { maxConcurrency: 50, maxAllowedFailures: 0 }, [group('a', { maxConcurrency: 1, maxAllowedFailures: 0 }, planned('m1'))])]),
    },
  ])('$name', ({ input, want }) => {
    expect(buildRunPlan(run(input.strategy), input.members)).toEqual(want);
  });
});

describe('buildRunPlan: resolved limits', () => {
  it.each([
    {
      name: 'defaults: stage concurrency 50, group 1, no failures allowed',
      input: { strategy: oneStage({}), members: fiveMembers },
      want: { stage: { maxConcurrency: 50, maxAllowedFailures: 0 }, group: { maxConcurrency: 1, maxAllowedFailures: 0 } },
    },
    {
      name: 'a stage count above the system limit is capped at 50',
      input: { strategy: oneStage({ maxConcurrency: '80' }), members: fiveMembers },
      want: { stage: { maxConcurrency: 50, maxAllowedFailures: 0 }, group: { maxConcurrency: 1, maxAllowedFailures: 0 } },
    },
    {
      name: 'a stage percentage of its clusters is capped at 50 too',
      input: { strategy: oneStage({ maxConcurrency: '100%' }, { maxConcurrency: '100%' }), members: members(Array.from({ length: 60 }, (_, i) => `m${String(i).padStart(2, '0')}`), 'a') },
      want: { stage: { maxConcurrency: 50, maxAllowedFailures: 0 }, group: { maxConcurrency: 50, maxAllowedFailures: 0 } },
    },
    {
      name: 'the reference example: 33% of 10 clusters rounds down to 3',
      input: { strategy: oneStage({ maxConcurrency: '33%' }, { maxConcurrency: '33%' }), members: tenMembers },
      want: { stage: { maxConcurrency: 3, maxAllowedFailures: 0 }, group: { maxConcurrency: 3, maxAllowedFailures: 0 } },
    },
    {
      name: 'a percentage below one cluster is at least 1',
      input: { strategy: oneStage({ maxConcurrency: '5%' }, { maxConcurrency: '1%' }), members: tenMembers },
      want: { stage: { maxConcurrency: 1, maxAllowedFailures: 0 }, group: { maxConcurrency: 1, maxAllowedFailures: 0 } },
    },
    {
      name: 'a group never runs more than its stage allows',
      input: { strategy: oneStage({ maxConcurrency: '3' }, { maxConcurrency: '8' }), members: tenMembers },
      want: { stage: { maxConcurrency: 3, maxAllowedFailures: 0 }, group: { maxConcurrency: 3, maxAllowedFailures: 0 } },
    },
    {
      name: 'a group count within the stage limit is kept',
      input: { strategy: oneStage({}, { maxConcurrency: '4' }), members: tenMembers },
      want: { stage: { maxConcurrency: 50, maxAllowedFailures: 0 }, group: { maxConcurrency: 4, maxAllowedFailures: 0 } },
    },
    {
      name: 'maxAllowedFailures percentages round up: 25% of 5 is 2',
      input: { strategy: oneStage({ maxAllowedFailures: '25%' }, { maxAllowedFailures: '25%' }), members: fiveMembers },
      want: { stage: { maxConcurrency: 50, maxAllowedFailures: 2 }, group: { maxConcurrency: 1, maxAllowedFailures: 2 } },
    },
    {
      name: 'maxAllowedFailures counts are kept and "0" is fail-fast',
      input: { strategy: oneStage({ maxAllowedFailures: '3' }, { maxAllowedFailures: '0' }), members: fiveMembers },
      want: { stage: { maxConcurrency: 50, maxAllowedFailures: 3 }, group: { maxConcurrency: 1, maxAllowedFailures: 0 } },
    },
    {
      name: '100% allowed failures tolerates every member of the segment',
      input: { strategy: oneStage({ maxAllowedFailures: '100%' }, { maxAllowedFailures: '100%' }), members: fiveMembers },
      want: { stage: { maxConcurrency: 50, maxAllowedFailures: 5 }, group: { maxConcurrency: 1, maxAllowedFailures: 5 } },
    },
  ])('$name', ({ input, want }) => {
    const members = input.members.map((m) => ({ name: m.name, clusterResourceId: m.properties.clusterResourceId }));
    expect(buildRunPlan(run(input.strategy), input.members)).toEqual(plan([stage('s1', want.stage, [group('a', want.group, members)])]));
  });

  it('resolves stage percentages from the whole stage and group percentages from the group', () => {
    const strategy: UpdateRunStrategy = {
      stages: [{ name: 's1', maxConcurrency: '50%', maxAllowedFailures: '10%', groups: [{ name: 'a', maxConcurrency: '50%', maxAllowedFailures: '10%' }, { name: 'b', maxConcurrency: '50%' }] }],
    };
    const fleet = [...members(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8'], 'a'), ...members(['b1', 'b2'], 'b')];
    expect(buildRunPlan(run(strategy), fleet)).toEqual(plan([stage('s1', { maxConcurrency: 5, maxAllowedFailures: 1 }, [
      group('a', { maxConcurrency: 4, maxAllowedFailures: 1 }, planned('a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8')),
      group('b', { maxConcurrency: 1, maxAllowedFailures: 0 }, planned('b1', 'b2')),
    ])]));
  });
});

describe('buildRunPlan: gates and waits', () => {
  it('carries every gate with its position and the after-stage wait', () => {
    const scheduled = { startDay: 'Wednesday', startTime: '02:00', utcOffset: '+05:30' } as const;
    const strategy: UpdateRunStrategy = {
      stages: [
        {
          name: 's1',
          afterStageWaitInSeconds: 3600,
          beforeGates: [{ type: 'Approval', displayName: 'before s1' }, { type: 'ScheduledStart', scheduledStartConfiguration: scheduled }],
          afterGates: [{ type: 'Approval', displayName: 'after s1' }],
          groups: [{ name: 'a' }, { name: 'b', beforeGates: [{ type: 'Approval', displayName: 'before b' }], afterGates: [{ type: 'Approval' }] }],
        },
        { name: 's2', groups: [{ name: 'c' }] },
      ],
    };
    const fleet = [member('m1', 'a'), member('m2', 'b'), member('m3', 'c')];
    expect(buildRunPlan(run(strategy), fleet)).toEqual(plan([
      {
        name: 's1',
        maxConcurrency: 50,
        maxAllowedFailures: 0,
        afterStageWaitInSeconds: 3600,
        beforeGates: [
          { stage: 0, timing: 'Before', index: 0, type: 'Approval', displayName: 'before s1' },
          { stage: 0, timing: 'Before', index: 1, type: 'ScheduledStart', scheduledStart: scheduled },
        ],
        afterGates: [{ stage: 0, timing: 'After', index: 0, type: 'Approval', displayName: 'after s1' }],
        groups: [
          group('a', { maxConcurrency: 1, maxAllowedFailures: 0 }, planned('m1')),
          {
            name: 'b',
            maxConcurrency: 1,
            maxAllowedFailures: 0,
            members: planned('m2'),
            beforeGates: [{ stage: 0, group: 1, timing: 'Before', index: 0, type: 'Approval', displayName: 'before b' }],
            afterGates: [{ stage: 0, group: 1, timing: 'After', index: 0, type: 'Approval' }],
          },
        ],
      },
      stage('s2', { maxConcurrency: 50, maxAllowedFailures: 0 }, [group('c', { maxConcurrency: 1, maxAllowedFailures: 0 }, planned('m3'))]),
    ]));
  });
});

describe('allotConcurrency', () => {
  it.each([
    { name: 'every group gets its limit when the stage has room', input: { groups: [1, 1, 1], stage: 50, allotted: 0 }, want: [1, 1, 1] },
    { name: 'groups are served in order until the stage limit is used up', input: { groups: [3, 3, 3], stage: 5, allotted: 0 }, want: [3, 2, 0] },
    { name: 'shares already handed out count against the stage', input: { groups: [2, 2], stage: 5, allotted: 4 }, want: [1, 0] },
    { name: 'an exhausted stage gives zero shares', input: { groups: [2, 1], stage: 3, allotted: 3 }, want: [0, 0] },
    { name: 'more allotted than the stage allows still gives zero, never negative', input: { groups: [2], stage: 3, allotted: 7 }, want: [0] },
    { name: 'a stage limit of 1 runs one group at a time', input: { groups: [1, 1], stage: 1, allotted: 0 }, want: [1, 0] },
    { name: 'no groups', input: { groups: [], stage: 50, allotted: 0 }, want: [] },
  ])('$name', ({ input, want }) => {
    const shares = allotConcurrency(input.groups, input.stage, input.allotted);
    expect(shares).toEqual(want);
    expect(shares.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(Math.max(0, input.stage - input.allotted));
  });

  it('defaults to nothing allotted yet', () => {
    expect(allotConcurrency([4, 4], 6)).toEqual([4, 2]);
  });
});

describe('criticalPathSec', () => {
  const limits = (maxConcurrency: number) => ({ maxConcurrency, maxAllowedFailures: 0 });
  const names = (prefix: string, n: number): PlannedMember[] => planned(...Array.from({ length: n }, (_, i) => `${prefix}${i}`));
  it.each([
    { name: 'an empty plan takes no time', input: plan([]), want: 0 },
    { name: 'one by one: one upgrade per member', input: plan([stage('s1', limits(50), [group('a', limits(1), names('a', 3))])]), want: 3 * 600 },
    { name: 'group concurrency runs members side by side', input: plan([stage('s1', limits(50), [group('a', limits(2), names('a', 3))])]), want: 2 * 600 },
    { name: 'parallel groups: the slowest group decides', input: plan([stage('s1', limits(50), [group('a', limits(1), names('a', 2)), group('b', limits(1), names('b', 4))])]), want: 4 * 600 },
    { name: 'the stage limit can be the bottleneck', input: plan([stage('s1', limits(2), [group('a', limits(2), names('a', 4)), group('b', limits(2), names('b', 4))])]), want: 4 * 600 },
    { name: 'stages add up, with their after-stage waits', input: plan([{ ...stage('s1', limits(50), [group('a', limits(1), names('a', 1))]), afterStageWaitInSeconds: 3600 }, stage('s2', limits(50), [group('b', limits(1), names('b', 2))])]), want: 600 + 3600 + 2 * 600 },
    { name: 'a stage without members only waits', input: plan([{ ...stage('s1', limits(50), []), afterStageWaitInSeconds: 60 }]), want: 60 },
  ])('$name', ({ input, want }) => {
    expect(criticalPathSec(input, 600)).toBe(want);
  });
});

// The reference gives limits as resolved by the run's own clusters (§2.6): a member outside every
// group is not counted, so it cannot change a percentage.
it('buildRunPlan resolves percentages against the members the run includes, not the whole fleet', () => {
  const fleet = [...tenMembers, ...members(['x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9', 'x10'], 'elsewhere')];
  expect(buildRunPlan(run(oneStage({ maxConcurrency: '33%' }, { maxConcurrency: '33%' })), fleet)).toEqual(plan([stage('s1', { maxConcurrency: 3, maxAllowedFailures: 0 }, [group('a', { maxConcurrency: 3, maxAllowedFailures: 0 }, tenPlanned)])]));
});
