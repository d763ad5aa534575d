import { createHash } from 'node:crypto';
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import {
  assertValidKey,
  FileNotFoundError,
  FileTooLargeError,
  verifiedStream,
  StorageUnavailableError,
  type FileStorage,
  type StoredFile,
} from './storage';

/** How the client computes and checks checksums (S3_CHECKSUMS). */
export type S3Checksums = 'when_supported' | 'when_required';

export interface S3StorageConfig {
  bucket: string;
  region: string;
  /** An S3-compatible server (MinIO, Scaleway, OVH…); absent: AWS's endpoint for the region. */
  endpoint?: string;
  /** `https://endpoint/bucket/key` rather than `https://bucket.endpoint/key`. */
  forcePathStyle: boolean;
  /** Absent: the SDK's default chain (environment, shared files, instance or container role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Put before every key, e.g. `guichet/` (ends with a slash, or empty). */
  prefix: string;
  checksums: S3Checksums;
  /** Each request gives up after this long without an answer, or this long idle while streaming. */
  requestTimeoutMs: number;
  /** Tries of one request (the first one included) before an error is final. */
  maxAttempts: number;
  /** Bytes per part of a multipart upload (at least 5 MiB, S3's minimum, the default). */
  partSize?: number;
  /** Parts uploaded at once. Memory held by one upload is about partSize × (queueSize + 1). Default 2. */
  queueSize?: number;
}

const MIN_PART_SIZE = 5 * 1024 * 1024;

/**
 * Files in an S3 bucket (or an S3-compatible one). Uploads stream through `Upload` of
 * @aws-sdk/lib-storage: a single PutObject when the content fits in one part, a multipart upload
 * otherwise; memory is bounded by the parts in flight, never the whole file. S3 makes an object
 * visible only once its PutObject or CompleteMultipartUpload succeeds, so readers see the whole
 * file or none of it.
 */
export class S3FileStorage implements FileStorage {
  readonly client: S3Client;
  readonly bucket: string;
  readonly prefix: string;
  private readonly partSize: number;
  private readonly queueSize: number;
  private readonly requestTimeoutMs: number;

  constructor(config: S3StorageConfig) {
    this.bucket = config.bucket;
    this.prefix = config.prefix;
    if (this.prefix !== '') assertValidKey(this.prefix.replace(/\/$/, ''));
    if (this.prefix !== '' && !this.prefix.endsWith('/')) this.prefix += '/';
    this.partSize = Math.max(MIN_PART_SIZE, config.partSize ?? MIN_PART_SIZE);
    this.queueSize = Math.max(1, config.queueSize ?? 2);
    this.requestTimeoutMs = config.requestTimeoutMs;
    const checksums = config.checksums === 'when_required' ? 'WHEN_REQUIRED' : 'WHEN_SUPPORTED';
    const clientConfig: S3ClientConfig = {
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      maxAttempts: config.maxAttempts,
      requestChecksumCalculation: checksums,
      responseChecksumValidation: checksums,
      requestHandler: {
        connectionTimeout: config.requestTimeoutMs,
        // Until the answer's headers (body sent included)…
        requestTimeout: config.requestTimeoutMs,
        throwOnRequestTimeout: true,
        // …and idle time on the socket afterwards, while a download streams.
        socketTimeout: config.requestTimeoutMs,
      },
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.credentials ? { credentials: config.credentials } : {}),
    };
    this.client = new S3Client(clientConfig);
  }

  /** The object's key in the bucket: the prefix, then the storage key. */
  objectKey(key: string): string {
    assertValidKey(key);
    return `${this.prefix}${key}`;
  }

  async put(key: string, content: Buffer | Readable, options: { maxBytes?: number } = {}): Promise<StoredFile> {
    const objectKey = this.objectKey(key);
    const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
    const hash = createHash('sha256');
    let size = 0;
    let tooLarge = false;
    let sourceError: unknown = null;
    let body: Buffer | Readable;
    if (Buffer.isBuffer(content)) {
      if (content.length > maxBytes) throw new FileTooLargeError(maxBytes);
      hash.update(content);
      size = content.length;
      body = content;
    } else {
      const meter = new Transform({
        transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
          size += chunk.length;
          if (size > maxBytes) {
            tooLarge = true;
            callback(new FileTooLargeError(maxBytes));
            return;
          }
          hash.update(chunk);
          callback(null, chunk);
        },
      });
      content.once('error', (error) => (sourceError ??= error));
      // Errors reach the upload through `meter` (it is destroyed with them); the callback only keeps
      // them from being reported as unhandled.
      body = pipeline(content, meter, () => undefined);
    }
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: objectKey, Body: body },
      partSize: this.partSize,
      queueSize: this.queueSize,
      // The multipart upload is aborted below, with a bounded wait, rather than by Upload itself.
      leavePartsOnError: true,
    });
    try {
      await upload.done();
    } catch (error) {
      if (!Buffer.isBuffer(body)) body.destroy();
      // The content's own failure (a client gone mid-upload) reaches the upload as it is; a failure of
      // S3 makes the upload stop reading, which may then end the content with an AbortError of its own.
      const fromContent = tooLarge || (sourceError !== null && error === sourceError);
      await this.cleanUpFailedUpload(objectKey, upload.uploadId, !fromContent);
      if (tooLarge) throw new FileTooLargeError(maxBytes);
      if (fromContent) throw error;
      throw new StorageUnavailableError(
        `File storage: could not store ${key} in S3 bucket ${this.bucket} (${describe(error)}); nothing was stored`,
        { cause: error },
      );
    }
    return { size, sha256: hash.digest('hex') };
  }

  /**
   * After a failed upload: aborts its multipart upload (S3 keeps the parts, and bills them, until
   * then), and when the failure came from S3 rather than from the content, deletes the key too: the
   * last request may have been carried out although its answer never came back (a timeout). Keys
   * are never reused (each file gets a new id), so there is no earlier version to keep. Each step
   * waits at most one request timeout; a bucket lifecycle rule removes what is left of parts
   * (docs/operations.md).
   */
  private async cleanUpFailedUpload(objectKey: string, uploadId: string | undefined, mayHaveLanded: boolean): Promise<void> {
    if (uploadId) {
      await this.client
        .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: objectKey, UploadId: uploadId }), {
          abortSignal: AbortSignal.timeout(this.requestTimeoutMs),
        })
        .catch(() => undefined);
    }
    if (mayHaveLanded) {
      await this.client
        .send(new DeleteObjectCommand({ Bucket: this.bucket, Key: objectKey }), { abortSignal: AbortSignal.timeout(this.requestTimeoutMs) })
        .catch(() => undefined);
    }
  }

  async get(key: string): Promise<Readable> {
    const objectKey = this.objectKey(key);
    let out;
    try {
      out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: objectKey }));
    } catch (error) {
      if (isMissingObject(error)) throw new FileNotFoundError(key);
      throw this.unavailable('read', key, error);
    }
    const body = out.Body;
    if (!(body instanceof Readable)) throw this.unavailable('read', key, new Error('the answer has no readable body'));
    // A failure while streaming (the connection cut, idle past the timeout) reads as the storage's.
    const stream = new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
        callback(null, chunk);
      },
    });
    body.on('error', (error) => stream.destroy(this.unavailable('read', key, error)));
    stream.on('close', () => body.destroy());
    return body.pipe(stream);
  }

  async getVerified(key: string, sha256: string): Promise<Readable> {
    return verifiedStream(await this.get(key), sha256, key);
  }

  /** Deleting a key that does not exist succeeds (S3 answers 204 all the same). */
  async delete(key: string): Promise<void> {
    const objectKey = this.objectKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: objectKey }));
    } catch (error) {
      if (isMissingObject(error)) return;
      throw this.unavailable('delete', key, error);
    }
  }

  /** HeadObject: true when the object exists; a storage that does not answer is an error, not "absent". */
  async exists(key: string): Promise<boolean> {
    const objectKey = this.objectKey(key);
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: objectKey }));
      return true;
    } catch (error) {
      if (isMissingObject(error)) return false;
      throw this.unavailable('check', key, error);
    }
  }

  /** Closes the client's connections. */
  destroy(): void {
    this.client.destroy();
  }

  private unavailable(action: 'read' | 'delete' | 'check', key: string, error: unknown): StorageUnavailableError {
    return new StorageUnavailableError(`File storage: could not ${action} ${key} in S3 bucket ${this.bucket} (${describe(error)})`, {
      cause: error,
    });
  }
}

/** NoSuchKey (GetObject), NotFound (HeadObject, whose 404 has no body). */
function isMissingObject(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; Code?: unknown; $metadata?: { httpStatusCode?: number } };
  if (e.name === 'NoSuchKey' || e.Code === 'NoSuchKey') return true;
  return e.name === 'NotFound' && e.$metadata?.httpStatusCode === 404;
}

/** A short account of an SDK error for the message: its name, HTTP status and message. */
function describe(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const e = error as { name?: unknown; message?: unknown; $metadata?: { httpStatusCode?: number; attempts?: number } };
  const status = e.$metadata?.httpStatusCode;
  const attempts = e.$metadata?.attempts;
  const parts = [
    typeof e.name === 'string' ? e.name : 'Error',
    status ? `HTTP ${status}` : null,
    attempts && attempts > 1 ? `after ${attempts} attempts` : null,
  ].filter(Boolean);
  const message = typeof e.message === 'string' && e.message && e.message !== e.name ? `: ${e.message.slice(0, 300)}` : '';
  return `${parts.join(', ')}${message}`;
}
