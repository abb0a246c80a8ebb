/**
 * Validation of an `UpdateRunStrategy` (reference §2.2, §2.6, §3, §9.1), shared by update runs
 * and update strategies: shape, api-version features, then the cross-field rules.
 */
import type { ApiFeatures } from '../../arm/api-versions.js';
import type { FleetMember, UpdateRunStrategy } from '../models.js';
import { assertGates } from './gate-rules.js';
import { parseLabelSelector } from './label-selector.js';
import type { Limit } from './limits.js';
import { parseMaxAllowedFailures, parseMaxConcurrency } from './limits.js';
import { assertStrategyFeatures } from './strategy-features.js';
import type { ParsedGroup, ParsedStage } from './strategy-schema.js';
import { strategySchema } from './strategy-schema.js';
import { invalid, parseWith } from './to-arm-error.js';

/** The system ceiling of a stage's `maxConcurrency` count (and so of any group's). */
export const maxStageConcurrency = 50;

/** What a strategy is checked against. */
export interface StrategyContext {
  /** The fleet's members: group names must match one of their `group`s (unless selected by label). */
  members: FleetMember[];
}

function checkLimits(node: ParsedStage | ParsedGroup, path: string, ceiling: Limit | undefined): Limit | undefined {
  if (node.maxAllowedFailures !== undefined) parseMaxAllowedFailures(node.maxAllowedFailures, `${path}.maxAllowedFailures`);
  if (node.maxConcurrency === undefined) return undefined;
  const target = `${path}.maxConcurrency`;
  const limit = parseMaxConcurrency(node.maxConcurrency, target);
  if (limit.kind === 'count' && limit.value > maxStageConcurrency) {
    throw invalid(target, `'${target}' '${node.maxConcurrency}' is too large: at most ${maxStageConcurrency} clusters update at once.`);
  }
  if (ceiling?.kind === 'count' && limit.kind === 'count' && limit.value > ceiling.value) {
    throw invalid(target, `'${target}' '${node.maxConcurrency}' exceeds its stage's maxConcurrency '${ceiling.value}'.`);
  }
  return limit;
}

function checkGroup(group: ParsedGroup, path: string, stage: ParsedStage, stageLimit: Limit | undefined, memberGroups: ReadonlySet<string>): void {
  if (group.memberSelector) parseLabelSelector(group.memberSelector.byLabel, `${path}.memberSelector.byLabel`);
  if (!group.memberSelector && !stage.memberSelector && !memberGroups.has(group.name)) {
    throw invalid(`${path}.name`, `'${path}.name': no fleet member is in update group '${group.name}'; set a member's group to it, or give the group a memberSelector.`);
  }
  checkLimits(group, path, stageLimit);
  assertGates(group.beforeGates, 'before', `${path}.beforeGates`);
  assertGates(group.afterGates, 'after', `${path}.afterGates`);
}

/**
 * Validates the untrusted `strategy` found at `target` (e.g. `properties.strategy`) and returns it
 * as an `UpdateRunStrategy`, or throws a 400 naming the offending field. Rules: at least one
 * stage; stage names unique; each group name used once in the whole strategy; names
 * `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$` (1–50); a stage without `memberSelector` needs 1–50 groups;
 * a group without a (stage or group) `memberSelector` must name an existing member's `group`;
 * `afterStageWaitInSeconds` a non-negative int32; `maxConcurrency` counts at most 50 and a
 * group's count at most its stage's count; `maxAllowedFailures` "N" or "0–100%"; gate rules of
 * `assertGates`; `memberSelector.byLabel` a valid label selector. Fields newer than the request's
 * api-version, and unknown properties, are rejected.
 */
export function validateStrategy(strategy: unknown, features: ApiFeatures, context: StrategyContext, target: string): UpdateRunStrategy {
  const parsed = parseWith(strategySchema, strategy, target);
  assertStrategyFeatures(parsed, features, target);
  const memberGroups = new Set(context.members.flatMap((m) => (m.properties.group === undefined ? [] : [m.properties.group])));
  const stageNames = new Map<string, string>();
  const groupNames = new Map<string, string>();
  parsed.stages.forEach((stage, i) => {
    const path = `${target}.stages[${i}]`;
    const firstUse = stageNames.get(stage.name);
    if (firstUse !== undefined) throw invalid(`${path}.name`, `'${path}.name': stage name '${stage.name}' is already used by ${firstUse}.`);
    stageNames.set(stage.name, path);
    if (stage.memberSelector) parseLabelSelector(stage.memberSelector.byLabel, `${path}.memberSelector.byLabel`);
    if (stage.groups === undefined && !stage.memberSelector) {
      throw invalid(`${path}.groups`, `'${path}.groups' is required (at least one group) unless the stage has a memberSelector.`);
    }
    const stageLimit = checkLimits(stage, path, undefined);
    assertGates(stage.beforeGates, 'before', `${path}.beforeGates`);
    assertGates(stage.afterGates, 'after', `${path}.afterGates`);
    stage.groups?.forEach((group, j) => {
      const groupPath = `${path}.groups[${j}]`;
      const used = groupNames.get(group.name);
      if (used !== undefined) throw invalid(`${groupPath}.name`, `'${groupPath}.name': group name '${group.name}' is already used by ${used}; a group may appear only once in a strategy.`);
      groupNames.set(group.name, groupPath);
      checkGroup(group, groupPath, stage, stageLimit, memberGroups);
    });
  });
  return parsed;
}
