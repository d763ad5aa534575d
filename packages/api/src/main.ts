import 'reflect-metadata';
import { loadEnv } from './config/env';
import { databaseKind, openDatabase } from './db/data-source';
import { seedDemoIfEmpty } from './seed/demo-seed';
import { startServer } from './server';
import { LocalFileStorage } from './storage/local-storage';

async function main(): Promise<void> {
  const env = loadEnv();
  // Migrations run when the database opens; the demo seed goes in before the first request.
  const ds = await openDatabase({ url: env.DATABASE_URL, dataDir: env.dataDir });
  const seeded = env.SEED_DEMO
    ? await seedDemoIfEmpty(ds, env.DEMO_PASSWORD, new Date(), { storage: new LocalFileStorage(env.filesDir) })
    : null;
  const server = await startServer(env, { ds });
  const db = databaseKind({ url: env.DATABASE_URL }) === 'mysql' ? 'MySQL/MariaDB (DATABASE_URL)' : `SQLite (${env.dataDir})`;
  console.log(`\nGuichet is running at ${env.publicUrl}  —  database: ${db}`);
  if (!env.SMTP_URL && !env.isProduction) console.log(`Emails are kept in the development mailbox: ${env.publicUrl}/dev/mailbox`);
  if (seeded) {
    console.log(`\nDemo logins (password for all: ${env.DEMO_PASSWORD}):`);
    for (const login of seeded) console.log(`  ${login.email.padEnd(34)} ${login.description}`);
  }
  console.log('');

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing in-flight requests…`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server
      .close()
      .then(() => ds.destroy())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
