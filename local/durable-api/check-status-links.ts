/** Where management links point: the public webhook with the query every call needs. */
export interface LinkSettings {
  /** The host origin, e.g. `http://localhost:7071`. */
  origin: string;
  taskHubName: string;
  connectionName: string;
  systemKey: string;
}

/** The check-status payload the extension returns for an instance (`HttpManagementPayload`). */
export interface CheckStatusPayload {
  id: string;
  statusQueryGetUri: string;
  sendEventPostUri: string;
  terminatePostUri: string;
  rewindPostUri: string;
  purgeHistoryDeleteUri: string;
  restartPostUri: string;
  suspendPostUri: string;
  resumePostUri: string;
}

/** Builds the management links for one instance, as `GetClientResponseLinks` does. */
export function checkStatusPayload(settings: LinkSettings, instanceId: string): CheckStatusPayload {
  const query = `taskHub=${encodeURIComponent(settings.taskHubName)}&connection=${encodeURIComponent(settings.connectionName)}&code=${encodeURIComponent(settings.systemKey)}`;
  const prefix = `${settings.origin}/runtime/webhooks/durabletask/instances/${encodeURIComponent(instanceId)}`;
  return {
    id: instanceId,
    statusQueryGetUri: `${prefix}?${query}`,
    sendEventPostUri: `${prefix}/raiseEvent/{eventName}?${query}`,
    terminatePostUri: `${prefix}/terminate?reason={text}&${query}`,
    rewindPostUri: `${prefix}/rewind?reason={text}&${query}`,
    purgeHistoryDeleteUri: `${prefix}?${query}`,
    restartPostUri: `${prefix}/restart?${query}`,
    suspendPostUri: `${prefix}/suspend?reason={text}&${query}`,
    resumePostUri: `${prefix}/resume?reason={text}&${query}`,
  };
}
