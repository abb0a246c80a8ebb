import type { ArmRoute } from './router.js';

/** An HTTP method a Fleet API route serves. */
export type RouteMethod = 'GET' | 'PUT' | 'PATCH' | 'DELETE' | 'POST';

/** One HTTP function of the Fleet API: its name, route template and methods. */
export interface FleetApiRoute {
  name: string;
  route: string;
  armRoute: ArmRoute;
  methods: RouteMethod[];
}

const provider = 'providers/Microsoft.ContainerService';
const subscription = 'subscriptions/{subscriptionId}';
const fleet = `${subscription}/resourceGroups/{resourceGroup}/${provider}/fleets/{fleetName}`;

/** Every Fleet API route, one HTTP function each (ARM paths are case-insensitive, as our routes are). */
export const fleetApiRoutes: readonly FleetApiRoute[] = [
  { name: 'fleetsBySubscription', route: `${subscription}/${provider}/fleets`, armRoute: 'fleets', methods: ['GET'] },
  { name: 'fleetsByResourceGroup', route: `${subscription}/resourceGroups/{resourceGroup}/${provider}/fleets`, armRoute: 'fleets', methods: ['GET'] },
  { name: 'fleet', route: fleet, armRoute: 'fleet', methods: ['GET', 'PUT', 'PATCH', 'DELETE'] },
  { name: 'fleetChildren', route: `${fleet}/{childType}`, armRoute: 'children', methods: ['GET'] },
  { name: 'fleetChild', route: `${fleet}/{childType}/{childName}`, armRoute: 'child', methods: ['GET', 'PUT', 'PATCH', 'DELETE'] },
  { name: 'fleetChildAction', route: `${fleet}/{childType}/{childName}/{action}`, armRoute: 'action', methods: ['POST'] },
  { name: 'fleetOperationStatus', route: `${subscription}/${provider}/locations/{location}/operations/{operationId}`, armRoute: 'operationStatus', methods: ['GET'] },
  { name: 'fleetOperationResult', route: `${subscription}/${provider}/locations/{location}/operationresults/{operationId}`, armRoute: 'operationResult', methods: ['GET'] },
];

/**
 * The catch-all below every other route: whatever reaches it under `subscriptions/` is answered
 * with ARM's error body (404, or 405 when another method is served at that path) instead of the
 * host's empty 404.
 */
export const unmatchedRoute: FleetApiRoute = { name: 'fleetApiUnmatched', route: 'subscriptions/{*rest}', armRoute: 'unmatched', methods: ['GET', 'PUT', 'PATCH', 'DELETE', 'POST'] };

const segmentsOf = (path: string): string[] => path.replace(/^\/+|\/+$/g, '').split('/');

/** Whether `template`'s segments match `path`'s: literals case-insensitively, `{…}` any non-empty segment. */
function templateMatches(template: string, path: string): boolean {
  const want = segmentsOf(template);
  const got = segmentsOf(path);
  return want.length === got.length && want.every((segment, i) => (segment.startsWith('{') ? (got[i] ?? '') !== '' : segment.toLowerCase() === got[i]?.toLowerCase()));
}

/** The methods served at a URL path, or an empty list when no Fleet API route has that shape. */
export function methodsAt(path: string): RouteMethod[] {
  return fleetApiRoutes.filter((r) => templateMatches(r.route, path)).flatMap((r) => r.methods);
}
