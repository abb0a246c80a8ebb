import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureLocalTls } from '../local/host/certificates.js';

/**
 * One local CA for the whole test run, trusted through NODE_EXTRA_CA_CERTS by every test worker
 * (Node reads that variable only at start, so it is set here, before the workers are forked).
 * Hosts and emulators started by tests issue their server certificates from it.
 */
export default async function setup(): Promise<void> {
  const dir = fileURLToPath(new URL('../.data/test-ca/', import.meta.url));
  const tls = await ensureLocalTls(dir);
  process.env.NODE_EXTRA_CA_CERTS = tls.caFile;
  process.env.DURABLE_FLEET_TEST_CA_DIR = path.dirname(tls.caFile);
}
