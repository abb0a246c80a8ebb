import { createLocalJWKSet, jwtVerify, type JWK } from 'jose';

/** Who a validated bearer token names. */
export interface TokenPrincipal {
  objectId: string;
  appId: string;
  tenantId: string;
  name: string;
  roles: string[];
  claims: Record<string, unknown>;
}

/** Validates bearer tokens; rejects with a reason when the token is not acceptable. */
export type TokenValidator = (token: string) => Promise<TokenPrincipal>;

/**
 * Validates RS256 access tokens against the issuer's keys, its `iss` and the accepted
 * audiences (a list, or a function for audiences only known once listeners are up), with a
 * small clock skew, as App Service authentication (and ARM) do.
 */
export function createTokenValidator(options: { keys: JWK[]; issuer: string; audiences: string[] | (() => string[]) }): TokenValidator {
  const keySet = createLocalJWKSet({ keys: options.keys });
  const audiences = typeof options.audiences === 'function' ? options.audiences : () => options.audiences as string[];
  return async (token) => {
    const { payload } = await jwtVerify(token, keySet, { issuer: options.issuer, audience: audiences(), algorithms: ['RS256'], clockTolerance: 300 });
    const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
    return {
      objectId: String(payload.oid ?? payload.sub ?? ''),
      appId: String(payload.appid ?? payload.azp ?? ''),
      tenantId: String(payload.tid ?? ''),
      name: String(payload.name ?? payload.appid ?? ''),
      roles,
      claims: payload as Record<string, unknown>,
    };
  };
}
