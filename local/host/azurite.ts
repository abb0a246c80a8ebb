import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The well-known Azurite development account (public, documented by Microsoft; not a secret). */
const devAccount = 'devstoreaccount1';
const devKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** A running Azurite child process. */
export interface AzuriteProcess {
  /** A full storage connection string with the actual blob, queue and table endpoints. */
  connectionString: string;
  endpoints: { blob: string; queue: string; table: string };
  stop(): Promise<void>;
}

const azuriteMain = createRequire(import.meta.url).resolve('azurite/dist/src/azurite.js');

/**
 * Runs Azurite inside a child Node process that exits when its stdin pipe closes, so even a host
 * killed with SIGKILL leaves no storage emulator behind. `argv[1]` is a placeholder because
 * Azurite reads its options from `process.argv.slice(2)`.
 */
const childProgram = `
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
require(${JSON.stringify(azuriteMain)});
`;

/**
 * Starts Azurite (blob, queue, table) on free loopback ports. With `dataDir` it persists under
 * `<dataDir>/azurite`; without, it keeps everything in memory (tests). Resolves when all three
 * services listen; rejects with Azurite's output if it exits first.
 */
export async function startAzurite(dataDir: string | undefined): Promise<AzuriteProcess> {
  const args = ['--blobPort', '0', '--queuePort', '0', '--tablePort', '0', '--blobHost', '127.0.0.1', '--queueHost', '127.0.0.1', '--tableHost', '127.0.0.1', '--skipApiVersionCheck', '--disableTelemetry'];
  if (dataDir) {
    const location = path.join(dataDir, 'azurite');
    await mkdir(location, { recursive: true });
    args.push('--location', location);
  } else {
    args.push('--inMemoryPersistence');
  }
  const child = spawn(process.execPath, ['-e', childProgram, 'azurite', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const endpoints = await new Promise<{ blob: string; queue: string; table: string }>((resolve, reject) => {
    const found: Record<string, string> = {};
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      for (const match of output.matchAll(/Azurite (Blob|Queue|Table) service is successfully listening at (http:\/\/\S+)/g)) {
        found[(match[1] as string).toLowerCase()] = `${match[2]}/${devAccount}`;
      }
      if (found.blob && found.queue && found.table) {
        child.stdout.off('data', onData);
        resolve({ blob: found.blob, queue: found.queue, table: found.table });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`Azurite exited (code ${code}) before listening:\n${output}`)));
  });
  child.stdout.resume();
  child.stderr.resume();
  return {
    endpoints,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${devAccount};AccountKey=${devKey};BlobEndpoint=${endpoints.blob};QueueEndpoint=${endpoints.queue};TableEndpoint=${endpoints.table};`,
    stop: () => stopChild(child),
  };
}

/** Ends a child process and waits for it to exit. */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}
