import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Clock } from '../../local/host/clock.js';
import { startHost, type RunningHost } from '../../local/host/host.js';
import { silentLogger } from '../../local/host/logger.js';

/** The sample v4 app the host tests drive. */
export const sampleAppRoot = fileURLToPath(new URL('../fixtures/sample-app/', import.meta.url));

/** A host on free ports with in-memory Azurite and a throw-away data folder. */
export interface TestHost extends RunningHost {
  dataDir: string;
  dispose(): Promise<void>;
}

/** Starts the local host for `appRoot` the way tests need it. */
export async function startTestHost(appRoot: string, options: { clock?: Clock; dataDir?: string } = {}): Promise<TestHost> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'durable-fleet-host-')));
  process.env.TASKHUB_NAME ??= 'TestHub';
  process.env.AzureWebJobsStorage = 'UseDevelopmentStorage=true';
  const host = await startHost({ appRoot, dataDir, port: 0, httpsPort: 0, inMemoryStorage: true, logger: silentLogger, ...(options.clock ? { clock: options.clock } : {}) });
  return {
    ...host,
    dataDir,
    dispose: async () => {
      await host.stop();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A GET over HTTPS that trusts only the given CA (as a client configured with the local CA would). */
export function httpsGet(url: string, ca: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
