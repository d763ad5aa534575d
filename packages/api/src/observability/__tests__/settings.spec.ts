import { loadEnv } from '../../config/env';

describe('log and metrics settings', () => {
  it('LOG_FORMAT: pretty in development, json otherwise, or as set', () => {
    expect(loadEnv({}).logFormat).toBe('pretty');
    expect(loadEnv({ NODE_ENV: 'test' }).logFormat).toBe('json');
    expect(loadEnv({ NODE_ENV: 'production', FILE_URL_SECRET: 'x'.repeat(32) }).logFormat).toBe('json');
    expect(loadEnv({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadEnv({ NODE_ENV: 'test', LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadEnv({ NODE_ENV: 'test', LOG_FORMAT: '' }).logFormat).toBe('json');
    expect(() => loadEnv({ LOG_FORMAT: 'text' })).toThrow(/LOG_FORMAT: LOG_FORMAT must be json or pretty/);
  });

  it('LOG_LEVEL: one of pino’s levels', () => {
    expect(loadEnv({}).LOG_LEVEL).toBe('info');
    for (const level of ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'])
      expect(loadEnv({ LOG_LEVEL: level }).LOG_LEVEL).toBe(level);
    expect(() => loadEnv({ LOG_LEVEL: 'verbose' })).toThrow(
      /LOG_LEVEL: LOG_LEVEL must be one of silent, fatal, error, warn, info, debug, trace/,
    );
  });

  it('METRICS_TOKEN: absent, or at least 32 printable characters without spaces', () => {
    expect(loadEnv({}).METRICS_TOKEN).toBeUndefined();
    expect(loadEnv({ METRICS_TOKEN: '' }).METRICS_TOKEN).toBeUndefined();
    expect(loadEnv({ METRICS_TOKEN: 'a'.repeat(32) }).METRICS_TOKEN).toBe('a'.repeat(32));
    expect(() => loadEnv({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: METRICS_TOKEN must be at least 32 characters/);
    expect(() => loadEnv({ METRICS_TOKEN: `${'a'.repeat(32)} b` })).toThrow(/METRICS_TOKEN: printable ASCII characters without spaces/);
  });
});
