import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DataSource, QueryFailedError } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import { loadEnv } from '../../config/env';
import { dataSourceOptions, openDatabase } from '../../db/data-source';
import { isDatabaseUnavailable } from '../../db/unavailable';
import { seedDemoIfEmpty } from '../../seed/demo-seed';
import { startServer, type RunningServer } from '../../server';
import { LocalFileStorage } from '../../storage/local-storage';
import { Client, DEMO_PASSWORD, PERSONA_EMAILS } from '../../../test/harness';
import { createTestDatabase, type TestDatabase } from '../../../test/test-database';

/**
 * A database outage answers SERVICE_UNAVAILABLE (503, Retry-After), which a client may retry, and
 * /readyz says not ready. On MySQL/MariaDB the server reaches the database through a TCP relay that
 * the test cuts (connections lost, then refused), stalls (no answer at all) and restores; on
 * SQLite another connection locks the file, then the server's data source is closed.
 */

/** A TCP relay to the database server that can be cut, stalled and restored. */
interface Relay {
  port: number;
  /** Drops every relayed connection and refuses new ones. */
  cut(): Promise<void>;
  /** Keeps connections open but forwards nothing: the database seems to hang. */
  stall(): void;
  /** Accepts and forwards again (on the same port). */
  restore(): Promise<void>;
  close(): Promise<void>;
}

async function startRelay(target: { host: string; port: number }): Promise<Relay> {
  const pairs = new Set<[net.Socket, net.Socket]>();
  let stalled = false;
  const onConnection = (client: net.Socket): void => {
    const upstream = net.connect(target.port, target.host);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
    const forget = (): void => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.once('close', forget);
    upstream.once('close', forget);
    client.pipe(upstream);
    upstream.pipe(client);
    if (stalled) {
      client.pause();
      upstream.pause();
    }
  };
  let server = net.createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  const listen = async (): Promise<void> => {
    server = net.createServer(onConnection);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  };
  const stopListening = (): Promise<void> =>
    new Promise((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });
  return {
    port,
    cut: async () => {
      const closed = stopListening();
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await closed;
    },
    stall: () => {
      stalled = true;
      for (const [client, upstream] of pairs) {
        client.pause();
        upstream.pause();
      }
    },
    restore: async () => {
      stalled = false;
      for (const [client, upstream] of pairs) {
        client.resume();
        upstream.resume();
      }
      if (!server.listening) await listen();
    },
    close: async () => {
      const closed = stopListening();
      for (const [client, upstream] of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await closed;
    },
  };
}

interface Outage {
  db: TestDatabase;
  appDs: DataSource;
  server: RunningServer;
  url: string;
  relay?: Relay;
  close(): Promise<void>;
}

/** The real HTTP server on its own data source (through a relay on MySQL), over a seeded test database. */
async function startOutageApp(): Promise<Outage> {
  const db = await createTestDatabase();
  await seedDemoIfEmpty(db.ds, DEMO_PASSWORD, new Date(), { storage: new LocalFileStorage(path.join(db.dataDir, 'files')) });
  let relay: Relay | undefined;
  let appDs: DataSource;
  if (db.kind === 'mysql' && db.url) {
    const direct = new URL(db.url);
    relay = await startRelay({ host: direct.hostname, port: Number(direct.port || 3306) });
    const relayed = new URL(db.url);
    relayed.hostname = '127.0.0.1';
    relayed.port = String(relay.port);
    appDs = await openDatabase({ url: relayed.toString(), dataDir: db.dataDir });
  } else {
    // A second connection to the test's file; a short busy timeout so that a lock answers at once.
    const options = dataSourceOptions({ dataDir: db.dataDir });
    appDs = new DataSource({
      ...options,
      prepareDatabase: (conn: { pragma: (s: string) => unknown }) => {
        conn.pragma('journal_mode = WAL');
        conn.pragma('busy_timeout = 50');
        conn.pragma('foreign_keys = ON');
      },
    } as typeof options);
    await appDs.initialize();
  }
  const env = loadEnv({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATA_DIR: db.dataDir, LOG_LEVEL: 'silent' });
  const server = await startServer(env, { ds: appDs, worker: false, log: () => undefined });
  return {
    db,
    appDs,
    server,
    url: server.url,
    relay,
    close: async () => {
      await relay?.restore();
      await server.close();
      if (appDs.isInitialized) await appDs.destroy();
      await relay?.close();
      await db.drop();
    },
  };
}

async function readyz(url: string): Promise<{ status: number; body: unknown; retryAfter: string | null }> {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: await res.json(), retryAfter: res.headers.get('retry-after') };
}

const ME = '{ me { user { email } } }';

/** What an outage answers: the code a client retries on, no internals, and Retry-After. */
function expectServiceUnavailable(res: Awaited<ReturnType<Client['gql']>>, status: number): void {
  expect(res.status).toBe(status);
  expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
  expect(res.errors?.[0]?.extensions?.retryAfter).toBe(5);
  expect(res.errors?.[0]?.message).toMatch(/temporarily unavailable/);
  expect(JSON.stringify(res.errors)).not.toMatch(/ECONNREFUSED|PROTOCOL|SQLITE|stack|127\.0\.0\.1/i);
  expect(res.headers.get('retry-after')).toBe('5');
}

describe('database outage', () => {
  let app: Outage;
  let alice: Client;
  let fileLink: string;
  beforeAll(async () => {
    app = await startOutageApp();
    alice = await new Client(app.url).login(PERSONA_EMAILS.alice);
    const companyId = ((await app.db.ds.query('SELECT id FROM companies WHERE name = ?', ['Demo SAS'])) as { id: string }[])[0]?.id;
    fileLink = `/files/mail/${companyId}/00000000000000000000000000`;
  });
  afterAll(async () => app.close());

  it('is ready, and answers, while the database answers', async () => {
    expect((await readyz(app.url)).status).toBe(200);
    const me = await alice.gql<{ me: { user: { email: string } } }>(ME);
    expect(me.data?.me.user.email).toBe(PERSONA_EMAILS.alice);
  });

  if (process.env.GUICHET_TEST_DB !== 'sqlite') {
    it('MySQL/MariaDB: connections lost then refused give SERVICE_UNAVAILABLE and /readyz 503; all recover', async () => {
      await app.relay?.cut();

      // The session cannot be read: refused before any operation runs.
      expectServiceUnavailable(await alice.gql(ME), 503);
      // Anonymous, in a resolver: the field is null, the error says what to retry.
      const anonymous = await new Client(app.url).gql(`{ invitation(token: "${'A'.repeat(43)}") { companyName } }`);
      expectServiceUnavailable(anonymous, 200);
      expect(anonymous.data).toEqual({ invitation: null });
      // A file route.
      const file = await alice.fetch(fileLink);
      expect(file.status).toBe(503);
      expect(file.headers.get('retry-after')).toBe('5');
      expect(await file.json()).toEqual({ error: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE', retryAfter: 5 }) });
      expect(await readyz(app.url)).toEqual({ status: 503, body: { status: 'unavailable', database: 'mysql' }, retryAfter: '5' });

      await app.relay?.restore();
      expect((await readyz(app.url)).status).toBe(200);
      expect((await alice.gql<{ me: { user: { email: string } } }>(ME)).data?.me.user.email).toBe(PERSONA_EMAILS.alice);
    });

    it('MySQL/MariaDB: a database that does not answer makes /readyz answer 503 instead of hanging', async () => {
      app.relay?.stall();
      expect((await readyz(app.url)).status).toBe(503);
      await app.relay?.restore();
      expect((await readyz(app.url)).status).toBe(200);
    });
  } else {
    it('SQLite: a database locked by another connection gives SERVICE_UNAVAILABLE', async () => {
      const locker = new Database(path.join(app.db.dataDir, 'guichet.sqlite'));
      try {
        // The write lock, held: no other connection may write until it is released.
        locker.exec('BEGIN IMMEDIATE');
        const res = await alice.gql('mutation { setMyLocale(locale: EN) { locale } }');
        expectServiceUnavailable(res, 503);
        expect(res.data ?? null).toBeNull();
      } finally {
        locker.exec('ROLLBACK');
        locker.close();
      }
      const res = await alice.gql<{ setMyLocale: { locale: string } }>('mutation { setMyLocale(locale: EN) { locale } }');
      expect(res.data?.setMyLocale.locale).toBe('EN');
    });

    it('SQLite: a closed data source gives SERVICE_UNAVAILABLE and /readyz 503; reopened, all recover', async () => {
      await app.appDs.destroy();
      expectServiceUnavailable(await alice.gql(ME), 503);
      const file = await alice.fetch(fileLink);
      expect(file.status).toBe(503);
      expect(await file.json()).toEqual({ error: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }) });
      expect(await readyz(app.url)).toEqual({ status: 503, body: { status: 'unavailable', database: 'better-sqlite3' }, retryAfter: '5' });

      await app.appDs.initialize();
      expect((await readyz(app.url)).status).toBe(200);
      expect((await alice.gql<{ me: { user: { email: string } } }>(ME)).data?.me.user.email).toBe(PERSONA_EMAILS.alice);
    });
  }
});

describe('isDatabaseUnavailable', () => {
  const queryFailed = (driverError: Error & { code?: string }): QueryFailedError => new QueryFailedError('SELECT 1', [], driverError);
  const coded = (message: string, code: string): Error & { code: string } => Object.assign(new Error(message), { code });

  it('recognises outages, and only outages', () => {
    expect(isDatabaseUnavailable(queryFailed(coded('Connection lost', 'PROTOCOL_CONNECTION_LOST')))).toBe(true);
    expect(isDatabaseUnavailable(coded('connect ECONNREFUSED 127.0.0.1:3306', 'ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(coded('Too many connections', 'ER_CON_COUNT_ERROR')))).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(coded('database is locked', 'SQLITE_BUSY')))).toBe(true);
    expect(isDatabaseUnavailable(queryFailed(coded('database table is locked', 'SQLITE_LOCKED_SHAREDCACHE')))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Pool is closed.'))).toBe(true);

    expect(isDatabaseUnavailable(queryFailed(coded("Duplicate entry 'x' for key 'y'", 'ER_DUP_ENTRY')))).toBe(false);
    expect(isDatabaseUnavailable(queryFailed(coded('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE')))).toBe(false);
    expect(isDatabaseUnavailable(new DomainError('NOT_FOUND', 'Not found.'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
  });
});
