import 'reflect-metadata';
import { randomBytes, webcrypto } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const dayMs = 24 * 60 * 60 * 1000;

/** A certificate and its private key, PEM-encoded. */
export interface PemPair {
  cert: string;
  key: string;
}

/** The local CA and the host's server certificate. `caFile` is what clients trust. */
export interface LocalTls {
  ca: PemPair;
  server: PemPair;
  caFile: string;
}

const exportKey = async (key: CryptoKey): Promise<string> =>
  x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key as webcrypto.CryptoKey), 'PRIVATE KEY');

const importKey = (pem: string): Promise<CryptoKey> =>
  webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(pem), algorithm, true, ['sign']) as Promise<CryptoKey>;

const serial = (): string => randomBytes(8).toString('hex').replace(/^[89a-f]/, '1');

/** Creates a CA certificate valid for ten years. */
async function createCa(): Promise<PemPair> {
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: 'CN=durable-fleet local CA, O=durable-fleet',
    notBefore: new Date(Date.now() - dayMs),
    notAfter: new Date(Date.now() + 3650 * dayMs),
    keys,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: cert.toString('pem'), key: await exportKey(keys.privateKey) };
}

/**
 * Issues a TLS server certificate signed by the local CA for the given DNS names and IP
 * addresses (valid for a year). Emulators of later features issue their own with it.
 */
export async function issueServerCertificate(ca: PemPair, hostnames: string[]): Promise<PemPair> {
  const caCert = new x509.X509Certificate(ca.cert);
  const caKey = await importKey(ca.key);
  const keys = (await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as CryptoKeyPair;
  const names = hostnames.map((name) => ({ type: isIP(name) ? 'ip' : 'dns', value: name }) as x509.JsonGeneralName);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${hostnames[0] ?? 'localhost'}`,
    issuer: caCert.subject,
    notBefore: new Date(Date.now() - dayMs),
    notAfter: new Date(Date.now() + 365 * dayMs),
    signingKey: caKey,
    publicKey: keys.publicKey,
    signingAlgorithm: algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { cert: cert.toString('pem'), key: await exportKey(keys.privateKey) };
}

const readPair = async (dir: string, name: string): Promise<PemPair | undefined> => {
  try {
    return { cert: await readFile(path.join(dir, `${name}.pem`), 'utf8'), key: await readFile(path.join(dir, `${name}-key.pem`), 'utf8') };
  } catch {
    return undefined;
  }
};

const writePair = async (dir: string, name: string, pair: PemPair): Promise<void> => {
  await writeFile(path.join(dir, `${name}.pem`), pair.cert);
  await writeFile(path.join(dir, `${name}-key.pem`), pair.key, { mode: 0o600 });
};

/** True when the certificate is valid for another week and covers every host name. */
const stillGood = (pem: string, hostnames: string[]): boolean => {
  const cert = new x509.X509Certificate(pem);
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const covered = new Set((san?.names.items ?? []).map((n) => n.value));
  return cert.notAfter.getTime() > Date.now() + 7 * dayMs && hostnames.every((h) => covered.has(h));
};

/**
 * Returns the local CA and the host's server certificate from `<dataDir>/certs`, creating
 * them on first start (and the server certificate again when it nears expiry). Clients trust
 * the host by trusting `caFile`, e.g. `NODE_EXTRA_CA_CERTS=<dataDir>/certs/ca.pem`.
 */
export async function ensureLocalTls(dataDir: string, hostnames = ['localhost', '127.0.0.1', '::1']): Promise<LocalTls> {
  const dir = path.join(dataDir, 'certs');
  await mkdir(dir, { recursive: true });
  let ca = await readPair(dir, 'ca');
  if (!ca) {
    ca = await createCa();
    await writePair(dir, 'ca', ca);
  }
  let server = await readPair(dir, 'server');
  if (!server || !stillGood(server.cert, hostnames)) {
    server = await issueServerCertificate(ca, hostnames);
    await writePair(dir, 'server', server);
  }
  return { ca, server, caFile: path.join(dir, 'ca.pem') };
}
