import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import type { S3StorageConfig } from '../src/storage/s3-storage';

/** s3rver's fixed credentials (it checks the requests' signatures against them). */
const ACCESS_KEY = 'S3RVER';

/**
 * A real S3-protocol server on loopback for the tests: s3rver on a free port, its files in a
 * temporary directory, one bucket created through the S3 API. `client` talks to it directly,
 * bypassing any proxy, to look at what is really stored.
 */
export interface S3Peer {
  endpoint: string;
  bucket: string;
  directory: string;
  client: S3Client;
  /** S3FileStorage settings for this peer, through `endpoint` unless another one is given (a proxy). */
  config(overrides?: Partial<S3StorageConfig>): S3StorageConfig;
  /** Every object key in the bucket under `prefix`, listed by the server itself. */
  keys(prefix?: string): Promise<string[]>;
  /** Writes an object directly, as someone with access to the bucket could. */
  putRaw(objectKey: string, body: Buffer): Promise<void>;
  close(): Promise<void>;
}

export async function startS3Peer(bucket = 'guichet-test'): Promise<S3Peer> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory, silent: true, vhostBuckets: false });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-s3rver-scratch-'));
  writeObjectsAtomically(server.store, scratch);
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const config = (overrides: Partial<S3StorageConfig> = {}): S3StorageConfig => ({
    bucket,
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: ACCESS_KEY },
    prefix: '',
    // s3rver stores a streamed body with its aws-chunked framing unless checksums are only sent when required.
    checksums: 'when_required',
    requestTimeoutMs: 10_000,
    maxAttempts: 3,
    ...overrides,
  });
  const client = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: ACCESS_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    endpoint,
    bucket,
    directory,
    client,
    config,
    keys: async (prefix = '') => {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map((o) => o.Key ?? ''));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      return keys.sort();
    },
    putRaw: async (objectKey, body) => {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: body }));
    },
    close: async () => {
      client.destroy();
      server.httpServer?.closeAllConnections();
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** What s3rver's file store is, for the one method replaced below. */
interface S3rverObject {
  bucket: string;
  key: string;
  content: Buffer | Readable;
  metadata: Record<string, string>;
}

/**
 * s3rver 3.7.1 writes an object straight into its final file and answers once its bytes have gone
 * through a hashing stream, before the file is flushed: two PUTs of one key interleave their bytes,
 * and a GET right after a PUT may read a short file. S3 itself makes each PUT (and each completed
 * multipart upload) replace the object whole, last writer wins, readable as soon as it is
 * acknowledged. So that the tests hold S3FileStorage to those rules, each object is written here
 * to a scratch file, flushed, then renamed over the final one, one write per key at a time.
 */
function writeObjectsAtomically(store: S3rver['store'], scratch: string): void {
  const queues = new Map<string, Promise<unknown>>();
  const write = async (object: S3rverObject): Promise<{ size: number; md5: string }> => {
    const target = store.getResourcePath(object.bucket, object.key, 'object');
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const temp = path.join(scratch, randomBytes(8).toString('hex'));
    const md5 = createHash('md5');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
        md5.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    const source = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
    await pipeline(source, meter, fs.createWriteStream(temp));
    await fs.promises.rename(temp, target);
    const digest = md5.digest('hex');
    await store.putMetadata(object.bucket, object.key, object.metadata, digest);
    return { size, md5: digest };
  };
  store.putObject = (object: S3rverObject) => {
    const id = `${object.bucket}/${object.key}`;
    const done = (queues.get(id) ?? Promise.resolve()).catch(() => undefined).then(() => write(object));
    queues.set(id, done);
    return done;
  };
}

/** What the proxy does with one request. */
export type ProxyAction =
  /** Forwards it and its answer. */
  | 'pass'
  /** Answers 500 InternalError without forwarding it (the body is read and dropped). */
  | 'fail'
  /** Reads the body and never answers. */
  | 'stall'
  /** Forwards it (the server carries it out) but never gives its answer back. */
  | 'stall-after-forward'
  /** Forwards it, gives back the answer's headers and the first half of its body, then nothing more. */
  | 'stall-midway';

export interface ProxiedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  action: ProxyAction;
  /** The status given back to the client (none when stalled). */
  status?: number;
  /** The UploadId of a CreateMultipartUpload that succeeded. */
  createdUploadId?: string;
}

/**
 * An HTTP proxy between the storage's client and s3rver, to make S3 fail on purpose: `rule` decides,
 * request by request, whether to pass, answer 500, or stall. Every request is recorded. Headers are
 * forwarded unchanged (the Host header included), so the requests' signatures stay valid.
 */
export interface FaultProxy {
  endpoint: string;
  requests: ProxiedRequest[];
  rule: (request: ProxiedRequest) => ProxyAction;
  close(): Promise<void>;
}

export const isUploadPart = (r: ProxiedRequest): boolean => r.method === 'PUT' && r.query.has('partNumber');
export const isPutObject = (r: ProxiedRequest): boolean => r.method === 'PUT' && !r.query.has('partNumber');
export const isCreateMultipart = (r: ProxiedRequest): boolean => r.method === 'POST' && r.query.has('uploads');
export const isCompleteMultipart = (r: ProxiedRequest): boolean => r.method === 'POST' && r.query.has('uploadId');
export const isAbortMultipart = (r: ProxiedRequest): boolean => r.method === 'DELETE' && r.query.has('uploadId');

const INTERNAL_ERROR =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message></Error>';

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const sockets = new Set<Socket>();
  const proxy: FaultProxy = {
    endpoint: '',
    requests: [],
    rule: () => 'pass',
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const record: ProxiedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, action: 'pass' };
    record.action = proxy.rule(record);
    proxy.requests.push(record);
    if (record.action === 'fail') {
      req.resume();
      req.on('end', () => {
        record.status = 500;
        res.writeHead(500, { 'content-type': 'application/xml' }).end(INTERNAL_ERROR);
      });
      return;
    }
    if (record.action === 'stall') {
      req.resume();
      return;
    }
    const headers = { ...req.headers };
    // The proxy has already told the client to go on; s3rver gets the body at once.
    delete headers.expect;
    const forwarded = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          if (record.action === 'stall-after-forward') return;
          const body = Buffer.concat(chunks);
          record.status = answer.statusCode;
          if (record.action === 'stall-midway') {
            res.writeHead(answer.statusCode ?? 502, answer.headers).write(body.subarray(0, Math.floor(body.length / 2)));
            return;
          }
          if (isCreateMultipart(record) && answer.statusCode === 200) {
            record.createdUploadId = /<UploadId>([^<]+)<\/UploadId>/.exec(body.toString('utf8'))?.[1];
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers).end(body);
        });
      },
    );
    forwarded.on('error', () => res.destroy());
    req.pipe(forwarded);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
