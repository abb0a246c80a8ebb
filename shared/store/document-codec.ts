/**
 * A document's stored form: JSON, gzip-compressed, cut into chunks that each fit one binary
 * property. Shared by both stores so they accept and refuse the same documents.
 */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { DocumentTooLargeError } from './document-too-large-error.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * Size limits derived from Table Storage's: a binary property holds 64 KiB, an entity 1 MiB, and an
 * entity-group transaction 4 MiB of payload, in which binary data travels as base64 (+33%).
 */
export const documentLimits = {
  chunkBytes: 64 * 1024,
  /**
   * 704 KiB of data per row: ~917 KiB as base64, which stays under 1 MiB even where the entity's
   * request body (base64, property names and type annotations included) is what gets measured.
   */
  chunksPerRow: 11,
  /** 2.5 MiB compressed is ~3.4 MiB of base64, under 4 MiB per transaction with headers. */
  maxCompressedBytes: 40 * 64 * 1024,
} as const;

/**
 * `value` as gzip-compressed JSON in chunks of at most {@link documentLimits}.chunkBytes (at least
 * one). Throws {@link DocumentTooLargeError} above `maxCompressedBytes`, and a `TypeError` when
 * `value` has no JSON form. Values round-trip as JSON does (`undefined` members vanish, dates
 * become strings).
 */
export async function encodeDocument(id: string, value: unknown): Promise<Buffer[]> {
  const json: string | undefined = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`Document '${id}' has no JSON form.`);
  const compressed = await gzipAsync(json);
  if (compressed.length > documentLimits.maxCompressedBytes) {
    throw new DocumentTooLargeError(id, compressed.length, documentLimits.maxCompressedBytes);
  }
  const chunks: Buffer[] = [];
  // Buffer views, not bare Uint8Arrays: the Tables SDK base64-encodes a plain Uint8Array's whole backing buffer.
  for (let offset = 0; offset < compressed.length; offset += documentLimits.chunkBytes) {
    chunks.push(compressed.subarray(offset, offset + documentLimits.chunkBytes));
  }
  return chunks;
}

/** The value that {@link encodeDocument} produced `chunks` from. */
export async function decodeDocument<T>(chunks: readonly Uint8Array[]): Promise<T> {
  const json = await gunzipAsync(Buffer.concat(chunks));
  return JSON.parse(json.toString('utf8')) as T;
}
