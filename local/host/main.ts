/**
 * `npm start`: runs durable-fleet on its embedded default — the local Functions host, Azurite,
 * the local token issuer (and, as features land, the emulators) — and prints where to look.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { documentedClients, startEmbedded } from '../embedded/start-embedded.js';
import { ensureLocalTls } from './certificates.js';
import { triggerOf } from './function-index.js';
import { loadLocalSettings } from './host-config.js';
import { consoleLogger, toLogLevel } from './logger.js';
import { relaunchTrustingCa, stopWhenLauncherExits } from './trust-launcher.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function main(): Promise<void> {
  const appRoot = path.resolve(process.env.DURABLE_FLEET_APP_ROOT ?? repoRoot);
  const dataDir = path.resolve(appRoot, process.env.DURABLE_FLEET_DATA ?? '.data');
  const tls = await ensureLocalTls(dataDir);
  if (await relaunchTrustingCa(tls.caFile)) return;

  await loadLocalSettings(appRoot, process.env);
  process.env.FUNCTIONS_WORKER_RUNTIME ??= 'node';
  process.env.AzureWebJobsStorage ??= 'UseDevelopmentStorage=true';
  process.env.TASKHUB_NAME ??= 'DurableFleetHub';
  const logger = consoleLogger(toLogLevel(process.env.LOG_LEVEL ?? 'information'));

  const embedded = await startEmbedded({
    appRoot,
    dataDir,
    port: Number(process.env.PORT ?? 7071),
    httpsPort: Number(process.env.HTTPS_PORT ?? 7443),
    identityPort: Number(process.env.IDENTITY_PORT ?? 7444),
    armPort: Number(process.env.ARM_PORT ?? 7445),
    eventGridPort: Number(process.env.EVENT_GRID_PORT ?? 7446),
    ...(process.env.ARM_SPEED_FACTOR ? { armSpeedFactor: Number(process.env.ARM_SPEED_FACTOR) } : {}),
    hostname: process.env.HOST ?? '127.0.0.1',
    logger,
  });
  const { host, issuer, arm, eventGrid } = embedded;

  let stopping = false;
  const shutdown = (why: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${why}: stopping the host, timers, the durable engine, the emulators, the token issuer and Azurite...`);
    embedded.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  stopWhenLauncherExits(() => shutdown('launcher exited'));

  const key = host.keys.masterKey;
  const lines = [
    '',
    'durable-fleet is running on the local host',
    `  HTTP          ${host.url}`,
    `  HTTPS         ${host.httpsUrl}   (trust the local CA: NODE_EXTRA_CA_CERTS=${host.caFile})`,
    `  Master key    ${key}   (kept in ${path.join(dataDir, 'keys.json')})`,
    `  Host status   curl -H "x-functions-key: ${key}" ${host.url}/admin/host/status`,
    `  Storage       Azurite ${host.storage ? `blob ${host.storage.endpoints.blob}, queue ${host.storage.endpoints.queue}, table ${host.storage.endpoints.table}` : 'not started (AzureWebJobsStorage is a real account)'}`,
    `  Identity      ${issuer.authorityHost} (tenant ${issuer.tenantId}); dev clients: ${documentedClients.map((c) => `${c.displayName} [${c.roles.join(',') || 'app'}]`).join(', ')} — see docs/local-identity.md`,
    `  ARM / AKS     ${arm ? `${arm.url} (emulator: ${arm.clusterCount()} clusters from ${process.env.DURABLE_FLEET_FIXTURE ?? 'the demo fixture'})` : `${process.env.AZURE_RESOURCE_MANAGER_ENDPOINT} (configured)`}`,
    `  Event Grid    ${eventGrid.url} (local; topics ${eventGrid.admin.listTopics().map((t) => t.name).join(', ')} deliver to the app's Event Grid functions)`,
    `  Fleet API     ${host.httpsUrl}/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.ContainerService/fleets?api-version=2025-03-01 (bearer token from the issuer)`,
    `  Data folder   ${dataDir}`,
    '  Functions:',
    ...[...host.registry.functions.values()].map((fn) => {
      const [, trigger] = triggerOf(fn);
      const route = host.index.http.find((r) => r.fn === fn);
      const detail = route ? `${[...route.methods].join(',') || 'ANY'} /${route.route.template} (${route.authLevel})` : String(trigger.schedule ?? '');
      return `    ${fn.metadata.name.padEnd(28)} ${String(trigger.type).padEnd(20)} ${detail}`;
    }),
    '  Ctrl-C stops everything.',
    '',
  ];
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(`The local host could not start: ${(error as Error)?.stack ?? String(error)}`);
  process.exit(1);
});
