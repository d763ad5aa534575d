import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { seedDemoIfEmpty } from '../src/seed/demo-seed';
import { LocalFileStorage } from '../src/storage/local-storage';
import { buildIfStale, spawnServer, type Spawned } from './built-server';
import { gqlFrom } from './client-address';
import { describeFault, until } from './fault-support';
import { Client, codesOf, DEMO_PASSWORD, PERSONA_EMAILS, type GraphQLResponse } from './harness';
import { startPrivateRedis, type PrivateRedis } from './private-engines';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * Redis going away under a built API server (REDIS_URL on a private redis-server): frozen (SIGSTOP:
 * the connection stays open and nothing answers, as when the network drops packets), then stopped,
 * then started again, empty. Meanwhile the API keeps answering GraphQL, every counter of the limits
 * counts in the process's memory (docs/operations.md, "When Redis is away"): sign-in lockouts, the
 * reset and access-request limits, signature codes, API tokens' requests and query cost. No request
 * hangs and none answers INTERNAL_SERVER_ERROR. Once Redis answers again, the counts are in it again.
 */

const describeWithRedis = describeFault('Redis going away', ['redis']);

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { id } } }';
const ME = '{ me { user { email } } }';
const MAIL_ITEMS = 'query($c: ID!) { company(id: $c) { mailItems(first: 5) { edges { node { id } } } } }';
const REQUEST_RESET = 'mutation($e: String!) { requestPasswordReset(email: $e) }';
const REQUEST_ACCESS = 'mutation($input: AccessRequestInput!) { requestAccess(input: $input) }';
const CODE = 'mutation($c: ID!, $r: ID!) { requestSignatureCode(companyId: $c, signatureRequestId: $r) { sentTo } }';
const TOKEN = 'mutation($c: ID!) { createApiToken(companyId: $c, input: { name: "Export", permissions: [MAIL_READ] }) { secret } }';

/** A request answered later than this counts as hanging. */
const ANSWER_WITHIN_MS = 5000;

describeWithRedis('Redis going away under a built API server', () => {
  let db: TestDatabase;
  let redis: PrivateRedis;
  let server: Spawned;
  let url: string;
  let demoId: string;
  let signatureRequestId: string;
  const latencies: Record<string, number[]> = {};

  beforeAll(async () => {
    buildIfStale();
    redis = await startPrivateRedis();
    db = await createTestDatabase();
    await seedDemoIfEmpty(db.ds, DEMO_PASSWORD, new Date(), {
      storage: new LocalFileStorage(path.join(db.dataDir, 'files')),
      invoices: false,
    });
    demoId = ((await db.ds.query('SELECT id FROM companies WHERE name = ?', ['Demo SAS'])) as { id: string }[])[0]?.id ?? '';
    signatureRequestId =
      ((await db.ds.query("SELECT id FROM signature_requests WHERE status = 'PENDING'")) as { id: string }[])[0]?.id ?? '';
    server = await spawnServer({
      NODE_ENV: 'production',
      PROCESS_ROLE: 'api',
      FILE_URL_SECRET: randomBytes(32).toString('base64url'),
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: db.dataDir,
      DATABASE_URL: db.url ?? '',
      SEED_DEMO: 'false',
      REDIS_URL: redis.url,
      RATE_LIMIT_PREFIX: 'guichet',
      LOGIN_FAILURES_PER_ACCOUNT: '3',
      LOGIN_DELAY_STEP_MS: '0',
      PASSWORD_RESETS_PER_IP_PER_HOUR: '2',
      ACCESS_REQUESTS_PER_IP_PER_HOUR: '2',
      SIGNATURE_CODES_PER_SIGNER_PER_HOUR: '2',
    });
    url = `http://127.0.0.1:${server.port}`;
  }, 180_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    await redis?.dispose();
    await db?.drop();
  });

  /** Runs a request, noting how long it took under `phase`, and fails if it took longer than ANSWER_WITHIN_MS. */
  async function timed<T>(phase: string, request: () => Promise<T>): Promise<T> {
    const started = Date.now();
    const answer = await request();
    const ms = Date.now() - started;
    (latencies[phase] ??= []).push(ms);
    expect(ms).toBeLessThan(ANSWER_WITHIN_MS);
    return answer;
  }

  const keys = async (counter: string): Promise<string[]> => (await redis.command('KEYS', `guichet:${counter}:*`)) as string[];

  /** Sign-in, the session, the mail list, a token's query, and the public limits, answered in `phase`; none failing. */
  async function everythingAnswers(phase: string, ip: string): Promise<void> {
    const bruno = new Client(url);
    const login = await timed(phase, () => bruno.gql(LOGIN, { e: PERSONA_EMAILS.bruno, p: DEMO_PASSWORD }));
    expect(login.errors).toBeUndefined();
    expect((await timed(phase, () => bruno.gql(ME))).data).toEqual({ me: { user: { email: PERSONA_EMAILS.bruno } } });
    const list = await timed(phase, () => bruno.gql<{ company: { mailItems: { edges: unknown[] } } }>(MAIL_ITEMS, { c: demoId }));
    expect(list.errors).toBeUndefined();
    expect(list.data?.company.mailItems.edges.length).toBeGreaterThan(0);
    const fromToken = await timed(phase, () =>
      tokenClient.gql<{ company: { mailItems: { edges: unknown[] } } }>(MAIL_ITEMS, { c: demoId }),
    );
    expect(fromToken.errors).toBeUndefined();
    expect((await timed(phase, () => gqlFrom({ url }, ip, REQUEST_RESET, { e: 'quelqu.un@exemple.fr' }))).data).toEqual({
      requestPasswordReset: true,
    });
  }

  let tokenClient: Client;

  it('with Redis up, the counters are in it', async () => {
    const alice = await new Client(url).login(PERSONA_EMAILS.alice);
    const issued = await alice.gql<{ createApiToken: { secret: string } }>(TOKEN, { c: demoId });
    tokenClient = Client.withToken(url, issued.data?.createApiToken.secret ?? '');
    await everythingAnswers('redis up', '203.0.113.10');
    // Emma's account is locked after 3 failures: the right password is refused.
    for (let i = 1; i <= 3; i += 1) {
      expect(codesOf(await gqlFrom({ url }, '203.0.113.11', LOGIN, { e: PERSONA_EMAILS.emma, p: `mauvais ${i}` }))).toEqual([
        'INVALID_CREDENTIALS',
      ]);
    }
    expect(codesOf(await gqlFrom({ url }, '203.0.113.11', LOGIN, { e: PERSONA_EMAILS.emma, p: DEMO_PASSWORD }))).toEqual([
      'INVALID_CREDENTIALS',
    ]);
    for (const counter of ['login:account', 'login:address', 'token:requests', 'token:cost', 'reset:address', 'reset:email']) {
      expect([counter, (await keys(counter)).length > 0]).toEqual([counter, true]);
    }
  });

  it('with Redis frozen (connection open, no answer), requests answer without waiting for it', async () => {
    redis.freeze();
    try {
      await everythingAnswers('redis frozen', '203.0.113.20');
      await everythingAnswers('redis frozen', '203.0.113.21');
    } finally {
      redis.resume();
    }
  });

  it('with Redis stopped, the API serves GraphQL and every counter counts in memory', async () => {
    await redis.stop();
    await everythingAnswers('redis stopped', '203.0.113.30');
    await server.line(/limits: Redis unavailable .*counting in this process's memory/);

    // Sign-in lockout, in memory: 3 failures lock Chloé's account; the right password is refused.
    for (let i = 1; i <= 3; i += 1) {
      expect(
        codesOf(
          await timed('redis stopped', () => gqlFrom({ url }, '203.0.113.31', LOGIN, { e: PERSONA_EMAILS.chloe, p: `mauvais ${i}` })),
        ),
      ).toEqual(['INVALID_CREDENTIALS']);
    }
    expect(codesOf(await gqlFrom({ url }, '203.0.113.31', LOGIN, { e: PERSONA_EMAILS.chloe, p: DEMO_PASSWORD }))).toEqual([
      'INVALID_CREDENTIALS',
    ]);
    // Password resets per client address (2 an hour here): the third is refused, with its code.
    const ip = '203.0.113.32';
    const resets: GraphQLResponse[] = [];
    for (let i = 0; i < 3; i += 1)
      resets.push(await timed('redis stopped', () => gqlFrom({ url }, ip, REQUEST_RESET, { e: `r${i}@exemple.fr` })));
    expect(resets.map((r) => r.data?.requestPasswordReset ?? codesOf(r)[0])).toEqual([true, true, 'RATE_LIMITED']);
    // Access requests per client address (2 an hour here).
    const access = (i: number) => ({
      siret: '73282932000074',
      email: `acces${i}@exemple.fr`,
      firstName: 'Camille',
      lastName: 'Morel',
      message: null,
    });
    const requests: GraphQLResponse[] = [];
    for (let i = 0; i < 3; i += 1)
      requests.push(await timed('redis stopped', () => gqlFrom({ url }, '203.0.113.33', REQUEST_ACCESS, { input: access(i) })));
    expect(requests.map((r) => r.data?.requestAccess ?? codesOf(r)[0])).toEqual([true, true, 'RATE_LIMITED']);
    // Signature codes per signer (2 an hour here).
    const david = await new Client(url).login(PERSONA_EMAILS.david);
    const codes: GraphQLResponse[] = [];
    for (let i = 0; i < 3; i += 1) codes.push(await timed('redis stopped', () => david.gql(CODE, { c: demoId, r: signatureRequestId })));
    expect(codes.map((r) => (r.errors ? codesOf(r)[0] : 'sent'))).toEqual(['sent', 'sent', 'RATE_LIMITED']);
    expect(server.output()).not.toMatch(/INTERNAL_SERVER_ERROR|Internal server error/);
  });

  it('with Redis back (empty), the counters are in it again', async () => {
    await redis.start();
    // The client reconnects on its own (within 2 s of retries): a failure counted now lands in Redis.
    await until(
      'a sign-in failure counted in the restarted Redis',
      async () => {
        await gqlFrom({ url }, '203.0.113.40', LOGIN, { e: 'personne@exemple.fr', p: 'mauvais' });
        return (await keys('login:account')).length > 0 ? true : undefined;
      },
      15_000,
      250,
    );
    await everythingAnswers('redis back', '203.0.113.41');
    for (let i = 1; i <= 3; i += 1) {
      expect(codesOf(await gqlFrom({ url }, '203.0.113.42', LOGIN, { e: PERSONA_EMAILS.david, p: `mauvais ${i}` }))).toEqual([
        'INVALID_CREDENTIALS',
      ]);
    }
    expect(codesOf(await gqlFrom({ url }, '203.0.113.42', LOGIN, { e: PERSONA_EMAILS.david, p: DEMO_PASSWORD }))).toEqual([
      'INVALID_CREDENTIALS',
    ]);
    for (const counter of ['login:account', 'login:address', 'token:requests', 'token:cost', 'reset:address']) {
      expect([counter, (await keys(counter)).length > 0]).toEqual([counter, true]);
    }
    const summary = Object.entries(latencies)
      .map(([phase, ms]) => `${phase}: ${ms.length} requests, slowest ${Math.max(...ms)} ms`)
      .join('; ');
    console.log(`Redis going away: ${summary}`);
  });
});
