import { randomBytes } from 'node:crypto';
import {
  FileTooLargeError,
  StorageUnavailableError,
  isStorageUnavailable,
  FileNotFoundError,
  STORAGE_UNAVAILABLE_MESSAGE,
} from '../storage';
import { S3FileStorage } from '../s3-storage';
import {
  isAbortMultipart,
  isCompleteMultipart,
  isCreateMultipart,
  isPutObject,
  isUploadPart,
  startFaultProxy,
  startS3Peer,
  type FaultProxy,
  type S3Peer,
} from '../../../test/s3-peer';
import { describeStorageContract, drain, randomStream, sha256 } from './storage-contract';

const MiB = 1024 * 1024;

let peer: S3Peer;
let proxy: FaultProxy;

beforeAll(async () => {
  peer = await startS3Peer();
  proxy = await startFaultProxy(peer.endpoint);
});
afterAll(async () => {
  await proxy?.close();
  await peer?.close();
});
beforeEach(() => {
  proxy.rule = () => 'pass';
  proxy.requests.length = 0;
});

// Through the proxy (passing everything), under a prefix, as a deployment sharing a bucket would.
describeStorageContract('S3FileStorage on s3rver', async () => {
  const storage = new S3FileStorage(peer.config({ endpoint: proxy.endpoint, prefix: 'tenant-a/' }));
  return {
    storage,
    overwrite: (key, content) => peer.putRaw(`tenant-a/${key}`, content),
    listAll: () => peer.keys(),
    close: async () => storage.destroy(),
  };
});

describe('S3FileStorage: how it uses S3', () => {
  let storage: S3FileStorage;
  beforeAll(() => {
    storage = new S3FileStorage(peer.config({ endpoint: proxy.endpoint, prefix: 'guichet/prod' }));
  });
  afterAll(() => storage.destroy());

  it('puts every object under the prefix', async () => {
    await storage.put('c1/mail/one.pdf', Buffer.from('%PDF-1.7 one'));
    expect(await peer.keys('guichet/prod/c1/')).toEqual(['guichet/prod/c1/mail/one.pdf']);
    expect(await peer.keys('c1/')).toEqual([]);
  });

  it('sends a small file in one PutObject, a large stream in parts of 5 MiB, never the whole file at once', async () => {
    await storage.put('c1/mail/small.pdf', randomBytes(100_000));
    expect(proxy.requests.filter(isPutObject)).toHaveLength(1);
    expect(proxy.requests.filter(isCreateMultipart)).toHaveLength(0);
    proxy.requests.length = 0;
    const source = randomStream(16 * MiB + 1);
    const stored = await storage.put('c1/mail/large.pdf', source.stream);
    expect(stored).toEqual(source.digest());
    expect(proxy.requests.filter(isCreateMultipart)).toHaveLength(1);
    expect(proxy.requests.filter(isUploadPart)).toHaveLength(4);
    expect(proxy.requests.filter(isCompleteMultipart)).toHaveLength(1);
    expect(sha256((await drain(await storage.get('c1/mail/large.pdf'))).bytes)).toBe(stored.sha256);
  });

  it('aborts the multipart upload of a stream found too large', async () => {
    const error = await storage.put('c1/mail/huge.pdf', randomStream(20 * MiB).stream, { maxBytes: 11 * MiB }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileTooLargeError);
    const created = proxy.requests.filter(isCreateMultipart);
    expect(created).toHaveLength(1);
    expect(proxy.requests.filter(isCompleteMultipart)).toHaveLength(0);
    expect(proxy.requests.filter(isAbortMultipart).map((r) => r.query.get('uploadId'))).toEqual([created[0]?.createdUploadId]);
    expect(await peer.keys('guichet/prod/c1/mail/huge')).toEqual([]);
  });

  it('refuses a prefix that is not made of valid key segments', () => {
    expect(() => new S3FileStorage(peer.config({ prefix: '../up' }))).toThrow(/Invalid storage key/);
  });
});

describe('S3FileStorage: when S3 fails', () => {
  const TIMEOUT_MS = 1000;
  const ATTEMPTS = 2;
  let storage: S3FileStorage;
  beforeAll(() => {
    storage = new S3FileStorage(peer.config({ endpoint: proxy.endpoint, requestTimeoutMs: TIMEOUT_MS, maxAttempts: ATTEMPTS }));
  });
  afterAll(() => storage.destroy());

  /** The put's error and how long it took. */
  const failedPut = async (key: string, content: Parameters<S3FileStorage['put']>[1]): Promise<{ error: unknown; ms: number }> => {
    const started = Date.now();
    const error = await storage.put(key, content).then(
      () => null,
      (e: unknown) => e,
    );
    return { error, ms: Date.now() - started };
  };

  /** Every multipart upload the server created was aborted by the client afterwards. */
  const everyUploadAborted = (): void => {
    const created = proxy.requests.filter(isCreateMultipart).map((r) => r.createdUploadId);
    expect(created.length).toBeGreaterThan(0);
    expect(created.every(Boolean)).toBe(true);
    const aborted = proxy.requests.filter(isAbortMultipart).map((r) => r.query.get('uploadId'));
    expect(aborted.sort()).toEqual([...created].sort());
  };

  it('a 500 on PutObject: StorageUnavailableError with a readable message, after the configured attempts, nothing stored', async () => {
    proxy.rule = (r) => (isPutObject(r) ? 'fail' : 'pass');
    const { error } = await failedPut('c2/mail/a.pdf', randomBytes(10_000));
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect(error).not.toBeInstanceOf(FileTooLargeError);
    expect((error as Error).message).toMatch(
      /^File storage: could not store c2\/mail\/a\.pdf in S3 bucket guichet-test \(InternalError, HTTP 500, after 2 attempts: We encountered an internal error/,
    );
    expect(isStorageUnavailable(new Error('wrapped', { cause: error }))).toBe(true);
    expect(proxy.requests.filter(isPutObject)).toHaveLength(ATTEMPTS);
    expect(await peer.keys('c2/')).toEqual([]);
    expect(STORAGE_UNAVAILABLE_MESSAGE).toMatch(/nothing was changed/);
  });

  it('a 500 on the parts of a streamed upload: the multipart upload is aborted, nothing stored', async () => {
    proxy.rule = (r) => (isUploadPart(r) ? 'fail' : 'pass');
    const { error } = await failedPut('c2/mail/b.pdf', randomStream(12 * MiB).stream);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect(proxy.requests.filter(isCompleteMultipart)).toHaveLength(0);
    everyUploadAborted();
    expect(await peer.keys('c2/')).toEqual([]);
  });

  it('a server that stalls: the put rejects once the attempts have timed out, nothing stored', async () => {
    proxy.rule = (r) => (isPutObject(r) ? 'stall' : 'pass');
    const { error, ms } = await failedPut('c2/mail/c.pdf', randomBytes(10_000));
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect((error as Error).message).toMatch(/TimeoutError/);
    expect(proxy.requests.filter(isPutObject)).toHaveLength(ATTEMPTS);
    // Each attempt waits the timeout; retries wait a little in between.
    expect(ms).toBeGreaterThanOrEqual(ATTEMPTS * TIMEOUT_MS);
    expect(ms).toBeLessThan(ATTEMPTS * TIMEOUT_MS + 3000);
    expect(await peer.keys('c2/')).toEqual([]);
    console.log(`stalled PutObject: rejected after ${ms} ms (${ATTEMPTS} attempts × ${TIMEOUT_MS} ms timeout)`);
  });

  it('a PutObject carried out whose answer never comes: the key is deleted again', async () => {
    proxy.rule = (r) => (isPutObject(r) ? 'stall-after-forward' : 'pass');
    const { error } = await failedPut('c2/mail/d.pdf', randomBytes(10_000));
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect(proxy.requests.filter(isPutObject)).toHaveLength(ATTEMPTS);
    expect(
      proxy.requests.filter((r) => r.method === 'DELETE' && r.path.endsWith('/c2/mail/d.pdf') && !r.query.has('uploadId')),
    ).toHaveLength(1);
    expect(await peer.keys('c2/')).toEqual([]);
  });

  it('parts that stall: rejects after the timeouts, the multipart upload is aborted, nothing stored', async () => {
    proxy.rule = (r) => (isUploadPart(r) ? 'stall' : 'pass');
    const { error, ms } = await failedPut('c2/mail/e.pdf', randomStream(12 * MiB).stream);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect(ms).toBeLessThan(ATTEMPTS * TIMEOUT_MS + 3000);
    everyUploadAborted();
    expect(await peer.keys('c2/')).toEqual([]);
    console.log(`stalled UploadPart: rejected after ${ms} ms`);
  });

  it('a CompleteMultipartUpload carried out whose answer never comes: the object is deleted again', async () => {
    proxy.rule = (r) => (isCompleteMultipart(r) ? 'stall-after-forward' : 'pass');
    const { error } = await failedPut('c2/mail/f.pdf', randomStream(11 * MiB).stream);
    expect(error).toBeInstanceOf(StorageUnavailableError);
    expect(proxy.requests.filter(isCompleteMultipart).length).toBeGreaterThanOrEqual(1);
    everyUploadAborted();
    expect(await peer.keys('c2/')).toEqual([]);
  });

  it('reads: a 500 or a stall is StorageUnavailableError, never "not found"', async () => {
    await storage.put('c2/mail/g.pdf', randomBytes(1000));
    proxy.rule = (r) => (r.method === 'GET' || r.method === 'HEAD' ? 'fail' : 'pass');
    await expect(storage.get('c2/mail/g.pdf')).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(storage.getVerified('c2/mail/g.pdf', sha256(Buffer.alloc(0)))).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(storage.exists('c2/mail/g.pdf')).rejects.toBeInstanceOf(StorageUnavailableError);
    proxy.rule = (r) => (r.method === 'DELETE' ? 'stall' : 'pass');
    await expect(storage.delete('c2/mail/g.pdf')).rejects.toBeInstanceOf(StorageUnavailableError);
    proxy.rule = () => 'pass';
    expect(await storage.exists('c2/mail/g.pdf')).toBe(true);
    await storage.delete('c2/mail/g.pdf');
    await expect(storage.get('c2/mail/g.pdf')).rejects.toBeInstanceOf(FileNotFoundError);
  });

  it('a download that stops midway: the stream errors with StorageUnavailableError after the idle timeout, short of the last chunk', async () => {
    const content = randomBytes(2 * MiB);
    const stored = await storage.put('c2/mail/i.pdf', content);
    proxy.rule = (r) => (r.method === 'GET' ? 'stall-midway' : 'pass');
    const started = Date.now();
    const read = await drain(await storage.getVerified('c2/mail/i.pdf', stored.sha256));
    const ms = Date.now() - started;
    expect(read.error).toBeInstanceOf(StorageUnavailableError);
    expect((read.error as Error).message).toMatch(
      /^File storage: could not read c2\/mail\/i\.pdf in S3 bucket guichet-test \(TimeoutError/,
    );
    expect(read.bytes.length).toBeLessThanOrEqual(content.length / 2);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(ms).toBeLessThan(TIMEOUT_MS + 2000);
  });

  it('a server that does not answer at all: StorageUnavailableError', async () => {
    const closed = new S3FileStorage(peer.config({ endpoint: 'http://127.0.0.1:1', requestTimeoutMs: TIMEOUT_MS, maxAttempts: 1 }));
    try {
      await expect(closed.put('c2/mail/h.pdf', Buffer.from('x'))).rejects.toBeInstanceOf(StorageUnavailableError);
      await expect(closed.get('c2/mail/h.pdf')).rejects.toBeInstanceOf(StorageUnavailableError);
    } finally {
      closed.destroy();
    }
  });
});
