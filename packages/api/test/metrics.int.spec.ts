import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { loadEnv, type Env } from '../src/config/env';
import { createLogger, type LogFields } from '../src/observability/logger';
import { SPA_OPERATIONS } from '../src/observability/spa-operations';
import { seedDemoIfEmpty } from '../src/seed/demo-seed';
import { startServer, type RunningServer } from '../src/server';
import { LocalFileStorage } from '../src/storage/local-storage';
import { INVITE, row } from '../src/modules/team/__tests__/team-helpers';
import { Client, DEMO_PASSWORD, PERSONA_EMAILS, TEST_REDIS_URL } from './harness';
import { createTestDatabase, type TestDatabase } from './test-database';

/**
 * GET /metrics through a real server on the test database: refused without the token, the numbers
 * move with the requests and the queues, and the operation label stays bounded whatever names
 * third parties send. The request id travels from a request to its deferred work and email.
 */

const TOKEN = randomBytes(33).toString('base64url');

type Samples = Map<string, number>;

/** `name{labels} value` lines of the Prometheus text, by `name{labels}` as written. */
function parse(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

/** The label values of `label` among the samples of `name`. */
function labelValues(samples: Samples, name: string, label: string): string[] {
  const values = new Set<string>();
  for (const key of samples.keys()) {
    if (!key.startsWith(`${name}{`)) continue;
    const match = new RegExp(`${label}="([^"]*)"`).exec(key);
    if (match?.[1] !== undefined) values.add(match[1]);
  }
  return [...values];
}

describe('metrics', () => {
  let db: TestDatabase;
  let env: Env;
  let server: RunningServer;
  let probeOnly: RunningServer;
  const lines: { message: string; fields?: LogFields }[] = [];

  const scrape = async (): Promise<Samples> => {
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    return parse(await res.text());
  };
  const value = (samples: Samples, key: string): number => samples.get(key) ?? 0;
  const gql = (body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoIfEmpty(db.ds, DEMO_PASSWORD, new Date(), {
      storage: new LocalFileStorage(path.join(db.dataDir, 'files')),
      invoices: false,
    });
    const settings = {
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: db.dataDir,
      FILE_URL_SECRET: randomBytes(32).toString('base64url'),
      ...(TEST_REDIS_URL ? { REDIS_URL: TEST_REDIS_URL } : {}),
    };
    env = loadEnv({ ...settings, METRICS_TOKEN: TOKEN });
    // Request lines are not what this file checks (no-secrets-in-logs.int.spec.ts does): none written.
    const logger = createLogger({ level: 'silent', format: 'json' });
    server = await startServer(env, { ds: db.ds, worker: false, logger, log: (message, fields) => lines.push({ message, fields }) });
    probeOnly = await startServer(loadEnv({ ...settings, PROCESS_ROLE: 'worker' }), {
      ds: db.ds,
      worker: false,
      logger,
      log: () => undefined,
    });
  });

  afterAll(async () => {
    await probeOnly?.close();
    await server?.close();
    await db?.drop();
  });

  it('are refused without the token (401), and absent without METRICS_TOKEN (404)', async () => {
    const refused = [undefined, 'Bearer wrong-token-of-the-right-length-0123456789', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, TOKEN];
    for (const authorization of refused) {
      const res = await fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(await res.json()).toMatchObject({ error: 'UNAUTHENTICATED' });
    }
    const absent = await fetch(`${probeOnly.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(absent.status).toBe(404);
    const ok = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const samples = parse(await ok.text());
    // Node's own metrics, and the pool of this process's database.
    expect(samples.has('process_cpu_user_seconds_total')).toBe(true);
    expect(samples.has('nodejs_eventloop_lag_p99_seconds')).toBe(true);
    expect(value(samples, 'guichet_db_pool_max')).toBe(db.ds.options.type === 'mysql' ? 10 : 1);
    expect(samples.has('guichet_db_pool_connections{state="in_use"}')).toBe(true);
    expect(samples.has('guichet_db_pool_connections{state="idle"}')).toBe(true);
    expect(value(samples, 'guichet_metrics_database_up')).toBe(1);
  });

  it('count the requests by route and operation, and the errors by code', async () => {
    const before = await scrape();
    for (let i = 0; i < 3; i += 1) {
      const res = await gql({ query: 'query Me { me { user { email } } }', operationName: 'Me' });
      expect(res.status).toBe(200);
    }
    // Refused before any operation runs (a token that does not exist), and refused by the access rules.
    const badToken = await gql(
      { query: 'query Me { me { user { email } } }', operationName: 'Me' },
      { authorization: 'Bearer gct_0000000000000000000000000000000000000000' },
    );
    expect(badToken.status).toBe(401);
    const anonymous = (await (await gql({ query: '{ company(id: "00000000-0000-7000-8000-000000000000") { name } }' })).json()) as {
      errors?: { extensions?: { code?: string } }[];
    };
    expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    const after = await scrape();

    const me = 'guichet_graphql_request_duration_seconds_count{operation="Me"}';
    expect(value(after, me) - value(before, me)).toBe(4);
    const posts = 'guichet_http_request_duration_seconds_count{method="POST",route="/graphql",status_class="2xx"}';
    expect(value(after, posts) - value(before, posts)).toBe(4);
    const refusedPosts = 'guichet_http_request_duration_seconds_count{method="POST",route="/graphql",status_class="4xx"}';
    expect(value(after, refusedPosts) - value(before, refusedPosts)).toBe(1);
    // One refused by the token check (before Apollo runs the operation), one by the access rules.
    const unauthenticated = 'guichet_graphql_errors_total{code="UNAUTHENTICATED"}';
    expect(value(after, unauthenticated) - value(before, unauthenticated)).toBe(2);
    // The scrapes themselves are counted under their route.
    expect(
      value(after, 'guichet_http_request_duration_seconds_count{method="GET",route="/metrics",status_class="2xx"}'),
    ).toBeGreaterThanOrEqual(1);
  });

  it('keep the operation label bounded: 50 unknown names are all `other`', async () => {
    const before = await scrape();
    const sent = Array.from({ length: 50 }, (_, i) => `ThirdParty${i}_${randomBytes(3).toString('hex')}`);
    for (const name of sent) expect((await gql({ query: `query ${name} { __typename }`, operationName: name })).status).toBe(200);
    expect((await gql({ query: '{ __typename }' })).status).toBe(200);
    const after = await scrape();
    const name = 'guichet_graphql_request_duration_seconds_count';
    const operations = labelValues(after, name, 'operation');
    for (const operation of operations)
      expect(SPA_OPERATIONS.has(operation) || operation === 'other' || operation === 'anonymous').toBe(true);
    expect(operations).toEqual(expect.arrayContaining(['other', 'anonymous', 'Me']));
    for (const s of sent) expect([...after.keys()].some((k) => k.includes(s))).toBe(false);
    expect(value(after, `${name}{operation="other"}`) - value(before, `${name}{operation="other"}`)).toBe(50);
    expect(value(after, `${name}{operation="anonymous"}`) - value(before, `${name}{operation="anonymous"}`)).toBe(1);
    // The histogram's series: its buckets, sum and count for each of these few operations.
    const series = [...after.keys()].filter((k) => k.startsWith('guichet_graphql_request_duration_seconds')).length;
    expect(series).toBe(operations.length * 14);
  });

  it('follow the deferred requests and the outbox; the request id goes with the work into the worker’s lines', async () => {
    const requestId = `reset-${randomBytes(6).toString('hex')}`;
    const before = await scrape();
    const res = await gql(
      {
        query: 'mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }',
        variables: { email: PERSONA_EMAILS.chloe },
      },
      { 'x-request-id': requestId },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe(requestId);
    // A request id that is not safe is replaced by one of the server's.
    const replaced = await gql({ query: '{ __typename }' }, { 'x-request-id': 'not safe; <script>' });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const queued = await scrape();
    expect(value(queued, 'guichet_deferred_pending') - value(before, 'guichet_deferred_pending')).toBe(1);
    expect(value(queued, 'guichet_deferred_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(value(queued, 'guichet_deferred_lag_seconds')).toBeLessThan(60);
    const deferredRows: { request_id: string | null }[] = await db.ds.query(
      "SELECT request_id FROM deferred_requests WHERE kind = 'password_reset'",
    );
    expect(deferredRows.map((r) => r.request_id)).toEqual([requestId]);

    expect(await server.deferred.drain()).toBe(1);
    const emailed = await scrape();
    expect(value(emailed, 'guichet_deferred_pending')).toBe(value(before, 'guichet_deferred_pending'));
    expect(value(emailed, 'guichet_outbox_pending') - value(before, 'guichet_outbox_pending')).toBe(1);
    expect(value(emailed, 'guichet_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(0);
    const emails: { id: string; request_id: string | null }[] = await db.ds.query(
      "SELECT id, request_id FROM outbox_emails WHERE kind = 'password_reset' AND to_address = ?",
      [PERSONA_EMAILS.chloe],
    );
    expect(emails.map((e) => e.request_id)).toEqual([requestId]);

    // The outbox worker sends everything due, then the queue is back where it was before the reset.
    while ((await server.worker.runOnce()) > 0);
    const sent = await scrape();
    expect(value(sent, 'guichet_outbox_pending')).toBe(0);
    expect(value(sent, 'guichet_outbox_oldest_pending_age_seconds')).toBe(0);

    const carriedOut = lines.find((l) => /^deferred requests: password_reset .* carried out$/.test(l.message));
    expect(carriedOut?.fields).toMatchObject({ requestId, kind: 'password_reset' });
    const delivered = lines.find((l) => l.message === `outbox: password_reset email ${emails[0]?.id} sent`);
    expect(delivered?.fields).toMatchObject({ requestId, kind: 'password_reset', emailId: emails[0]?.id });
  });

  it('give the emails a request writes itself its id (an invitation)', async () => {
    const alice = await new Client(server.url).login(PERSONA_EMAILS.alice);
    const [company] = (await db.ds.query("SELECT id FROM companies WHERE name = 'Demo SAS'")) as { id: string }[];
    const requestId = `invite-${randomBytes(6).toString('hex')}`;
    const email = `lea.moreau@demo-sas.fr`;
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...alice.authHeaders() },
      body: JSON.stringify({ query: INVITE, variables: { companyId: company?.id, rows: [row(email)] } }),
    });
    const answer = (await res.json()) as { data?: { inviteMembers: { invitedCount: number } } };
    if (answer.data?.inviteMembers.invitedCount !== 1) throw new Error(`not invited: ${JSON.stringify(answer)}`);
    const emails: { request_id: string | null }[] = await db.ds.query('SELECT request_id FROM outbox_emails WHERE to_address = ?', [email]);
    expect(emails.map((e) => e.request_id)).toEqual([requestId]);
    // That email alone carries it.
    const [unrelated] = (await db.ds.query('SELECT COUNT(*) AS n FROM outbox_emails WHERE request_id = ?', [requestId])) as {
      n: number | string;
    }[];
    expect(Number(unrelated?.n)).toBe(1);
  });
});
