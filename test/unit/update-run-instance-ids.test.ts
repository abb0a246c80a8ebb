/**
 * Orchestration instance ids of a run: deterministic from domain keys, and free of the characters
 * Azure Storage task hubs refuse (`/`, `\`, `#`, `?`).
 */
import { describe, expect, it } from 'vitest';
import { batchInstanceId, groupInstanceId, memberInstanceId, runGenerationInstanceId, runInstanceId } from '../../shared/update-run/instance-ids.js';

const sub = '00000000-0000-4000-8000-000000000001';
const runId = `/subscriptions/${sub}/resourceGroups/rg-fleet/providers/Microsoft.ContainerService/fleets/demo/updateRuns/run1`;
const forbidden = /[/\\#?]/;

/** Every id of one member attempt, from the run down. */
const chain = (id: string): string[] => {
  const run = runGenerationInstanceId(id, 2);
  const group = groupInstanceId(run, 1, 0);
  const batch = batchInstanceId(group, 3);
  return [runInstanceId(id), run, group, batch, memberInstanceId(batch, 'member-1', 0)];
};

describe('instance ids', () => {
  it.each([
    {
      name: 'a run resource id: subscription, resource group, fleet and run name',
      input: runId,
      want: [
        `updaterun|${sub}|rg-fleet|demo|run1`,
        `updaterun|${sub}|rg-fleet|demo|run1|g2`,
        `updaterun|${sub}|rg-fleet|demo|run1|g2|s1|g0`,
        `updaterun|${sub}|rg-fleet|demo|run1|g2|s1|g0|b3`,
        `updaterun|${sub}|rg-fleet|demo|run1|g2|s1|g0|b3|m|member-1|0`,
      ],
    },
    {
      name: 'ARM ids are case-insensitive: the same run gives the same ids',
      input: runId.toUpperCase().replace('/UPDATERUNS/', '/updateRuns/'),
      want: [
        `updaterun|${sub}|rg-fleet|demo|run1`,
        `updaterun|${sub}|rg-fleet|demo|run1|g2`,
        `updaterun|${sub}|rg-fleet|demo|run1|g2|s1|g0`,
        `updaterun|${sub}|rg-fleet|demo|run1|g2|s1|g0|b3`,
        `updaterun|${sub}|rg-fleet|demo|run1|g2|s1|g0|b3|m|member-1|0`,
      ],
    },
    {
      name: 'a resource group with characters a task hub refuses',
      input: `/subscriptions/${sub}/resourceGroups/rg#1?a\\b/providers/Microsoft.ContainerService/fleets/demo/updateRuns/run1`,
      want: [
        `updaterun|${sub}|rg_1_a_b|demo|run1`,
        `updaterun|${sub}|rg_1_a_b|demo|run1|g2`,
        `updaterun|${sub}|rg_1_a_b|demo|run1|g2|s1|g0`,
        `updaterun|${sub}|rg_1_a_b|demo|run1|g2|s1|g0|b3`,
        `updaterun|${sub}|rg_1_a_b|demo|run1|g2|s1|g0|b3|m|member-1|0`,
      ],
    },
    {
      name: 'something that is not a run id is used whole, made safe',
      input: '/not/a#run?id\\x',
      want: ['updaterun|_not_a_run_id_x', 'updaterun|_not_a_run_id_x|g2', 'updaterun|_not_a_run_id_x|g2|s1|g0', 'updaterun|_not_a_run_id_x|g2|s1|g0|b3', 'updaterun|_not_a_run_id_x|g2|s1|g0|b3|m|member-1|0'],
    },
  ])('$name', ({ input, want }) => {
    const ids = chain(input);
    expect(ids).toEqual(want);
    expect(ids.filter((id) => forbidden.test(id))).toEqual([]);
  });

  it.each([
    { name: 'generations', input: [runGenerationInstanceId(runId, 1), runGenerationInstanceId(runId, 2)] },
    { name: 'groups of different stages', input: [groupInstanceId('r', 0, 1), groupInstanceId('r', 1, 0)] },
    { name: 'batches', input: [batchInstanceId('g', 0), batchInstanceId('g', 1)] },
    { name: 'attempts of a member', input: [memberInstanceId('b', 'm1', 0), memberInstanceId('b', 'm1', 1)] },
    { name: 'members', input: [memberInstanceId('b', 'm1', 0), memberInstanceId('b', 'm2', 0)] },
  ])('different $name get different ids', ({ input }) => {
    expect(new Set(input).size).toBe(input.length);
  });
});
