import 'reflect-metadata';
import { loadEnv } from './config/env';
import { databaseKind, openDatabase } from './db/data-source';
import { listenWhileStarting } from './http/starting';
import { createLogger, logFunction } from './observability/logger';
import { seedDemoIfEmpty, type DemoLogin } from './seed/demo-seed';
import { startServer } from './server';
import { createStorage } from './storage/create-storage';

/** Where a failure to start is told: stderr until the logger exists, then the log. */
let fatal = (message: string): void => console.error(message);

async function main(): Promise<void> {
  const env = loadEnv();
  const logger = createLogger({ level: env.LOG_LEVEL, format: env.logFormat });
  const log = logFunction(logger);
  // The start-up lines (where it runs, the demo logins) are written whatever LOG_LEVEL: people and
  // scripts wait for them.
  const startup = createLogger({ level: 'info', format: env.logFormat });
  fatal = (message) => startup.fatal(message);
  // With PORT=0 the system picks the port: the lines show the one in use.
  const shownUrl = (port: number): string => (env.PUBLIC_URL || env.PORT !== 0 ? env.publicUrl : `http://localhost:${port}`);
  // The port opens first: while the migrations and the demo seed run, /healthz answers 200 and
  // /readyz 503 ("migrating"), every other request 503 with Retry-After. They run under the migration
  // lock on MySQL/MariaDB: of several instances starting at once, one does them and the others wait.
  const starting = await listenWhileStarting(env.PORT, env.HOST, logger);
  startup.info(`Guichet is starting at ${shownUrl(starting.port)}: migrating the database; /readyz answers 503 until it is ready`);
  const seed: { logins: DemoLogin[] | null } = { logins: null };
  const ds = await openDatabase(
    { url: env.DATABASE_URL, dataDir: env.dataDir },
    {
      lockTimeoutSeconds: env.MIGRATION_LOCK_TIMEOUT_SECONDS,
      log,
      setUp: env.SEED_DEMO
        ? async (db) => {
            seed.logins = await seedDemoIfEmpty(db, env.DEMO_PASSWORD, new Date(), {
              storage: createStorage(env.fileStorage),
              seller: env.seller,
            });
          }
        : undefined,
    },
  );
  const server = await startServer(env, { ds, logger, log, starting });
  const db = databaseKind({ url: env.DATABASE_URL }) === 'mysql' ? 'MySQL/MariaDB (DATABASE_URL)' : `SQLite (${env.dataDir})`;
  const role = {
    all: '',
    api: '  —  role: api (no workers, no scheduled jobs)',
    worker: '  —  role: worker (workers and scheduled jobs; HTTP: /healthz and /readyz only)',
  }[server.role];
  startup.info(`Guichet is running at ${shownUrl(server.port)}${role}  —  database: ${db}`);
  if (!env.SMTP_URL && !env.isProduction && server.role !== 'worker')
    startup.info(`Emails are kept in the development mailbox: ${env.publicUrl}/dev/mailbox`);
  if (seed.logins) {
    const logins = seed.logins.map(({ email, description }) => ({ email, description }));
    // A password never goes into JSON logs (they are collected and kept); the readable format is for
    // the person at the terminal who starts the demo.
    if (env.logFormat === 'pretty') {
      const rows = logins.map((l) => `  ${l.email.padEnd(34)} ${l.description}`);
      startup.info([`Demo logins (password for all: ${env.DEMO_PASSWORD}):`, ...rows].join('\n'));
    } else startup.info({ logins }, 'Demo logins (password for all: the DEMO_PASSWORD setting)');
  }

  // Shutdown is ours alone: Apollo Server does not listen to the signals (stopOnTerminationSignals
  // is off in createApp), so one close() runs, in order, and the database closes last.
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    const started = Date.now();
    const timeoutMs = env.SHUTDOWN_TIMEOUT_MS;
    let closingDatabase = false;
    log(`${signal} received: finishing in-flight requests (at most ${timeoutMs} ms)…`);
    // Last resort, if something still hangs (a database that does not answer its close).
    const force = setTimeout(() => {
      log(
        `shutdown: not finished after ${timeoutMs} ms (still ${closingDatabase ? 'closing the database' : server.shutdownState()}); exiting with code 1 (SHUTDOWN_TIMEOUT_MS)`,
        { level: 'error' },
      );
      process.exit(1);
    }, timeoutMs);
    force.unref();
    server
      .close()
      .then(async () => {
        closingDatabase = true;
        await ds.destroy();
        log(`shutdown: database closed; exiting after ${Date.now() - started} ms`);
        process.exit(0);
      })
      .catch((error: unknown) => {
        log(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`, { level: 'error', err: error });
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
