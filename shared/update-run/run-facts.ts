import type { UpdateRunStatus } from '../fleet/models.js';
import type { RunRuntime, SkipTarget } from './runtime.js';

/**
 * What the orchestrations learn from each status write: the run's shared state as stored, so
 * scheduling decisions (stop, skips, failure thresholds) see every group's outcome without
 * orchestrations talking to each other.
 */
export interface RunFactsView {
  stopRequested: boolean;
  skips: SkipTarget[];
  failures: { run: number; stages: number[]; groups: number[][] };
}

/** The facts of a stored run. */
export function runFacts(status: UpdateRunStatus | undefined, runtime: RunRuntime | undefined): RunFactsView {
  const stages = status?.stages ?? [];
  return {
    stopRequested: runtime?.stopRequested ?? false,
    skips: runtime?.skips ?? [],
    failures: {
      run: status?.failureCount ?? 0,
      stages: stages.map((s) => s.failureCount ?? 0),
      groups: stages.map((s) => (s.groups ?? []).map((g) => g.failureCount ?? 0)),
    },
  };
}

/** True when a skip target names this member, its group or its stage. */
export function isSkipped(skips: readonly SkipTarget[], where: { stage?: string; group?: string; member?: string }): boolean {
  return skips.some(
    (t) => (t.type === 'Stage' && t.name === where.stage) || (t.type === 'Group' && t.name === where.group) || (t.type === 'Member' && where.member !== undefined && t.name === where.member),
  );
}

/** Position by position, the larger count; a position only one side has keeps its count. */
const largest = (a: readonly number[], b: readonly number[]): number[] =>
  Array.from({ length: Math.max(a.length, b.length) }, (_, i) => Math.max(a[i] ?? 0, b[i] ?? 0));

/**
 * Combines the facts several parallel orchestrations saw: a stop or skip any of them saw holds,
 * and each failure count is the largest seen (counts only grow).
 */
export function mergeFacts(views: readonly RunFactsView[]): RunFactsView {
  const [first, ...rest] = views;
  if (!first) throw new Error('mergeFacts needs at least one view.');
  return rest.reduce<RunFactsView>(
    (a, b) => ({
      stopRequested: a.stopRequested || b.stopRequested,
      skips: [...a.skips, ...b.skips.filter((s) => !a.skips.some((t) => t.type === s.type && t.name === s.name))],
      failures: {
        run: Math.max(a.failures.run, b.failures.run),
        stages: largest(a.failures.stages, b.failures.stages),
        groups: Array.from({ length: Math.max(a.failures.groups.length, b.failures.groups.length) }, (_, i) => largest(a.failures.groups[i] ?? [], b.failures.groups[i] ?? [])),
      },
    }),
    first,
  );
}
