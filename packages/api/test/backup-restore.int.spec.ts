import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import { openDatabase } from '../src/db/data-source';
import { seedDemoIfEmpty } from '../src/seed/demo-seed';
import { LocalFileStorage } from '../src/storage/local-storage';
import { API_DIR, buildIfStale, spawnServer, type Spawned } from './built-server';
import { describeFault } from './fault-support';
import { Client, DEMO_PASSWORD, PERSONA_EMAILS } from './harness';
import { createEmptyMysqlDatabase } from './test-database';

/**
 * scripts/backup.mjs and scripts/restore.mjs, run as an operator would: a built server seeds the
 * demo on a new MariaDB database; Bruno downloads a letter's scan; a backup is taken while the server
 * runs; it is restored into another new database and files directory; a built server started on the
 * copy serves Bruno the same bytes. A backup whose files no longer match their manifest, and a target
 * that is not empty, are refused with a message and nothing written. The same round trip on SQLite.
 */

const ROOT = path.resolve(API_DIR, '../..');
const MAIL_ITEMS = 'query($c: ID!) { company(id: $c) { mailItems(first: 5) { edges { node { id } } } } }';
const LINK = 'mutation($c: ID!, $m: ID!) { createMailItemLink(companyId: $c, mailItemId: $m) { url } }';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Runs one of the root scripts with this environment (and PATH) alone. */
function script(name: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', name), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** The one backup directory `out` holds. */
function onlyBackup(out: string): string {
  const dirs = fs.readdirSync(out).filter((d) => /^guichet-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/.test(d));
  expect(dirs).toHaveLength(1);
  return path.join(out, dirs[0] as string);
}

interface Manifest {
  database: { kind: string; file: string; bytes: number; sha256: string; migrations: string[] };
  files: { path: string; bytes: number; sha256: string }[];
}
const manifestOf = (dir: string): Manifest => JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;

/** Bruno signs in on `url` and downloads the scan of the first letter of Demo SAS: its id and bytes. */
async function brunoDownloadsAScan(url: string, companyId: string, itemId?: string): Promise<{ itemId: string; bytes: Buffer }> {
  const bruno = await new Client(url).login(PERSONA_EMAILS.bruno);
  const list = await bruno.gql<{ company: { mailItems: { edges: { node: { id: string } }[] } } }>(MAIL_ITEMS, { c: companyId });
  const id = itemId ?? list.data?.company.mailItems.edges[0]?.node.id ?? '';
  expect(list.data?.company.mailItems.edges.map((e) => e.node.id)).toContain(id);
  const link = await bruno.gql<{ createMailItemLink: { url: string } }>(LINK, { c: companyId, m: id });
  const target = new URL(link.data?.createMailItemLink.url ?? '');
  const res = await bruno.fetch(`${target.pathname}${target.search}`);
  expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/pdf']);
  return { itemId: id, bytes: Buffer.from(await res.arrayBuffer()) };
}

describeFault('backup and restore')('backup and restore on MariaDB, with built servers', () => {
  let source: Awaited<ReturnType<typeof createEmptyMysqlDatabase>>;
  let target: Awaited<ReturnType<typeof createEmptyMysqlDatabase>>;
  let refused: Awaited<ReturnType<typeof createEmptyMysqlDatabase>>;
  let out: string;
  const servers: Spawned[] = [];

  beforeAll(async () => {
    buildIfStale();
    [source, target, refused] = await Promise.all([createEmptyMysqlDatabase(), createEmptyMysqlDatabase(), createEmptyMysqlDatabase()]);
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-backups-'));
  }, 180_000);

  afterAll(async () => {
    for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await Promise.all([source?.drop(), target?.drop(), refused?.drop()]);
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it('a backup taken while the server runs, restored into a new database and files directory, serves the same scan', async () => {
    const env = (db: { url: string; dataDir: string }): Record<string, string> => ({
      NODE_ENV: 'production',
      FILE_URL_SECRET: randomBytes(32).toString('base64url'),
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: db.dataDir,
      DATABASE_URL: db.url,
      SEED_DEMO: 'true',
    });
    const original = await spawnServer(env(source));
    servers.push(original);
    expect(original.output()).toContain('Demo logins');
    const check = await createConnection({ uri: source.url });
    const [companies] = (await check.query('SELECT id FROM companies WHERE name = ?', ['Demo SAS'])) as [{ id: string }[], unknown];
    const [counts] = (await check.query(
      'SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM mail_items) AS mail, (SELECT COUNT(*) FROM invoices) AS invoices',
    )) as [{ users: number; mail: number; invoices: number }[], unknown];
    await check.end();
    const demoId = companies[0]?.id ?? '';
    const before = await brunoDownloadsAScan(`http://127.0.0.1:${original.port}`, demoId);

    // The backup, the server still running.
    const backup = await script('backup.mjs', ['--out', out], { DATABASE_URL: source.url, DATA_DIR: source.dataDir });
    expect([backup.code, backup.output]).toEqual([0, expect.stringContaining('✓ backup written to')]);
    const dir = onlyBackup(out);
    const manifest = manifestOf(dir);
    expect(manifest.database).toMatchObject({ kind: 'mysql', file: 'database.sql' });
    expect(manifest.database.migrations.length).toBeGreaterThan(0);
    expect(fs.readFileSync(path.join(dir, 'database.sql'), 'utf8')).not.toMatch(/^CREATE DATABASE/m);
    // The scan Bruno downloaded is one of the files backed up, byte for byte.
    expect(manifest.files.map((f) => f.sha256)).toContain(sha256(before.bytes));

    // A backup whose files no longer match the manifest is refused, and nothing is written.
    const tampered = path.join(out, 'tampered');
    fs.cpSync(dir, tampered, { recursive: true });
    const victim = path.join(tampered, 'files', manifest.files[0]?.path ?? '');
    const bytes = fs.readFileSync(victim);
    bytes[0] = (bytes[0] ?? 0) ^ 0xff;
    fs.writeFileSync(victim, bytes);
    const refusedFiles = path.join(refused.dataDir, 'files');
    const bad = await script('restore.mjs', [tampered], { DATABASE_URL: refused.url, DATA_DIR: refused.dataDir });
    expect(bad.code).toBe(2);
    expect(bad.output).toContain('the backup does not match its manifest; nothing was restored');
    expect(bad.output).toContain(`files/${manifest.files[0]?.path}: SHA-256 differs from the manifest`);
    const empty = await createConnection({ uri: refused.url });
    const [tables] = (await empty.query('SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE()')) as [
      { n: number }[],
      unknown,
    ];
    await empty.end();
    expect(Number(tables[0]?.n)).toBe(0);
    expect(fs.existsSync(refusedFiles) ? fs.readdirSync(refusedFiles) : []).toEqual([]);

    // The restore, into a new database and files directory; a second one into the same is refused.
    const restore = await script('restore.mjs', [dir], { DATABASE_URL: target.url, DATA_DIR: target.dataDir });
    expect([restore.code, restore.output]).toEqual([0, expect.stringContaining('✓ restored the backup')]);
    const again = await script('restore.mjs', [dir], { DATABASE_URL: target.url, DATA_DIR: path.join(target.dataDir, 'other') });
    expect(again.code).toBe(2);
    expect(again.output).toMatch(/is not empty \(\d+ tables\): restore into a new, empty database/);
    const restoredCheck = await createConnection({ uri: target.url });
    const [restoredCounts] = (await restoredCheck.query(
      'SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COUNT(*) FROM mail_items) AS mail, (SELECT COUNT(*) FROM invoices) AS invoices',
    )) as [{ users: number; mail: number; invoices: number }[], unknown];
    await restoredCheck.end();
    expect(restoredCounts[0]).toEqual(counts[0]);

    // The original stops; a server on the copy finds its schema up to date and the demo there, and serves the same bytes.
    original.child.kill('SIGTERM');
    expect(await original.exited).toEqual({ code: 0, signal: null });
    const copy = await spawnServer(env(target));
    servers.push(copy);
    expect(copy.output()).toMatch(/database: schema up to date/);
    expect(copy.output()).not.toContain('Demo logins');
    const after = await brunoDownloadsAScan(`http://127.0.0.1:${copy.port}`, demoId, before.itemId);
    expect(sha256(after.bytes)).toBe(sha256(before.bytes));
    console.log(
      `backup and restore (MariaDB): ${manifest.database.migrations.length} migrations, database dump ${manifest.database.bytes} bytes, ` +
        `${manifest.files.length} files (${manifest.files.reduce((s, f) => s + f.bytes, 0)} bytes); ` +
        `${backup.output.match(/in (\d+) ms/)?.[1]} ms to back up, ${restore.output.match(/in (\d+) ms/)?.[1]} ms to restore; ` +
        `rows restored: ${JSON.stringify(restoredCounts[0])}`,
    );
    copy.child.kill('SIGTERM');
    expect(await copy.exited).toEqual({ code: 0, signal: null });
  }, 180_000);
});

describe('backup and restore on SQLite', () => {
  const dirs: string[] = [];
  const tmp = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-backup-sqlite-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it('backs up the SQLite file (online backup API) and the files, and restores both into a new DATA_DIR', async () => {
    const sourceDir = tmp();
    const ds = await openDatabase({ dataDir: sourceDir });
    await seedDemoIfEmpty(ds, DEMO_PASSWORD, new Date(), { storage: new LocalFileStorage(path.join(sourceDir, 'files')), invoices: false });
    // The backup is taken while the data source is open, as the server's would be.
    const out = tmp();
    const backup = await script('backup.mjs', [`--out=${out}`], { DATA_DIR: sourceDir });
    await ds.destroy();
    expect([backup.code, backup.output]).toEqual([0, expect.stringContaining('✓ backup written to')]);
    const dir = onlyBackup(out);
    expect(manifestOf(dir).database).toMatchObject({ kind: 'sqlite', file: 'database.sqlite' });

    // A SQLite backup cannot go into a MySQL/MariaDB target, and says so.
    const wrongKind = await script('restore.mjs', [dir], { DATABASE_URL: 'mysql://root@127.0.0.1:1/nothing', DATA_DIR: tmp() });
    expect([wrongKind.code, wrongKind.output]).toEqual([2, expect.stringContaining('this backup is of a SQLite database')]);

    const targetDir = path.join(tmp(), 'restored');
    const restore = await script('restore.mjs', [dir], { DATA_DIR: targetDir });
    expect([restore.code, restore.output]).toEqual([0, expect.stringContaining('✓ restored the backup')]);
    const query = (dataDir: string): unknown[] => {
      const db = new Database(path.join(dataDir, 'guichet.sqlite'), { readonly: true });
      try {
        return db.prepare('SELECT id, file_key FROM mail_items ORDER BY id').all();
      } finally {
        db.close();
      }
    };
    const rows = query(sourceDir);
    expect(rows.length).toBeGreaterThan(0);
    expect(query(targetDir)).toEqual(rows);
    const files = (d: string): Record<string, string> => {
      const out: Record<string, string> = {};
      const walk = (rel: string): void => {
        for (const e of fs.readdirSync(path.join(d, rel), { withFileTypes: true })) {
          const r = path.join(rel, e.name);
          if (e.isDirectory()) walk(r);
          else out[r] = sha256(fs.readFileSync(path.join(d, r)));
        }
      };
      walk('');
      return out;
    };
    expect(files(path.join(targetDir, 'files'))).toEqual(files(path.join(sourceDir, 'files')));
    // Restoring over it is refused: the script overwrites nothing.
    const again = await script('restore.mjs', [dir], { DATA_DIR: targetDir });
    expect([again.code, again.output]).toEqual([
      2,
      expect.stringMatching(/holds \d+ file\(s\): restore into a new, empty files directory/),
    ]);
  }, 60_000);
});
