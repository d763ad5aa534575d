import fs from 'node:fs';
import path from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import compression from 'compression';
import express, { type Express, type Request, type Response } from 'express';
import type { Server } from 'node:http';
import { buildSchema } from '../graphql/build-schema';
import type { RequestContext } from '../graphql/context';
import type { CostBudget } from '../graphql/cost-budget';
import { createFormatError } from '../graphql/format-error';
import { createLoaders } from '../graphql/loaders';
import { queryLimitRules, queryLimitsOf, queryParseOptions } from '../graphql/query-limits';
import { requestLimitsPlugin } from '../graphql/request-limits';
import { RequestRefused, resolvePrincipal } from '../modules/identity/resolve-principal';
import { principalSources, type Services } from '../services';
import { isDatabaseUnavailable, SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS, withTimeout } from '../db/unavailable';
import { serviceUnavailableError, serviceUnavailablePlugin } from '../graphql/service-unavailable';
import { compressAnswers } from './compress-answers';
import { devMailboxRouter } from './dev-mailbox';
import { securityHeaders } from './security-headers';
import { GRAPHQL_BODY_LIMIT_BYTES, graphqlBodyErrors, refuseRepeatedFields, requireJsonBody } from './graphql-route';
import { formalityFilesRouter } from './formality-files';
import { invoiceFilesRouter } from './invoice-files';
import { signatureFilesRouter } from './signature-files';
import { mailFilesRouter } from './mail-files';
import { playgroundRouter } from './playground';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import { graphqlObserver } from '../observability/graphql-observer';
import { metricsRoute } from '../observability/metrics-route';
import { requestLog } from '../observability/request-log';

export interface AppHandle {
  app: Express;
  apollo: ApolloServer<RequestContext>;
}

export interface AppOptions {
  httpServer: Server;
  log: (message: string) => void;
  /** Show the development mailbox (only without SMTP and outside production). */
  devMailbox: boolean;
  /** Where API tokens spend their query cost per minute (the shared counters: Redis when configured). */
  costBudget: CostBudget;
  observability: Observability;
}

/** The request lines, the metrics, and the token /metrics asks for (METRICS_TOKEN; none: no /metrics). */
export interface Observability {
  logger: Logger;
  metrics: Metrics;
  metricsToken: string | undefined;
}

/** How long /readyz waits for the database before answering 503. */
const READY_TIMEOUT_MS = 2000;

async function buildContext(services: Services, req: Request, res: Response): Promise<RequestContext> {
  let principal;
  try {
    principal = await resolvePrincipal(principalSources(services), req, res);
  } catch (error) {
    // The session or token could not be read: the database does not answer (503, retryable).
    if (isDatabaseUnavailable(error)) throw serviceUnavailableError(error);
    if (!(error instanceof RequestRefused)) throw error;
    // Answered before any operation runs, with the refusal's HTTP status (401, 403 or 429).
    throw new GraphQLError(error.message, {
      originalError: error,
      extensions: {
        code: error.code,
        http: {
          status: error.status,
          headers: new Map(error.retryAfter !== undefined ? [['retry-after', String(error.retryAfter)]] : []),
        },
      },
    });
  }
  return {
    services,
    principal,
    ip: req.ip ?? null,
    userAgent: req.get('user-agent') ?? null,
    loaders: createLoaders(services.ds),
    req,
    res,
  };
}

/** Journals the uses of a token that the access decision refused (a permission it lacks, another company). */
const tokenRefusalJournal: ApolloServerPlugin<RequestContext> = {
  requestDidStart: async () => ({
    willSendResponse: async ({ contextValue, response }) => {
      const principal = contextValue.principal;
      if (principal.kind !== 'apiToken' && principal.kind !== 'operatorToken') return;
      if (response.body.kind !== 'single') return;
      const refused = (response.body.singleResult.errors ?? []).find(
        (e) => e.extensions?.code === 'FORBIDDEN' || e.extensions?.code === 'NOT_FOUND',
      );
      if (refused) await contextValue.services.apiTokens.recordRefusedUse(principal, String(refused.extensions?.code), contextValue.ip);
    },
  }),
};

/** GraphQL answers carry tenant data: never stored by a browser or a proxy. */
function noStore(_req: Request, res: Response, next: () => void): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}

/** The Express app with what every role serves: request lines, security headers, the probes and the metrics. */
function baseApp(services: Services, observability: Observability): Express {
  const app = express();
  app.use(requestLog(observability.logger, observability.metrics));
  app.disable('x-powered-by');
  app.set('trust proxy', services.env.trustProxy);
  app.use(securityHeaders({ production: services.env.isProduction }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    // During a shutdown (server.ts sets the flag): no new work here.
    if (req.app.locals.shuttingDown === true) {
      res.status(503).json({ status: 'stopping', database: services.ds.options.type });
      return;
    }
    try {
      // A database that does not answer makes the probe fail quickly instead of hanging.
      await withTimeout(services.ds.query('SELECT 1'), READY_TIMEOUT_MS, 'the database');
      res.json({ status: 'ready', database: services.ds.options.type });
    } catch {
      res.setHeader('Retry-After', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS));
      res.status(503).json({ status: 'unavailable', database: services.ds.options.type });
    }
  });
  app.get('/metrics', metricsRoute(observability.metrics, observability.metricsToken));
  return app;
}

/**
 * The HTTP side of a worker process (PROCESS_ROLE=worker): /healthz and /readyz, so that the host
 * can probe it, and nothing else (no GraphQL, no files, no web app).
 */
export function createProbeApp(services: Services, observability: Observability): Express {
  const app = baseApp(services, observability);
  app.use((_req, res) => {
    res.status(404).json({ error: 'NOT_FOUND' });
  });
  return app;
}

export async function createApp(services: Services, options: AppOptions): Promise<AppHandle> {
  const app = baseApp(services, options.observability);
  const limits = queryLimitsOf(services.env);
  const apollo = new ApolloServer<RequestContext>({
    schema: buildSchema(),
    // Tokens, depth, aliases and directives are checked before execution; see graphql/query-limits.ts.
    parseOptions: queryParseOptions(limits),
    validationRules: queryLimitRules(limits),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // main.ts owns SIGTERM/SIGINT. Apollo's own handlers would run a second stop() alongside
    // server.close(), whose await on the first one never returns (that kept MariaDB processes alive).
    stopOnTerminationSignals: false,
    formatError: createFormatError({
      exposeInternals: services.env.NODE_ENV === 'development',
      log: (e) => options.log(`graphql error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    }),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: options.httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // No field declares a cache hint and no answer may be cached: the default cache-control plugin
      // only wrapped every field's resolver (about a third of the server's time on the mail list).
      // `Cache-Control: no-store` is set on every /graphql answer below instead.
      ApolloServerPluginCacheControlDisabled(),
      tokenRefusalJournal,
      graphqlObserver(options.observability.metrics),
      serviceUnavailablePlugin,
      requestLimitsPlugin({
        limits,
        budget: options.costBudget,
        production: services.env.isProduction,
      }),
    ],
  });
  await apollo.start();
  app.use(
    '/graphql',
    noStore,
    requireJsonBody,
    express.json({ limit: GRAPHQL_BODY_LIMIT_BYTES }),
    refuseRepeatedFields(limits),
    // Answers of 1 kB and more are compressed when the client accepts it (browsers always do): the
    // mail list's 16 kB become 4 kB. Measured in pnpm bench (docs/decisions.md, "JSON answers compressed").
    compressAnswers(1024),
    expressMiddleware(apollo, { context: async ({ req, res }) => buildContext(services, req, res) }),
    graphqlBodyErrors(options.log),
  );

  app.use('/files', mailFilesRouter(services, options.log));
  app.use('/files', invoiceFilesRouter(services, options.log));
  app.use('/files', formalityFilesRouter(services, options.log));
  app.use('/files', signatureFilesRouter(services, options.log));
  app.use('/playground', playgroundRouter(services.env.webDistDir));
  if (options.devMailbox) app.use('/dev-api/mailbox', devMailboxRouter(services));

  const webDist = services.env.webDistDir;
  const indexHtml = path.join(webDist, 'index.html');
  if (fs.existsSync(indexHtml)) {
    // The SPA's text assets are compressed (GraphQL answers too, above); files are left as they are.
    const compress = compression();
    app.use('/assets', compress);
    app.use('/assets', express.static(path.join(webDist, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
    // The playground's page is served at /playground only, with its own CSP.
    app.get('/playground.html', (_req, res) => res.redirect(301, '/playground'));
    app.use(express.static(webDist, { index: false, maxAge: '1h' }));
    // Client-side routes: every other GET that accepts HTML gets the SPA.
    app.get(/^(?!\/(graphql|files|dev-api|healthz|readyz|metrics|playground)(\/|$)).*/, compress, (req, res, next) => {
      if (!req.accepts('html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(indexHtml);
    });
  } else {
    app.get('/', (_req, res) => {
      res.type('text').send('Guichet API is running. The web app is not built: run `pnpm build` (or `pnpm start`).');
    });
  }

  app.use((_req, res) => {
    res.status(404).json({ error: 'NOT_FOUND' });
  });
  return { app, apollo };
}
