import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import type { ApiContext } from '../shared/fleet-api/api-context.js';
import { handleArmRequest, type AuthMode } from '../shared/fleet-api/pipeline.js';
import type { ArmRoute } from '../shared/fleet-api/router.js';
import { defaultFleetStore } from '../shared/store/default-store.js';

const provider = 'providers/Microsoft.ContainerService';
const subscription = 'subscriptions/{subscriptionId}';
const fleet = `${subscription}/resourceGroups/{resourceGroup}/${provider}/fleets/{fleetName}`;

/** Every Fleet API route, one HTTP function each (ARM paths are case-insensitive, as our routes are). */
const routes: { name: string; route: string; armRoute: ArmRoute; methods: ('GET' | 'PUT' | 'PATCH' | 'DELETE' | 'POST')[] }[] = [
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
 * Behind App Service authentication (`TRUST_APP_SERVICE_AUTH` set), callers are principals
 * with roles and the functions are anonymous at the host; otherwise the host requires a
 * function key. Read once at load, as app settings are.
 */
const auth: AuthMode = { trustAppServiceAuth: /^(1|true|yes)$/i.test(process.env.TRUST_APP_SERVICE_AUTH ?? '') };

const context = (): ApiContext => ({ store: defaultFleetStore(), now: () => new Date() });

/** Adapts the HTTP trigger to the ARM pipeline: nothing but parsing and answering happens here. */
function armFunction(armRoute: ArmRoute) {
  return async (request: HttpRequest, invocation: InvocationContext): Promise<HttpResponseInit> => {
    const response = await handleArmRequest(
      context(),
      { route: armRoute, method: request.method, url: new URL(request.url), headers: request.headers, bodyText: await request.text(), params: request.params },
      auth,
      (message, error) => invocation.error(message, error),
    );
    return {
      status: response.status,
      headers: { ...(response.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }), 'x-ms-request-id': invocation.invocationId, ...response.headers },
      ...(response.body === undefined ? {} : { body: JSON.stringify(response.body) }),
    };
  };
}

for (const { name, route, armRoute, methods } of routes) {
  app.http(name, { route, methods, authLevel: auth.trustAppServiceAuth ? 'anonymous' : 'function', handler: armFunction(armRoute) });
}
