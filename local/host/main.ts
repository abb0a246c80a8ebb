/**
 * `npm start`: runs durable-fleet on its embedded default — the local Functions host, Azurite
 * and (as later features land) the emulators — and prints where to look.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLocalSettings } from './host-config.js';
import { startHost } from './host.js';
import { triggerOf } from './function-index.js';
import { consoleLogger, toLogLevel } from './logger.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function main(): Promise<void> {
  const appRoot = path.resolve(process.env.DURABLE_FLEET_APP_ROOT ?? repoRoot);
  await loadLocalSettings(appRoot, process.env);
  process.env.FUNCTIONS_WORKER_RUNTIME ??= 'node';
  process.env.AzureWebJobsStorage ??= 'UseDevelopmentStorage=true';
  process.env.TASKHUB_NAME ??= 'DurableFleetHub';
  const dataDir = path.resolve(appRoot, process.env.DURABLE_FLEET_DATA ?? '.data');
  const logger = consoleLogger(toLogLevel(process.env.LOG_LEVEL ?? 'information'));

  const host = await startHost({
    appRoot,
    dataDir,
    port: Number(process.env.PORT ?? 7071),
    httpsPort: Number(process.env.HTTPS_PORT ?? 7443),
    hostname: process.env.HOST ?? '127.0.0.1',
    logger,
  });

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the host, timers and Azurite...`);
    host.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  const key = host.keys.masterKey;
  const lines = [
    '',
    'durable-fleet is running on the local host',
    `  HTTP          ${host.url}`,
    `  HTTPS         ${host.httpsUrl}   (trust the local CA: NODE_EXTRA_CA_CERTS=${host.caFile})`,
    `  Master key    ${key}   (kept in ${path.join(dataDir, 'keys.json')})`,
    `  Host status   curl -H "x-functions-key: ${key}" ${host.url}/admin/host/status`,
    `  Storage       Azurite ${host.storage ? `blob ${host.storage.endpoints.blob}, queue ${host.storage.endpoints.queue}, table ${host.storage.endpoints.table}` : 'not started (AzureWebJobsStorage is a real account)'}`,
    `  Data folder   ${dataDir}`,
    '  Functions:',
    ...[...host.registry.functions.values()].map((fn) => {
      const [, trigger] = triggerOf(fn);
      const route = host.index.http.find((r) => r.fn === fn);
      const detail = route ? `${[...route.methods].join(',') || 'ANY'} ${host.url}/${route.route.template} (${route.authLevel})` : String(trigger.schedule ?? '');
      return `    ${fn.metadata.name.padEnd(32)} ${String(trigger.type).padEnd(20)} ${detail}`;
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
