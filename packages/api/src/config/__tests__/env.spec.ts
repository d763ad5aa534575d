import { loadEnv } from '../env';

const SECRET = 'k'.repeat(43);

describe('configuration: process role and secrets', () => {
  it('runs everything by default; PROCESS_ROLE chooses api or worker, and nothing else', () => {
    expect(loadEnv({}).PROCESS_ROLE).toBe('all');
    expect(loadEnv({ PROCESS_ROLE: 'api' }).PROCESS_ROLE).toBe('api');
    expect(loadEnv({ PROCESS_ROLE: 'worker' }).PROCESS_ROLE).toBe('worker');
    expect(() => loadEnv({ PROCESS_ROLE: 'workers' })).toThrow(/PROCESS_ROLE: PROCESS_ROLE must be all, api or worker/);
  });

  it('refuses to start in production without FILE_URL_SECRET, naming it', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/Invalid configuration:\n {2}FILE_URL_SECRET: required in production/);
    expect(() => loadEnv({ NODE_ENV: 'production', FILE_URL_SECRET: 'short' })).toThrow(
      /FILE_URL_SECRET: FILE_URL_SECRET must be at least 32 characters/,
    );
    expect(loadEnv({ NODE_ENV: 'production', FILE_URL_SECRET: SECRET }).fileUrlSecret).toBe(SECRET);
  });

  it('makes a random key at each start in development and tests, as before', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const one = loadEnv({ NODE_ENV }).fileUrlSecret;
      const other = loadEnv({ NODE_ENV }).fileUrlSecret;
      expect(one).toMatch(/^[\w-]{43}$/);
      expect(other).not.toBe(one);
      expect(loadEnv({ NODE_ENV, FILE_URL_SECRET: SECRET }).fileUrlSecret).toBe(SECRET);
    }
  });

  it('waits 10 minutes for another instance’s migrations unless told otherwise', () => {
    expect(loadEnv({}).MIGRATION_LOCK_TIMEOUT_SECONDS).toBe(600);
    expect(loadEnv({ MIGRATION_LOCK_TIMEOUT_SECONDS: '30' }).MIGRATION_LOCK_TIMEOUT_SECONDS).toBe(30);
    expect(() => loadEnv({ MIGRATION_LOCK_TIMEOUT_SECONDS: '0' })).toThrow(/MIGRATION_LOCK_TIMEOUT_SECONDS/);
  });
});
