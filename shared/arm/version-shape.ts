import type { ResourceKind } from '../fleet/models.js';
import type { ApiFeatures } from './api-versions.js';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

const drop = (target: unknown, ...keys: string[]): void => {
  if (isObject(target)) for (const key of keys) delete target[key];
};

/** Removes from a strategy (or a run's strategy) the fields an older api-version does not know. */
function shapeStrategy(strategy: unknown, features: ApiFeatures): void {
  if (!isObject(strategy)) return;
  for (const stage of objects(strategy.stages)) {
    for (const node of [stage, ...objects(stage.groups)]) {
      if (!features.gates) drop(node, 'beforeGates', 'afterGates');
      if (!features.maxConcurrency) drop(node, 'maxConcurrency');
      if (!features.memberSelector) drop(node, 'memberSelector');
      if (!features.maxAllowedFailures) drop(node, 'maxAllowedFailures');
      // ScheduledStart gates came with memberSelector: older versions see the gate, not its schedule.
      if (!features.memberSelector) for (const gate of [...objects(node.beforeGates), ...objects(node.afterGates)]) drop(gate, 'scheduledStartConfiguration');
    }
  }
}

/** Removes from a run status tree what an older api-version does not know. */
function shapeStatus(status: unknown, features: ApiFeatures): void {
  if (!isObject(status)) return;
  if (!features.memberSelector) drop(status, 'failureCount');
  for (const stage of objects(status.stages)) {
    for (const node of [stage, ...objects(stage.groups)]) {
      if (!features.gates) drop(node, 'beforeGates', 'afterGates');
      if (!features.maxConcurrency) drop(node, 'maxConcurrency');
      if (!features.memberSelector) drop(node, 'failureCount');
      if (!features.maxAllowedFailures) drop(node, 'maxAllowedFailures');
    }
  }
}

/**
 * Returns the resource as an api-version shows it: a deep copy without the fields that version
 * does not have (reference §2.9). Stored documents always keep the newest shape.
 */
export function shapeForVersion<T>(kind: ResourceKind, resource: T, features: ApiFeatures): T {
  const copy = structuredClone(resource) as unknown as Json;
  const properties = isObject(copy.properties) ? copy.properties : {};
  switch (kind) {
    case 'fleet':
      if (!features.resourceStatus) drop(properties, 'status');
      break;
    case 'member':
      if (!features.resourceStatus) drop(properties, 'status');
      if (!features.gates) drop(properties, 'labels');
      break;
    case 'updateStrategy':
      shapeStrategy(properties.strategy, features);
      break;
    case 'updateRun':
      shapeStrategy(properties.strategy, features);
      shapeStatus(properties.status, features);
      if (!features.resourceStatus) drop(properties, 'autoUpgradeProfileId');
      break;
    case 'autoUpgradeProfile':
      if (!features.gates) drop(properties, 'targetKubernetesVersion', 'longTermSupport');
      if (!features.maxAllowedFailures && isObject(properties.autoUpgradeProfileStatus)) drop(properties.autoUpgradeProfileStatus, 'lastTriggerMessage');
      if (!features.maxAllowedFailures) drop(properties, 'catchUp');
      break;
    case 'gate':
      if (!features.memberSelector) drop(properties, 'scheduledStartProperties');
      break;
  }
  return copy as unknown as T;
}

/** Whether an api-version serves a resource kind at all (gates arrived in 2025-04-01-preview, profiles' GA shape in 2025-03-01). */
export function servesKind(kind: ResourceKind, features: ApiFeatures): boolean {
  if (kind === 'gate') return features.gates;
  if (kind === 'autoUpgradeProfile') return features.resourceStatus;
  return true;
}
