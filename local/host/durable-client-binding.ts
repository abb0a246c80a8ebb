/**
 * The `durableClient` input binding payload exactly as the Durable extension sends it to
 * Node apps (legacy out-of-process protocol): creation and management URL templates over the
 * public webhook, plus `rpcBaseUrl`, the keyless loopback listener the client prefers.
 */
export interface DurableClientPayload {
  taskHubName: string;
  creationUrls: { createNewInstancePostUri: string; createAndWaitOnNewInstancePostUri: string };
  managementUrls: {
    id: string;
    statusQueryGetUri: string;
    sendEventPostUri: string;
    terminatePostUri: string;
    rewindPostUri: string;
    purgeHistoryDeleteUri: string;
    restartPostUri: string;
    suspendPostUri: string;
    resumePostUri: string;
  };
  baseUrl: string;
  requiredQueryStringParameters: string;
  rpcBaseUrl: string;
}

/** What the payload is built from. */
export interface DurableClientSettings {
  /** The host's public origin, e.g. `http://localhost:7071`. */
  origin: string;
  taskHubName: string;
  /** The storage connection setting name (`connectionName` in the binding, default `Storage`). */
  connectionName: string;
  /** The `durabletask_extension` system key. */
  systemKey: string;
  /** The loopback RPC listener, ending in `/durabletask/`. */
  rpcBaseUrl: string;
}

/** Builds the payload the binding delivers (see the extension's `GetClientResponseLinks`). */
export function durableClientPayload(settings: DurableClientSettings): DurableClientPayload {
  const baseUrl = `${settings.origin}/runtime/webhooks/durabletask`;
  const requiredQueryStringParameters = `code=${encodeURIComponent(settings.systemKey)}`;
  const query = `taskHub=${encodeURIComponent(settings.taskHubName)}&connection=${encodeURIComponent(settings.connectionName)}&${requiredQueryStringParameters}`;
  const instancePrefix = `${baseUrl}/instances/INSTANCEID`;
  return {
    taskHubName: settings.taskHubName,
    creationUrls: {
      createNewInstancePostUri: `${baseUrl}/orchestrators/{functionName}[/{instanceId}]?${query}`,
      createAndWaitOnNewInstancePostUri: `${baseUrl}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${query}`,
    },
    managementUrls: {
      id: 'INSTANCEID',
      statusQueryGetUri: `${instancePrefix}?${query}`,
      sendEventPostUri: `${instancePrefix}/raiseEvent/{eventName}?${query}`,
      terminatePostUri: `${instancePrefix}/terminate?reason={text}&${query}`,
      rewindPostUri: `${instancePrefix}/rewind?reason={text}&${query}`,
      purgeHistoryDeleteUri: `${instancePrefix}?${query}`,
      restartPostUri: `${instancePrefix}/restart?${query}`,
      suspendPostUri: `${instancePrefix}/suspend?reason={text}&${query}`,
      resumePostUri: `${instancePrefix}/resume?reason={text}&${query}`,
    },
    baseUrl,
    requiredQueryStringParameters,
    rpcBaseUrl: settings.rpcBaseUrl,
  };
}
