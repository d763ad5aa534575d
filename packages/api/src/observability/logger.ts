import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The process's log: one JSON object per line on stdout (LOG_FORMAT=json), or one readable line per
 * event for a person at a terminal (LOG_FORMAT=pretty). docs/operations.md, "Logs", lists the fields.
 */

export const LOG_LEVELS = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LogSettings {
  level: LogLevel;
  format: LogFormat;
}

export type { Logger } from 'pino';

/** The level of one line written through a `Log` function. */
export type LineLevel = 'debug' | 'info' | 'warn' | 'error';

/** Fields of one line; `level` (default info) is the line's level, not a field. */
export type LogFields = { level?: LineLevel } & Record<string, unknown>;

/**
 * What modules receive to write a line: a message (the text people and tests search for) and
 * fields of its own. Functions taking only the message fit, as the ones tests pass do.
 */
export type Log = (message: string, fields?: LogFields) => void;

/**
 * Known places of secrets in the objects given to the logger, censored whatever the call site
 * writes: the second line of defence. The first is that no call site passes them (request lines
 * carry the route pattern, never the URL, and no header).
 */
export const REDACTED_PATHS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'secret',
  'code',
  'cookie',
  'authorization',
  'headers.cookie',
  'headers.authorization',
  'headers["set-cookie"]',
  'req.headers.cookie',
  'req.headers.authorization',
  'variables.password',
  'variables.newPassword',
  'variables.token',
  'variables.code',
  'err.parameters',
];

/** What is written instead of a secret. */
export const CENSOR = '[redacted]';

/**
 * Secrets that could sit inside a message's text (an error quoting a URL or a token): the query of
 * any URL (reset and invitation links, signed file links), the token in an export link's path, an
 * API token. Applied to each line as written, whatever wrote it.
 */
const SECRET_TEXT: [RegExp, string][] = [
  [/(\/[\w.~%/-]*)\?[^\s"'\\#<>]+/g, `$1?${CENSOR}`],
  // Not the route pattern `/files/exports/:token`, which the request lines write.
  [/(\/files\/(?:invoice-)?exports\/)(?!:token\b)[^\s"'\\/?#<>]+/g, `$1${CENSOR}`],
  [/\b(gc[to]_)[0-9A-Za-z]{4,}/g, `$1${CENSOR}`],
];
const MAY_HOLD_SECRET = /\?|\/files\/(?:invoice-)?exports\/|\bgc[to]_/;

export function scrubSecrets(line: string): string {
  if (!MAY_HOLD_SECRET.test(line)) return line;
  let out = line;
  for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
  return out;
}

let stdoutDestination: DestinationStream | undefined;

/**
 * stdout, written asynchronously (pino's SonicBoom; flushed when the process exits), shared by
 * every logger of the process so that their lines never interleave within a line.
 */
function stdout(): DestinationStream {
  stdoutDestination ??= pino.destination({ dest: 1, sync: false });
  return stdoutDestination;
}

/** A pino logger with the product's settings; `destination` defaults to stdout (tests pass theirs). */
export function createLogger(settings: LogSettings, destination: DestinationStream = stdout()): Logger {
  return pino(
    {
      level: settings.level,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: CENSOR },
      hooks: { streamWrite: scrubSecrets },
    },
    settings.format === 'pretty' ? prettyStream(destination) : destination,
  );
}

/** The `Log` function of a logger: info unless the fields say otherwise. */
export function logFunction(logger: Logger): Log {
  return (message, fields) => {
    if (fields === undefined) {
      logger.info(message);
      return;
    }
    const { level = 'info', ...rest } = fields;
    logger[level](rest, message);
  };
}

const HIDDEN_IN_PRETTY = new Set(['time', 'level', 'msg', 'pid', 'hostname', 'err']);

/** One JSON line as `12:34:56.789 INFO  message key=value …` (and an error's stack below it). */
export function prettyLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
  const level = String(entry.level ?? '').toUpperCase();
  const fields = Object.entries(entry)
    .filter(([key]) => !HIDDEN_IN_PRETTY.has(key))
    .map(([key, value]) => `${key}=${typeof value === 'string' && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value)}`);
  const err = entry.err as { stack?: unknown; message?: unknown } | undefined;
  const stack = err ? `\n${String(err.stack ?? err.message ?? '')}` : '';
  return `${time} ${level.padEnd(5)} ${String(entry.msg ?? '')}${fields.length > 0 ? `  ${fields.join(' ')}` : ''}${stack}\n`;
}

function prettyStream(destination: DestinationStream): DestinationStream {
  return {
    write: (line: string) => {
      // pino writes whole lines, each ending with a newline.
      destination.write(prettyLine(line.trimEnd()));
    },
  };
}
