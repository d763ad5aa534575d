import http, { type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS } from '../db/unavailable';
import { requestLog } from '../observability/request-log';

/**
 * The HTTP server of a starting instance, listening before the database is ready: while the
 * migrations and the demo seed run (or wait for another instance's, under the migration lock),
 * /healthz answers 200 (the process lives), /readyz 503 `{"status":"migrating"}` (send no work
 * here yet), and every other request 503 with Retry-After. `handOver` gives the port to the app.
 */
export interface StartingServer {
  httpServer: http.Server;
  port: number;
  /** From now on `app` answers every request (the requests in progress finish as they are). */
  handOver(app: RequestListener): void;
}

const STARTING_MESSAGE = 'The service is starting (database migrations): retry in a few seconds.';

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (status === 503) res.setHeader('Retry-After', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS));
  res.end(JSON.stringify(body));
}

/** What the starting instance answers. */
export function startingAnswer(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split(/[?#]/, 1)[0];
  if (path === '/healthz') send(res, 200, { status: 'ok' });
  else if (path === '/readyz') send(res, 503, { status: 'migrating' });
  else if (path === '/graphql' || path?.startsWith('/graphql/'))
    send(res, 503, { errors: [{ message: STARTING_MESSAGE, extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
  else send(res, 503, { error: 'SERVICE_UNAVAILABLE', message: STARTING_MESSAGE });
}

/** Listens on `port` (0: the system picks) and `host` now, answering as a starting instance. */
export async function listenWhileStarting(port: number, host: string, logger: Logger): Promise<StartingServer> {
  const observe = requestLog(logger, undefined);
  const starting: RequestListener = (req, res) => {
    observe(req, res);
    startingAnswer(req, res);
  };
  const httpServer = http.createServer(starting);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  return {
    httpServer,
    port: (httpServer.address() as AddressInfo).port,
    handOver: (app) => {
      httpServer.off('request', starting);
      httpServer.on('request', app);
    },
  };
}
