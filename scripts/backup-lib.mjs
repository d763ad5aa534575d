// What scripts/backup.mjs and scripts/restore.mjs share: the configuration they read (the same
// variables as the server), the MariaDB/MySQL command-line tools, checksums and the manifest.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { root } from './lib.mjs';

/** Modules of the API package (mysql2, better-sqlite3), resolved from there. */
export const apiRequire = createRequire(path.join(root, 'packages/api/package.json'));

export const MANIFEST = 'manifest.json';
export const MANIFEST_FORMAT = 1;

/** A refusal with a message for the operator (no stack trace), and exit code 2. */
export class Refusal extends Error {}

/** The database and the files directory, from DATABASE_URL, DATA_DIR and FILES_DIR as the server reads them. */
export function targetFromEnv(env = process.env) {
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const filesDir = path.resolve(env.FILES_DIR || path.join(dataDir, 'files'));
  // With FILE_STORAGE=s3 the files are in a bucket, backed up by its versioning and replication
  // (docs/operations.md, "Backups and restore"): these scripts then handle the database alone.
  const storage = env.FILE_STORAGE === 's3' ? { kind: 's3', bucket: env.S3_BUCKET || '', prefix: env.S3_PREFIX || '' } : { kind: 'local' };
  const url = env.DATABASE_URL || '';
  if (url) {
    if (!/^(mysql|mariadb):\/\//.test(url)) throw new Refusal('DATABASE_URL must start with mysql:// or mariadb://');
    const parsed = new URL(url.replace(/^mariadb:/, 'mysql:'));
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
    if (!database) throw new Refusal('DATABASE_URL names no database (mysql://user:password@host:3306/<database>)');
    return {
      kind: 'mysql',
      url: parsed.toString(),
      database,
      host: parsed.hostname || '127.0.0.1',
      port: parsed.port || '3306',
      user: decodeURIComponent(parsed.username || 'root'),
      password: decodeURIComponent(parsed.password || ''),
      filesDir,
      storage,
    };
  }
  return { kind: 'sqlite', file: path.join(dataDir, 'guichet.sqlite'), dataDir, filesDir, storage };
}

/** Where a database url points, without its password, for messages. */
export function shown(target) {
  return target.kind === 'mysql'
    ? `MySQL/MariaDB database ${target.database} at ${target.host}:${target.port}`
    : `SQLite file ${target.file}`;
}

/** The first of these programs found in PATH (or the sbin directories), else a refusal naming them. */
export function findProgram(names, what) {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
  for (const name of names) {
    for (const dir of dirs) {
      if (!dir) continue;
      const candidate = path.join(dir, name);
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  throw new Refusal(`${what}: none of ${names.join(', ')} found in PATH (Debian/Ubuntu package mariadb-client)`);
}

/**
 * Options of the mariadb/mariadb-dump tools for `target`. The password goes in an option file readable
 * by this user only (not on the command line, where `ps` shows it); `cleanup()` removes it.
 */
export function mysqlOptions(target) {
  const options = [`--host=${target.host}`, `--port=${target.port}`, `--user=${target.user}`, '--protocol=TCP'];
  if (!target.password) return { options, cleanup: () => undefined };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-backup-'));
  const file = path.join(dir, 'client.cnf');
  fs.writeFileSync(file, `[client]\npassword="${target.password.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"\n`, { mode: 0o600 });
  // --defaults-extra-file must come first.
  return { options: [`--defaults-extra-file=${file}`, ...options], cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Runs a program; stdin from a file, stdout to a file (either optional). Rejects with its stderr on failure. */
export function runTool(program, args, { stdinFile, stdoutFile } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: [stdinFile ? 'pipe' : 'ignore', stdoutFile ? 'pipe' : 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const out = stdoutFile ? fs.createWriteStream(stdoutFile) : null;
    const written = out ? new Promise((done, fail) => out.on('finish', done).on('error', fail)) : Promise.resolve();
    if (out) child.stdout.pipe(out);
    if (stdinFile) fs.createReadStream(stdinFile).on('error', reject).pipe(child.stdin);
    child.on('error', reject);
    child.on('close', (code) => {
      written.then(() => {
        if (code === 0) resolve(stderr);
        else reject(new Refusal(`${path.basename(program)} failed (exit ${code}): ${stderr.trim() || 'no message'}`));
      }, reject);
    });
  });
}

export async function sha256(file) {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk);
  return hash.digest('hex');
}

/** Every regular file under `dir`, as paths relative to it with `/` separators, sorted. */
export function listFiles(dir) {
  const out = [];
  const walk = (relative) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) out.push(rel);
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out.sort();
}

/** Reads and checks a backup's manifest; a refusal says what is wrong. */
export function readManifest(backupDir) {
  const file = path.join(backupDir, MANIFEST);
  if (!fs.existsSync(file)) throw new Refusal(`${backupDir} is not a backup: no ${MANIFEST} in it (an unfinished backup has none)`);
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Refusal(`${file} is not valid JSON: ${error.message}`);
  }
  if (manifest?.format !== MANIFEST_FORMAT)
    throw new Refusal(`${file}: format ${manifest?.format} is not ${MANIFEST_FORMAT}, the one this script reads`);
  if (!manifest.database || !Array.isArray(manifest.files)) throw new Refusal(`${file}: no database or files entry`);
  return manifest;
}

/**
 * Checks every file of the backup against the manifest (size and SHA-256): the list of what differs,
 * empty when the backup is intact.
 */
export async function verifyBackup(backupDir, manifest) {
  const problems = [];
  const entries = [{ path: manifest.database.file, bytes: manifest.database.bytes, sha256: manifest.database.sha256 }];
  for (const f of manifest.files) entries.push({ ...f, path: `files/${f.path}` });
  for (const entry of entries) {
    const file = path.join(backupDir, entry.path);
    if (path.relative(backupDir, file).startsWith('..')) {
      problems.push(`${entry.path}: outside the backup`);
      continue;
    }
    if (!fs.existsSync(file)) {
      problems.push(`${entry.path}: missing`);
      continue;
    }
    const bytes = fs.statSync(file).size;
    if (bytes !== entry.bytes) {
      problems.push(`${entry.path}: ${bytes} bytes, ${entry.bytes} expected`);
      continue;
    }
    if ((await sha256(file)) !== entry.sha256) problems.push(`${entry.path}: SHA-256 differs from the manifest`);
  }
  return problems;
}

/** Runs `main`, printing a refusal's message alone (exit 2) and anything else with its stack (exit 1). */
export function runMain(main) {
  main().then(
    () => process.exit(0),
    (error) => {
      if (error instanceof Refusal) {
        console.error(`✗ ${error.message}`);
        process.exit(2);
      }
      console.error(error);
      process.exit(1);
    },
  );
}
