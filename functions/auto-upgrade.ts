import type { InvocationContext, Timer } from '@azure/functions';
import { AzureKeyCredential, EventGridPublisherClient } from '@azure/eventgrid';
import * as df from 'durable-functions';
import { autoUpgradeOrchestrator, autoUpgradeOrchestratorName, releaseIntakeOrchestrator, releaseIntakeOrchestratorName } from '../orchestrations/auto-upgrade-orchestrators.js';
import { activityNames } from '../shared/activities/catalogue.js';
import { planAutoUpgrades } from '../shared/auto-upgrade/activities/plan-auto-upgrades.js';
import { triggerAutoUpgrade } from '../shared/auto-upgrade/activities/trigger-auto-upgrade.js';
import type { ReleaseFactsReader } from '../shared/auto-upgrade/region-facts.js';
import { releaseEventTypes, type ReleaseFacts } from '../shared/auto-upgrade/release-facts.js';
import { catalogIntake, MalformedEventError, RecentIntakes, toIntake, type Intake } from '../shared/auto-upgrade/release-intake.js';
import { watchReleases } from '../shared/auto-upgrade/release-watcher.js';
import { appServices } from './app-services.js';
import { durableRunControl } from './run-control.js';

/** The auto-upgrade orchestrations: one intake per release, one trigger per (profile, target). */
df.app.orchestration(releaseIntakeOrchestratorName, releaseIntakeOrchestrator);
df.app.orchestration(autoUpgradeOrchestratorName, autoUpgradeOrchestrator);

const facts = (): ReleaseFactsReader => appServices().releases;

df.app.activity(activityNames.planAutoUpgrades, { handler: (signal: Parameters<ReturnType<typeof planAutoUpgrades>>[0]) => planAutoUpgrades(appServices().store, facts())(signal) });
df.app.activity(activityNames.triggerAutoUpgrade, {
  extraInputs: [df.input.durableClient()],
  handler: (input: Parameters<ReturnType<typeof triggerAutoUpgrade>>[0], context: InvocationContext) => triggerAutoUpgrade(appServices().store, () => durableRunControl(df.getClient(context)))(input),
});

/** Starts an intake; an intake already started for the same release (a duplicate) is left alone. */
async function startIntake(client: df.DurableClient, intake: Intake, context: InvocationContext): Promise<void> {
  try {
    await client.startNew(releaseIntakeOrchestratorName, { instanceId: intake.instanceId, input: intake.signal });
    context.log(`Release event ${intake.eventId}: intake ${intake.instanceId} started.`);
  } catch (error) {
    if (!/409|already exists/i.test((error as Error).message)) throw error;
    context.log(`Release event ${intake.eventId}: intake ${intake.instanceId} already running (duplicate delivery).`);
  }
}

/**
 * Release events accepted in the last minute: a duplicate delivery (most of a busy topic's
 * deliveries) then skips the `startNew` round trip, which would only answer 409 or restart an
 * intake that just finished. Events only: the watcher's ticks start their intakes every time.
 */
const recentIntakes = new RecentIntakes(60_000, 10_000);

/**
 * An Event Grid trigger for release events. A malformed or foreign event is logged with the
 * reason and consumed (a success answer), so Event Grid does not retry it 30 times; a failure to
 * reach the durable engine throws, so Event Grid retries the delivery.
 */
const releaseHandler = async (event: unknown, client: df.DurableClient, context: InvocationContext): Promise<void> => {
  const arrivedAt = new Date();
  let intake: Intake;
  try {
    intake = await toIntake(event, arrivedAt);
  } catch (error) {
    if (!(error instanceof MalformedEventError)) throw error;
    context.warn(`Rejected a release event (not retried): ${error.message}`);
    return;
  }
  if (recentIntakes.has(intake.instanceId)) {
    context.log(`Release event ${intake.eventId}: intake ${intake.instanceId} accepted lately (duplicate delivery).`);
    return;
  }
  await startIntake(client, intake, context);
  recentIntakes.add(intake.instanceId);
};

df.app.client.eventGrid('aksReleaseEvents', { handler: releaseHandler });
df.app.client.eventGrid('releaseEvents', { handler: releaseHandler });

/** Publishes changed region offers to the configured topic, or hands them straight to intake. */
function publisher(client: df.DurableClient, context: InvocationContext): (changed: ReleaseFacts[]) => Promise<void> {
  const endpoint = process.env.RELEASE_EVENTS_TOPIC_ENDPOINT;
  const key = process.env.RELEASE_EVENTS_TOPIC_KEY;
  if (endpoint && key) {
    const topic = new EventGridPublisherClient(endpoint, 'CloudEvent', new AzureKeyCredential(key));
    return async (changed) => {
      await topic.send(changed.map((data) => ({ type: releaseEventTypes.catalogChanged, source: '/durable-fleet/release-watcher', subject: data.region, data })));
      context.log(`Release watcher: published ${changed.length} region offer(s) to ${endpoint}.`);
    };
  }
  return async (changed) => {
    for (const data of changed) await startIntake(client, catalogIntake(data, `watcher-${data.region}`, new Date()), context);
  };
}

/**
 * The release watcher (schedule `RELEASE_WATCHER_SCHEDULE`, every 15 minutes by default): reports
 * regions whose Kubernetes or node-image offer changed since it last looked, then lets profiles
 * that opted in to catch-up bring members behind their channel target into a run.
 */
df.app.client.timer('releaseWatcher', {
  schedule: process.env.RELEASE_WATCHER_SCHEDULE ?? '0 */15 * * * *',
  handler: async (timer, client, context) => {
    const { store } = appServices();
    const changed = await watchReleases({ store, reader: facts(), publish: publisher(client, context) });
    context.log(`Release watcher: ${changed.length} region offer(s) changed.`);
    // The occurrence this run stands for (`next` until the run ends), so every tick gets its own
    // catch-up intake even when the host's clock is not the wall clock; a manual run uses now.
    const scheduled = (timer as Timer | null)?.scheduleStatus?.next;
    const tick = (scheduled && !Number.isNaN(Date.parse(scheduled)) ? new Date(scheduled) : new Date()).toISOString().slice(0, 16);
    await startIntake(client, { signal: { kind: 'catchUp', at: tick }, instanceId: `release|catchup|${tick}`, eventId: `watcher-${tick}` }, context);
  },
});
