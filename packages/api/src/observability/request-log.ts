import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { Metrics } from './metrics';
import { noteOperation, openRecord } from './request-record';

/**
 * One line per HTTP request, written when its response closes, and the request's metrics:
 *
 *   {"level":"info","time":"…","msg":"request","requestId":"…","method":"POST","route":"/graphql",
 *    "status":200,"durationMs":12.3,"operation":"MailItems","principal":"session","companyId":"…"}
 *
 * `route` is the pattern of the route that answered (`/files/mail/:companyId/:mailItemId`), never
 * the URL: paths and queries of links carry secrets (signed links, export tokens, reset links).
 * No header, cookie or body is written. The probes (/healthz, /readyz, /metrics) are at debug level.
 */

/** What Express adds to the request that the line reads (absent on the bare handler of the start-up). */
interface RoutedRequest extends IncomingMessage {
  originalUrl?: string;
  baseUrl?: string;
  route?: { path?: unknown };
  body?: unknown;
}

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** The first segment of a path, for the requests no route pattern answered (mounted apps, 404s). */
const MOUNTS: Record<string, string> = {
  graphql: '/graphql',
  healthz: '/healthz',
  readyz: '/readyz',
  metrics: '/metrics',
  files: '/files/*',
  assets: '/assets/*',
  'dev-api': '/dev-api/*',
  playground: '/playground',
};

/**
 * The route pattern that answered `req`: Express's matched route (with its router's mount point),
 * else the mount its path falls under, else `*` (the web app's pages and static files, unknown paths).
 */
export function routeOf(req: RoutedRequest): string {
  const routePath = req.route?.path;
  if (typeof routePath === 'string') {
    const base = req.baseUrl ?? '';
    if (routePath === '/') return base || '/';
    return `${base}${routePath}`;
  }
  const url = req.originalUrl ?? req.url ?? '/';
  const end = url.search(/[?#]/);
  const path = end === -1 ? url : url.slice(0, end);
  if (path === '/') return '/';
  const first = path.split('/', 2)[1] ?? '';
  return MOUNTS[first] ?? '*';
}

/** The operation name a GraphQL request's JSON body gives (when Apollo did not get to read it). */
function bodyOperationName(req: RoutedRequest): unknown {
  const body = req.body;
  return typeof body === 'object' && body !== null ? (body as { operationName?: unknown }).operationName : undefined;
}

/** Express middleware (and the start-up's bare handler): opens the request's record and writes its line at the end. */
export function requestLog(logger: Logger, metrics: Metrics | undefined) {
  return (req: IncomingMessage, res: ServerResponse, next?: () => void): void => {
    const record = openRecord(req, res);
    res.once('close', () => {
      const routed = req as RoutedRequest;
      const durationMs = performance.now() - record.startedAt;
      const route = routeOf(routed);
      const status = res.statusCode;
      const graphql = route === '/graphql';
      if (graphql && record.operation === undefined) noteOperation(res, bodyOperationName(routed));
      metrics?.observeRequest(req.method ?? 'GET', route, status, durationMs / 1000, graphql ? { operation: record.operation } : undefined);
      const level = PROBES.has(route) ? 'debug' : status >= 500 ? 'error' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          requestId: record.id,
          method: req.method,
          route,
          status,
          durationMs: Math.round(durationMs * 10) / 10,
          ...(record.operation !== undefined ? { operation: record.operation } : {}),
          ...(record.principal !== undefined ? { principal: record.principal } : {}),
          ...(record.companyId !== undefined ? { companyId: record.companyId } : {}),
          ...(res.writableFinished ? {} : { aborted: true }),
        },
        'request',
      );
    });
    next?.();
  };
}
