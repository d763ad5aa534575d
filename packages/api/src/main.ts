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
    ? await seedDemoIfEmpty(ds, env.DEMO_PASSWORD, new Date(), { storage: new LocalFileStorage(env.filesDir), seller: env.seller })
    : null;
  const server = await startServer(env, { ds });
  const db = databaseKind({ url: env.DATABASE_URL }) === 'mysql' ? 'MySQL/MariaDB (DATABASE_URL)' : `SQLite (${env.dataDir})`;
  // With PORT=0 the system picks the port: the line shows the one in use.
  const shownUrl = env.PUBLIC_URL || env.PORT !== 0 ? env.publicUrl : `http://localhost:${server.port}`;
  console.log(`\nGuichet is running at ${shownUrl}  —  database: ${db}`);
  if (!env.SMTP_URL && !env.isProduction) console.log(`Emails are kept in the development mailbox: ${env.publicUrl}/dev/mailbox`);
  if (seeded) {
    console.log(`\nDemo logins (password for all: ${env.DEMO_PASSWORD}):`);
    for (const login of seeded) console.log(`  ${login.email.padEnd(34)} ${login.description}`);
  }
  console.log('');

  // Shutdown is ours alone: Apollo Server does not listen to the signals (stopOnTerminationSignals
  // is off in createApp), so one close() runs, in order, and the database closes last.
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    const timeoutMs = env.SHUTDOWN_TIMEOUT_MS;
    let closingDatabase = false;
    console.log(`${signal} received: finishing in-flight requests (at most ${timeoutMs} ms)…`);
    // Last resort, if something still hangs (a database that does not answer its close).
    const force = setTimeout(() => {
      console.error(
        `shutdown: not finished after ${timeoutMs} ms (still ${closingDatabase ? 'closing the database' : server.shutdownState()}); exiting with code 1 (SHUTDOWN_TIMEOUT_MS)`,
      );
      process.exit(1);
    }, timeoutMs);
    force.unref();
    server
      .close()
      .then(async () => {
        closingDatabase = true;
        await ds.destroy();
        console.log(`shutdown: database closed; exiting after ${Date.now() - started} ms`);
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error('shutdown failed:', error);
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
