import * as df from 'durable-functions';
import { groupOrchestrator, groupOrchestratorName } from '../orchestrations/group-orchestrator.js';
import { memberBatchOrchestrator, memberBatchOrchestratorName } from '../orchestrations/member-batch-orchestrator.js';
import { memberOrchestrator, memberOrchestratorName } from '../orchestrations/member-orchestrator.js';
import { updateRunOrchestrator, updateRunOrchestratorName } from '../orchestrations/update-run-orchestrator.js';
import { activityNames, type ActivityImplementations, type ActivityKey } from '../shared/activities/catalogue.js';
import { createAksGateway } from '../shared/aks/create-aks-gateway.js';
import { armEndpointFrom, createAzureCredential } from '../shared/azure-credential.js';
import { defaultFleetStore } from '../shared/store/default-store.js';
import { createUpdateRunActivities } from '../shared/update-run/activities/index.js';

/** The update-run orchestrations: run → group → batch of members → member. */
df.app.orchestration(updateRunOrchestratorName, updateRunOrchestrator);
df.app.orchestration(groupOrchestratorName, groupOrchestrator);
df.app.orchestration(memberBatchOrchestratorName, memberBatchOrchestrator);
df.app.orchestration(memberOrchestratorName, memberOrchestrator);

let activities: ActivityImplementations | undefined;

/** The activities, built on first use from app settings (the credential and ARM endpoint). */
function implementations(): ActivityImplementations {
  activities ??= createUpdateRunActivities({
    store: defaultFleetStore(),
    aks: createAksGateway({ credential: createAzureCredential(), endpoint: armEndpointFrom() }),
  });
  return activities;
}

/** Registers one catalogue activity; the handler is typed by the catalogue. */
function register<K extends ActivityKey>(key: K): void {
  df.app.activity(activityNames[key], { handler: (input: Parameters<ActivityImplementations[K]>[0]) => implementations()[key](input as never) });
}

for (const key of Object.keys(activityNames) as ActivityKey[]) register(key);
