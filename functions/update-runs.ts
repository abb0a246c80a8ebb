import * as df from 'durable-functions';
import { groupOrchestrator, groupOrchestratorName } from '../orchestrations/group-orchestrator.js';
import { memberBatchOrchestrator, memberBatchOrchestratorName } from '../orchestrations/member-batch-orchestrator.js';
import { memberOrchestrator, memberOrchestratorName } from '../orchestrations/member-orchestrator.js';
import { updateRunOrchestrator, updateRunOrchestratorName } from '../orchestrations/update-run-orchestrator.js';
import { activityNames, updateRunActivityKeys, type ActivityImplementations, type UpdateRunActivityKey } from '../shared/activities/catalogue.js';
import { createUpdateRunActivities } from '../shared/update-run/activities/index.js';
import { appServices } from './app-services.js';

/** The update-run orchestrations: run → stage rounds of groups → lanes of members → member. */
df.app.orchestration(updateRunOrchestratorName, updateRunOrchestrator);
df.app.orchestration(groupOrchestratorName, groupOrchestrator);
df.app.orchestration(memberBatchOrchestratorName, memberBatchOrchestrator);
df.app.orchestration(memberOrchestratorName, memberOrchestrator);

let activities: ActivityImplementations<UpdateRunActivityKey> | undefined;

/** The activities, built on first use from app settings (the store, the credential and ARM endpoint). */
const implementations = (): ActivityImplementations<UpdateRunActivityKey> => (activities ??= createUpdateRunActivities(appServices()));

/** Registers one catalogue activity; the handler is typed by the catalogue. */
function register<K extends UpdateRunActivityKey>(key: K): void {
  // The catalogue types each handler; TypeScript cannot narrow the indexed union here.
  df.app.activity(activityNames[key], { handler: (input: Parameters<ActivityImplementations[K]>[0]) => implementations()[key](input as never) });
}

for (const key of updateRunActivityKeys) register(key);
