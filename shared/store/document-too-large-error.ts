/**
 * Raised when a document does not fit the store even compressed; nothing was written. The message
 * names the id and the sizes, never the content.
 */
export class DocumentTooLargeError extends Error {
  override readonly name = 'DocumentTooLargeError';
  readonly id: string;
  readonly compressedBytes: number;
  readonly maxCompressedBytes: number;

  constructor(id: string, compressedBytes: number, maxCompressedBytes: number) {
    super(`Document '${id}' is ${compressedBytes} bytes compressed; the store holds at most ${maxCompressedBytes}.`);
    this.id = id;
    this.compressedBytes = compressedBytes;
    this.maxCompressedBytes = maxCompressedBytes;
  }
}

/** True when `error` is a {@link DocumentTooLargeError}. */
export const isDocumentTooLargeError = (error: unknown): error is DocumentTooLargeError => error instanceof DocumentTooLargeError;
