/**
 * Which strategy fields each api-version may send (reference §2.9): a field from a newer
 * api-version than the request's is rejected, naming the field and the api-version it needs.
 */
import type { ApiFeatures } from '../../arm/api-versions.js';
import { assertFeature } from './api-feature.js';
import type { ParsedGate, ParsedGroup, ParsedStage, ParsedStrategy } from './strategy-schema.js';

function assertGateFeatures(features: ApiFeatures, gates: ParsedGate[] | undefined, path: string): void {
  assertFeature(features, 'gates', gates !== undefined, path);
  gates?.forEach((gate, k) => {
    assertFeature(features, 'memberSelector', gate.type === 'ScheduledStart', `${path}[${k}].type`, `'${path}[${k}].type' 'ScheduledStart'`);
    assertFeature(features, 'memberSelector', gate.scheduledStartConfiguration !== undefined, `${path}[${k}].scheduledStartConfiguration`);
  });
}

function assertNodeFeatures(features: ApiFeatures, node: ParsedStage | ParsedGroup, path: string): void {
  assertFeature(features, 'memberSelector', node.memberSelector !== undefined, `${path}.memberSelector`);
  assertFeature(features, 'maxConcurrency', node.maxConcurrency !== undefined, `${path}.maxConcurrency`);
  assertFeature(features, 'maxAllowedFailures', node.maxAllowedFailures !== undefined, `${path}.maxAllowedFailures`);
  assertGateFeatures(features, node.beforeGates, `${path}.beforeGates`);
  assertGateFeatures(features, node.afterGates, `${path}.afterGates`);
}

/**
 * Throws a 400 for the first field of `strategy` (at `target`) that the request's api-version
 * lacks: gates need `features.gates`, `maxConcurrency` needs `features.maxConcurrency`,
 * `memberSelector` and ScheduledStart gates need `features.memberSelector`, and
 * `maxAllowedFailures` needs `features.maxAllowedFailures`.
 */
export function assertStrategyFeatures(strategy: ParsedStrategy, features: ApiFeatures, target: string): void {
  strategy.stages.forEach((stage, i) => {
    const stagePath = `${target}.stages[${i}]`;
    assertNodeFeatures(features, stage, stagePath);
    stage.groups?.forEach((group, j) => assertNodeFeatures(features, group, `${stagePath}.groups[${j}]`));
  });
}
