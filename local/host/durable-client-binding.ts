import { checkStatusPayload, type CheckStatusPayload, type LinkSettings } from '../durable-api/check-status-links.js';

/**
 * The `durableClient` input binding payload exactly as the Durable extension sends it to
 * Node apps (legacy out-of-process protocol): creation and management URL templates over the
 * public webhook, plus `rpcBaseUrl`, the keyless loopback listener the client prefers.
 */
export interface DurableClientPayload {
  taskHubName: string;
  creationUrls: { createNewInstancePostUri: string; createAndWaitOnNewInstancePostUri: string };
  managementUrls: CheckStatusPayload;
  baseUrl: string;
  requiredQueryStringParameters: string;
  rpcBaseUrl: string;
}

/** What the payload is built from: the management link settings and the RPC listener. */
export interface DurableClientSettings extends LinkSettings {
  /** The loopback RPC listener, ending in `/durabletask/`. */
  rpcBaseUrl: string;
}

/** Builds the payload the binding delivers (see the extension's `GetClientResponseLinks`). */
export function durableClientPayload(settings: DurableClientSettings): DurableClientPayload {
  const baseUrl = `${settings.origin}/runtime/webhooks/durabletask`;
  const requiredQueryStringParameters = `code=${encodeURIComponent(settings.systemKey)}`;
  const query = `taskHub=${encodeURIComponent(settings.taskHubName)}&connection=${encodeURIComponent(settings.connectionName)}&${requiredQueryStringParameters}`;
  const creation = `${baseUrl}/orchestrators/{functionName}[/{instanceId}]`;
  return {
    taskHubName: settings.taskHubName,
    creationUrls: {
      createNewInstancePostUri: `${creation}?${query}`,
      createAndWaitOnNewInstancePostUri: `${creation}?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${query}`,
    },
    // The extension's templates carry the literal placeholder INSTANCEID for the instance id.
    managementUrls: checkStatusPayload(settings, 'INSTANCEID'),
    baseUrl,
    requiredQueryStringParameters,
    rpcBaseUrl: settings.rpcBaseUrl,
  };
}
