import type { IncomingHttpHeaders } from 'node:http';
import type { TokenPrincipal, TokenValidator } from '../identity/token-validator.js';

/** What App Service authentication decided about a request. */
export type AuthOutcome = { kind: 'anonymous' } | { kind: 'authenticated'; principal: TokenPrincipal } | { kind: 'rejected'; reason: string };

const principalHeaders = ['x-ms-client-principal', 'x-ms-client-principal-id', 'x-ms-client-principal-name', 'x-ms-client-principal-idp', 'x-ms-token-aad-access-token'];

/** The `x-ms-client-principal` payload App Service builds from a validated token. */
function clientPrincipal(principal: TokenPrincipal): string {
  const claims = [
    { typ: 'http://schemas.microsoft.com/identity/claims/objectidentifier', val: principal.objectId },
    { typ: 'http://schemas.microsoft.com/identity/claims/tenantid', val: principal.tenantId },
    { typ: 'appid', val: principal.appId },
    { typ: 'name', val: principal.name },
    { typ: 'idtyp', val: String(principal.claims.idtyp ?? 'app') },
    ...principal.roles.map((role) => ({ typ: 'roles', val: role })),
  ];
  return Buffer.from(JSON.stringify({ auth_typ: 'aad', claims, name_typ: 'name', role_typ: 'roles' })).toString('base64');
}

/**
 * Plays App Service authentication (Easy Auth) in front of the app, as it behaves on Azure in
 * "allow unauthenticated requests" mode: incoming `x-ms-client-principal*` headers are always
 * removed (callers cannot forge them); a bearer token is validated and, when valid, replaced by
 * the principal headers; an invalid token is rejected with 401 before the app runs.
 * Mutates `headers` in place.
 */
export async function applyAppServiceAuth(headers: IncomingHttpHeaders, validate: TokenValidator): Promise<AuthOutcome> {
  for (const name of principalHeaders) delete headers[name];
  const authorization = headers.authorization;
  const match = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  if (!match?.[1]) return { kind: 'anonymous' };
  let principal: TokenPrincipal;
  try {
    principal = await validate(match[1]);
  } catch (error) {
    return { kind: 'rejected', reason: (error as Error).message };
  }
  headers['x-ms-client-principal'] = clientPrincipal(principal);
  headers['x-ms-client-principal-id'] = principal.objectId;
  headers['x-ms-client-principal-name'] = principal.name;
  headers['x-ms-client-principal-idp'] = 'aad';
  return { kind: 'authenticated', principal };
}
