import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { closeServer, listen } from '../net.js';
import os from 'node:os';
import path from 'node:path';
import { startAzurite, type AzuriteProcess } from './azurite.js';
import { ensureLocalTls } from './certificates.js';
import { SystemClock, type Clock } from './clock.js';
import { createDurableEngine } from '../durable/create-engine.js';
import type { DurableEngine } from '../durable/engine.js';
import { mountDurableApi } from '../durable-api/mount.js';
import type { TokenValidator } from '../identity/token-validator.js';
import type { FunctionRegistry } from './core-api.js';
import { durableClientPayload } from './durable-client-binding.js';
import { indexFunctions, resolveAppSettings, type FunctionIndex } from './function-index.js';
import { readHostConfig } from './host-config.js';
import { Invoker } from './invoker.js';
import { loadHostKeys, type HostKeys } from './keys.js';
import { loadApp } from './load-app.js';
import { consoleLogger, type Logger } from './logger.js';
import { createRequestHandler, type RequestContext } from './request-handler.js';
import { startTimers, type TimerSet } from './timers.js';

/** How to run the local host. */
export interface HostOptions {
  /** The Functions app: a folder with `package.json` (`main`) and `host.json`. */
  appRoot: string;
  /** Keys, certificates, timer status and storage live here. */
  dataDir: string;
  /** HTTP port (0 picks a free one). */
  port: number;
  /** HTTPS port (0 picks a free one). */
  httpsPort: number;
  /** Bind address; loopback unless told otherwise. */
  hostname?: string;
  /** Keep Azurite's data in memory instead of the data folder (tests). */
  inMemoryStorage?: boolean;
  /** Time source for timers (and the durable engine); the system clock by default. */
  clock?: Clock;
  logger?: Logger;
  /** App settings; `process.env` by default (the app reads its settings from there). */
  env?: NodeJS.ProcessEnv;
  /** Play App Service authentication: bearer tokens validated by this become `x-ms-client-principal`. */
  appServiceAuth?: TokenValidator;
  /** Where the durable engine keeps its state: `<dataDir>/durable.sqlite` (default) or memory (tests). */
  durableStore?: 'sqlite' | 'memory';
}

/** A running host. */
export interface RunningHost {
  url: string;
  httpsUrl: string;
  keys: HostKeys;
  registry: FunctionRegistry;
  index: FunctionIndex;
  invoker: Invoker;
  caFile: string;
  storage: AzuriteProcess | undefined;
  taskHubName: string;
  /** Extension webhooks (`/runtime/webhooks/{name}`) contributed after start. */
  webhooks: RequestContext['webhooks'];
  /** The durable engine running the app's orchestrations and activities. */
  durable: DurableEngine;
  stop(): Promise<void>;
}


/**
 * Starts the local Functions host: storage (Azurite when `AzureWebJobsStorage` is
 * `UseDevelopmentStorage=true`), keys, TLS, the app (through `package.json` `main`), the HTTP
 * and HTTPS listeners and the timers. `stop()` undoes all of it.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? consoleLogger();
  const clock = options.clock ?? new SystemClock();
  const hostname = options.hostname ?? '127.0.0.1';
  const startedAt = Date.now();
  const cleanups: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    cleanups.length = 0;
  };
  try {
    const keys = await loadHostKeys(options.dataDir, env);
    let storage: AzuriteProcess | undefined;
    if ((env.AzureWebJobsStorage ?? 'UseDevelopmentStorage=true') === 'UseDevelopmentStorage=true') {
      storage = await startAzurite(options.inMemoryStorage ? undefined : options.dataDir);
      cleanups.push(() => storage?.stop() ?? Promise.resolve());
      env.AzureWebJobsStorage = storage.connectionString;
    }
    const tls = await ensureLocalTls(options.dataDir);
    const config = await readHostConfig(options.appRoot);
    const taskHubName = resolveAppSettings(String(config.durableTask.hubName ?? 'TestHubName'), env);

    const { registry } = await loadApp(options.appRoot);
    registry.logSink = (record) => logger.log('information', `Worker.${record.category}`, record.message);
    const index = indexFunctions(registry, config.routePrefix);

    const webhooks: RequestContext['webhooks'] = new Map();
    let origin = '';
    const systemKey = keys.systemKeys.durabletask_extension ?? '';
    const durableEndpoints = { rpcBaseUrl: '' };
    const invoker = new Invoker(registry, logger, (binding) =>
      durableClientPayload({
        origin,
        taskHubName: typeof binding.taskHub === 'string' ? binding.taskHub : taskHubName,
        connectionName: typeof binding.connectionName === 'string' ? binding.connectionName : 'Storage',
        systemKey,
        rpcBaseUrl: durableEndpoints.rpcBaseUrl,
      }),
    );
    const durable = createDurableEngine({ index, invoker, clock, logger, durableTask: config.durableTask, store: options.durableStore ?? 'sqlite', dataDir: options.dataDir });
    const mounted = await mountDurableApi(durable, () => ({ origin, taskHubName, connectionName: 'Storage', systemKey }), webhooks, Number(env.DURABLE_RPC_PORT ?? 17071));
    durableEndpoints.rpcBaseUrl = mounted.rpcBaseUrl;
    cleanups.push(() => mounted.close());
    await durable.start();
    cleanups.push(() => durable.stop());
    const hostId = `${os.hostname().toLowerCase().replace(/[^a-z0-9-]/g, '')}-${path.basename(options.appRoot)}`.slice(0, 32);
    const instanceId = randomUUID().replace(/-/g, '');
    const handler = createRequestHandler({
      index,
      keys,
      invoker,
      logger,
      webhooks,
      ...(options.appServiceAuth ? { appServiceAuth: options.appServiceAuth } : {}),
      status: () => ({
        id: hostId,
        state: 'Running',
        version: '4.1040.0.0',
        versionDetails: '4.1040.0 (durable-fleet local host)',
        platformVersion: '',
        instanceId,
        computerName: os.hostname(),
        processUptime: Date.now() - startedAt,
        functionAppContentEditingState: 'NotAllowed',
        extensionBundle: config.extensionBundle,
      }),
    });

    const http = createServer((req, res) => void handler(req, res));
    const port = await listen(http, options.port, hostname);
    cleanups.push(() => closeServer(http));
    const https = createHttpsServer({ key: tls.server.key, cert: tls.server.cert }, (req, res) => void handler(req, res));
    const httpsPort = await listen(https, options.httpsPort, hostname);
    cleanups.push(() => closeServer(https));
    const displayHost = hostname === '0.0.0.0' || hostname === '127.0.0.1' ? 'localhost' : hostname;
    origin = `http://${displayHost}:${port}`;
    // As Core Tools does; durable-functions derives management URLs from it.
    env.WEBSITE_HOSTNAME = `${displayHost}:${port}`;

    const timers: TimerSet = await startTimers(index, { invoker, clock, env, logger, statusDir: path.join(options.dataDir, 'timers') });
    cleanups.push(() => timers.stop());
    cleanups.push(() => registry.runHooks('appTerminate', { hookData: {}, appHookData: registry.appHookData }));

    return { url: origin, httpsUrl: `https://${displayHost}:${httpsPort}`, keys, registry, index, invoker, caFile: tls.caFile, storage, taskHubName, webhooks, durable, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
