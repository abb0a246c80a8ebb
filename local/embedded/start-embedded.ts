import path from 'node:path';
import { ensureLocalTls } from '../host/certificates.js';
import type { Clock } from '../host/clock.js';
import { startHost, type RunningHost } from '../host/host.js';
import type { Logger } from '../host/logger.js';
import { appClient, devClients } from '../identity/dev-clients.js';
import { startTokenIssuer, type TokenIssuer } from '../identity/token-issuer.js';
import { startArmEmulator, type ArmEmulator } from '../emulators/arm/arm-emulator.js';
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
  stop(): Promise<void>;
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
  const tls = await ensureLocalTls(options.dataDir);
  const issuer = await startTokenIssuer({ tls: tls.server, port: options.identityPort, ...(options.hostname ? { hostname: options.hostname } : {}), keyDir: path.join(options.dataDir, 'identity') });
  let arm: ArmEmulator | undefined;
  try {
    if (!env.AZURE_RESOURCE_MANAGER_ENDPOINT) {
      arm = await startArmEmulator({
        fixture: env.DURABLE_FLEET_FIXTURE ?? demoFixturePath(),
        tls: tls.server,
        port: options.armPort,
        ...(options.hostname ? { hostname: options.hostname } : {}),
        tokenValidator: { keys: [issuer.signingKey.publicJwk], issuer: issuer.issuer },
        ...(options.clock ? { clock: { now: () => (options.clock as Clock).now().getTime() } } : {}),
        ...(options.armSpeedFactor ? { speedFactor: options.armSpeedFactor } : {}),
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
    return {
      host,
      issuer,
      arm,
      stop: async () => {
        await host.stop();
        await arm?.close();
        await issuer.close();
      },
    };
  } catch (error) {
    await arm?.close();
    await issuer.close();
    throw error;
  }
}

/** The documented development clients, for printing. */
export const documentedClients = devClients;
