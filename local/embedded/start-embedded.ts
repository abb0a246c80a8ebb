import path from 'node:path';
import { ensureLocalTls } from '../host/certificates.js';
import type { Clock } from '../host/clock.js';
import { startHost, type RunningHost } from '../host/host.js';
import type { Logger } from '../host/logger.js';
import { appClient, devClients } from '../identity/dev-clients.js';
import { startTokenIssuer, type TokenIssuer } from '../identity/token-issuer.js';
import { startArmEmulator, type ArmEmulator } from '../emulators/arm/arm-emulator.js';
import { aksSystemTopic } from '../emulators/eventgrid/admin-api.js';
import { startEventGridEmulator, type EventGridEmulator } from '../emulators/eventgrid/eventgrid-emulator.js';
import { demoFixturePath } from '../emulators/arm/load-fixture.js';
import { createTokenValidator } from '../identity/token-validator.js';

/** What the embedded default runs. */
export interface EmbeddedOptions {
  appRoot: string;
  dataDir: string;
  port: number;
  httpsPort: number;
  identityPort: number;
  /** Port of the ARM emulator, started unless `AZURE_RESOURCE_MANAGER_ENDPOINT` names a real ARM. */
  armPort: number;
  /** How much faster than real AKS the emulated upgrades run (the emulator's default otherwise). */
  armSpeedFactor?: number;
  /** Port of the Event Grid emulator (default 0: a free port). */
  eventGridPort?: number;
  /** How much faster than Event Grid its retry schedule runs (the emulator's default, 1, otherwise). */
  eventGridSpeedFactor?: number;
  hostname?: string;
  logger?: Logger;
  clock?: Clock;
  inMemoryStorage?: boolean;
  durableStore?: 'sqlite' | 'memory';
  env?: NodeJS.ProcessEnv;
}

/** The running embedded default. */
export interface Embedded {
  host: RunningHost;
  issuer: TokenIssuer;
  /** The ARM/AKS emulator and its simulated fleet, when no real ARM endpoint is configured. */
  arm: ArmEmulator | undefined;
  /** The local Event Grid; the ARM emulator's Kubernetes releases publish to its `aks-clusters` system topic. */
  eventGrid: EventGridEmulator;
  stop(): Promise<void>;
}

/** Release topic endpoints made by local Event Grids in this process (not the user's). */
const localReleaseTopics = new Set<string>();

/** The app's Event Grid functions and the topics they listen to. */
const appSubscriptions = [
  { functionName: 'aksReleaseEvents', topic: aksSystemTopic, includedEventTypes: ['Microsoft.ContainerService.NewKubernetesVersionAvailable', 'Microsoft.ContainerService.ClusterSupportEnding', 'Microsoft.ContainerService.ClusterSupportEnded'] },
  { functionName: 'releaseEvents', topic: 'releases', includedEventTypes: ['DurableFleet.Releases.CatalogChanged'] },
] as const;

/**
 * Wires the local Event Grid to the app as an operator would on Azure: a `releases` topic for
 * the release watcher (its endpoint and key become the app's `RELEASE_EVENTS_TOPIC_*` settings,
 * unless those name a real topic), and webhook subscriptions (with the validation handshake)
 * from the AKS system topic and the releases topic to the app's Event Grid functions.
 */
async function subscribeApp(eventGrid: EventGridEmulator, host: RunningHost, env: NodeJS.ProcessEnv): Promise<void> {
  // A releases topic configured by the user is theirs; one a local Event Grid made is replaced.
  const configured = env.RELEASE_EVENTS_TOPIC_ENDPOINT;
  if (!configured || localReleaseTopics.has(configured)) {
    const releases = eventGrid.admin.createTopic({ name: 'releases', inputSchema: 'CloudEventSchemaV1_0' });
    if (releases.endpoint) localReleaseTopics.add(releases.endpoint);
    env.RELEASE_EVENTS_TOPIC_ENDPOINT = releases.endpoint;
    env.RELEASE_EVENTS_TOPIC_KEY = releases.key;
  }
  const key = host.keys.systemKeys.eventgrid_extension ?? '';
  for (const { functionName, topic, includedEventTypes } of appSubscriptions) {
    if (!host.index.eventGrid.has(functionName.toLowerCase())) continue;
    if (topic === 'releases' && !localReleaseTopics.has(env.RELEASE_EVENTS_TOPIC_ENDPOINT ?? '')) continue;
    const endpoint = `${host.url}/runtime/webhooks/EventGrid?functionName=${functionName}&code=${encodeURIComponent(key)}`;
    await eventGrid.admin.createSubscription({ topic, name: `durable-fleet-${functionName.toLowerCase()}`, endpoint, includedEventTypes: [...includedEventTypes] });
  }
}

/** ARM audiences every local token may carry besides the host's own origin. */
const armAudiences = ['https://management.azure.com', 'https://management.azure.com/', 'https://management.core.windows.net/'];

/**
 * Starts durable-fleet on one machine: the local token issuer (an Entra look-alike with the
 * documented dev clients), the ARM/AKS emulator with its simulated fleet (the demo fixture or
 * `DURABLE_FLEET_FIXTURE`), then the Functions host playing App Service authentication over
 * tokens from that issuer. App settings that are already configured (real Azure endpoints and
 * credentials) win; otherwise the app is pointed at the local stand-ins.
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<Embedded> {
  const env = options.env ?? process.env;
  const clock = options.clock;
  const tls = await ensureLocalTls(options.dataDir);
  const issuer = await startTokenIssuer({ tls: tls.server, port: options.identityPort, ...(options.hostname ? { hostname: options.hostname } : {}), keyDir: path.join(options.dataDir, 'identity') });
  let arm: ArmEmulator | undefined;
  let eventGrid: EventGridEmulator | undefined;
  try {
    eventGrid = await startEventGridEmulator({
      tls: tls.server,
      port: options.eventGridPort ?? 0,
      ...(options.hostname ? { hostname: options.hostname } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.eventGridSpeedFactor ? { speedFactor: options.eventGridSpeedFactor } : {}),
    });
    if (!env.AZURE_RESOURCE_MANAGER_ENDPOINT) {
      arm = await startArmEmulator({
        fixture: env.DURABLE_FLEET_FIXTURE ?? demoFixturePath(),
        tls: tls.server,
        port: options.armPort,
        ...(options.hostname ? { hostname: options.hostname } : {}),
        tokenValidator: { keys: [issuer.signingKey.publicJwk], issuer: issuer.issuer },
        ...(clock ? { clock: { now: () => clock.now().getTime() } } : {}),
        ...(options.armSpeedFactor ? { speedFactor: options.armSpeedFactor } : {}),
        onRelease: eventGrid.onRelease,
      });
      env.AZURE_RESOURCE_MANAGER_ENDPOINT = arm.url;
    }
    env.TRUST_APP_SERVICE_AUTH ??= 'true';
    env.AZURE_AUTHORITY_HOST ??= issuer.authorityHost;
    env.AZURE_TENANT_ID ??= issuer.tenantId;
    env.AZURE_CLIENT_ID ??= appClient.clientId;
    env.AZURE_CLIENT_SECRET ??= appClient.clientSecret;
    let hostOrigin = '';
    const validator = createTokenValidator({
      keys: [issuer.signingKey.publicJwk],
      issuer: issuer.issuer,
      audiences: () => [...armAudiences, hostOrigin, hostOrigin.replace('//localhost:', '//127.0.0.1:')].filter(Boolean),
    });
    const host = await startHost({
      appRoot: options.appRoot,
      dataDir: options.dataDir,
      port: options.port,
      httpsPort: options.httpsPort,
      appServiceAuth: validator,
      env,
      ...(options.hostname ? { hostname: options.hostname } : {}),
      ...(options.logger ? { logger: options.logger } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.inMemoryStorage ? { inMemoryStorage: true } : {}),
      ...(options.durableStore ? { durableStore: options.durableStore } : {}),
    });
    hostOrigin = host.httpsUrl;
    await subscribeApp(eventGrid, host, env);
    return {
      host,
      issuer,
      arm,
      eventGrid,
      stop: async () => {
        await host.stop();
        await arm?.close();
        await eventGrid?.close();
        await issuer.close();
      },
    };
  } catch (error) {
    await arm?.close();
    await eventGrid?.close();
    await issuer.close();
    throw error;
  }
}

/** The documented development clients, for printing. */
export const documentedClients = devClients;
