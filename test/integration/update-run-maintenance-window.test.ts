import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UpdateGroupStatus } from '../../shared/fleet/models.js';
import { settledRunStates, startUpdateRunStack, stateOf, timeless, upgraded, type UpdateRunStack } from './update-run-harness.js';

// A Monday, 10:00 UTC; the window below opens today at 12:00 UTC.
const start = new Date('2026-11-30T10:00:00Z');
const opening = '2026-11-30T12:00:00.000Z';
let stack: UpdateRunStack;

beforeAll(async () => {
  stack = await startUpdateRunStack(start);
});
afterAll(() => stack.dispose());

describe('maintenance windows', () => {
  it('holds a member Pending until its window opens while the group goes on', async () => {
    const fleet = await stack.fleet('windows');
    const mondayNoon = { schedule: { weekly: { intervalWeeks: 1, dayOfWeek: 'Monday' as const } }, durationHours: 4, startTime: '12:00', utcOffset: '+00:00', startDate: '2026-11-01' };
    await fleet.join('w1', { group: 'g', cluster: { maintenanceConfigurations: [{ name: 'aksManagedAutoUpgradeSchedule', maintenanceWindow: mondayNoon }] } });
    await fleet.join('n1', { group: 'g' });
    await fleet.createRun('rollout', { managedClusterUpdate: { upgrade: { type: 'Full', kubernetesVersion: '1.32.6' } }, strategy: { stages: [{ name: 's1', groups: [{ name: 'g' }] }] } });
    const groupOf = async (): Promise<UpdateGroupStatus | undefined> => (await fleet.status('rollout')).stages?.[0]?.groups?.[0];
    const pendingW1 = { name: 'w1', status: { state: 'Pending' }, message: `set member to Pending: maintenance window is closed; it opens next at ${opening}` };

    // w1 (window opening within 4 hours) comes first by window priority: it goes Pending, n1 runs.
    await fleet.start('rollout');
    await stack.settle();
    // (The status lists members by name.)
    expect(timeless((await groupOf())?.members)).toEqual([{ name: 'n1', status: { state: 'Running' } }, pendingW1]);

    await stack.driveUntil('n1 to complete', async () => stateOf((await groupOf())?.members?.[0]) === 'Completed');
    expect(timeless(await groupOf())).toEqual({ name: 'g', status: { state: 'Running' }, failureCount: 0, maxConcurrency: 1, maxAllowedFailures: 0, members: [{ name: 'n1', status: { state: 'Completed' } }, pendingW1] });
    expect(fleet.counters('w1')).toEqual(upgraded('Full', {}));

    // The group's durable timer fires at the opening: w1 starts then.
    await stack.driveUntil('the end of the run', async () => settledRunStates.has(stateOf(await fleet.status('rollout')) ?? ''));
    const done = await fleet.status('rollout');
    expect(stateOf(done)).toBe('Completed');
    expect(timeless(done.stages?.[0]?.groups?.[0]?.members)).toEqual([{ name: 'n1', status: { state: 'Completed' } }, { name: 'w1', status: { state: 'Completed' } }]);
    expect(done.stages?.[0]?.groups?.[0]?.members?.[1]?.status?.startTime).toBe(opening);
    for (const name of ['w1', 'n1']) expect(fleet.counters(name)).toEqual(upgraded('Full', { succeeded: 1 }));
  });
});
