import { ClientSecretCredential, type TokenCredential } from '@azure/identity';
import { issueServerCertificate, type PemPair } from '../../host/certificates.js';
import { appClient } from '../../identity/dev-clients.js';
import { startTokenIssuer, type TokenIssuer } from '../../identity/token-issuer.js';
import { startArmEmulator, type ArmEmulator, type ArmEmulatorOptions } from './arm-emulator.js';

/** A token issuer and an ARM emulator that trusts it, plus the app's credential for both. */
export interface LocalArm {
  issuer: TokenIssuer;
  emulator: ArmEmulator;
  /** `ClientSecretCredential` of the app's own development client against the issuer. */
  credential: TokenCredential;
  close(): Promise<void>;
}

/**
 * Starts the local token issuer and the ARM emulator on free ports, both with certificates from
 * `ca` (which the process must trust, e.g. through NODE_EXTRA_CA_CERTS). For tests, benches and
 * the local host.
 */
export async function startLocalArm(options: { ca: PemPair } & Pick<ArmEmulatorOptions, 'fixture' | 'speedFactor' | 'clock' | 'kubeServerOf' | 'onRelease'>): Promise<LocalArm> {
  const tls = await issueServerCertificate(options.ca, ['localhost', '127.0.0.1']);
  const issuer = await startTokenIssuer({ tls, port: 0, keyDir: undefined });
  const emulator = await startArmEmulator({ ...options, tls, port: 0, tokenValidator: { keys: [issuer.signingKey.publicJwk], issuer: issuer.issuer } }).catch(async (error: unknown) => {
    await issuer.close();
    throw error;
  });
  const credential = new ClientSecretCredential(issuer.tenantId, appClient.clientId, appClient.clientSecret, { authorityHost: issuer.authorityHost, disableInstanceDiscovery: true });
  return {
    issuer,
    emulator,
    credential,
    close: async () => {
      await emulator.close();
      await issuer.close();
    },
  };
}
