/**
 * Checks on the ARM resource ids a request body references: member clusters and the update
 * strategies of runs and auto-upgrade profiles. ARM ids compare case-insensitively.
 */
import { parseFleetResourceId } from '../../arm/resource-id.js';
import { invalid } from './to-arm-error.js';

const managedClusterId = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ContainerService\/managedClusters\/[^/]+$/i;

/** True when ARM ids `a` and `b` name the same resource (case-insensitive, trailing `/` ignored). */
export const sameArmId = (a: string | undefined, b: string | undefined): boolean =>
  a?.replace(/\/$/, '').toLowerCase() === b?.replace(/\/$/, '').toLowerCase();

/**
 * Throws a 400 naming `target` unless `id` is the ARM id of an AKS cluster
 * (`/subscriptions/{s}/resourceGroups/{rg}/providers/Microsoft.ContainerService/managedClusters/{name}`,
 * provider and type case-insensitive).
 */
export function assertManagedClusterId(id: string, target: string): void {
  if (!managedClusterId.test(id)) {
    throw invalid(target, `'${target}' '${id}' is not the resource id of an AKS cluster (/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.ContainerService/managedClusters/{name}).`);
  }
}

/**
 * Throws a 400 naming `target` unless `id` is the ARM id of an update strategy of the fleet
 * `fleetId` for which `exists(id)` is true.
 */
export function assertUpdateStrategyReference(id: string, fleetId: string, exists: (id: string) => boolean, target: string): void {
  const parsed = parseFleetResourceId(id);
  if (parsed?.child?.kind !== 'updateStrategy') {
    throw invalid(target, `'${target}' '${id}' is not the resource id of an update strategy (…/providers/Microsoft.ContainerService/fleets/{fleet}/updateStrategies/{name}).`);
  }
  if (!sameArmId(id.replace(/\/updateStrategies\/[^/]+\/?$/i, ''), fleetId)) {
    throw invalid(target, `'${target}' must name an update strategy of the same fleet ('${fleetId}'), not '${id}'.`);
  }
  if (!exists(id)) throw invalid(target, `'${target}': the update strategy '${id}' does not exist.`);
}
