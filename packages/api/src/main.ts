import 'reflect-metadata';
import { loadEnv } from './config/env';
import { databaseKind, openDatabase } from './db/data-source';
import { seedDemoIfEmpty, type DemoLogin } from './seed/demo-seed';
import { startServer } from './server';
import { LocalFileStorage } from './storage/local-storage';

async function main(): Promise<void> {
  const env = loadEnv();
  // Migrations run when the database opens, then the demo seed, both under the migration lock on
  // MySQL/MariaDB: of several instances starting at once, one does them and the others wait. The HTTP
  // server listens only afterwards, so a load balancer sees a starting instance as not ready.
  const seed: { logins: DemoLogin[] | null } = { logins: null };
  const ds = await openDatabase(
    { url: env.DATABASE_URL, dataDir: env.dataDir },
    {
      lockTimeoutSeconds: env.MIGRATION_LOCK_TIMEOUT_SECONDS,
      log: (m) => console.log(m),
      setUp: env.SEED_DEMO
        ? async (db) => {
            seed.logins = await seedDemoIfEmpty(db, env.DEMO_PASSWORD, new Date(), {
              storage: new LocalFileStorage(env.filesDir),
              seller: env.seller,
            });
          }
        : undefined,
    },
  );
  const server = await startServer(env, { ds });
  const db = databaseKind({ url: env.DATABASE_URL }) === 'mysql' ? 'MySQL/MariaDB (DATABASE_URL)' : `SQLite (${env.dataDir})`;
  // With PORT=0 the system picks the port: the line shows the one in use.
  const shownUrl = env.PUBLIC_URL || env.PORT !== 0 ? env.publicUrl : `http://localhost:${server.port}`;
  const role = {
    all: '',
    api: '  —  role: api (no workers, no scheduled jobs)',
    worker: '  —  role: worker (workers and scheduled jobs; HTTP: /healthz and /readyz only)',
  }[server.role];
  console.log(`\nGuichet is running at ${shownUrl}${role}  —  database: ${db}`);
  if (!env.SMTP_URL && !env.isProduction && server.role !== 'worker')
    console.log(`Emails are kept in the development mailbox: ${env.publicUrl}/dev/mailbox`);
  if (seed.logins) {
    console.log(`\nDemo logins (password for all: ${env.DEMO_PASSWORD}):`);
    for (const login of seed.logins) console.log(`  ${login.email.padEnd(34)} ${login.description}`);
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
