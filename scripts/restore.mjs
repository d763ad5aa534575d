// `node scripts/restore.mjs <backup directory>`: puts a backup made by scripts/backup.mjs back into
// the database and files directory the server's configuration names (DATABASE_URL, DATA_DIR,
// FILES_DIR). Both must be new and empty: the script never overwrites anything. It first checks every
// file of the backup against its manifest (size, SHA-256) and writes nothing if one differs; then it
// loads the database (MySQL/MariaDB: created if missing, with the `mariadb` client; SQLite: the
// backed-up file), copies the files and checks their copies. Start the server on the result as usual.
import fs from 'node:fs';
import path from 'node:path';
import {
  apiRequire,
  findProgram,
  listFiles,
  mysqlOptions,
  readManifest,
  Refusal,
  runMain,
  runTool,
  sha256,
  shown,
  targetFromEnv,
  verifyBackup,
} from './backup-lib.mjs';

const KIND = { mysql: 'MySQL/MariaDB', sqlite: 'SQLite' };

async function restoreMysql(target, backupDir, manifest) {
  const mysql = apiRequire('mysql2/promise');
  const server = new URL(target.url);
  server.pathname = '/';
  let conn;
  try {
    conn = await mysql.createConnection({ uri: server.toString(), connectTimeout: 10_000 });
  } catch (error) {
    throw new Refusal(`cannot reach the MySQL/MariaDB server at ${target.host}:${target.port}: ${error.message}`);
  }
  try {
    const quoted = `\`${target.database.replace(/`/g, '``')}\``;
    await conn.query(`CREATE DATABASE IF NOT EXISTS ${quoted} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const [tables] = await conn.query('SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = ?', [target.database]);
    const count = Number(tables[0].n);
    if (count > 0) {
      throw new Refusal(`the ${shown(target)} is not empty (${count} tables): restore into a new, empty database`);
    }
  } finally {
    await conn.end();
  }
  const client = findProgram(['mariadb', 'mysql'], 'loading the dump');
  const { options, cleanup } = mysqlOptions(target);
  try {
    await runTool(client, [...options, '--default-character-set=utf8mb4', `--database=${target.database}`], {
      stdinFile: path.join(backupDir, manifest.database.file),
    });
  } catch (error) {
    throw new Refusal(
      `${error.message}\nThe ${shown(target)} may hold part of the backup now: drop it and create it empty before trying again.`,
    );
  } finally {
    cleanup();
  }
  const check = await mysql.createConnection({ uri: target.url });
  try {
    const [rows] = await check.query('SELECT name FROM migrations ORDER BY timestamp');
    return rows.map((r) => r.name);
  } finally {
    await check.end();
  }
}

async function restoreSqlite(target, backupDir, manifest) {
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(`${target.file}${suffix}`)) {
      throw new Refusal(`${target.file}${suffix} exists: restore into a DATA_DIR without a database (the script overwrites nothing)`);
    }
  }
  fs.mkdirSync(path.dirname(target.file), { recursive: true });
  fs.copyFileSync(path.join(backupDir, manifest.database.file), target.file, fs.constants.COPYFILE_EXCL);
  const Database = apiRequire('better-sqlite3');
  const db = new Database(target.file, { fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new Refusal(`the restored SQLite file fails its integrity check: ${integrity}`);
    return db
      .prepare('SELECT name FROM migrations ORDER BY timestamp')
      .all()
      .map((r) => r.name);
  } finally {
    db.close();
  }
}

async function main() {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h') || argv.length !== 1) {
    const usage = 'Usage: node scripts/restore.mjs <backup directory>   (restores into DATABASE_URL or DATA_DIR, and FILES_DIR)';
    if (argv.length === 1) {
      console.log(usage);
      return;
    }
    throw new Refusal(argv.length === 0 ? `which backup? ${usage}` : `one backup directory, not ${argv.length} arguments. ${usage}`);
  }
  const backupDir = path.resolve(argv[0]);
  if (!fs.existsSync(backupDir) || !fs.statSync(backupDir).isDirectory()) throw new Refusal(`${backupDir} is not a directory`);
  const started = Date.now();
  const target = targetFromEnv();
  const manifest = readManifest(backupDir);
  if (manifest.database.kind !== target.kind) {
    throw new Refusal(
      `this backup is of a ${KIND[manifest.database.kind] ?? manifest.database.kind} database and the target is ${KIND[target.kind]}: ` +
        (target.kind === 'sqlite'
          ? 'set DATABASE_URL to the MySQL/MariaDB database to restore it into'
          : 'unset DATABASE_URL and set DATA_DIR'),
    );
  }
  const backedUpStorage = manifest.fileStorage?.kind ?? 'local';
  if (backedUpStorage !== target.storage.kind) {
    throw new Refusal(
      backedUpStorage === 's3'
        ? `this backup's files are in the S3 bucket ${manifest.fileStorage.bucket}, and the target stores files locally: set FILE_STORAGE=s3 and the S3_* settings of the bucket (or of its restored copy)`
        : 'this backup holds a files directory, and the target stores files in S3: restore with FILE_STORAGE=local and a FILES_DIR (then copy the files to the bucket, e.g. with aws s3 sync)',
    );
  }
  const existing = target.storage.kind === 'local' ? listFiles(target.filesDir) : [];
  if (existing.length > 0) {
    throw new Refusal(`${target.filesDir} holds ${existing.length} file(s): restore into a new, empty files directory (FILES_DIR)`);
  }

  console.log(`▶ checking ${backupDir} against its manifest (${manifest.totals.files} files, ${manifest.totals.bytes} bytes)`);
  const problems = await verifyBackup(backupDir, manifest);
  if (problems.length > 0) {
    throw new Refusal(`the backup does not match its manifest; nothing was restored:\n  ${problems.join('\n  ')}`);
  }

  console.log(`▶ restoring the database into the ${shown(target)}`);
  const migrations =
    target.kind === 'mysql' ? await restoreMysql(target, backupDir, manifest) : await restoreSqlite(target, backupDir, manifest);
  if (JSON.stringify(migrations) !== JSON.stringify(manifest.database.migrations)) {
    throw new Refusal(
      `the restored database lists ${migrations.length} migrations, the manifest ${manifest.database.migrations.length}: the restore is not complete`,
    );
  }

  if (target.storage.kind === 's3') console.log(`  files: in the S3 bucket ${target.storage.bucket}; none in this backup`);
  else console.log(`▶ restoring ${manifest.files.length} files into ${target.filesDir}`);
  const mismatched = [];
  for (const f of manifest.files) {
    const destination = path.join(target.filesDir, f.path);
    if (path.relative(target.filesDir, destination).startsWith('..')) throw new Refusal(`${f.path}: outside the files directory`);
    fs.mkdirSync(path.dirname(destination), { recursive: true });
    fs.copyFileSync(path.join(backupDir, 'files', f.path), destination, fs.constants.COPYFILE_EXCL);
    if ((await sha256(destination)) !== f.sha256) mismatched.push(f.path);
  }
  if (mismatched.length > 0) throw new Refusal(`these restored files differ from the backup: ${mismatched.join(', ')}`);

  console.log(
    `✓ restored the backup of ${manifest.createdAt} (${migrations.length} migrations, ${manifest.files.length} files) in ${Date.now() - started} ms`,
  );
}

runMain(main);
