import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { isAksError } from '../shared/aks/aks-error.js';
import type { AksGateway } from '../shared/aks/aks-gateway.js';
import { createAksGateway } from '../shared/aks/create-aks-gateway.js';
import { armEndpointFrom, createAzureCredential } from '../shared/azure-credential.js';
import type { ApiContext, ClusterDirectory } from '../shared/fleet-api/api-context.js';
import { handleArmRequest, type AuthMode } from '../shared/fleet-api/pipeline.js';
import type { RunControl } from '../shared/fleet-api/run-control.js';
import type { ArmRoute } from '../shared/fleet-api/router.js';
import { fleetApiRoutes, unmatchedRoute } from '../shared/fleet-api/routes.js';
import { defaultFleetStore } from '../shared/store/default-store.js';
import { runGenerationInstanceId } from '../shared/update-run/instance-ids.js';
import { updateRunOrchestratorName } from '../orchestrations/update-run-orchestrator.js';

/**
 * Behind App Service authentication (`TRUST_APP_SERVICE_AUTH` set), callers are principals
 * with roles and the functions are anonymous at the host; otherwise the host requires a
 * function key. Read once at load, as app settings are.
 */
const auth: AuthMode = { trustAppServiceAuth: /^(1|true|yes)$/i.test(process.env.TRUST_APP_SERVICE_AUTH ?? '') };

let aks: AksGateway | undefined;

/** Members join only existing clusters: asked of the AKS layer, built on first use from app settings. */
const clusters: ClusterDirectory = {
  async lookup(clusterResourceId) {
    aks ??= createAksGateway({ credential: createAzureCredential(), endpoint: armEndpointFrom() });
    try {
      await aks.getMember(clusterResourceId);
      return 'exists';
    } catch (error) {
      if (isAksError(error) && error.kind === 'NotFound') return 'notFound';
      throw error;
    }
  },
};

/** Runs are started and told about stops, skips and approvals through the durable client. */
function runControl(client: df.DurableClient): RunControl {
  return {
    async startRun(runId, generation) {
      await client.startNew(updateRunOrchestratorName, { instanceId: runGenerationInstanceId(runId, generation), input: { runId, generation } });
    },
    async raise(instanceIds, eventName, data) {
      // An instance that finished meanwhile answers 410, which the client accepts.
      await Promise.all(instanceIds.map((id) => client.raiseEvent(id, eventName, data).catch(() => undefined)));
    },
  };
}

/** Adapts the HTTP trigger to the ARM pipeline: nothing but parsing and answering happens here. */
function armFunction(armRoute: ArmRoute) {
  return async (request: HttpRequest, invocation: InvocationContext): Promise<HttpResponseInit> => {
    const context: ApiContext = { store: defaultFleetStore(), now: () => new Date(), runs: runControl(df.getClient(invocation)), clusters };
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
