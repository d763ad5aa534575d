/**
 * Database outages: errors that say the database cannot be reached or cannot take the request
 * right now, as opposed to a bug or a refused statement. They answer SERVICE_UNAVAILABLE (HTTP 503
 * with Retry-After), which a client may retry, instead of INTERNAL_SERVER_ERROR.
 */

/** Seconds a client is told to wait before retrying (`Retry-After`, `extensions.retryAfter`). */
export const SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

export const SERVICE_UNAVAILABLE_MESSAGE = 'The service is temporarily unavailable: retry in a few seconds.';

/** The connection to the server failed or was cut (mysql2 reports the socket's code). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** mysql2 and MySQL/MariaDB: the connection was lost, refused, or the server cannot take it now. */
const MYSQL_CODES = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'PROTOCOL_ENQUEUE_AFTER_DESTROY',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_USER_LIMIT_REACHED',
  'ER_SERVER_SHUTDOWN',
  'ER_NORMAL_SHUTDOWN',
  'ER_SHUTDOWN_COMPLETE',
  'ER_CONNECTION_KILLED',
  'ER_HOST_IS_BLOCKED',
  'ER_ACCESS_DENIED_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'ER_ACCOUNT_HAS_BEEN_LOCKED',
  'ER_LOCK_WAIT_TIMEOUT',
]);

/** SQLite (better-sqlite3): another connection holds the lock, or the file cannot be used. */
const SQLITE_CODE = /^SQLITE_(BUSY|LOCKED|CANTOPEN|IOERR)(_|$)/;

/** Messages of errors that carry no code: a closed pool or data source, a full pool queue. */
const MESSAGES = [
  /^Pool is closed\.?$/,
  /^Queue limit reached\.?$/,
  /The database connection is not open/,
  /Connection is not established with/,
  /^Driver not Connected$/i,
];

/**
 * The error and the ones it wraps: TypeORM's `driverError`, GraphQL's `originalError`, the value
 * graphql-js wraps when what was thrown is not an `Error` of its realm (`thrownValue`), `cause`,
 * AggregateError's `errors`.
 */
function* chain(error: unknown, depth = 0): Generator<unknown> {
  if (error === null || error === undefined || depth > 5) return;
  yield error;
  if (typeof error !== 'object') return;
  const e = error as { driverError?: unknown; originalError?: unknown; thrownValue?: unknown; cause?: unknown; errors?: unknown };
  if (e.driverError !== undefined) yield* chain(e.driverError, depth + 1);
  if (e.originalError !== undefined) yield* chain(e.originalError, depth + 1);
  if (e.thrownValue !== undefined) yield* chain(e.thrownValue, depth + 1);
  if (e.cause !== undefined) yield* chain(e.cause, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors) yield* chain(inner, depth + 1);
}

/** True for an error that means "the database does not answer right now" (retryable). */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of chain(error)) {
    // Read by shape, not `instanceof Error`: errors made by Node's own modules come from another
    // realm when the code runs in a sandbox (the test runner's), and would not be recognised.
    if (typeof e !== 'object' || e === null) continue;
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || MYSQL_CODES.has(code) || SQLITE_CODE.test(code))) return true;
    if (typeof message === 'string' && MESSAGES.some((m) => m.test(message))) return true;
  }
  return false;
}

/**
 * Runs a database check, failing after `timeoutMs` instead of waiting for a server that does not
 * answer (a connection attempt to an unreachable host waits for the driver's own, longer timeout).
 */
export async function withTimeout<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error(`${what} did not answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
