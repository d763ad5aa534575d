import { randomBytes } from 'node:crypto';
import { createConnection, type Connection } from 'mysql2/promise';
import { migrationLockName } from '../src/db/data-source';
import { buildIfStale, spawnServer, type Spawned } from './built-server';
import { createEmptyMysqlDatabase } from './test-database';
import { until } from './until';

/**
 * A starting instance opens its port before its migrations: while they run (here, while it waits
 * for the migration lock this test holds, as another instance migrating would), /healthz says it
 * lives, /readyz says it is not ready, and every other request is told to come back. Once the lock
 * is released it migrates, and /readyz turns to 200.
 */

const ON_MYSQL = process.env.GUICHET_TEST_DB !== undefined && process.env.GUICHET_TEST_DB !== 'sqlite';
if (!ON_MYSQL) console.log('[readyz during migrations] skipped: the migration lock is MySQL/MariaDB’s (GET_LOCK); the run is on SQLite.');
const describeOnMysql = ON_MYSQL ? describe : describe.skip;

describeOnMysql('/readyz while the migrations run', () => {
  let db: Awaited<ReturnType<typeof createEmptyMysqlDatabase>>;
  let holder: Connection;
  let server: Spawned | undefined;

  beforeAll(async () => {
    buildIfStale();
    db = await createEmptyMysqlDatabase();
    holder = await createConnection({ uri: db.url });
  }, 180_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await holder?.end();
    await db?.drop();
  });

  it('is 503 "migrating" while they wait and run, with /healthz 200 and the rest 503; then 200', async () => {
    const lock = migrationLockName(new URL(db.url).pathname.slice(1));
    const [[taken]] = (await holder.query('SELECT GET_LOCK(?, 0) AS got', [lock])) as unknown as [[{ got: number }]];
    expect(Number(taken.got)).toBe(1);

    server = await spawnServer(
      {
        NODE_ENV: 'production',
        FILE_URL_SECRET: randomBytes(32).toString('base64url'),
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: db.dataDir,
        DATABASE_URL: db.url,
        SEED_DEMO: 'true',
      },
      { until: /Guichet is starting at http:\/\/localhost:(\d+)/ },
    );
    await server.line(/another instance is migrating; waiting for it/);
    const base = `http://127.0.0.1:${server.port}`;

    const readyz = await fetch(`${base}/readyz`);
    expect(readyz.status).toBe(503);
    expect(await readyz.json()).toEqual({ status: 'migrating' });
    expect(readyz.headers.get('retry-after')).toBe('5');
    expect(readyz.headers.get('cache-control')).toBe('no-store');
    const healthz = await fetch(`${base}/healthz`);
    expect(healthz.status).toBe(200);
    expect(await healthz.json()).toEqual({ status: 'ok' });
    const graphql = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'probe-1' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(graphql.status).toBe(503);
    expect(graphql.headers.get('retry-after')).toBe('5');
    expect(graphql.headers.get('x-request-id')).toBe('probe-1');
    expect(await graphql.json()).toEqual({
      errors: [{ message: expect.stringMatching(/starting/), extensions: { code: 'SERVICE_UNAVAILABLE' } }],
    });
    const page = await fetch(`${base}/c/x/mail`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('5');
    expect(await page.json()).toMatchObject({ error: 'SERVICE_UNAVAILABLE' });
    // Nothing was migrated meanwhile: the lock is still this test's.
    expect(server.output()).not.toMatch(/migration\(s\) applied|Guichet is running/);

    await holder.query('SELECT RELEASE_LOCK(?)', [lock]);
    const ready = await until('/readyz to answer 200', async () => {
      const res = await fetch(`${base}/readyz`);
      const body = (await res.json()) as { status: string };
      if (res.status === 200) return body;
      // Until then, it says why.
      expect([res.status, body.status]).toEqual([503, 'migrating']);
      return undefined;
    });
    expect(ready).toEqual({ status: 'ready', database: 'mysql' });
    await server.line(/Guichet is running at http:\/\/localhost:\d+/);
    expect(server.output()).toMatch(/database: \d+ migration\(s\) applied/);
    const answered = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(answered.status).toBe(200);

    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
  });
});
