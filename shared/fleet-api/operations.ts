import { decodeOperationId, operationStatus } from '../arm/async-operations.js';
import type { ArmRequest, ArmResponse } from '../arm/arm-request.js';
import { isServableResourceId } from '../arm/path-params.js';
import { parseFleetResourceId } from '../arm/resource-id.js';
import { armErrors } from '../arm/arm-error.js';
import type { ApiContext } from './api-context.js';
import { present } from './documents.js';
import { param } from './fleet-scope.js';

type Tracked = { properties?: { provisioningState?: string; status?: { lastOperationError?: { code?: string; message?: string } } }; systemData?: { lastModifiedAt?: string } };

/** Loads the resource an operation acted on, checking it belongs to the caller's subscription. */
async function operationTarget(ctx: ApiContext, request: ArmRequest) {
  const operationId = param(request, 'operationId');
  const ref = decodeOperationId(operationId);
  const parsed = parseFleetResourceId(ref.resourceId);
  if (!parsed || !isServableResourceId(ref.resourceId) || parsed.subscriptionId.toLowerCase() !== param(request, 'subscriptionId').toLowerCase()) {
    throw armErrors.resourceNotFound('Microsoft.ContainerService/locations/operations', operationId);
  }
  const stored = await ctx.store.get<Tracked>(ref.resourceId);
  return { operationId, ref, parsed, stored, status: operationStatus(operationId, request.url.pathname, ref, stored?.value) };
}

/** ARM's operation endpoints: `operations/{id}` (status) and `operationresults/{id}` (outcome). */
export const operationHandlers = {
  async status(ctx: ApiContext, request: ArmRequest): Promise<ArmResponse> {
    const { status } = await operationTarget(ctx, request);
    return { status: 200, body: status, ...(status.status === 'InProgress' ? { headers: { 'retry-after': '1' } } : {}) };
  },

  async result(ctx: ApiContext, request: ArmRequest): Promise<ArmResponse> {
    const { ref, parsed, stored, status } = await operationTarget(ctx, request);
    if (status.status === 'InProgress') return { status: 202, headers: { location: request.url.toString(), 'retry-after': '1' } };
    if (status.status !== 'Succeeded') return { status: 400, body: { error: status.error ?? { code: status.status, message: `The operation ${status.status}.` } } };
    if (ref.kind === 'delete' || !stored) return { status: 204 };
    return { status: 200, body: present(parsed.child?.kind ?? 'fleet', stored, request.features) };
  },
};
