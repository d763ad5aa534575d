import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { FileIntegrityError, FileNotFoundError, FileTooLargeError, type FileStorage } from '../storage';

/** A storage under test, with a way around it to look at and alter what it really holds. */
export interface StorageUnderTest {
  storage: FileStorage;
  /** Replaces the stored bytes of `key` directly, bypassing the storage (a disk or a bucket altered by hand). */
  overwrite(key: string, content: Buffer): Promise<void>;
  /** Everything the backend holds, temporary and partial leftovers included, as it lists it. */
  listAll(): Promise<string[]>;
  close(): Promise<void>;
}

const MiB = 1024 * 1024;

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** `size` random bytes in chunks of `chunk`, from a generator: a stream whose length nobody knows beforehand. */
export function randomStream(size: number, chunk = 64 * 1024): { stream: Readable; digest(): { size: number; sha256: string } } {
  const hash = createHash('sha256');
  let produced = 0;
  async function* generate(): AsyncGenerator<Buffer> {
    while (produced < size) {
      const part = randomBytes(Math.min(chunk, size - produced));
      produced += part.length;
      hash.update(part);
      yield part;
    }
  }
  return { stream: Readable.from(generate()), digest: () => ({ size: produced, sha256: hash.digest('hex') }) };
}

/** Reads a stream to its end: its bytes, or the error it ended with and how many bytes came before. */
export async function drain(stream: Readable): Promise<{ bytes: Buffer; error: unknown }> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { bytes: Buffer.concat(chunks), error: null };
  } catch (error) {
    return { bytes: Buffer.concat(chunks), error };
  }
}

let counter = 0;
const freshKey = (name: string): string => `c${Date.now().toString(36)}${(counter++).toString(36)}/mail/${name}.pdf`;

/**
 * The behaviour every FileStorage must have, as tests: run it with a factory of the implementation
 * (a fresh storage for the suite, closed at the end).
 */
export function describeStorageContract(name: string, make: () => Promise<StorageUnderTest>): void {
  describe(`${name}: the FileStorage contract`, () => {
    let t: StorageUnderTest;
    beforeAll(async () => {
      t = await make();
    });
    afterAll(async () => t.close());

    it('stores a Buffer and gives back the same bytes, its size and SHA-256', async () => {
      const key = freshKey('buffer');
      const content = randomBytes(MiB + 123);
      const stored = await t.storage.put(key, content);
      expect(stored).toEqual({ size: content.length, sha256: sha256(content) });
      expect(await t.storage.exists(key)).toBe(true);
      expect((await drain(await t.storage.get(key))).bytes.equals(content)).toBe(true);
      const verified = await drain(await t.storage.getVerified(key, stored.sha256));
      expect(verified.error).toBeNull();
      expect(verified.bytes.equals(content)).toBe(true);
      // An empty file is a file too.
      const empty = await t.storage.put(freshKey('empty'), Buffer.alloc(0));
      expect(empty).toEqual({ size: 0, sha256: sha256(Buffer.alloc(0)) });
    });

    it('stores a multi-megabyte stream of unknown length (several parts) and streams it back', async () => {
      const key = freshKey('stream');
      const source = randomStream(13 * MiB + 7);
      const stored = await t.storage.put(key, source.stream);
      expect(stored).toEqual(source.digest());
      const back = await t.storage.get(key);
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of back) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
      }
      expect({ size, sha256: hash.digest('hex') }).toEqual(stored);
      const verified = await drain(await t.storage.getVerified(key, stored.sha256));
      expect(verified.error).toBeNull();
      expect(sha256(verified.bytes)).toBe(stored.sha256);
    });

    it('refuses content over maxBytes with FileTooLargeError, and leaves nothing behind', async () => {
      const before = await t.listAll();
      const bufferKey = freshKey('too-large-buffer');
      await expect(t.storage.put(bufferKey, randomBytes(2048), { maxBytes: 2047 })).rejects.toBeInstanceOf(FileTooLargeError);
      // A stream found too large only after more than one part went out.
      const streamKey = freshKey('too-large-stream');
      const error = await t.storage.put(streamKey, randomStream(12 * MiB).stream, { maxBytes: 7 * MiB }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileTooLargeError);
      expect((error as FileTooLargeError).maxBytes).toBe(7 * MiB);
      expect(await t.storage.exists(bufferKey)).toBe(false);
      expect(await t.storage.exists(streamKey)).toBe(false);
      expect(await t.listAll()).toEqual(before);
      // Exactly maxBytes is accepted.
      const exact = randomBytes(4096);
      expect((await t.storage.put(freshKey('exact'), Readable.from([exact]), { maxBytes: 4096 })).size).toBe(4096);
    });

    it('keeps nothing when the source stream fails midway, and rejects with its error', async () => {
      const before = await t.listAll();
      const key = freshKey('broken-source');
      async function* broken(): AsyncGenerator<Buffer> {
        yield randomBytes(3 * MiB);
        yield randomBytes(3 * MiB);
        throw new Error('client went away');
      }
      await expect(t.storage.put(key, Readable.from(broken()))).rejects.toThrow('client went away');
      expect(await t.storage.exists(key)).toBe(false);
      expect(await t.listAll()).toEqual(before);
    });

    it('getVerified fails on a tampered file before handing over its last chunk', async () => {
      const key = freshKey('tampered');
      const content = randomBytes(3 * MiB);
      const stored = await t.storage.put(key, content);
      const tampered = Buffer.from(content);
      tampered.writeUInt8(tampered.readUInt8(10) ^ 0xff, 10);
      await t.overwrite(key, tampered);
      const read = await drain(await t.storage.getVerified(key, stored.sha256));
      expect(read.error).toBeInstanceOf(FileIntegrityError);
      expect(read.bytes.length).toBeLessThan(content.length);
      // Truncated: the same.
      await t.overwrite(key, content.subarray(0, content.length - 1));
      const truncated = await drain(await t.storage.getVerified(key, stored.sha256));
      expect(truncated.error).toBeInstanceOf(FileIntegrityError);
      expect(truncated.bytes.length).toBeLessThan(content.length - 1);
      // get() gives the raw bytes, unchecked.
      expect((await drain(await t.storage.get(key))).bytes.length).toBe(content.length - 1);
    });

    it('answers FileNotFoundError for a missing key; exists is false; delete succeeds', async () => {
      const key = freshKey('missing');
      await expect(t.storage.get(key)).rejects.toBeInstanceOf(FileNotFoundError);
      await expect(t.storage.getVerified(key, sha256(Buffer.alloc(0)))).rejects.toBeInstanceOf(FileNotFoundError);
      await expect(t.storage.get(key)).rejects.toMatchObject({ key });
      expect(await t.storage.exists(key)).toBe(false);
      await expect(t.storage.delete(key)).resolves.toBeUndefined();
    });

    it('deletes, and deleting again is no error', async () => {
      const key = freshKey('deleted');
      await t.storage.put(key, randomBytes(1000));
      await t.storage.delete(key);
      expect(await t.storage.exists(key)).toBe(false);
      await expect(t.storage.get(key)).rejects.toBeInstanceOf(FileNotFoundError);
      await expect(t.storage.delete(key)).resolves.toBeUndefined();
      expect((await t.listAll()).some((k) => k.includes(key))).toBe(false);
    });

    it('refuses keys that could leave the storage root or are malformed, writing nothing', async () => {
      const before = await t.listAll();
      const invalid = [
        '../x.pdf',
        '/abs/x.pdf',
        'a//b.pdf',
        'a\\b.pdf',
        'a/../b.pdf',
        'a/./b.pdf',
        '',
        '.hidden',
        'a/b/',
        `${'x'.repeat(256)}`,
      ];
      for (const key of invalid) {
        await expect(t.storage.put(key, Buffer.from('x'))).rejects.toThrow(/Invalid storage key/);
        await expect(t.storage.get(key)).rejects.toThrow(/Invalid storage key/);
        await expect(t.storage.getVerified(key, sha256(Buffer.from('x')))).rejects.toThrow(/Invalid storage key/);
        await expect(t.storage.delete(key)).rejects.toThrow(/Invalid storage key/);
        await expect(t.storage.exists(key)).rejects.toThrow(/Invalid storage key/);
      }
      expect(await t.listAll()).toEqual(before);
    });

    it('ends concurrent puts on one key with one whole file, one of those written', async () => {
      const key = freshKey('concurrent');
      const contents = [0, 1, 2, 3].map((i) => randomBytes(6 * MiB + i * 1000));
      const results = await Promise.all(contents.map((c, i) => t.storage.put(key, i % 2 === 0 ? c : Readable.from([c]))));
      expect(results.map((r) => r.sha256)).toEqual(contents.map(sha256));
      const final = (await drain(await t.storage.get(key))).bytes;
      expect(contents.map(sha256)).toContain(sha256(final));
      const stored = results.find((r) => r.sha256 === sha256(final));
      expect((await drain(await t.storage.getVerified(key, stored?.sha256 ?? ''))).error).toBeNull();
      expect((await t.listAll()).filter((k) => k.includes(key.split('/').pop() as string))).toHaveLength(1);
    });
  });
}
