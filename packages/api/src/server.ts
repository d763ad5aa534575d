import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import type { Env } from './config/env';
import { openDatabase } from './db/data-source';
import { jobContext } from './db/with-transaction';
import { createApp } from './http/app';
import { developmentTransport, smtpTransport } from './modules/mailer/transports';
import { createServices, type Services } from './services';
import { OutboxWorker } from './workers/outbox-worker';

export interface RunningServer {
  url: string;
  port: number;
  ds: DataSource;
  services: Services;
  worker: OutboxWorker;
  /** The HTTP server (tests wait on its events, e.g. a request having arrived). */
  httpServer: http.Server;
  /** Stops accepting connections, lets in-flight requests finish, then closes the database. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** An open data source (tests pass their own); otherwise one is opened from env. */
  ds?: DataSource;
  /** Start the outbox worker loop (default true). */
  worker?: boolean;
  log?: (message: string) => void;
}

export async function startServer(env: Env, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? ((m: string) => console.log(m));
  const ds = options.ds ?? (await openDatabase({ url: env.DATABASE_URL, dataDir: env.dataDir }));
  const services = createServices(ds, env);
  const httpServer = http.createServer();
  const devMailbox = !env.SMTP_URL && !env.isProduction;
  const { app, apollo } = await createApp(services, { httpServer, log, devMailbox });
  httpServer.on('request', app);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(env.PORT, env.HOST, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const transport = env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.MAIL_FROM) : developmentTransport;
  const worker = new OutboxWorker(ds, transport, { log });
  // Invitation reminders (a day before expiry) are checked every few minutes.
  let reminders: NodeJS.Timeout | undefined;
  if (options.worker !== false) {
    worker.start();
    const remind = (): void => {
      services.team
        .sendDueReminders(jobContext())
        .catch((error: unknown) => log(`reminders: ${error instanceof Error ? error.message : String(error)}`));
    };
    remind();
    reminders = setInterval(remind, 5 * 60_000);
    reminders.unref();
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (reminders) clearInterval(reminders);
      await worker.stop();
      // Apollo's drain plugin stops accepting connections and waits for in-flight requests.
      await apollo.stop();
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeIdleConnections();
      });
      if (!options.ds) await ds.destroy();
    })();
    return closing;
  };
  return { url: `http://127.0.0.1:${port}`, port, ds, services, worker, httpServer, close };
}
