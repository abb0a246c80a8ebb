/**
 * Checks a publish's credentials as Event Grid does for access-key topics: `aeg-sas-key` equal to
 * the topic's key, or an `aeg-sas-token` (`r=…&e=…&s=…`, as `generateSharedAccessSignature` of
 * `@azure/eventgrid` makes it) signed with the key, unexpired, for this topic's endpoint.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a publish is refused, or undefined when its credentials are good. */
export type AuthFailure = string | undefined;

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Reads the SAS expiry format `M/D/YYYY h:mm:ss AM` (UTC); undefined when malformed. */
export function parseSasExpiry(text: string): number | undefined {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2}):(\d{2}) (AM|PM)$/.exec(text);
  if (!m) return undefined;
  const [, month, day, year, hour, minute, second, half] = m;
  const h = (Number(hour) % 12) + (half === 'PM' ? 12 : 0);
  return Date.UTC(Number(year), Number(month) - 1, Number(day), h, Number(minute), Number(second));
}

/** Verifies an `aeg-sas-token` against the topic's key and endpoint at time `now`. */
export function checkSasToken(token: string, key: string, endpoint: string, now: number): AuthFailure {
  const at = token.lastIndexOf('&s=');
  if (at < 0) return 'The SAS token has no signature.';
  const unsigned = token.slice(0, at);
  const signature = decodeURIComponent(token.slice(at + 3));
  const expected = createHmac('sha256', Buffer.from(key, 'base64')).update(unsigned).digest('base64');
  if (!sameText(signature, expected)) return 'The SAS token signature does not match the key.';
  const fields = new URLSearchParams(unsigned);
  const resource = (fields.get('r') ?? '').split('?')[0]?.toLowerCase() ?? '';
  if (resource !== endpoint.toLowerCase()) return `The SAS token is for ${resource || 'no resource'}, not this topic.`;
  const expiry = parseSasExpiry(fields.get('e') ?? '');
  if (expiry === undefined) return 'The SAS token has no valid expiry.';
  if (expiry <= now) return 'The SAS token has expired.';
  return undefined;
}

/** Checks the headers of a publish to a topic with the given key and endpoint. */
export function checkPublishAuth(headers: { key: string | undefined; token: string | undefined }, topic: { key: string; endpoint: string }, now: number): AuthFailure {
  if (headers.key !== undefined) return sameText(headers.key, topic.key) ? undefined : 'The specified key does not match the expected value for the specified topic.';
  if (headers.token !== undefined) return checkSasToken(headers.token, topic.key, topic.endpoint, now);
  return 'The request has neither an aeg-sas-key nor an aeg-sas-token header.';
}
