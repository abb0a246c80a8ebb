import type { ResourceKind } from '../fleet/models.js';

/** The parts of a Fleet resource id. */
export interface FleetResourceId {
  subscriptionId: string;
  resourceGroup: string;
  fleetName: string;
  /** Absent for the fleet itself. */
  child?: { kind: Exclude<ResourceKind, 'fleet'>; name: string };
}

/** The path segment of each child kind. */
export const childSegments = {
  member: 'members',
  updateStrategy: 'updateStrategies',
  updateRun: 'updateRuns',
  gate: 'gates',
  autoUpgradeProfile: 'autoUpgradeProfiles',
} as const satisfies Record<Exclude<ResourceKind, 'fleet'>, string>;

const bySegment = new Map(Object.entries(childSegments).map(([kind, segment]) => [segment.toLowerCase(), kind as Exclude<ResourceKind, 'fleet'>]));

/** The id of a fleet. */
export const fleetId = (subscriptionId: string, resourceGroup: string, fleetName: string): string =>
  `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/fleets/${fleetName}`;

/** The id of a fleet's child. */
export const childId = (parentFleetId: string, kind: Exclude<ResourceKind, 'fleet'>, name: string): string => `${parentFleetId}/${childSegments[kind]}/${name}`;

const pattern = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ContainerService\/fleets\/([^/]+)(?:\/([^/]+)\/([^/]+))?\/?$/i;

/** Parses a Fleet resource id (case-insensitive), or undefined when it is not one. */
export function parseFleetResourceId(id: string): FleetResourceId | undefined {
  const match = pattern.exec(id);
  if (!match) return undefined;
  const [, subscriptionId = '', resourceGroup = '', fleetName = '', segment, name] = match;
  if (segment === undefined || name === undefined) return { subscriptionId, resourceGroup, fleetName };
  const kind = bySegment.get(segment.toLowerCase());
  return kind ? { subscriptionId, resourceGroup, fleetName, child: { kind, name } } : undefined;
}

/** The id of the fleet a resource id belongs to. */
export const parentFleetId = (id: FleetResourceId): string => fleetId(id.subscriptionId, id.resourceGroup, id.fleetName);
