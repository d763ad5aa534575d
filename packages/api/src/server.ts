import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { ApolloServer } from '@apollo/server';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import type { Env, ProcessRole } from './config/env';
import { openDatabase } from './db/data-source';
import { jobContext } from './db/with-transaction';
import type { RequestContext } from './graphql/context';
import { createApp, createProbeApp } from './http/app';
import type { StartingServer } from './http/starting';
import { createLogger, logFunction, type Log, type Logger } from './observability/logger';
import { Metrics } from './observability/metrics';
import { developmentTransport, smtpTransport } from './modules/mailer/transports';
import { createServices, type Services } from './services';
import { OutboxWorker } from './workers/outbox-worker';
import { RetentionJob } from './modules/retention/retention';
import { openLimits } from './common/limits';
import { DeferredWorker } from './workers/deferred-worker';

export interface RunningServer {
  url: string;
  port: number;
  /**
   * What this process runs (PROCESS_ROLE): `all`, `api` (HTTP API, no background work) or `worker`
   * (the workers and the scheduled jobs; on HTTP only /healthz and /readyz).
   */
  role: ProcessRole;
  ds: DataSource;
  services: Services;
  worker: OutboxWorker;
  /** Carries out the public requests answered before their work (password resets, access requests…). */
  deferred: DeferredWorker;
  /** The HTTP server (tests wait on its events, e.g. a request having arrived). */
  httpServer: http.Server;
  /**
   * Graceful shutdown: stops accepting connections, closes idle keep-alive connections, lets
   * in-flight requests finish (their answers carry `Connection: close`, so each connection closes
   * after its current response), stops the workers once their running batch is done, then closes
   * the database when this server opened it. Connections still open after `drainMs` (default:
   * SHUTDOWN_TIMEOUT_MS minus a reserve for the rest) are cut, and said so in the log.
   */
  close(options?: { drainMs?: number }): Promise<void>;
  /** What close() is doing or waiting for, for the log of a shutdown that overruns. */
  shutdownState(): string;
  /**
   * Runs the scheduled jobs (reminders, the invoicing run) once now, whatever the role; when a run
   * is under way, waits for it first. Resolves when the run is over (its errors are logged).
   */
  runScheduledJobs(): Promise<void>;
}

export interface StartOptions {
  /** An open data source (tests pass their own); otherwise one is opened from env. */
  ds?: DataSource;
  /**
   * Start the background work — outbox and deferred-request workers, scheduled jobs — when the role
   * has it (default true). Tests that drive it by hand pass false.
   */
  worker?: boolean;
  /** Where the server's lines go (tests collect them); default: `logger`'s lines. */
  log?: Log;
  /** The process's logger (request lines); default: one made from LOG_LEVEL and LOG_FORMAT. */
  logger?: Logger;
  /**
   * The port already open (main.ts listens before the migrations, answering as a starting
   * instance): the app takes it over instead of listening anew.
   */
  starting?: StartingServer;
}

export async function startServer(env: Env, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger({ level: env.LOG_LEVEL, format: env.logFormat });
  const log = options.log ?? logFunction(logger);
  const role = env.PROCESS_ROLE;
  const ds =
    options.ds ??
    (await openDatabase({ url: env.DATABASE_URL, dataDir: env.dataDir }, { lockTimeoutSeconds: env.MIGRATION_LOCK_TIMEOUT_SECONDS, log }));
  // The counters of the limits: Redis when REDIS_URL is set (it must answer now), else memory.
  const limits = await openLimits({ redisUrl: env.REDIS_URL, prefix: env.rateLimitPrefix, log });
  const services = createServices(ds, env, { limits });
  // The seal of signed PDFs: from SEAL_P12_PATH, or the development seal (made on first start, kept in
  // DATA_DIR). Test servers, started by the dozen, make theirs at their first signature.
  if (env.NODE_ENV !== 'test' || env.SEAL_P12_PATH) services.signatures.prepareSeal(log);
  const httpServer = options.starting?.httpServer ?? http.createServer();
  const observability = { logger, metrics: new Metrics(ds), metricsToken: env.METRICS_TOKEN };
  const devMailbox = !env.SMTP_URL && !env.isProduction;
  // A worker process answers the probes only; the API (GraphQL, files, web app) is for the other roles.
  let app: Express;
  let apollo: ApolloServer<RequestContext> | undefined;
  if (role === 'worker') app = createProbeApp(services, observability);
  else ({ app, apollo } = await createApp(services, { httpServer, log, devMailbox, costBudget: services.tokenCostBudget, observability }));
  const connections = trackConnections(httpServer);
  if (options.starting) options.starting.handOver(app);
  else {
    httpServer.on('request', app);
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(env.PORT, env.HOST, () => resolve());
    });
  }
  const port = (httpServer.address() as AddressInfo).port;
  const transport = env.SMTP_URL ? smtpTransport(env.SMTP_URL, env.MAIL_FROM, env.dkim) : developmentTransport;
  const worker = new OutboxWorker(ds, transport, { log, leaseMs: env.OUTBOX_LEASE_SECONDS * 1000 });
  const deferred = new DeferredWorker(ds, services.deferred, { log });
  // Reminders (invitations a day before expiry, overdue invoices, formalities' due dates) are checked
  // every few minutes, in each process that has the background work. Each job claims its rows with a
  // conditional update, so processes running them at the same time send each reminder once.
  let reminders: NodeJS.Timeout | undefined;
  let remindersRun: Promise<void> | undefined;
  const retention = new RetentionJob(ds, env.retention, (m) => log(m));
  const runScheduled = (): Promise<void> => {
    remindersRun ??= Promise.all([
      services.team.sendDueReminders(jobContext()),
      // The invoicing run of the current month (it bills only what is missing), then overdue invoices' reminders.
      services.invoicing.runScheduled(jobContext()).then((run) => {
        for (const item of run.items.filter((i) => i.outcome === 'FAILED'))
          log(`invoicing ${run.period}: ${item.companyName}: ${item.error}`, { level: 'warn' });
        return services.invoices.sendOverdueReminders(jobContext());
      }),
      services.formalityReminders.sendDueReminders(jobContext()),
      // Once a day: what has served its purpose goes (RETENTION_*, docs/privacy.md).
      retention.runIfDue(),
    ])
      .then(
        () => undefined,
        (error: unknown) => log(`reminders: ${error instanceof Error ? error.message : String(error)}`, { level: 'error' }),
      )
      .finally(() => {
        remindersRun = undefined;
      });
    return remindersRun;
  };
  if (role !== 'api' && options.worker !== false) {
    worker.start();
    deferred.start();
    const remind = (): void => void runScheduled();
    remind();
    reminders = setInterval(remind, 5 * 60_000);
    reminders.unref();
  }

  let state = 'running';
  let closing: Promise<void> | undefined;
  const close = (closeOptions: { drainMs?: number } = {}): Promise<void> => {
    closing ??= (async () => {
      const drainMs = closeOptions.drainMs ?? drainBudget(env.SHUTDOWN_TIMEOUT_MS);
      // /readyz answers 503 from now on, so a load balancer stops sending work here.
      app.locals.shuttingDown = true;
      // The workers stop in parallel with the drain; a running batch finishes first.
      if (reminders) clearInterval(reminders);
      const workersStopped = Promise.all([worker.stop(), deferred.stop(), remindersRun]);
      state = `draining ${connections.inFlight()} in-flight request(s)`;
      const drained = connections.drain(drainMs);
      log(`shutdown: stopped accepting connections; ${connections.inFlight()} request(s) in flight`);
      const cut = await drained;
      log(
        cut === 0
          ? 'shutdown: in-flight requests finished, connections closed'
          : `shutdown: ${cut} connection(s) still open after ${drainMs} ms were cut`,
      );
      state = 'stopping Apollo Server';
      // The HTTP server is closed already: Apollo's drain plugin finds nothing left to wait for.
      await apollo?.stop();
      state = 'waiting for the outbox worker and the reminders job';
      await workersStopped;
      log('shutdown: workers stopped');
      await limits.close();
      if (!options.ds) {
        state = 'closing the database';
        await ds.destroy();
        log('shutdown: database closed');
      }
      state = 'closed';
    })();
    return closing;
  };
  const runScheduledJobs = async (): Promise<void> => {
    if (remindersRun) await remindersRun;
    await runScheduled();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    role,
    ds,
    services,
    worker,
    deferred,
    httpServer,
    close,
    shutdownState: () => state,
    runScheduledJobs,
  };
}

/** Time given to in-flight requests: the shutdown timeout minus a reserve for the workers and the database. */
export function drainBudget(shutdownTimeoutMs: number): number {
  return Math.max(0, shutdownTimeoutMs - Math.min(3000, Math.floor(shutdownTimeoutMs / 4)));
}

interface ConnectionTracker {
  /** Requests received whose response has not finished. */
  inFlight(): number;
  /**
   * Stops accepting connections and closes idle ones; every response from now on carries
   * `Connection: close` and each connection closes after its current response. Resolves once the
   * server has no connection left, or after `deadlineMs` having cut the ones still open (their count).
   */
  drain(deadlineMs: number): Promise<number>;
}

/**
 * Keep-alive connections and shutdown. Node's `server.close()` only stops listening (and closes the
 * connections idle at that instant); a connection whose request is in flight would stay open for
 * the next request and be cut when the process exits, which a keep-alive client sees as a reset.
 * Here a response not yet started when the shutdown begins gets `Connection: close`, so Node
 * closes its connection once it is sent; a response already under way (a streamed download) ends
 * its connection when it finishes.
 */
function trackConnections(server: http.Server): ConnectionTracker {
  const responses = new Set<http.ServerResponse>();
  const pendingPerSocket = new Map<Socket, number>();
  let draining = false;

  const closeAfterResponse = (res: http.ServerResponse): void => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  };

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const socket = req.socket;
    pendingPerSocket.set(socket, (pendingPerSocket.get(socket) ?? 0) + 1);
    responses.add(res);
    if (draining) closeAfterResponse(res);
    res.once('close', () => {
      responses.delete(res);
      const pending = (pendingPerSocket.get(socket) ?? 1) - 1;
      if (pending > 0) {
        pendingPerSocket.set(socket, pending);
        return;
      }
      pendingPerSocket.delete(socket);
      // Sent before the shutdown began without `Connection: close`: nothing else will end it.
      if (draining && !socket.destroyed) socket.end();
    });
  });

  return {
    inFlight: () => responses.size,
    drain: (deadlineMs) => {
      draining = true;
      for (const res of responses) closeAfterResponse(res);
      return new Promise<number>((resolve) => {
        let cut = 0;
        const deadline = setTimeout(() => {
          server.getConnections((_error, count) => {
            cut = count;
            server.closeAllConnections();
          });
        }, deadlineMs);
        // Resolves when the last connection has closed; Node also closes the idle ones now.
        server.close(() => {
          clearTimeout(deadline);
          resolve(cut);
        });
      });
    },
  };
}
