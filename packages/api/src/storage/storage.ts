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
 * The local implementation is the default; an S3-compatible one can implement the same interface.
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
