import type { WriteCondition } from '../store/fleet-store.js';
import { armErrors } from './arm-error.js';

/** Strips weak markers and quotes so `W/"x"`, `"x"` and `x` compare equal. */
const normalize = (etag: string): string => etag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');

/** The quoted form ARM serves in `eTag` and the `ETag` header. */
export const quoteEtag = (etag: string): string => `"${normalize(etag)}"`;

/**
 * Checks `If-Match` / `If-None-Match` against the current version (undefined = absent) and
 * returns the condition to hand to the store so the check also holds at write time.
 * Throws 412 PreconditionFailed when it already fails.
 */
export function checkConditions(headers: Headers, current: string | undefined): WriteCondition {
  const ifMatch = headers.get('if-match');
  const ifNoneMatch = headers.get('if-none-match');
  if (ifNoneMatch !== null) {
    const values = ifNoneMatch.split(',').map(normalize);
    if (current !== undefined && (values.includes('*') || values.includes(normalize(current)))) {
      throw armErrors.preconditionFailed(`The resource exists and If-None-Match is '${ifNoneMatch}'.`);
    }
    if (values.includes('*')) return { ifNoneMatch: '*' };
  }
  if (ifMatch !== null) {
    const values = ifMatch.split(',').map(normalize);
    if (current === undefined) throw armErrors.preconditionFailed(`The resource does not exist and If-Match is '${ifMatch}'.`);
    if (!values.includes('*') && !values.includes(normalize(current))) {
      throw armErrors.preconditionFailed(`The resource's eTag does not match If-Match '${ifMatch}'.`);
    }
    return { ifMatch: values.includes('*') ? '*' : normalize(current) };
  }
  return current === undefined ? { ifNoneMatch: '*' } : { ifMatch: normalize(current) };
}
