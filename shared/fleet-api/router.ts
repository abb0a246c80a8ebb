import { armErrors } from '../arm/arm-error.js';
import type { ArmRequest, ArmResponse } from '../arm/arm-request.js';
import { childSegments } from '../arm/resource-id.js';
import type { ApiContext } from './api-context.js';
import { autoUpgradeProfileHandlers } from './auto-upgrade-profiles.js';
import type { ChildKind, ChildResourceHandlers } from './child-resources.js';
import { fleetHandlers } from './fleets.js';
import { gateHandlers } from './gates.js';
import { memberHandlers } from './members.js';
import { operationHandlers } from './operations.js';
import { methodsAt } from './routes.js';
import { runAction } from './update-run-actions.js';
import { updateRunHandlers } from './update-runs.js';
import { updateStrategyHandlers } from './update-strategies.js';

/** The Fleet API's route shapes (one HTTP function each). */
export const armRoutes = ['fleets', 'fleet', 'children', 'child', 'action', 'operationStatus', 'operationResult', 'unmatched'] as const;
/** One of {@link armRoutes}. */
export type ArmRoute = (typeof armRoutes)[number];

const childHandlers: Record<ChildKind, ChildResourceHandlers> = {
  member: memberHandlers,
  updateStrategy: updateStrategyHandlers,
  updateRun: updateRunHandlers,
  gate: gateHandlers,
  autoUpgradeProfile: autoUpgradeProfileHandlers,
};

const kindBySegment = new Map(Object.entries(childSegments).map(([kind, segment]) => [segment.toLowerCase(), kind as ChildKind]));

/** The child kind a `{childType}` path segment names; 400 InvalidResourceType otherwise. */
export function childKindOf(segment: string | undefined): ChildKind {
  const kind = kindBySegment.get((segment ?? '').toLowerCase());
  if (!kind) throw armErrors.invalidResourceType(segment ?? '');
  return kind;
}

/** The resource kind a request acts on, for authorization. */
export function kindOfRequest(route: ArmRoute, params: Record<string, string | undefined>): string {
  if (route === 'fleets' || route === 'fleet') return 'fleet';
  if (route === 'operationStatus' || route === 'operationResult') return 'operation';
  return kindBySegment.get((params.childType ?? '').toLowerCase()) ?? 'unknown';
}

type Handler = (ctx: ApiContext, request: ArmRequest) => Promise<ArmResponse>;

const byMethod = (request: ArmRequest, handlers: Partial<Record<string, Handler>>, ctx: ApiContext): Promise<ArmResponse> => {
  const handler = handlers[request.method];
  if (!handler) throw armErrors.methodNotAllowed(request.method);
  return handler(ctx, request);
};

/** Sends a request to the handler of its route and method. */
export function dispatch(ctx: ApiContext, route: ArmRoute, request: ArmRequest): Promise<ArmResponse> {
  switch (route) {
    case 'fleets':
      return byMethod(request, { GET: fleetHandlers.list }, ctx);
    case 'fleet':
      return byMethod(request, { GET: fleetHandlers.get, PUT: fleetHandlers.put, PATCH: fleetHandlers.patch, DELETE: fleetHandlers.delete }, ctx);
    case 'children': {
      const handlers = childHandlers[childKindOf(request.params.childType)];
      return byMethod(request, { GET: handlers.list }, ctx);
    }
    case 'child': {
      const handlers = childHandlers[childKindOf(request.params.childType)];
      return byMethod(request, { GET: handlers.get, PUT: handlers.put, PATCH: handlers.patch, DELETE: handlers.delete }, ctx);
    }
    case 'action':
      childKindOf(request.params.childType);
      return byMethod(request, { POST: runAction }, ctx);
    case 'operationStatus':
      return byMethod(request, { GET: operationHandlers.status }, ctx);
    case 'operationResult':
      return byMethod(request, { GET: operationHandlers.result }, ctx);
    case 'unmatched':
      throw methodsAt(request.url.pathname).length > 0 ? armErrors.methodNotAllowed(request.method) : armErrors.noRoute(request.url.pathname);
  }
}
