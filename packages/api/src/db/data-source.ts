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
      extra: { connectionLimit: 10 },
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

export async function openDatabase(config: DatabaseConfig): Promise<DataSource> {
  const ds = new DataSource(dataSourceOptions(config));
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  return ds;
}
