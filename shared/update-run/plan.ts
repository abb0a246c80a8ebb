import type { FleetMember, GateConfiguration, ManagedClusterUpdate, UpdateRun } from '../fleet/models.js';
import { parseMaxAllowedFailures, parseMaxConcurrency, resolveAllowedFailures, resolveConcurrency } from '../fleet/validation/limits.js';
import { resolveMembership } from './membership.js';

/** The system cap and default of a stage's concurrency, and a group's default (reference §2.6). */
export const stageConcurrencyCap = 50;
/** See {@link stageConcurrencyCap}. */
export const groupConcurrencyDefault = 1;

/** Where a gate sits. */
export interface GatePosition {
  stage: number;
  group?: number;
  timing: 'Before' | 'After';
  /** Position among the gates at that place. */
  index: number;
}

/** A gate of the plan. */
export interface PlannedGate extends GatePosition {
  displayName?: string;
  type: string;
  scheduledStart?: { startDay: string; startTime: string; utcOffset: string };
}

/** A member of the plan (membership is frozen when the run starts). */
export interface PlannedMember {
  name: string;
  clusterResourceId: string;
}

/** A group of the plan with its resolved limits. */
export interface PlannedGroup {
  name: string;
  maxConcurrency: number;
  maxAllowedFailures: number;
  members: PlannedMember[];
  beforeGates: PlannedGate[];
  afterGates: PlannedGate[];
}

/** A stage of the plan with its resolved limits. */
export interface PlannedStage {
  name: string;
  maxConcurrency: number;
  maxAllowedFailures: number;
  afterStageWaitInSeconds: number;
  groups: PlannedGroup[];
  beforeGates: PlannedGate[];
  afterGates: PlannedGate[];
}

/** A run, frozen into what the orchestration executes. Plain JSON. */
export interface RunPlan {
  runId: string;
  fleetId: string;
  managedClusterUpdate: ManagedClusterUpdate;
  stages: PlannedStage[];
}

const plannedGates = (gates: GateConfiguration[] | undefined, at: Omit<GatePosition, 'index'>): PlannedGate[] =>
  (gates ?? []).map((gate, index) => ({
    ...at,
    index,
    type: gate.type,
    ...(gate.displayName ? { displayName: gate.displayName } : {}),
    ...(gate.scheduledStartConfiguration ? { scheduledStart: { ...gate.scheduledStartConfiguration } } : {}),
  }));

/**
 * Freezes a run into its plan: the strategy (inline, the snapshot taken from `updateStrategyId`,
 * or the default one-by-one), membership resolved now, and every limit resolved to a number —
 * stage concurrency (default and cap 50), group concurrency (default 1, at most the stage's and
 * at least 1), allowed failures (percentages rounded up; 0 = fail fast).
 */
export function buildRunPlan(run: UpdateRun, members: FleetMember[]): RunPlan {
  const strategy = run.properties.strategy;
  const stages = resolveMembership(strategy, members).map(({ stage, groups }, s): PlannedStage => {
    const stageSize = groups.reduce((sum, g) => sum + g.members.length, 0);
    const stageLimit = Math.min(stageConcurrencyCap, resolveConcurrency(stage.maxConcurrency ? parseMaxConcurrency(stage.maxConcurrency, 'maxConcurrency') : undefined, stageSize, stageConcurrencyCap));
    return {
      name: stage.name,
      maxConcurrency: stageLimit,
      maxAllowedFailures: resolveAllowedFailures(stage.maxAllowedFailures ? parseMaxAllowedFailures(stage.maxAllowedFailures, 'maxAllowedFailures') : undefined, stageSize),
      afterStageWaitInSeconds: stage.afterStageWaitInSeconds ?? 0,
      beforeGates: plannedGates(stage.beforeGates, { stage: s, timing: 'Before' }),
      afterGates: plannedGates(stage.afterGates, { stage: s, timing: 'After' }),
      groups: groups.map(({ group, members: groupMembers }, g): PlannedGroup => ({
        name: group.name,
        maxConcurrency: Math.max(1, Math.min(stageLimit, resolveConcurrency(group.maxConcurrency ? parseMaxConcurrency(group.maxConcurrency, 'maxConcurrency') : undefined, groupMembers.length, groupConcurrencyDefault))),
        maxAllowedFailures: resolveAllowedFailures(group.maxAllowedFailures ? parseMaxAllowedFailures(group.maxAllowedFailures, 'maxAllowedFailures') : undefined, groupMembers.length),
        members: groupMembers.map((m) => ({ name: m.name, clusterResourceId: m.properties.clusterResourceId })),
        beforeGates: plannedGates(group.beforeGates, { stage: s, group: g, timing: 'Before' }),
        afterGates: plannedGates(group.afterGates, { stage: s, group: g, timing: 'After' }),
      })),
    };
  });
  return { runId: run.id, fleetId: run.id.slice(0, run.id.toLowerCase().lastIndexOf('/updateruns/')), managedClusterUpdate: run.properties.managedClusterUpdate, stages };
}

/**
 * How a stage shares its concurrency among its groups: in order, each group gets
 * min(its limit, what is left); groups that get nothing run in a later round, after the groups
 * of this round finished. The sum never exceeds the stage limit (reference: "the stage limit wins").
 */
export function allotConcurrency(groupLimits: number[], stageLimit: number, alreadyAllotted = 0): number[] {
  let left = Math.max(0, stageLimit - alreadyAllotted);
  return groupLimits.map((limit) => {
    const share = Math.min(limit, left);
    left -= share;
    return share;
  });
}

/**
 * The ideal makespan of a plan when every upgrade takes `upgradeSec`: per stage, the slowest
 * group at full concurrency, but never faster than the stage limit allows, plus the after-stage
 * wait. Gates are taken as approved at once.
 */
export function criticalPathSec(plan: RunPlan, upgradeSec: number): number {
  return plan.stages.reduce((total, stage) => {
    const members = stage.groups.reduce((sum, g) => sum + g.members.length, 0);
    const slowestGroup = Math.max(0, ...stage.groups.map((g) => Math.ceil(g.members.length / g.maxConcurrency)));
    const stageBound = Math.ceil(members / stage.maxConcurrency);
    return total + Math.max(slowestGroup, stageBound) * upgradeSec + stage.afterStageWaitInSeconds;
  }, 0);
}
