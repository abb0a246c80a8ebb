import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import { closeServer, listen } from '../net.js';
import { SignJWT } from 'jose';
import type { PemPair } from '../host/certificates.js';
import { devClients, devTenantId, type DevClient } from './dev-clients.js';
import { loadSigningKey, type SigningKey } from './signing-key.js';

/** How to run the issuer. */
export interface TokenIssuerOptions {
  /** TLS server certificate (from the local CA): MSAL only talks to HTTPS authorities. */
  tls: PemPair;
  port: number;
  hostname?: string;
  /** Where the signing key is kept; in memory when undefined. */
  keyDir: string | undefined;
  clients?: readonly DevClient[];
  /** Token lifetime in seconds (default one hour, as Entra). */
  lifetimeSec?: number;
}

/** A running issuer. */
export interface TokenIssuer {
  /** What `@azure/identity` takes as `authorityHost`, e.g. `https://localhost:7444`. */
  authorityHost: string;
  tenantId: string;
  /** The `iss` of every token: `{authorityHost}/{tenant}/v2.0`. */
  issuer: string;
  signingKey: SigningKey;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body: unknown;
}

const oauthError = (status: number, error: string, description: string, code: number): Answer => ({
  status,
  body: { error, error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${randomUUID()}\r\nTimestamp: ${new Date().toISOString()}`, error_codes: [code], timestamp: new Date().toISOString() },
});

/** The resource a `.default` scope names (`https://management.azure.com/.default` → `https://management.azure.com`). */
const resourceOf = (scope: string): string | undefined => {
  const single = scope.split(' ').find((s) => s.endsWith('/.default'));
  return single ? single.slice(0, -'/.default'.length) : undefined;
};

/**
 * An Entra ID look-alike for one machine: OpenID discovery, JWKS and the OAuth 2.0
 * client-credentials token endpoint, issuing RS256 access tokens (v2.0 claims: `aud`, `iss`,
 * `tid`, `oid`, `azp`, `appid`, `roles`) to the documented development clients. Good enough for
 * `@azure/identity`'s `ClientSecretCredential` with `authorityHost` and `disableInstanceDiscovery`.
 */
export async function startTokenIssuer(options: TokenIssuerOptions): Promise<TokenIssuer> {
  const clients = options.clients ?? devClients;
  const signingKey = await loadSigningKey(options.keyDir);
  const lifetimeSec = options.lifetimeSec ?? 3600;
  let authorityHost = '';
  const issuerFor = (tenant: string): string => `${authorityHost}/${tenant}/v2.0`;

  async function token(tenant: string, form: URLSearchParams): Promise<Answer> {
    if (tenant !== devTenantId) return oauthError(400, 'invalid_request', `Tenant '${tenant}' not found.`, 90002);
    if (form.get('grant_type') !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', 'Only the client_credentials grant is supported by the local issuer.', 70003);
    const client = clients.find((c) => c.clientId === form.get('client_id'));
    if (!client) return oauthError(400, 'unauthorized_client', `Application with identifier '${form.get('client_id') ?? ''}' was not found in the directory.`, 700016);
    if (form.get('client_secret') !== client.clientSecret) return oauthError(401, 'invalid_client', 'Invalid client secret provided.', 7000215);
    const resource = resourceOf(form.get('scope') ?? '');
    if (!resource) return oauthError(400, 'invalid_scope', 'The scope must be a resource followed by /.default for the client credentials flow.', 1002012);
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await new SignJWT({ tid: tenant, oid: client.objectId, sub: client.objectId, azp: client.clientId, appid: client.clientId, idtyp: 'app', roles: client.roles, name: client.displayName, ver: '2.0' })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: signingKey.publicJwk.kid })
      .setIssuer(issuerFor(tenant))
      .setAudience(resource)
      .setIssuedAt(now)
      .setNotBefore(now - 300)
      .setExpirationTime(now + lifetimeSec)
      .setJti(randomUUID())
      .sign(signingKey.privateKey);
    return { status: 200, body: { token_type: 'Bearer', expires_in: lifetimeSec, ext_expires_in: lifetimeSec, access_token: accessToken } };
  }

  function discovery(tenant: string): Answer {
    const base = `${authorityHost}/${tenant}`;
    return {
      status: 200,
      body: {
        issuer: issuerFor(tenant),
        token_endpoint: `${base}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'token'],
        grant_types_supported: ['client_credentials'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_post'],
        tenant_region_scope: 'EU',
        cloud_instance_name: 'localhost',
      },
    };
  }

  const server: Server = createServer({ key: options.tls.key, cert: options.tls.cert }, (request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'https://localhost');
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const [tenant = '', ...rest] = url.pathname.split('/').filter(Boolean);
      const route = `${request.method} ${rest.join('/')}`;
      let answer: Answer;
      if (route === 'GET v2.0/.well-known/openid-configuration') answer = discovery(tenant);
      else if (route === 'GET discovery/v2.0/keys') answer = { status: 200, body: { keys: [signingKey.publicJwk] } };
      else if (route === 'POST oauth2/v2.0/token') answer = await token(tenant, new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      else answer = oauthError(404, 'not_found', `No such endpoint: ${request.method} ${url.pathname}`, 90001);
      response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      response.end(JSON.stringify(answer.body));
    })();
  });
  authorityHost = `https://localhost:${await listen(server, options.port, options.hostname)}`;
  return {
    authorityHost,
    tenantId: devTenantId,
    issuer: issuerFor(devTenantId),
    signingKey,
    close: () => closeServer(server),
  };
}
