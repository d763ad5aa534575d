import { LocalFileStorage } from './local-storage';
import { S3FileStorage, type S3StorageConfig } from './s3-storage';
import type { FileStorage } from './storage';

/** Where stored files live, as the configuration says (config/env.ts: FILE_STORAGE, FILES_DIR, S3_*). */
export type FileStorageConfig = { kind: 'local'; dir: string } | ({ kind: 's3' } & S3StorageConfig);

/** The storage of the configuration: a local directory (the default) or an S3 bucket. */
export function createStorage(config: FileStorageConfig): FileStorage {
  if (config.kind === 's3') {
    const { kind: _kind, ...s3 } = config;
    return new S3FileStorage(s3);
  }
  return new LocalFileStorage(config.dir);
}
