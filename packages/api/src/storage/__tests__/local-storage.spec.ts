import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LocalFileStorage } from '../local-storage';
import { describeStorageContract } from './storage-contract';

/** Every file under `root`, as a relative path with `/`. */
function walk(root: string, dir = root): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? walk(root, path.join(dir, entry.name))
        : [path.relative(root, path.join(dir, entry.name)).split(path.sep).join('/')],
    )
    .sort();
}

describeStorageContract('LocalFileStorage', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-files-'));
  const storage = new LocalFileStorage(root);
  return {
    storage,
    overwrite: async (key, content) => fs.promises.writeFile(path.join(root, ...key.split('/')), content),
    listAll: async () => walk(root),
    close: async () => fs.rmSync(root, { recursive: true, force: true }),
  };
});
