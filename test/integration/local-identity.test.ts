import { ClientSecretCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueServerCertificate } from '../../local/host/certificates.js';
import { devClients } from '../../local/identity/dev-clients.js';
import { startTokenIssuer, type TokenIssuer } from '../../local/identity/token-issuer.js';
import { createTokenValidator } from '../../local/identity/token-validator.js';
import { testCa } from '../test-ca.js';

let issuer: TokenIssuer;
beforeAll(async () => {
  issuer = await startTokenIssuer({ tls: await issueServerCertificate(await testCa(), ['localhost', '127.0.0.1']), port: 0, keyDir: undefined });
});
afterAll(() => issuer.close());

const client = (name: string) => devClients.find((c) => c.displayName === name) ?? devClients[0];
const credential = (name: string, secret?: string) => {
  const c = client(name);
  return new ClientSecretCredential(issuer.tenantId, c?.clientId ?? '', secret ?? c?.clientSecret ?? '', { authorityHost: issuer.authorityHost, disableInstanceDiscovery: true });
};

describe('local token issuer with @azure/identity', () => {
  it('issues a token to ClientSecretCredential that the validator accepts, with the client roles', async () => {
    const token = await credential('fleet-operator').getToken('https://management.azure.com/.default');
    const validate = createTokenValidator({ keys: [issuer.signingKey.publicJwk], issuer: issuer.issuer, audiences: ['https://management.azure.com'] });
    const principal = await validate(token.token);
    expect({ appId: principal.appId, name: principal.name, roles: principal.roles, tenantId: principal.tenantId, expiresInFuture: token.expiresOnTimestamp > Date.now() }).toEqual({
      appId: client('fleet-operator')?.clientId,
      name: 'fleet-operator',
      roles: ['Reader', 'Operator'],
      tenantId: issuer.tenantId,
      expiresInFuture: true,
    });
  });

  it('refuses a wrong client secret as Entra does', async () => {
    await expect(credential('fleet-reader', 'not-the-secret').getToken('https://management.azure.com/.default')).rejects.toThrow(/AADSTS7000215/);
  });

  it.each([
    { name: 'another audience', audiences: ['api://somebody-else'], issuerOf: (i: TokenIssuer) => i.issuer },
    { name: 'another issuer', audiences: ['https://management.azure.com'], issuerOf: () => 'https://login.microsoftonline.com/x/v2.0' },
  ])('rejects a token for $name', async ({ audiences, issuerOf }) => {
    const token = await credential('fleet-reader').getToken('https://management.azure.com/.default');
    const validate = createTokenValidator({ keys: [issuer.signingKey.publicJwk], issuer: issuerOf(issuer), audiences });
    await expect(validate(token.token)).rejects.toThrow();
  });

  it('rejects a token signed by another key', async () => {
    const other = await startTokenIssuer({ tls: await issueServerCertificate(await testCa(), ['localhost']), port: 0, keyDir: undefined });
    const token = await new ClientSecretCredential(other.tenantId, client('fleet-reader')?.clientId ?? '', 'dev-reader-secret', { authorityHost: other.authorityHost, disableInstanceDiscovery: true }).getToken('https://management.azure.com/.default');
    await other.close();
    const validate = createTokenValidator({ keys: [issuer.signingKey.publicJwk], issuer: other.issuer, audiences: ['https://management.azure.com'] });
    await expect(validate(token.token)).rejects.toThrow(/signature/);
  });
});
