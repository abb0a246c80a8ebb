import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { exportJWK, exportPKCS8, generateKeyPair, importPKCS8, type JWK } from 'jose';

/** The issuer's RS256 signing key and its public JWK (with `kid`). */
export interface SigningKey {
  privateKey: CryptoKey;
  publicJwk: JWK & { kid: string };
}

const kid = 'durable-fleet-local-1';

/**
 * Loads the issuer's signing key from `<dir>/signing-key.pem`, creating it on first use, so
 * tokens stay valid across restarts. Without `dir` the key lives in memory only.
 */
export async function loadSigningKey(dir: string | undefined): Promise<SigningKey> {
  const file = dir ? path.join(dir, 'signing-key.pem') : undefined;
  let pem: string | undefined;
  if (file) pem = await readFile(file, 'utf8').catch(() => undefined);
  let privateKey: CryptoKey;
  if (pem) {
    privateKey = (await importPKCS8(pem, 'RS256', { extractable: true })) as CryptoKey;
  } else {
    ({ privateKey } = (await generateKeyPair('RS256', { modulusLength: 2048, extractable: true })) as { privateKey: CryptoKey });
    if (file && dir) {
      await mkdir(dir, { recursive: true });
      await writeFile(file, await exportPKCS8(privateKey), { mode: 0o600 });
    }
  }
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = await exportJWK(privateKey);
  return { privateKey, publicJwk: { ...publicJwk, kid, alg: 'RS256', use: 'sig' } };
}
