import { createLogger, logFunction, prettyLine, scrubSecrets, type LogSettings } from '../logger';

/** A logger writing into an array, one entry per line. */
function capture(settings: LogSettings): { lines: string[]; logger: ReturnType<typeof createLogger> } {
  const lines: string[] = [];
  return { lines, logger: createLogger(settings, { write: (line: string) => void lines.push(line) }) };
}

describe('logger', () => {
  it('writes one JSON object per line, with the level by name and an ISO time', () => {
    const { lines, logger } = capture({ level: 'info', format: 'json' });
    logger.info({ requestId: 'r-1' }, 'hello');
    logger.debug('not written at info');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'info', msg: 'hello', requestId: 'r-1' });
    expect(String(entry.time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('censors the known places of secrets in the objects it is given', () => {
    const { lines, logger } = capture({ level: 'info', format: 'json' });
    logger.info(
      {
        password: 'hunter2-secret',
        token: 'reset-token-secret',
        headers: { authorization: 'Bearer gct_secret', cookie: 'guichet_session=cookie-secret', accept: 'text/html' },
        variables: { password: 'variable-secret', email: 'a@b.fr' },
      },
      'objects',
    );
    const line = lines[0] ?? '';
    for (const secret of ['hunter2-secret', 'reset-token-secret', 'gct_secret', 'cookie-secret', 'variable-secret'])
      expect(line).not.toContain(secret);
    expect(JSON.parse(line)).toMatchObject({ password: '[redacted]', headers: { accept: 'text/html' }, variables: { email: 'a@b.fr' } });
  });

  it('censors secrets inside messages: URL queries, export tokens in paths, API tokens', () => {
    expect(scrubSecrets('link http://localhost:4000/reset-password?token=abcDEF123_-x sent')).toBe(
      'link http://localhost:4000/reset-password?[redacted] sent',
    );
    expect(scrubSecrets('GET /files/mail/c/m?u=1&d=INLINE&e=2&s=sig-value')).toBe('GET /files/mail/c/m?[redacted]');
    expect(scrubSecrets('/files/exports/eyJ0.abc and /files/invoice-exports/xyz.sig')).toBe(
      '/files/exports/[redacted] and /files/invoice-exports/[redacted]',
    );
    expect(scrubSecrets('route /files/exports/:token')).toBe('route /files/exports/:token');
    expect(scrubSecrets('token gct_0123456789abcdefABCDEF0123456789abcdef refused')).toBe('token gct_[redacted] refused');
    expect(scrubSecrets('nothing to see: a question?')).toBe('nothing to see: a question?');
    // Applied to whole JSON lines, the result is still JSON.
    const { lines, logger } = capture({ level: 'info', format: 'json' });
    logger.info({ detail: 'see "/reset-password?token=abc"' }, 'with gco_0123456789abcdefABCDEF0123456789abcdef');
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({ detail: 'see "/reset-password?[redacted]"', msg: 'with gco_[redacted]' });
  });

  it('Log functions write at info unless the fields name another level', () => {
    const { lines, logger } = capture({ level: 'info', format: 'json' });
    const log = logFunction(logger);
    log('plain');
    log('with fields', { requestId: 'r-2' });
    log('a warning', { level: 'warn', attempt: 2 });
    log('hidden', { level: 'debug' });
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ level: 'info', msg: 'plain' }),
      expect.objectContaining({ level: 'info', msg: 'with fields', requestId: 'r-2' }),
      expect.objectContaining({ level: 'warn', msg: 'a warning', attempt: 2 }),
    ]);
    expect(lines.join('')).not.toContain('"level":"warn","level"');
  });

  it('the pretty format writes one readable line per event', () => {
    const { lines, logger } = capture({ level: 'info', format: 'pretty' });
    logger.info({ requestId: 'r-3', route: '/graphql', status: 200, operation: 'Me' }, 'request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO {2}request {2}requestId=r-3 route=\/graphql status=200 operation=Me\n$/);
    expect(prettyLine('not json')).toBe('not json');
  });
});
