import { StoreConditionError, type WriteCondition } from './fleet-store.js';

/** Strips a weak marker and quotes, so `W/"x"`, `"x"` and `x` name the same version. */
const normalizeEtag = (etag: string): string => etag.trim().replace(/^W\//, '').replace(/^"(.*)"$/, '$1');

/**
 * Throws {@link StoreConditionError} unless `condition` holds for the stored version `current`
 * (undefined: nothing stored). `ifMatch` accepts the ETag quoted, weak or bare.
 */
export function assertCondition(id: string, condition: WriteCondition, current: string | undefined): void {
  if (condition.ifNoneMatch === '*' && current !== undefined) {
    throw new StoreConditionError(`Document '${id}' exists and If-None-Match is '*'.`);
  }
  if (condition.ifMatch === undefined) return;
  if (current === undefined) throw new StoreConditionError(`Document '${id}' does not exist and If-Match is set.`);
  if (normalizeEtag(condition.ifMatch) !== '*' && normalizeEtag(condition.ifMatch) !== current) {
    throw new StoreConditionError(`Document '${id}' has changed: its ETag does not match If-Match.`);
  }
}
