import type { UpdateState } from '../fleet/models.js';

/** States from which nothing more happens to a member. */
export const terminalStates: ReadonlySet<string> = new Set(['Completed', 'Failed', 'Skipped']);

/** What decides a segment's (group's or stage's) state besides its children. */
export interface SegmentFacts {
  /** The children's states (members of a group, groups of a stage). */
  children: UpdateState[];
  /** A gate of this segment is waiting for approval or its scheduled time. */
  gatePending?: boolean;
  /** Failures counted in this segment, and how many it tolerates. */
  failureCount: number;
  maxAllowedFailures: number;
  /** The user skipped the segment. */
  skipped?: boolean;
  /** A stop was requested (user) or scheduling ended early (threshold); children still in flight finish. */
  stopRequested?: boolean;
  /** Everything of the segment is done (gates and waits included): it may report a final state. */
  finished?: boolean;
}

/**
 * A group's or stage's state by the reference's cascading rules (§2.5): Skipped when skipped or
 * all children skipped; Failed once its failures exceed what it tolerates and nothing is in
 * flight; Stopped after a stop once nothing is in flight; Pending when a gate waits or every
 * child is Pending/NotStarted with at least one Pending; Completed when finished without
 * exceeding the threshold (it does not mean every member succeeded); Running otherwise once
 * anything started.
 */
export function rollUpSegment(facts: SegmentFacts): UpdateState {
  const { children } = facts;
  const inFlight = children.some((s) => s === 'Running' || s === 'Stopping');
  if (facts.skipped || (children.length > 0 && children.every((s) => s === 'Skipped'))) return 'Skipped';
  if (facts.failureCount > facts.maxAllowedFailures) return inFlight ? 'Running' : 'Failed';
  if (facts.stopRequested) return inFlight ? 'Running' : 'Stopped';
  if (facts.gatePending) return 'Pending';
  if (facts.finished && children.every((s) => terminalStates.has(s))) return 'Completed';
  if (children.length > 0 && children.every((s) => s === 'Pending' || s === 'NotStarted') && children.some((s) => s === 'Pending')) return 'Pending';
  if (children.every((s) => s === 'NotStarted') && !facts.finished) return 'NotStarted';
  return 'Running';
}

/** What decides the run's state. */
export interface RunFacts {
  /** The stages' states in order. */
  stages: UpdateState[];
  /** The user asked to stop. */
  stopRequested?: boolean;
  /** A threshold was exceeded somewhere: the run ends Failed. */
  failed?: boolean;
  /** Some member upgrade is still in flight. */
  inFlight?: boolean;
  /** The orchestration is done with every stage. */
  finished?: boolean;
}

/**
 * The run's state (§2.5): Stopping while in-flight members finish after a stop or a failure,
 * then Stopped or Failed; Skipped when every stage was skipped; Completed when finished;
 * Pending when the current stage is Pending; Running otherwise once started.
 */
export function rollUpRun(facts: RunFacts): UpdateState {
  if (facts.failed) return facts.inFlight ? 'Stopping' : 'Failed';
  if (facts.stopRequested) return facts.inFlight ? 'Stopping' : 'Stopped';
  if (facts.stages.length > 0 && facts.stages.every((s) => s === 'Skipped')) return 'Skipped';
  if (facts.finished) return 'Completed';
  const current = facts.stages.find((s) => !terminalStates.has(s));
  if (current === 'Pending') return 'Pending';
  return 'Running';
}
