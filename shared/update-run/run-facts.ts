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
        stages: a.failures.stages.map((n, i) => Math.max(n, b.failures.stages[i] ?? 0)),
        groups: a.failures.groups.map((g, i) => g.map((n, j) => Math.max(n, b.failures.groups[i]?.[j] ?? 0))),
      },
    }),
    first,
  );
}
