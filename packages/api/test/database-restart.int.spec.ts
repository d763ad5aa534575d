import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { openDatabase } from '../src/db/data-source';
import { seedDemoIfEmpty } from '../src/seed/demo-seed';
import { LocalFileStorage } from '../src/storage/local-storage';
import { buildIfStale, spawnServer, type Spawned } from './built-server';
import { describeFault, until } from './fault-support';
import { Client, DEMO_PASSWORD, PERSONA_EMAILS } from './harness';
import { startPrivateMariadb, type PrivateMariadb } from './private-engines';

/**
 * MariaDB crashing and starting again under load: a built server (PROCESS_ROLE=all) on a private
 * mariadbd, and a loop of writes through GraphQL at a steady rate (a new tag every 100 ms, each
 * answered with the tag's id). Mid-loop the test kills mariadbd (SIGKILL, as a crash would), looks
 * at the answers while it is down, and starts it again on the same data; then the same with a clean
 * stop (SIGTERM). During each outage a request answers 503 SERVICE_UNAVAILABLE with Retry-After, at
 * once; the same server process comes back on its own (/readyz 200, writes succeed) and every write
 * it acknowledged is in the database.
 */

const describeWithMariadb = describeFault('MariaDB restarted under load', ['mariadb']);

const CREATE_TAG = 'mutation($c: ID!, $n: String!) { createTag(companyId: $c, name: $n, color: "#336699") { id } }';
/** A write answered later than this counts as hanging. */
const ANSWER_WITHIN_MS = 5000;
const EVERY_MS = 100;

interface Outcome {
  name: string;
  startedAt: number;
  ms: number;
  status: number;
  id?: string;
  code?: string;
  retryAfter?: string | null;
}

describeWithMariadb('MariaDB restarted under load', () => {
  let mariadb: PrivateMariadb;
  let databaseUrl: string;
  let dataDir: string;
  let server: Spawned;

  beforeAll(async () => {
    buildIfStale();
    mariadb = await startPrivateMariadb();
    databaseUrl = await mariadb.createDatabase('guichet_restart');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-restart-'));
    // The demo data, without the year of invoices (seconds of PDF work that this test does not need).
    const ds = await openDatabase({ url: databaseUrl, dataDir });
    await seedDemoIfEmpty(ds, DEMO_PASSWORD, new Date(), { storage: new LocalFileStorage(path.join(dataDir, 'files')), invoices: false });
    await ds.destroy();
    server = await spawnServer({
      NODE_ENV: 'production',
      PROCESS_ROLE: 'all',
      FILE_URL_SECRET: randomBytes(32).toString('base64url'),
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      SEED_DEMO: 'false',
    });
  }, 180_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await mariadb?.dispose();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After while the database is down, recovers in the same process, and loses no acknowledged write', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const alice = await new Client(base).login(PERSONA_EMAILS.alice);
    const check = await createConnection({ uri: databaseUrl });
    const [companies] = (await check.query('SELECT id FROM companies WHERE name = ?', ['Demo SAS'])) as [{ id: string }[], unknown];
    await check.end();
    const demoId = companies[0]?.id ?? '';
    const readyz = async (): Promise<{ status: number; retryAfter: string | null }> => {
      const res = await fetch(`${base}/readyz`);
      await res.arrayBuffer();
      return { status: res.status, retryAfter: res.headers.get('retry-after') };
    };
    expect((await readyz()).status).toBe(200);

    // The loop: one write every EVERY_MS, whatever the previous one's fate.
    const outcomes: Outcome[] = [];
    const inFlight = new Set<Promise<void>>();
    let sequence = 0;
    const write = async (): Promise<void> => {
      sequence += 1;
      const name = `Lot ${String(sequence).padStart(3, '0')}`;
      const startedAt = Date.now();
      const res = await alice.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: CREATE_TAG, variables: { c: demoId, n: name } }),
        signal: AbortSignal.timeout(30_000),
      });
      const body = (await res.json()) as {
        data?: { createTag: { id: string } | null } | null;
        errors?: { extensions?: { code?: string } }[];
      };
      outcomes.push({
        name,
        startedAt,
        ms: Date.now() - startedAt,
        status: res.status,
        id: body.data?.createTag?.id,
        code: body.errors?.[0]?.extensions?.code,
        retryAfter: res.headers.get('retry-after'),
      });
    };
    const loop = setInterval(() => {
      const p = write().catch((error: unknown) => {
        outcomes.push({ name: 'failed request', startedAt: Date.now(), ms: -1, status: 0, code: String(error) });
      });
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }, EVERY_MS);
    const acknowledged = (): Outcome[] => outcomes.filter((o) => o.id);

    try {
      await until('15 writes acknowledged before the first outage', async () => (acknowledged().length >= 15 ? true : undefined));
      const phases: string[] = [];
      // A crash (SIGKILL: InnoDB recovers from its log at the next start), then a clean restart (SIGTERM).
      for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
        const stoppedAt = Date.now();
        await mariadb.stop(signal);
        // While it is down: the writes and the probe answer 503 with Retry-After, at once.
        await until('10 writes refused during the outage', async () =>
          outcomes.filter((o) => o.startedAt > stoppedAt && o.status === 503).length >= 10 ? true : undefined,
        );
        expect(await readyz()).toEqual({ status: 503, retryAfter: '5' });
        // mariadbd starts again on the same data.
        const startingAt = Date.now();
        await mariadb.start();
        const startedAt = Date.now();
        await until('/readyz to answer 200 again', async () => ((await readyz()).status === 200 ? true : undefined), 30_000, 100);
        const readyAt = Date.now();
        await until(
          '15 writes acknowledged after the restart',
          async () => (acknowledged().filter((o) => o.startedAt > readyAt).length >= 15 ? true : undefined),
          30_000,
        );
        const refusedHere = outcomes.filter((o) => o.startedAt > stoppedAt && o.startedAt < readyAt && !o.id).length;
        const firstAfter = Math.min(
          ...acknowledged()
            .filter((o) => o.startedAt > startingAt)
            .map((o) => o.startedAt),
        );
        phases.push(
          `${signal}: down ${startingAt - stoppedAt} ms, ${refusedHere} writes refused, mariadbd accepting connections ` +
            `${startedAt - startingAt} ms after its start, /readyz 200 ${readyAt - startedAt} ms later, ` +
            `first acknowledged write sent ${firstAfter - startingAt} ms after the start`,
        );
      }
      clearInterval(loop);
      await Promise.all([...inFlight]);

      // Every answer was an id or a coded 503 with Retry-After, and none took long.
      const refused = outcomes.filter((o) => !o.id);
      const kinds = new Set(refused.map((o) => `${o.status} ${o.code} retry-after ${o.retryAfter}`));
      expect([...kinds]).toEqual(['503 SERVICE_UNAVAILABLE retry-after 5']);
      const slowest = Math.max(...outcomes.map((o) => o.ms));
      expect(slowest).toBeLessThan(ANSWER_WITHIN_MS);

      // Every acknowledged write is in the database.
      const after = await createConnection({ uri: databaseUrl });
      const [rows] = (await after.query("SELECT id, name FROM tags WHERE company_id = ? AND name LIKE 'Lot %'", [demoId])) as [
        { id: string; name: string }[],
        unknown,
      ];
      await after.end();
      const stored = new Set(rows.map((r) => r.id));
      const lost = acknowledged().filter((o) => !stored.has(o.id ?? ''));
      const refusedButStored = refused.filter((o) => rows.some((r) => r.name === o.name)).length;
      console.log(
        `MariaDB restarted under load: ${outcomes.length} writes (one every ${EVERY_MS} ms), ${acknowledged().length} acknowledged, ` +
          `${refused.length} refused with 503 SERVICE_UNAVAILABLE and Retry-After: 5; slowest answer ${slowest} ms; ` +
          `${stored.size} written rows found, ${lost.length} acknowledged write(s) missing, ${refusedButStored} refused write(s) committed anyway; ` +
          phases.join('; '),
      );
      expect(lost).toEqual([]);
      // The same process throughout.
      expect([server.child.exitCode, server.child.signalCode]).toEqual([null, null]);
      expect(server.output()).not.toMatch(/Internal server error|INTERNAL_SERVER_ERROR/);
    } finally {
      clearInterval(loop);
    }
  }, 120_000);
});
