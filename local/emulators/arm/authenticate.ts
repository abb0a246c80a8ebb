import { createTokenValidator, type TokenValidator } from '../../identity/token-validator.js';
import type { JWK } from 'jose';
import { unauthenticated, type ArmResponse } from './arm-errors.js';

/** A token validator, or the issuer's keys and `iss` (then the accepted audiences are ARM's and the emulator's origin). */
export type ArmAuthOptions = TokenValidator | { keys: JWK[]; issuer: string };

/** The audiences ARM accepts, plus the emulator's own origin. */
export function armAudiences(origin: string): string[] {
  return ['https://management.azure.com', 'https://management.azure.com/', 'https://management.core.windows.net/', 'https://management.core.windows.net', origin, `${origin}/`];
}

/**
 * Checks `Authorization: Bearer <jwt>`; resolves to undefined when acceptable and to ARM's 401
 * otherwise. Accepted tokens are remembered until they expire (as ARM's token cache does), so
 * a busy client costs one signature check per token, not per request.
 */
export function createCachingAuthenticator(options: ArmAuthOptions, origin: () => string, now: () => number): (header: string | undefined) => Promise<ArmResponse | undefined> {
  let validator: TokenValidator | undefined = typeof options === 'function' ? options : undefined;
  const accepted = new Map<string, number>();
  return async (header) => {
    const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined;
    if (!token) return unauthenticated(true);
    const expires = accepted.get(token);
    if (expires !== undefined && expires > now()) return undefined;
    validator ??= typeof options === 'function' ? options : createTokenValidator({ keys: options.keys, issuer: options.issuer, audiences: armAudiences(origin()) });
    try {
      const principal = await validator(token);
      const exp = typeof principal.claims.exp === 'number' ? principal.claims.exp * 1000 : now() + 60_000;
      if (accepted.size > 10_000) accepted.clear();
      accepted.set(token, exp);
      return undefined;
    } catch {
      return unauthenticated(false);
    }
  };
}
