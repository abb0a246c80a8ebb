import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PemPair } from '../local/host/certificates.js';

/** The folder holding the test run's CA (`ca.pem`, `ca-key.pem`), set up by the global setup. */
export function testCaDir(): string {
  const dir = process.env.DURABLE_FLEET_TEST_CA_DIR;
  if (!dir) throw new Error('DURABLE_FLEET_TEST_CA_DIR is not set: run the tests through vitest (test/global-setup.ts).');
  return dir;
}

/** The test run's CA, which every worker trusts. */
export async function testCa(): Promise<PemPair> {
  const dir = testCaDir();
  return { cert: await readFile(path.join(dir, 'ca.pem'), 'utf8'), key: await readFile(path.join(dir, 'ca-key.pem'), 'utf8') };
}

/** Puts the trusted test CA into a data folder, so a host started there issues certificates from it. */
export async function seedTestCa(dataDir: string): Promise<void> {
  const target = path.join(dataDir, 'certs');
  await mkdir(target, { recursive: true });
  for (const file of ['ca.pem', 'ca-key.pem']) await copyFile(path.join(testCaDir(), file), path.join(target, file));
}
