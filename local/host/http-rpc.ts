import type { IncomingHttpHeaders } from 'node:http';
import type { RpcInvocationResponse, RpcTypedData } from './core-api.js';

/** An HTTP request as the host hands it to the worker (`RpcHttp`). */
export interface RpcHttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  params: Record<string, string>;
  body?: RpcTypedData;
}

interface RpcNullable<T> {
  value?: T;
}

/** A cookie as `@azure/functions` converts it (`RpcHttpCookie`). */
interface RpcHttpCookie {
  name?: string;
  value?: string;
  domain?: RpcNullable<string>;
  path?: RpcNullable<string>;
  expires?: RpcNullable<{ seconds?: number | string }>;
  secure?: RpcNullable<boolean>;
  httpOnly?: RpcNullable<boolean>;
  sameSite?: 'none' | 'lax' | 'strict' | 'explicitNone';
  maxAge?: RpcNullable<number>;
}

/** An HTTP response as the worker returns it. */
interface RpcHttpResponse {
  statusCode?: string;
  headers?: Record<string, string>;
  cookies?: RpcHttpCookie[];
  body?: RpcTypedData;
}

/** The response the host writes back. */
export interface HostHttpResponse {
  status: number;
  headers: [string, string][];
  body: Buffer;
}

const textualType = /^(text\/|application\/([\w.+-]*\+)?(json|xml|javascript|x-www-form-urlencoded))/i;

/** Flattens Node's headers the way the host does (repeated values joined with a comma). */
export function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/**
 * Builds the RPC HTTP request: textual bodies travel as strings, everything else as bytes,
 * repeated query values are joined with commas, and route parameters are passed as `params`.
 */
export function toRpcHttpRequest(method: string, url: URL, headers: IncomingHttpHeaders, body: Buffer, params: Record<string, string>): RpcHttpRequest {
  const query: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) query[key] = url.searchParams.getAll(key).join(',');
  const contentType = headers['content-type'] ?? '';
  const rpcBody: RpcTypedData | undefined = body.length === 0 ? undefined : textualType.test(contentType) ? { string: body.toString('utf8') } : { bytes: body };
  return { method, url: url.toString(), headers: flattenHeaders(headers), query, params, ...(rpcBody ? { body: rpcBody } : {}) };
}

function formatCookie(cookie: RpcHttpCookie): string {
  const parts = [`${cookie.name ?? ''}=${cookie.value ?? ''}`];
  if (cookie.domain?.value) parts.push(`domain=${cookie.domain.value}`);
  if (cookie.path?.value) parts.push(`path=${cookie.path.value}`);
  if (cookie.expires?.value?.seconds !== undefined) parts.push(`expires=${new Date(Number(cookie.expires.value.seconds) * 1000).toUTCString()}`);
  if (cookie.maxAge?.value !== undefined) parts.push(`max-age=${cookie.maxAge.value}`);
  if (cookie.secure?.value) parts.push('secure');
  if (cookie.sameSite && cookie.sameSite !== 'none') parts.push(`samesite=${cookie.sameSite === 'explicitNone' ? 'none' : cookie.sameSite}`);
  if (cookie.httpOnly?.value) parts.push('httponly');
  return parts.join('; ');
}

function bodyBytes(data: RpcTypedData | undefined): Buffer {
  if (!data) return Buffer.alloc(0);
  if (data.bytes) return Buffer.from(data.bytes);
  if (data.string !== undefined) return Buffer.from(data.string, 'utf8');
  if (data.json !== undefined) return Buffer.from(data.json, 'utf8');
  return Buffer.alloc(0);
}

/**
 * Turns the worker's RPC response into the HTTP response: the `$return` binding or the named
 * HTTP output binding. A function that returns nothing answers 204, as the host does for a
 * null HTTP result.
 */
export function fromRpcHttpResponse(response: RpcInvocationResponse, outputBindingName: string): HostHttpResponse {
  const output = outputBindingName === '$return' ? response.returnValue : response.outputData?.find((o) => o.name === outputBindingName)?.data;
  const http = (output as { http?: RpcHttpResponse } | undefined)?.http;
  if (!http) return { status: 204, headers: [], body: Buffer.alloc(0) };
  const headers: [string, string][] = Object.entries(http.headers ?? {});
  for (const cookie of http.cookies ?? []) headers.push(['set-cookie', formatCookie(cookie)]);
  return { status: Number(http.statusCode ?? 200), headers, body: bodyBytes(http.body) };
}
