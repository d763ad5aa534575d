import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createConnection } from 'mysql2/promise';
import { SMTPServer } from 'smtp-server';
import { loadEnv } from '../src/config/env';
import { migrations } from '../src/db/migrations';
import { parisDay } from '../src/modules/mail/mail.labels';
import { messageIdFor } from '../src/modules/mailer/message-id';
import { queueTestEmails } from './outbox-load';
import { INVITE, MEMBERS, row } from '../src/modules/team/__tests__/team-helpers';
import { seedDemoIfEmpty } from '../src/seed/demo-seed';
import { startServer, type RunningServer } from '../src/server';
import { LocalFileStorage } from '../src/storage/local-storage';
import { buildIfStale, spawnServer, type Spawned } from './built-server';
import { gqlFrom } from './client-address';
import { Client, codesOf, DEMO_PASSWORD, PERSONA_EMAILS, TEST_REDIS_URL } from './harness';
import { createEmptyMysqlDatabase, createTestDatabase, type TestDatabase } from './test-database';
import { until } from './until';

/**
 * Several instances over one MySQL/MariaDB database (and one Redis when the tests have one): three
 * built servers starting at once on an empty database, then two API and two worker instances
 * started in this process, each with its own connection pool, as separate hosts would have. Every
 * wait is on an event (a line printed, a message received) or on a condition polled until it holds.
 */

const ON_MYSQL = process.env.GUICHET_TEST_DB !== undefined && process.env.GUICHET_TEST_DB !== 'sqlite';
if (!ON_MYSQL) {
  console.log(
    '[several instances] skipped: these tests need MySQL/MariaDB (several processes on one database); the run is on SQLite. ' +
      'REQUIRE_MYSQL=1 makes a missing server a failure.',
  );
}
const describeOnMysql = ON_MYSQL ? describe : describe.skip;
if (ON_MYSQL && !TEST_REDIS_URL) {
  console.log(
    '[several instances] the test of counters shared through Redis is skipped: the tests have no Redis (TEST_REDIS=memory, or none answers at TEST_REDIS_URL).',
  );
}

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { id } } }';
const REQUEST_RESET = 'mutation($e: String!) { requestPasswordReset(email: $e) }';
const ME = '{ me { user { email } } }';
const MAIL_ITEMS = 'query($c: ID!) { company(id: $c) { mailItems(first: 5) { edges { node { id } } } } }';
const LINK = 'mutation($c: ID!, $m: ID!) { createMailItemLink(companyId: $c, mailItemId: $m) { url } }';
const MAIL_FROM = 'Guichet <no-reply@guichet.test>';
const SCOPES = 'mutation($c: ID!, $m: ID!, $s: [Scope!]!) { updateMemberScopes(companyId: $c, memberId: $m, scopes: $s) { scopes } }';

describeOnMysql('three built instances starting at once on an empty database', () => {
  let db: Awaited<ReturnType<typeof createEmptyMysqlDatabase>>;
  const servers: Spawned[] = [];

  beforeAll(async () => {
    buildIfStale();
    db = await createEmptyMysqlDatabase();
  }, 180_000);

  afterAll(async () => {
    for (const s of servers) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    await db?.drop();
  });

  it('all start; the migrations and the demo seed run once; each role answers what it serves and stops with exit code 0', async () => {
    const secret = randomBytes(32).toString('base64url');
    const env = (role: string): Record<string, string> => ({
      NODE_ENV: 'production',
      PROCESS_ROLE: role,
      FILE_URL_SECRET: secret,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: db.dataDir,
      DATABASE_URL: db.url,
      SEED_DEMO: 'true',
      SHUTDOWN_TIMEOUT_MS: '30000',
    });
    const roles = ['all', 'api', 'worker'] as const;
    servers.push(...(await Promise.all(roles.map((role) => spawnServer(env(role))))));
    const [all, api, worker] = servers as [Spawned, Spawned, Spawned];

    // Each migration is recorded once, and one instance applied them all: the others waited and found none.
    const check = await createConnection({ uri: db.url });
    try {
      const recorded = (await check.query('SELECT name, COUNT(*) AS n FROM migrations GROUP BY name')) as [
        { name: string; n: number }[],
        unknown,
      ];
      const byName = (a: [string, number], b: [string, number]): number => (a[0] < b[0] ? -1 : 1);
      expect(recorded[0].map((r): [string, number] => [r.name, Number(r.n)]).sort(byName)).toEqual(
        migrations.map((m): [string, number] => [m.name, 1]).sort(byName),
      );
      const users = (await check.query('SELECT COUNT(*) AS n FROM users')) as [{ n: number }[], unknown];
      expect(Number(users[0][0]?.n)).toBe(6);
    } finally {
      await check.end();
    }
    const outputs = servers.map((s) => s.output());
    const applied = outputs.filter((o) => new RegExp(`database: ${migrations.length} migration\\(s\\) applied`).test(o));
    const upToDate = outputs.filter((o) => /database: schema up to date/.test(o));
    expect([applied.length, upToDate.length]).toEqual([1, 2]);
    expect(outputs.filter((o) => o.includes('Demo logins'))).toHaveLength(1);
    for (const o of outputs) expect(o).not.toMatch(/error|failed|Invalid configuration/i);
    console.log(
      `3 instances at once: migrations applied by 1 (${outputs.filter((o) => o.includes('another instance is migrating')).length} waited for the lock), up to date for 2`,
    );

    // A session opened on the API instance works on the instance that runs everything.
    const login = await fetch(`http://127.0.0.1:${api.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: LOGIN, variables: { e: PERSONA_EMAILS.alice, p: DEMO_PASSWORD } }),
    });
    const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^__Host-guichet_session=./);
    const me = await fetch(`http://127.0.0.1:${all.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ query: ME }),
    });
    expect(await me.json()).toEqual({ data: { me: { user: { email: PERSONA_EMAILS.alice } } } });

    // The worker answers the probes, and nothing else.
    const at = (path: string, init?: RequestInit): Promise<Response> => fetch(`http://127.0.0.1:${worker.port}${path}`, init);
    expect((await at('/healthz')).status).toBe(200);
    expect(await (await at('/readyz')).json()).toEqual({ status: 'ready', database: 'mysql' });
    const graphql = await at('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ME }),
    });
    expect(graphql.status).toBe(404);
    expect((await at('/')).status).toBe(404);
    expect((await at('/files/mail/x/y')).status).toBe(404);

    for (const s of servers) s.child.kill('SIGTERM');
    const exits = await Promise.all(servers.map((s) => s.exited));
    expect(exits).toEqual(roles.map(() => ({ code: 0, signal: null })));
    for (const s of servers) {
      expect(s.output()).toMatch(/shutdown: workers stopped/);
      expect(s.output()).toMatch(/shutdown: database closed/);
      expect(s.output()).not.toMatch(/not finished after|were cut|shutdown failed/);
    }
  }, 180_000);
});

interface Received {
  messageId: string;
  /** The name the sending worker gave in EHLO. */
  sender: string;
  to: string;
}

/** An SMTP peer on loopback that keeps each message's Message-ID and its sender's EHLO name. */
async function startSmtpPeer(): Promise<{
  port: number;
  received: Received[];
  onMessage: (listener: () => void) => void;
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const listeners: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // No reverse DNS lookup of 127.0.0.1 for each connection.
    disableReverseLookup: true,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        const messageId = /^Message-ID:\s*(<[^>]+>)/im.exec(raw)?.[1] ?? '';
        received.push({ messageId, sender: session.hostNameAppearsAs, to: session.envelope.rcptTo[0]?.address ?? '' });
        callback();
        for (const l of listeners) l();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, onMessage: (l) => listeners.push(l), close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describeOnMysql('two API instances and two worker instances on one database', () => {
  let db: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  const logs: string[] = [];
  const instances: RunningServer[] = [];
  let api1: RunningServer;
  let api2: RunningServer;
  let worker1: RunningServer;
  let worker2: RunningServer;
  let demoId: string;
  const secret = randomBytes(32).toString('base64url');
  const prefix = `guichet:instances:${randomBytes(4).toString('hex')}`;

  /** An instance of its own (its own pool), as on another host; `name` is its EHLO name towards SMTP. */
  const start = (role: 'api' | 'worker', name: string, overrides: Record<string, string> = {}): Promise<RunningServer> =>
    startServer(
      loadEnv({
        NODE_ENV: 'test',
        PROCESS_ROLE: role,
        PORT: '0',
        HOST: '127.0.0.1',
        DATABASE_URL: db.url ?? '',
        DATA_DIR: db.dataDir,
        LOG_LEVEL: 'silent',
        FILE_URL_SECRET: secret,
        RATE_LIMIT_PREFIX: prefix,
        REDIS_URL: TEST_REDIS_URL ?? '',
        SMTP_URL: `smtp://127.0.0.1:${smtp.port}/?name=${name}`,
        MAIL_FROM,
        LOGIN_FAILURES_PER_ACCOUNT: '3',
        LOGIN_DELAY_STEP_MS: '0',
        PASSWORD_RESETS_PER_IP_PER_HOUR: '2',
        ...overrides,
      }),
      { log: (m) => logs.push(`${name}: ${m}`) },
    );

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoIfEmpty(db.ds, DEMO_PASSWORD, new Date(), {
      storage: new LocalFileStorage(path.join(db.dataDir, 'files')),
      invoices: false,
    });
    smtp = await startSmtpPeer();
    [api1, api2, worker1, worker2] = await Promise.all([
      start('api', 'api-1'),
      start('api', 'api-2'),
      start('worker', 'worker-1'),
      start('worker', 'worker-2'),
    ]);
    instances.push(api1, api2, worker1, worker2);
    demoId = ((await db.ds.query('SELECT id FROM companies WHERE name = ?', ['Demo SAS'])) as { id: string }[])[0]?.id ?? '';
  }, 120_000);

  afterAll(async () => {
    // Each role shuts down gracefully (an API without workers, workers without GraphQL).
    await Promise.all(instances.map((i) => i.close()));
    expect(instances.map((i) => i.shutdownState())).toEqual(instances.map(() => 'closed'));
    await smtp?.close();
    await db?.drop();
    if (logs.some((l) => /failed|error/i.test(l))) console.log(`instances' logs:\n${logs.join('\n')}`);
  }, 60_000);

  it('runs each role: the API instances serve GraphQL and run no background work; the workers serve only the probes', async () => {
    expect(instances.map((i) => i.role)).toEqual(['api', 'api', 'worker', 'worker']);
    expect((await fetch(`${worker1.url}/graphql`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${worker2.url}/readyz`)).status).toBe(200);
    // A password-reset request answered by an API instance is carried out by a worker (deferred requests), then emailed.
    const email = PERSONA_EMAILS.david;
    expect((await gqlFrom(api1, '203.0.113.70', REQUEST_RESET, { e: email })).data).toEqual({ requestPasswordReset: true });
    const sent = await until('the password-reset email, sent by a worker', async () => {
      const rows = (await db.ds.query("SELECT status FROM outbox_emails WHERE to_address = ? AND kind = 'password_reset'", [email])) as {
        status: string;
      }[];
      return rows.length === 1 && rows[0]?.status === 'SENT' ? rows : undefined;
    });
    expect(sent).toEqual([{ status: 'SENT' }]);
    expect(smtp.received.filter((r) => r.to === email).map((r) => r.sender)).toEqual([expect.stringMatching(/^worker-[12]$/)]);
  });

  it('a session opened on one API instance works on the other, and so does a file link; a role change made through one applies on the other’s next request', async () => {
    const brunoOn1 = await new Client(api1.url).login(PERSONA_EMAILS.bruno);
    const brunoOn2 = new Client(api2.url);
    brunoOn2.cookie = brunoOn1.cookie;
    expect((await brunoOn2.gql(ME)).data).toEqual({ me: { user: { email: PERSONA_EMAILS.bruno } } });
    const list = await brunoOn2.gql<{ company: { mailItems: { edges: { node: { id: string } }[] } } }>(MAIL_ITEMS, { c: demoId });
    const itemId = list.data?.company.mailItems.edges[0]?.node.id;
    expect(itemId).toBeDefined();

    // A link signed by API 1 opens on API 2: the key is configuration, the same on both.
    const link = await brunoOn1.gql<{ createMailItemLink: { url: string } }>(LINK, { c: demoId, m: itemId });
    const url = new URL(link.data?.createMailItemLink.url ?? '');
    const opened = await brunoOn2.fetch(`${url.pathname}${url.search}`);
    expect([opened.status, opened.headers.get('content-type')]).toEqual([200, 'application/pdf']);
    await opened.arrayBuffer();

    // Alice takes the mail away from Bruno through API 1; on API 2 his very next request is refused.
    const alice = await new Client(api1.url).login(PERSONA_EMAILS.alice);
    const members = await alice.gql<{ company: { members: { id: string; email: string }[] } }>(MEMBERS, { id: demoId });
    const brunoId = members.data?.company.members.find((m) => m.email === PERSONA_EMAILS.bruno)?.id;
    expect((await alice.gql(SCOPES, { c: demoId, m: brunoId, s: ['FACTURATION'] })).data).toEqual({
      updateMemberScopes: { scopes: ['FACTURATION'] },
    });
    expect(codesOf(await brunoOn2.gql(MAIL_ITEMS, { c: demoId }))).toEqual(['FORBIDDEN']);
    // The link he was given before is refused too: still a member, without the permission.
    expect((await brunoOn2.fetch(`${url.pathname}${url.search}`)).status).toBe(403);
    expect(codesOf(await brunoOn1.gql(MAIL_ITEMS, { c: demoId }))).toEqual(['FORBIDDEN']);
  });

  (TEST_REDIS_URL ? it : it.skip)(
    'shares the limits’ counters through Redis: failures and requests counted on one instance count on the other',
    async () => {
      expect([api1.services.limits.store, api2.services.limits.store]).toEqual(['redis', 'redis']);
      // Sign-in lockout: 3 failures of one account, spread over the two instances, lock it on both.
      const emma = PERSONA_EMAILS.emma;
      expect(codesOf(await gqlFrom(api1, '203.0.113.80', LOGIN, { e: emma, p: 'mauvais 1' }))).toEqual(['INVALID_CREDENTIALS']);
      expect(codesOf(await gqlFrom(api2, '203.0.113.81', LOGIN, { e: emma, p: 'mauvais 2' }))).toEqual(['INVALID_CREDENTIALS']);
      expect(codesOf(await gqlFrom(api1, '203.0.113.82', LOGIN, { e: emma, p: 'mauvais 3' }))).toEqual(['INVALID_CREDENTIALS']);
      expect(codesOf(await gqlFrom(api2, '203.0.113.83', LOGIN, { e: emma, p: DEMO_PASSWORD }))).toEqual(['INVALID_CREDENTIALS']);
      expect(codesOf(await gqlFrom(api1, '203.0.113.83', LOGIN, { e: emma, p: DEMO_PASSWORD }))).toEqual(['INVALID_CREDENTIALS']);
      // A rate limit: 2 password-reset requests per client address and hour, the third refused by the other instance.
      const ip = '203.0.113.90';
      expect((await gqlFrom(api1, ip, REQUEST_RESET, { e: 'a@exemple.fr' })).data).toEqual({ requestPasswordReset: true });
      expect((await gqlFrom(api2, ip, REQUEST_RESET, { e: 'b@exemple.fr' })).data).toEqual({ requestPasswordReset: true });
      expect(codesOf(await gqlFrom(api2, ip, REQUEST_RESET, { e: 'c@exemple.fr' }))).toEqual(['RATE_LIMITED']);
      expect(codesOf(await gqlFrom(api1, ip, REQUEST_RESET, { e: 'd@exemple.fr' }))).toEqual(['RATE_LIMITED']);
    },
  );

  it('without Redis, each instance counts on its own: a lock made on one does not reach the other', async () => {
    const own = `guichet:apart:${randomBytes(4).toString('hex')}`;
    const [one, other] = await Promise.all([
      start('api', 'memory-1', { REDIS_URL: '', RATE_LIMIT_PREFIX: own }),
      start('api', 'memory-2', { REDIS_URL: '', RATE_LIMIT_PREFIX: own }),
    ]);
    try {
      expect([one.services.limits.store, other.services.limits.store]).toEqual(['memory', 'memory']);
      const chloe = PERSONA_EMAILS.chloe;
      for (let i = 1; i <= 3; i += 1) {
        expect(codesOf(await gqlFrom(one, '203.0.113.100', LOGIN, { e: chloe, p: `mauvais ${i}` }))).toEqual(['INVALID_CREDENTIALS']);
      }
      expect(codesOf(await gqlFrom(one, '203.0.113.100', LOGIN, { e: chloe, p: DEMO_PASSWORD }))).toEqual(['INVALID_CREDENTIALS']);
      expect((await gqlFrom(other, '203.0.113.100', LOGIN, { e: chloe, p: DEMO_PASSWORD })).errors).toBeUndefined();
    } finally {
      await Promise.all([one.close(), other.close()]);
    }
  });

  it('delivers every outbox email exactly once with two workers competing (300 emails, a real SMTP peer)', async () => {
    const COUNT = 300;
    const ids = await queueTestEmails(db.ds, COUNT, 'charge');
    const expected = new Set(ids.map((id) => messageIdFor(id, MAIL_FROM)));
    const ours = (): Received[] => smtp.received.filter((r) => expected.has(r.messageId));

    // Every one of them received by the peer (an event per message)…
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${ours().length} of ${COUNT} emails received after 120 s`)), 120_000);
      const check = (): void => {
        if (new Set(ours().map((r) => r.messageId)).size < COUNT) return;
        clearTimeout(timer);
        resolve();
      };
      smtp.onMessage(check);
      check();
    });
    // …and marked sent (the row is updated just after the peer's acceptance).
    await until('every row marked SENT', async () => {
      const rows = (await db.ds.query(
        `SELECT COUNT(*) AS n FROM outbox_emails WHERE to_address LIKE 'charge.%@outbox.test' AND status = 'SENT'`,
      )) as {
        n: number;
      }[];
      return Number(rows[0]?.n) === COUNT ? true : undefined;
    });
    // The workers poll again after the last batch: a duplicate would come from a row claimed twice; the workers
    // find nothing more to claim once every row is SENT, so what was received is final.
    const received = ours();
    const perWorker = { 'worker-1': 0, 'worker-2': 0 } as Record<string, number>;
    for (const r of received) perWorker[r.sender] = (perWorker[r.sender] ?? 0) + 1;
    const duplicates = received.length - new Set(received.map((r) => r.messageId)).size;
    console.log(
      `outbox, two workers: ${COUNT} queued, ${received.length} received, ${new Set(received.map((r) => r.messageId)).size} distinct Message-IDs, ` +
        `${duplicates} duplicates; worker-1 sent ${perWorker['worker-1']}, worker-2 sent ${perWorker['worker-2']}`,
    );
    expect(duplicates).toBe(0);
    expect(received).toHaveLength(COUNT);
    expect(Object.keys(perWorker).sort()).toEqual(['worker-1', 'worker-2']);
    expect(perWorker['worker-1']).toBeGreaterThan(0);
    expect(perWorker['worker-2']).toBeGreaterThan(0);
    const attempts = (await db.ds.query(
      `SELECT attempts, COUNT(*) AS n FROM outbox_emails WHERE to_address LIKE 'charge.%@outbox.test' GROUP BY attempts`,
    )) as { attempts: number; n: number }[];
    expect(attempts.map((a) => [Number(a.attempts), Number(a.n)])).toEqual([[1, COUNT]]);
  }, 180_000);

  it('the scheduled jobs, run by both workers at the same time, send one invitation reminder and one due-date reminder per period', async () => {
    const alice = await new Client(api1.url).login(PERSONA_EMAILS.alice);
    const invited = 'rose.vidal@exemple.fr';
    expect(
      (await alice.gql<{ inviteMembers: { invitedCount: number } }>(INVITE, { companyId: demoId, rows: [row(invited)] })).data
        ?.inviteMembers.invitedCount,
    ).toBe(1);
    // The invitation expires in 12 hours (its reminder is due), and every formality waiting for a client is due tomorrow.
    await db.ds.query('UPDATE invitations SET expires_at = ? WHERE email = ?', [db.date(new Date(Date.now() + 12 * 3_600_000)), invited]);
    const tomorrow = parisDay(new Date(Date.now() + 86_400_000));
    await db.ds.query("UPDATE formalities SET due_date = ? WHERE turn = 'CLIENT'", [tomorrow]);
    const waiting = ((await db.ds.query("SELECT id FROM formalities WHERE turn = 'CLIENT'")) as { id: string }[]).length;
    expect(waiting).toBeGreaterThan(0);

    // Three periods' worth of runs, each started on both workers at once.
    for (let round = 0; round < 3; round += 1) await Promise.all([worker1.runScheduledJobs(), worker2.runScheduledJobs()]);

    const reminders = (await db.ds.query(
      "SELECT id, kind, to_address AS address, subject FROM outbox_emails WHERE kind IN ('invitation_reminder', 'formality_due_reminder')",
    )) as { id: string; kind: string; address: string; subject: string }[];
    const invitationReminders = reminders.filter((r) => r.kind === 'invitation_reminder');
    const dueReminders = reminders.filter((r) => r.kind === 'formality_due_reminder');
    console.log(
      `scheduled jobs, 3 rounds on 2 workers at once: ${invitationReminders.length} invitation reminder(s), ` +
        `${dueReminders.length} due-date reminder email(s) for ${waiting} formality(ies) waiting for a client`,
    );
    expect(invitationReminders.map((r) => r.address)).toEqual([invited]);
    // One email per formality and recipient: no (recipient, subject) twice.
    expect(dueReminders.length).toBeGreaterThan(0);
    expect(new Set(dueReminders.map((r) => `${r.address}\n${r.subject}`)).size).toBe(dueReminders.length);
    const reminded = (await db.ds.query("SELECT DISTINCT reminded_due_date AS d FROM formalities WHERE turn = 'CLIENT'")) as {
      d: unknown;
    }[];
    expect(reminded.map((r) => (r.d instanceof Date ? r.d.toISOString() : String(r.d)).slice(0, 10))).toEqual([tomorrow]);

    // And each goes out once.
    const wanted = new Set(reminders.map((r) => messageIdFor(r.id, MAIL_FROM)));
    const got = await until('the reminders received by the SMTP peer', async () => {
      const received = smtp.received.filter((r) => wanted.has(r.messageId));
      return new Set(received.map((r) => r.messageId)).size === wanted.size ? received : undefined;
    });
    expect(got).toHaveLength(wanted.size);
  }, 120_000);
});
