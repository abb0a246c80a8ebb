import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import type { ApiContext } from '../shared/fleet-api/api-context.js';
import { handleArmRequest, type AuthMode } from '../shared/fleet-api/pipeline.js';
import type { ArmRoute } from '../shared/fleet-api/router.js';
import { fleetApiRoutes, unmatchedRoute } from '../shared/fleet-api/routes.js';
import { defaultFleetStore } from '../shared/store/default-store.js';

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

// The catch-all last: the host orders routes by specificity anyway, as the Functions host does.
for (const { name, route, armRoute, methods } of [...fleetApiRoutes, unmatchedRoute]) {
  app.http(name, { route, methods, authLevel: auth.trustAppServiceAuth ? 'anonymous' : 'function', handler: armFunction(armRoute) });
}
