// `node scripts/backup.mjs [--out <directory>]`: a backup of Guichet's database and stored files,
// taken while the product runs. It reads the server's configuration (DATABASE_URL, DATA_DIR,
// FILES_DIR) and writes <directory>/guichet-<date>/ (default directory: BACKUP_DIR, else ./backups):
//   database.sql     MySQL/MariaDB: mariadb-dump --single-transaction --routines (one consistent
//                    snapshot, without locking the tables)
//   database.sqlite  SQLite: the online backup of better-sqlite3 (consistent, the server may write meanwhile)
//   files/           a copy of FILES_DIR, taken after the database (every file a row names is there);
//                    with FILE_STORAGE=s3, nothing: the bucket's versioning and replication keep the files
//   manifest.json    what was backed up: sizes and SHA-256 of every file, the schema's migrations
// The directory is named <…>.partial until the manifest is written: one without it is unfinished.
// scripts/restore.mjs puts a backup back into an empty database and files directory (docs/operations.md).
import fs from 'node:fs';
import path from 'node:path';
import {
  apiRequire,
  findProgram,
  listFiles,
  MANIFEST,
  MANIFEST_FORMAT,
  mysqlOptions,
  Refusal,
  runMain,
  runTool,
  sha256,
  shown,
  targetFromEnv,
} from './backup-lib.mjs';

function parseArgs(argv) {
  const args = { out: process.env.BACKUP_DIR || './backups' };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      console.log('Usage: node scripts/backup.mjs [--out <directory>]   (reads DATABASE_URL, DATA_DIR, FILES_DIR)');
      process.exit(0);
    } else if (arg === '--out') {
      const value = argv[(i += 1)];
      if (!value) throw new Refusal('--out needs a directory');
      args.out = value;
    } else if (arg.startsWith('--out=')) args.out = arg.slice('--out='.length);
    else throw new Refusal(`unknown argument ${arg} (usage: node scripts/backup.mjs [--out <directory>])`);
  }
  return args;
}

/** MySQL/MariaDB: the dump, and the migrations the schema has. */
async function dumpMysql(target, dir) {
  const mysql = apiRequire('mysql2/promise');
  let conn;
  try {
    conn = await mysql.createConnection({ uri: target.url, connectTimeout: 10_000 });
  } catch (error) {
    throw new Refusal(`cannot reach the ${shown(target)}: ${error.message}`);
  }
  let migrations;
  try {
    const [tables] = await conn.query('SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE()');
    if (Number(tables[0].n) === 0) throw new Refusal(`the ${shown(target)} has no table: nothing to back up`);
    const [rows] = await conn.query('SELECT name FROM migrations ORDER BY timestamp');
    migrations = rows.map((r) => r.name);
  } finally {
    await conn.end();
  }
  const dump = findProgram(['mariadb-dump', 'mysqldump'], 'the database dump');
  const { options, cleanup } = mysqlOptions(target);
  const file = path.join(dir, 'database.sql');
  try {
    await runTool(
      dump,
      [
        ...options,
        // One snapshot of every InnoDB table, read without locking them: the product keeps running.
        '--single-transaction',
        '--routines',
        '--triggers',
        '--hex-blob',
        '--default-character-set=utf8mb4',
        '--no-tablespaces',
        // The database's name is not in the dump: it is restored into whichever database is named.
        target.database,
      ],
      { stdoutFile: file },
    );
  } finally {
    cleanup();
  }
  return { file: 'database.sql', migrations };
}

/** SQLite: the online backup API (pages copied while the server may keep writing). */
async function backupSqlite(target, dir) {
  if (!fs.existsSync(target.file)) throw new Refusal(`no SQLite database at ${target.file} (DATA_DIR=${target.dataDir})`);
  const Database = apiRequire('better-sqlite3');
  const db = new Database(target.file, { readonly: true, fileMustExist: true });
  try {
    await db.backup(path.join(dir, 'database.sqlite'));
    const migrations = db
      .prepare('SELECT name FROM migrations ORDER BY timestamp')
      .all()
      .map((r) => r.name);
    return { file: 'database.sqlite', migrations };
  } finally {
    db.close();
  }
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const target = targetFromEnv();
  const started = Date.now();
  const createdAt = new Date();
  const name = `guichet-${createdAt
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, 'Z')}`;
  const out = path.resolve(args.out);
  const finalDir = path.join(out, name);
  const partial = `${finalDir}.partial`;
  if (fs.existsSync(finalDir) || fs.existsSync(partial)) throw new Refusal(`${finalDir} exists already: wait a second and run again`);
  fs.mkdirSync(partial, { recursive: true });
  const where = target.storage.kind === 'local' ? target.filesDir : `the database alone (files in the S3 bucket ${target.storage.bucket})`;
  console.log(`▶ backing up the ${shown(target)} and ${where}`);
  try {
    const db = target.kind === 'mysql' ? await dumpMysql(target, partial) : await backupSqlite(target, partial);
    const dbFile = path.join(partial, db.file);
    const database = {
      kind: target.kind,
      file: db.file,
      bytes: fs.statSync(dbFile).size,
      sha256: await sha256(dbFile),
      migrations: db.migrations,
    };
    console.log(`  database: ${db.file}, ${database.bytes} bytes, ${db.migrations.length} migrations`);

    // The files after the database: every file a backed-up row names is there (files added since are
    // copied too, and named by no row of this backup).
    const files = [];
    const vanished = [];
    const local = target.storage.kind === 'local';
    // A file being written is a temporary file renamed when complete (storage/local-storage.ts): skipped.
    for (const rel of (local ? listFiles(target.filesDir) : []).filter((f) => !/\.[0-9a-f]{12}\.tmp$/.test(f))) {
      const source = path.join(target.filesDir, rel);
      const copy = path.join(partial, 'files', rel);
      fs.mkdirSync(path.dirname(copy), { recursive: true });
      try {
        fs.copyFileSync(source, copy);
      } catch (error) {
        // Deleted since the listing: no row of the backup needs it unless it was deleted after the dump.
        if (error.code !== 'ENOENT') throw error;
        vanished.push(rel);
        continue;
      }
      files.push({ path: rel, bytes: fs.statSync(copy).size, sha256: await sha256(copy) });
    }
    if (vanished.length > 0) console.log(`  ${vanished.length} file(s) deleted during the copy, not in the backup: ${vanished.join(', ')}`);
    const fileBytes = files.reduce((sum, f) => sum + f.bytes, 0);
    if (local) console.log(`  files: ${files.length}, ${fileBytes} bytes`);
    else console.log(`  files: in the S3 bucket ${target.storage.bucket}, not copied here (its versioning and replication keep them)`);

    const manifest = {
      format: MANIFEST_FORMAT,
      product: 'guichet',
      createdAt: createdAt.toISOString(),
      source: { database: shown(target), ...(local ? { filesDir: target.filesDir } : {}) },
      fileStorage: target.storage,
      database,
      files,
      ...(vanished.length > 0 ? { vanished } : {}),
      totals: { files: files.length, fileBytes, bytes: database.bytes + fileBytes },
    };
    fs.writeFileSync(path.join(partial, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.renameSync(partial, finalDir);
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  }
  console.log(`✓ backup written to ${finalDir} in ${Date.now() - started} ms`);
}

runMain(main);
