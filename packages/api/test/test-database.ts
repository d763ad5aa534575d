import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { dbDate } from '../src/db/columns';
import { openDatabase } from '../src/db/data-source';

export interface TestDatabase {
  ds: DataSource;
  kind: 'mysql' | 'sqlite';
  /** The url the data source was opened with (mysql) — for a second connection in tests. */
  url: string | undefined;
  dataDir: string;
  /** A Date as this database compares it in raw SQL. */
  date(d: Date): Date | string;
  drop(): Promise<void>;
}

/** A fresh database for one test file, with every migration applied. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const target = process.env.GUICHET_TEST_DB ?? 'sqlite';
  const name = `guichet_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-test-'));
  if (target === 'sqlite') {
    const ds = await openDatabase({ dataDir });
    return {
      ds,
      kind: 'sqlite',
      url: undefined,
      dataDir,
      date: (d) => dbDate('better-sqlite3', d),
      drop: async () => {
        await ds.destroy();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const server = new URL(target.replace(/^mariadb:/, 'mysql:'));
  server.pathname = '/';
  const admin = await createConnection({ uri: server.toString() });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  const ds = await openDatabase({ url: url.toString(), dataDir });
  return {
    ds,
    kind: 'mysql',
    url: url.toString(),
    dataDir,
    date: (d) => dbDate('mysql', d),
    drop: async () => {
      await ds.destroy();
      const conn = await createConnection({ uri: server.toString() });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A new MySQL/MariaDB database with nothing in it, not even the migrations (tests of what instances
 * do when they start on it), and its own data directory. Throws on SQLite.
 */
export async function createEmptyMysqlDatabase(): Promise<{ url: string; dataDir: string; drop(): Promise<void> }> {
  const target = process.env.GUICHET_TEST_DB ?? 'sqlite';
  if (target === 'sqlite') throw new Error('createEmptyMysqlDatabase: the tests run on SQLite');
  const name = `guichet_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const server = new URL(target.replace(/^mariadb:/, 'mysql:'));
  server.pathname = '/';
  const admin = await createConnection({ uri: server.toString() });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-test-'));
  return {
    url: url.toString(),
    dataDir,
    drop: async () => {
      const conn = await createConnection({ uri: server.toString() });
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
