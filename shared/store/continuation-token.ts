import { armErrors } from '../arm/arm-error.js';
import type { KeyRange } from './document-keys.js';

/** Versions the token format, so a future format can tell old tokens apart. */
const prefix = 'v1:';

/** The opaque token of a listing page whose last head row has RowKey `lastRowKey`. */
export const encodeContinuationToken = (lastRowKey: string): string => Buffer.from(prefix + lastRowKey).toString('base64url');

/**
 * The RowKey a listing resumes after. Throws ARM's 400 `InvalidParameter` (target `$skipToken`)
 * when `token` was not made by {@link encodeContinuationToken} for a key inside `range`, since
 * tokens come back from clients.
 */
export function decodeContinuationToken(token: string, range: KeyRange): string {
  const text = Buffer.from(token, 'base64url').toString();
  const after = text.startsWith(prefix) ? text.slice(prefix.length) : '';
  if (after < range.from || after >= range.to || encodeContinuationToken(after) !== token) {
    throw armErrors.invalidParameter('The continuation token is not valid for this listing.', '$skipToken');
  }
  return after;
}

/** The opaque token of an all-fleets page whose last head row is (`partitionKey`, `rowKey`). */
export const encodeFleetsToken = (partitionKey: string, rowKey: string): string => Buffer.from(`${prefix}${partitionKey}\n${rowKey}`).toString('base64url');

/** The (PartitionKey, RowKey) an all-fleets listing resumes after; 400 on a token it did not make. */
export function decodeFleetsToken(token: string): { partitionKey: string; rowKey: string } {
  const text = Buffer.from(token, 'base64url').toString();
  const [partitionKey = '', rowKey = ''] = text.startsWith(prefix) ? text.slice(prefix.length).split('\n') : [];
  if (!partitionKey || !rowKey || encodeFleetsToken(partitionKey, rowKey) !== token) {
    throw armErrors.invalidParameter('The continuation token is not valid for this listing.', '$skipToken');
  }
  return { partitionKey, rowKey };
}
