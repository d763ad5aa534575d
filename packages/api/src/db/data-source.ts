import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { migrations } from './migrations';
import { entities } from './entities';

export type DatabaseKind = 'mysql' | 'sqlite';

export interface DatabaseConfig {
  /** mysql://… or mariadb://…; absent means the embedded SQLite file. */
  url?: string;
  /** Directory holding the SQLite file when no url is given. */
  dataDir: string;
  /** SQLite file name inside dataDir (default guichet.sqlite). */
  sqliteFile?: string;
  logging?: boolean;
}

export function databaseKind(config: Pick<DatabaseConfig, 'url'>): DatabaseKind {
  return config.url ? 'mysql' : 'sqlite';
}

export function dataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  const common = { entities, migrations, synchronize: false, migrationsRun: false, logging: config.logging ?? false } as const;
  if (config.url) {
    return {
      ...common,
      type: 'mysql',
      url: config.url.replace(/^mariadb:/, 'mysql:'),
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      dateStrings: false,
      // trace: false — mysql2 otherwise captures a stack trace on every query, for error messages only.
      extra: { connectionLimit: 10, trace: false },
    };
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: path.join(config.dataDir, config.sqliteFile ?? 'guichet.sqlite'),
    prepareDatabase: (db: { pragma: (s: string) => unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}

export interface OpenOptions {
  /**
   * Work that must be done once, by one instance, after the migrations (the demo seed): it runs
   * under the same lock, so an instance starting meanwhile finds it done.
   */
  setUp?: (ds: DataSource) => Promise<void>;
  /** How long to wait for another instance's migrations (MySQL/MariaDB), in seconds. Default 600. */
  lockTimeoutSeconds?: number;
  /** Where to say which migrations ran, and that another instance is being waited for. */
  log?: (message: string) => void;
}

/** Opens the database and brings its schema up to date (every migration not applied yet). */
export async function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(config));
  await ds.initialize();
  try {
    await underMigrationLock(ds, options, async () => {
      const applied = await ds.runMigrations({ transaction: 'each' });
      options.log?.(
        applied.length > 0
          ? `database: ${applied.length} migration(s) applied (${applied.map((m) => m.name).join(', ')})`
          : `database: schema up to date (${migrations.length} migrations)`,
      );
      await options.setUp?.(ds);
    });
  } catch (error) {
    await ds.destroy();
    throw error;
  }
  return ds;
}

/**
 * The name of the migration lock. MySQL's named locks are server-wide, so the database's name is
 * part of it (two databases on one server do not wait on each other); names are at most 64 characters.
 */
export function migrationLockName(database: string): string {
  const name = `guichet_migrations:${database}`;
  return name.length <= 64 ? name : `guichet_migrations:${createHash('sha256').update(database).digest('hex').slice(0, 40)}`;
}

/**
 * Runs `work` while holding the migration lock. MySQL/MariaDB: `GET_LOCK` on one connection kept
 * for the purpose (a QueryRunner), released with `RELEASE_LOCK` on that same connection — or by the
 * server if the connection dies. Instances starting together queue here: the first migrates, the
 * others then find nothing to do. SQLite is used by one process: no lock.
 */
async function underMigrationLock(ds: DataSource, options: OpenOptions, work: () => Promise<void>): Promise<void> {
  if (ds.options.type !== 'mysql') return work();
  const runner = ds.createQueryRunner();
  try {
    const [{ db }] = (await runner.query('SELECT DATABASE() AS db')) as [{ db: string }];
    const name = migrationLockName(db);
    const timeout = options.lockTimeoutSeconds ?? 600;
    const take = async (seconds: number): Promise<boolean> => {
      const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS got', [name, seconds])) as [{ got: number | string | null }];
      if (row.got === null) throw new Error(`database: could not take the migration lock ${name}`);
      return Number(row.got) === 1;
    };
    if (!(await take(0))) {
      options.log?.(`database: another instance is migrating; waiting for it (at most ${timeout} s)`);
      if (!(await take(timeout))) {
        throw new Error(
          `database: the migration lock ${name} was still held after ${timeout} s (MIGRATION_LOCK_TIMEOUT_SECONDS); is another instance stuck in a migration?`,
        );
      }
    }
    try {
      await work();
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [name]);
    }
  } finally {
    await runner.release();
  }
}
