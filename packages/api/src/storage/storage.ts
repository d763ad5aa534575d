import { createHash } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';

export interface StoredFile {
  size: number;
  /** SHA-256 of the content, lower-case hex. */
  sha256: string;
}

/**
 * Where files (scans, invoices, documents) live. The database holds metadata only.
 * Keys are relative paths that start with the owning company's id, e.g. `<companyId>/mail/<id>.pdf`.
 * The local implementation is the default; S3FileStorage keeps them in an S3-compatible bucket
 * (FILE_STORAGE=s3, see create-storage.ts).
 */
export interface FileStorage {
  /** Writes atomically: readers see either no file or the whole file, never a partial one. */
  put(key: string, content: Buffer | Readable, options?: { maxBytes?: number }): Promise<StoredFile>;
  /** The raw content. Errors with FileNotFoundError when there is no such file. */
  get(key: string): Promise<Readable>;
  /**
   * The content, checked against its SHA-256 while it streams: the last chunk is held back until
   * the digest is known, so a reader never receives a complete file whose bytes do not match.
   */
  getVerified(key: string, sha256: string): Promise<Readable>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class FileNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored file for key ${key}`);
    this.name = 'FileNotFoundError';
  }
}

export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`File larger than ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

/**
 * The storage could not be reached or did not complete the operation (an S3 answer 5xx, a timeout,
 * a refused connection). Nothing was stored by a `put` that rejects with it. Retryable, unlike a bug.
 */
export class StorageUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageUnavailableError';
  }
}

/** What a caller is told when the storage does not answer (HTTP 503, code STORAGE_UNAVAILABLE). */
export const STORAGE_UNAVAILABLE_MESSAGE = 'The file storage is temporarily unavailable: nothing was changed. Retry in a few seconds.';

/** True for a StorageUnavailableError, or an error that wraps one (`cause`, GraphQL's `originalError`). */
export function isStorageUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    if (current instanceof StorageUnavailableError || (current as { name?: unknown }).name === 'StorageUnavailableError') return true;
    const e = current as { originalError?: unknown; cause?: unknown };
    current = e.originalError ?? e.cause;
  }
  return false;
}

export class FileIntegrityError extends Error {
  constructor(readonly key: string) {
    super(`Stored file ${key} does not match its SHA-256`);
    this.name = 'FileIntegrityError';
  }
}

const KEY_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Keys never contain `..`, absolute paths or backslashes, so they cannot leave the storage root. */
export function assertValidKey(key: string): void {
  if (!KEY_RE.test(key) || key.split('/').some((part) => part === '..' || part === '.') || key.length > 255) {
    throw new Error(`Invalid storage key: ${key}`);
  }
}

export const mailFileKey = (companyId: string, mailItemId: string): string => `${companyId}/mail/${mailItemId}.pdf`;

/**
 * A pass-through that hashes what flows through it and fails at the end when the digest differs
 * from `expected`. The latest chunk is held back until then.
 */
export function sha256Verifier(expected: string, key: string): Transform {
  const hash = createHash('sha256');
  let held: Buffer | null = null;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      hash.update(chunk);
      const previous = held;
      held = chunk;
      callback(null, previous ?? undefined);
    },
    flush(callback: TransformCallback) {
      if (hash.digest('hex') !== expected.toLowerCase()) {
        callback(new FileIntegrityError(key));
        return;
      }
      callback(null, held ?? undefined);
    },
  });
}

/**
 * `source` piped through a SHA-256 check (see sha256Verifier): one stream that errors if the bytes do
 * not match, and closes the source when the reader stops. The body of every storage's getVerified.
 */
export function verifiedStream(source: Readable, sha256: string, key: string): Readable {
  const verifier = sha256Verifier(sha256, key);
  source.on('error', (error) => verifier.destroy(error));
  verifier.on('close', () => source.destroy());
  // An integrity error may happen before the consumer attaches; it still reaches the consumer
  // (the stream is left errored), but must not crash the process as an unhandled 'error' event.
  verifier.on('error', () => undefined);
  return source.pipe(verifier);
}
