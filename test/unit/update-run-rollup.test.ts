/**
 * The cascading rules of the reference (§2.5): a group's or stage's state from its children, gates,
 * failure counts and skips, and the run's state from its stages.
 */
import { describe, expect, it } from 'vitest';
import { rollUpRun, rollUpSegment, type RunFacts, type SegmentFacts } from '../../shared/update-run/rollup.js';

const noFailures = { failureCount: 0, maxAllowedFailures: 0 };

describe('rollUpSegment', () => {
  it.each<{ name: string; input: SegmentFacts; want: string }>([
    // NotStarted and Running
    { name: 'nothing started yet', input: { children: ['NotStarted', 'NotStarted'], ...noFailures }, want: 'NotStarted' },
    { name: 'a segment without children that has not finished', input: { children: [], ...noFailures }, want: 'NotStarted' },
    { name: 'one child running', input: { children: ['Running', 'NotStarted'], ...noFailures }, want: 'Running' },
    { name: 'some children done, others not started', input: { children: ['Completed', 'NotStarted'], ...noFailures }, want: 'Running' },
    { name: 'a Pending child does not hold up a group whose others go on', input: { children: ['Pending', 'Completed', 'Running'], ...noFailures }, want: 'Running' },

    // Pending
    { name: 'Pending: its gate is pending', input: { children: ['NotStarted', 'NotStarted'], gatePending: true, ...noFailures }, want: 'Pending' },
    { name: 'Pending: a gate pending after its members completed (after-gate)', input: { children: ['Completed', 'Completed'], gatePending: true, ...noFailures }, want: 'Pending' },
    { name: 'Pending: all children Pending', input: { children: ['Pending', 'Pending'], ...noFailures }, want: 'Pending' },
    { name: 'Pending: children Pending or NotStarted with at least one Pending', input: { children: ['Pending', 'NotStarted'], ...noFailures }, want: 'Pending' },
    { name: 'not Pending once a child is Running', input: { children: ['Pending', 'Running'], ...noFailures }, want: 'Running' },

    // Skipped
    { name: 'Skipped: the user skipped it', input: { children: ['Running', 'NotStarted'], skipped: true, ...noFailures }, want: 'Skipped' },
    { name: 'Skipped: the user skipped it while its gate waited', input: { children: ['NotStarted'], gatePending: true, skipped: true, ...noFailures }, want: 'Skipped' },
    { name: 'Skipped: all children were skipped', input: { children: ['Skipped', 'Skipped'], ...noFailures }, want: 'Skipped' },
    { name: 'not Skipped when only some children were skipped', input: { children: ['Skipped', 'Completed'], finished: true, ...noFailures }, want: 'Completed' },

    // Failed
    { name: 'Failed: failures exceed the threshold and nothing is in flight', input: { children: ['Failed', 'NotStarted'], failureCount: 1, maxAllowedFailures: 0, finished: true }, want: 'Failed' },
    { name: 'Failed: exceeded, even before the segment got to finish', input: { children: ['Failed', 'Failed', 'Completed'], failureCount: 2, maxAllowedFailures: 1 }, want: 'Failed' },
    { name: 'not Failed yet while members are still in flight', input: { children: ['Failed', 'Running'], failureCount: 1, maxAllowedFailures: 0 }, want: 'Running' },
    { name: 'not Failed while a child stage or group is Stopping', input: { children: ['Failed', 'Stopping'], failureCount: 2, maxAllowedFailures: 1 }, want: 'Running' },
    { name: 'not Failed when the count equals the threshold', input: { children: ['Failed', 'Completed'], failureCount: 1, maxAllowedFailures: 1, finished: true }, want: 'Completed' },

    // Completed
    { name: 'Completed: every child completed', input: { children: ['Completed', 'Completed'], finished: true, ...noFailures }, want: 'Completed' },
    { name: 'Completed: failures within the threshold (not every member succeeded)', input: { children: ['Failed', 'Failed', 'Completed'], failureCount: 2, maxAllowedFailures: 2, finished: true }, want: 'Completed' },
    { name: 'Completed: 100% failures when the threshold is the group size', input: { children: ['Failed', 'Failed'], failureCount: 2, maxAllowedFailures: 2, finished: true }, want: 'Completed' },
    { name: 'Completed: some members skipped, the rest completed', input: { children: ['Skipped', 'Completed'], finished: true, ...noFailures }, want: 'Completed' },
    { name: 'Completed: a finished segment without children', input: { children: [], finished: true, ...noFailures }, want: 'Completed' },
    { name: 'not Completed before it finished (an after-gate or wait is still ahead)', input: { children: ['Completed', 'Completed'], ...noFailures }, want: 'Running' },

    // Stopped
    { name: 'Stopped: a stop once nothing is in flight', input: { children: ['Completed', 'NotStarted'], stopRequested: true, ...noFailures }, want: 'Stopped' },
    { name: 'not Stopped while members are in flight', input: { children: ['Running', 'NotStarted'], stopRequested: true, ...noFailures }, want: 'Running' },
    { name: 'a stop with exceeded failures is Failed', input: { children: ['Failed'], failureCount: 1, maxAllowedFailures: 0, stopRequested: true, finished: true }, want: 'Failed' },
  ])('$name', ({ input, want }) => {
    expect(rollUpSegment(input)).toBe(want);
  });
});

describe('rollUpRun', () => {
  it.each<{ name: string; input: RunFacts; want: string }>([
    { name: 'Running: the current stage runs', input: { stages: ['Completed', 'Running', 'NotStarted'] }, want: 'Running' },
    { name: 'Running: between stages', input: { stages: ['Completed', 'NotStarted'] }, want: 'Running' },
    { name: 'Pending: the current stage is Pending', input: { stages: ['Completed', 'Pending', 'NotStarted'] }, want: 'Pending' },
    { name: 'not Pending for a later stage shown Pending', input: { stages: ['Running', 'Pending'] }, want: 'Running' },
    { name: 'Pending: skipped stages are passed over to find the current one', input: { stages: ['Skipped', 'Pending'] }, want: 'Pending' },
    { name: 'Skipped: every stage was skipped', input: { stages: ['Skipped', 'Skipped'], finished: true }, want: 'Skipped' },
    { name: 'Completed: finished (some stages skipped)', input: { stages: ['Completed', 'Skipped'], finished: true }, want: 'Completed' },
    { name: 'Completed: finished with every stage completed', input: { stages: ['Completed', 'Completed'], finished: true }, want: 'Completed' },
    { name: 'Stopping: a stop while members are in flight', input: { stages: ['Running'], stopRequested: true, inFlight: true }, want: 'Stopping' },
    { name: 'Stopped: a stop once nothing is in flight', input: { stages: ['Stopped', 'NotStarted'], stopRequested: true, finished: true }, want: 'Stopped' },
    { name: 'Stopping: a failure while members are in flight', input: { stages: ['Running'], failed: true, inFlight: true }, want: 'Stopping' },
    { name: 'Failed: a failure once nothing is in flight', input: { stages: ['Failed', 'NotStarted'], failed: true, finished: true }, want: 'Failed' },
    { name: 'Failed wins over a stop', input: { stages: ['Failed'], failed: true, stopRequested: true, finished: true }, want: 'Failed' },
  ])('$name', ({ input, want }) => {
    expect(rollUpRun(input)).toBe(want);
  });
});
