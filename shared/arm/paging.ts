import { armErrors } from './arm-error.js';

/** The default and the largest page the API serves. */
export const defaultPageSize = 100;
export const maxPageSize = 1000;

/** `$top` and `$skipToken` of a list request. */
export interface PageRequest {
  pageSize: number;
  continuationToken: string | undefined;
}

/** Reads `$top` (1–1000) and `$skipToken`; a bad `$top` is a 400 naming it. */
export function pageRequest(url: URL): PageRequest {
  const top = url.searchParams.get('$top');
  let pageSize = defaultPageSize;
  if (top !== null) {
    if (!/^\d+$/.test(top) || Number(top) < 1 || Number(top) > maxPageSize) {
      throw armErrors.invalidParameter(`$top must be an integer from 1 to ${maxPageSize}; got '${top}'.`, '$top');
    }
    pageSize = Number(top);
  }
  return { pageSize, continuationToken: url.searchParams.get('$skipToken') ?? undefined };
}

/** The `nextLink` for the page after this one: the same request with `$skipToken` set. */
export function nextLink(url: URL, continuationToken: string | undefined): string | undefined {
  if (!continuationToken) return undefined;
  const next = new URL(url.toString());
  next.searchParams.set('$skipToken', continuationToken);
  return next.toString();
}
