import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { isAksError } from '../shared/aks/aks-error.js';
import type { ApiContext, ClusterDirectory, ReleaseCatalogue } from '../shared/fleet-api/api-context.js';
import { channelTarget } from '../shared/auto-upgrade/channel-target.js';
import { offersFor } from '../shared/auto-upgrade/region-facts.js';
import { handleArmRequest, type AuthMode } from '../shared/fleet-api/pipeline.js';
import type { ArmRoute } from '../shared/fleet-api/router.js';
import { fleetApiRoutes, unmatchedRoute } from '../shared/fleet-api/routes.js';
import { appServices } from './app-services.js';
import { durableRunControl } from './run-control.js';

/**
 * Behind App Service authentication (`TRUST_APP_SERVICE_AUTH` set), callers are principals
 * with roles and the functions are anonymous at the host; otherwise the host requires a
 * function key. Read once at load, as app settings are.
 */
const auth: AuthMode = { trustAppServiceAuth: /^(1|true|yes)$/i.test(process.env.TRUST_APP_SERVICE_AUTH ?? '') };

/** Members join only existing clusters: asked of the AKS layer. */
const clusters: ClusterDirectory = {
  async lookup(clusterResourceId) {
    try {
      await appServices().aks.getMember(clusterResourceId);
      return 'exists';
    } catch (error) {
      if (isAksError(error) && error.kind === 'NotFound') return 'notFound';
      throw error;
    }
  },
};

/** Channel targets over the regions a fleet's members run in, from the AKS layer. */
const releases: ReleaseCatalogue = {
  async targetFor(profile, members) {
    const offers = await offersFor(appServices().releases, members.map((m) => m.properties.clusterResourceId));
    if (offers.length === 0) return { ok: false, reason: 'The fleet has no members whose clusters could be read.' };
    return channelTarget(profile.properties, offers);
  },
};

/** Adapts the HTTP trigger to the ARM pipeline: nothing but parsing and answering happens here. */
function armFunction(armRoute: ArmRoute) {
  return async (request: HttpRequest, invocation: InvocationContext): Promise<HttpResponseInit> => {
    const context: ApiContext = { store: appServices().store, now: () => new Date(), runs: durableRunControl(df.getClient(invocation)), clusters, releases };
    const response = await handleArmRequest(
      context,
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
  app.http(name, { route, methods, authLevel: auth.trustAppServiceAuth ? 'anonymous' : 'function', extraInputs: [df.input.durableClient()], handler: armFunction(armRoute) });
}
