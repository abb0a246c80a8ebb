/**
 * What the orchestrations learn from each status write (stop, skips, failure counts), how the
 * views of parallel orchestrations combine, and which skip targets reach a member (§2.7).
 */
import { describe, expect, it } from 'vitest';
import type { UpdateRunStatus } from '../../shared/fleet/models.js';
import { isSkipped, mergeFacts, runFacts, type RunFactsView } from '../../shared/update-run/run-facts.js';
import type { RunRuntime, SkipTarget } from '../../shared/update-run/runtime.js';

const view = (fields: Partial<RunFactsView> = {}): RunFactsView => ({ stopRequested: false, skips: [], failures: { run: 0, stages: [0, 0], groups: [[0, 0], [0]] }, ...fields });

describe('runFacts', () => {
  const status: UpdateRunStatus = {
    failureCount: 3,
    stages: [
      { name: 's1', failureCount: 2, groups: [{ name: 'a', failureCount: 2 }, { name: 'b' }] },
      { name: 's2', groups: [{ name: 'c', failureCount: 1 }] },
    ],
  };
  const runtime: RunRuntime = { generation: 1, skips: [{ type: 'Member', name: 'm1' }], stopRequested: true, listeners: [] };
  it.each<{ name: string; input: { status: UpdateRunStatus | undefined; runtime: RunRuntime | undefined }; want: RunFactsView }>([
    {
      name: 'counts per run, stage and group, missing counts as 0, with stop and skips',
      input: { status, runtime },
      want: { stopRequested: true, skips: [{ type: 'Member', name: 'm1' }], failures: { run: 3, stages: [2, 0], groups: [[2, 0], [1]] } },
    },
    { name: 'a run never written', input: { status: undefined, runtime: undefined }, want: { stopRequested: false, skips: [], failures: { run: 0, stages: [], groups: [] } } },
    {
      name: 'a runtime without a stop',
      input: { status: { stages: [{ name: 's1' }] }, runtime: { generation: 1, skips: [], listeners: [] } },
      want: { stopRequested: false, skips: [], failures: { run: 0, stages: [0], groups: [[]] } },
    },
  ])('$name', ({ input, want }) => {
    expect(runFacts(input.status, input.runtime)).toEqual(want);
  });
});

describe('mergeFacts', () => {
  it.each<{ name: string; input: RunFactsView[]; want: RunFactsView }>([
    { name: 'one view is itself', input: [view({ failures: { run: 1, stages: [1, 0], groups: [[1, 0], [0]] } })], want: view({ failures: { run: 1, stages: [1, 0], groups: [[1, 0], [0]] } }) },
    { name: 'a stop any view saw holds', input: [view(), view({ stopRequested: true }), view()], want: view({ stopRequested: true }) },
    {
      name: 'skips are united without duplicates',
      input: [view({ skips: [{ type: 'Member', name: 'm1' }] }), view({ skips: [{ type: 'Member', name: 'm1' }, { type: 'Group', name: 'a' }] }), view({ skips: [{ type: 'Member', name: 'm2' }] })],
      want: view({ skips: [{ type: 'Member', name: 'm1' }, { type: 'Group', name: 'a' }, { type: 'Member', name: 'm2' }] }),
    },
    {
      name: 'same name, different type: both kept',
      input: [view({ skips: [{ type: 'Stage', name: 's1' }] }), view({ skips: [{ type: 'AfterStageWait', name: 's1' }] })],
      want: view({ skips: [{ type: 'Stage', name: 's1' }, { type: 'AfterStageWait', name: 's1' }] }),
    },
    {
      name: 'each failure count is the largest seen (counts only grow)',
      input: [
        view({ failures: { run: 2, stages: [2, 0], groups: [[2, 0], [0]] } }),
        view({ failures: { run: 3, stages: [1, 1], groups: [[1, 1], [0]] } }),
        view({ failures: { run: 1, stages: [0, 0], groups: [[0, 0], [1]] } }),
      ],
      want: view({ failures: { run: 3, stages: [2, 1], groups: [[2, 1], [1]] } }),
    },
    {
      name: 'a view that has not seen the status tree yet loses no counts',
      input: [view({ failures: { run: 0, stages: [], groups: [] } }), view({ failures: { run: 2, stages: [2, 0], groups: [[1, 1], [0]] } })],
      want: view({ failures: { run: 2, stages: [2, 0], groups: [[1, 1], [0]] } }),
    },
    {
      name: 'views with fewer groups in a stage lose no counts',
      input: [view({ failures: { run: 1, stages: [1], groups: [[1]] } }), view({ failures: { run: 1, stages: [0, 0], groups: [[0, 1], [0]] } })],
      want: view({ failures: { run: 1, stages: [1, 0], groups: [[1, 1], [0]] } }),
    },
  ])('$name', ({ input, want }) => {
    expect(mergeFacts(input)).toEqual(want);
  });

  it('needs at least one view', () => {
    expect(() => mergeFacts([])).toThrow('mergeFacts needs at least one view.');
  });

  it('leaves its inputs unchanged', () => {
    const a = view({ skips: [{ type: 'Member', name: 'm1' }] });
    const b = view({ skips: [{ type: 'Member', name: 'm2' }], failures: { run: 4, stages: [4, 0], groups: [[4, 0], [0]] } });
    mergeFacts([a, b]);
    expect([a, b]).toEqual([view({ skips: [{ type: 'Member', name: 'm1' }] }), view({ skips: [{ type: 'Member', name: 'm2' }], failures: { run: 4, stages: [4, 0], groups: [[4, 0], [0]] } })]);
  });
});

describe('isSkipped', () => {
  const where = { stage: 's1', group: 'a', member: 'm1' };
  it.each<{ name: string; input: { skips: SkipTarget[]; where: { stage?: string; group?: string; member?: string } }; want: boolean }>([
    { name: 'no skips', input: { skips: [], where }, want: false },
    { name: 'the member itself', input: { skips: [{ type: 'Member', name: 'm1' }], where }, want: true },
    { name: 'its group', input: { skips: [{ type: 'Group', name: 'a' }], where }, want: true },
    { name: 'its stage', input: { skips: [{ type: 'Stage', name: 's1' }], where }, want: true },
    { name: 'another member', input: { skips: [{ type: 'Member', name: 'm2' }], where }, want: false },
    { name: 'another group', input: { skips: [{ type: 'Group', name: 'b' }], where }, want: false },
    { name: 'another stage', input: { skips: [{ type: 'Stage', name: 's2' }], where }, want: false },
    { name: "the stage's after-stage wait does not skip its members", input: { skips: [{ type: 'AfterStageWait', name: 's1' }], where }, want: false },
    { name: 'a Group target does not match a stage of the same name', input: { skips: [{ type: 'Group', name: 's1' }], where: { stage: 's1' } }, want: false },
    { name: 'a Member target does not match a group of the same name', input: { skips: [{ type: 'Member', name: 'a' }], where: { stage: 's1', group: 'a' } }, want: false },
    { name: 'a stage asked about by its name alone', input: { skips: [{ type: 'Stage', name: 's1' }], where: { stage: 's1' } }, want: true },
    { name: 'a group asked about without a member', input: { skips: [{ type: 'Group', name: 'a' }], where: { stage: 's1', group: 'a' } }, want: true },
  ])('$name', ({ input, want }) => {
    expect(isSkipped(input.skips, input.where)).toBe(want);
  });
});
