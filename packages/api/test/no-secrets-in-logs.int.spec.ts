import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildIfStale, spawnServer, type Spawned } from './built-server';
import { PERSONA_EMAILS } from './harness';
import { createEmptyMysqlDatabase } from './test-database';
import { until } from './until';

/**
 * The built server's whole output (stdout and stderr, every level down to debug) during a journey
 * full of secrets: none of them is in it, every line is JSON, and each request has its line, with
 * the route pattern instead of the URL and the request id that follows the work to its email.
 */

const ON_MYSQL = process.env.GUICHET_TEST_DB !== undefined && process.env.GUICHET_TEST_DB !== 'sqlite';

const DEMO_PASSWORD = `Demo-${randomBytes(9).toString('base64url')}`;
const WRONG_PASSWORD = `Wrong-${randomBytes(9).toString('base64url')}`;
const NEW_PASSWORD = `Nouveau-${randomBytes(9).toString('base64url')}!`;
const METRICS_TOKEN = randomBytes(33).toString('base64url');
const RESET_REQUEST_ID = `reset.${randomBytes(6).toString('hex')}`;

interface LogLine {
  level: string;
  msg: string;
  requestId?: string | null;
  method?: string;
  route?: string;
  status?: number;
  durationMs?: number;
  operation?: string;
  principal?: string;
  companyId?: string;
  [key: string]: unknown;
}

/** What a request line may hold, and nothing else. */
const REQUEST_LINE_FIELDS = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'msg',
  'requestId',
  'method',
  'route',
  'status',
  'durationMs',
  'operation',
  'principal',
  'companyId',
  'aborted',
]);

describe('the logs of a journey full of secrets', () => {
  let server: Spawned;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    buildIfStale();
    let database: Record<string, string>;
    if (ON_MYSQL) {
      const db = await createEmptyMysqlDatabase();
      database = { DATABASE_URL: db.url, DATA_DIR: db.dataDir };
      drop = db.drop;
    } else {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-logs-'));
      database = { DATA_DIR: dataDir };
      drop = async () => fs.rmSync(dataDir, { recursive: true, force: true });
    }
    server = await spawnServer({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: '0',
      ...database,
      SEED_DEMO: 'true',
      DEMO_PASSWORD,
      LOG_LEVEL: 'debug',
      LOG_FORMAT: 'json',
      METRICS_TOKEN,
      FILE_URL_SECRET: randomBytes(32).toString('base64url'),
      SHUTDOWN_TIMEOUT_MS: '20000',
    });
  }, 180_000);

  afterAll(async () => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    await drop?.();
  });

  it('holds none of them; every line is JSON; each request has its line', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const local = (url: string): string => {
      const u = new URL(url, base);
      return `${base}${u.pathname}${u.search}`;
    };
    const gql = async <T>(
      operationName: string,
      query: string,
      variables: Record<string, unknown>,
      headers: Record<string, string> = {},
    ): Promise<{ res: Response; data?: T; errors?: { extensions?: { code?: string } }[] }> => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables, operationName }),
      });
      return { res, ...((await res.json()) as { data?: T; errors?: { extensions?: { code?: string } }[] }) };
    };
    const LOGIN = 'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { user { id } } }';

    // A failed login, then Alice's session.
    const failed = await gql('Login', LOGIN, { email: PERSONA_EMAILS.alice, password: WRONG_PASSWORD });
    expect(failed.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');
    const login = await gql('Login', LOGIN, { email: PERSONA_EMAILS.alice, password: DEMO_PASSWORD });
    expect(login.errors).toBeUndefined();
    const cookie = (login.res.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    const cookieValue = cookie.slice(cookie.indexOf('=') + 1);
    expect(cookieValue.length).toBeGreaterThan(20);
    const session = { cookie };

    const me = await gql<{ me: { memberships: { company: { id: string; name: string } }[] } }>(
      'Me',
      'query Me { me { memberships { company { id name } } } }',
      {},
      session,
    );
    const demoId = me.data?.me.memberships.find((m) => m.company.name === 'Demo SAS')?.company.id ?? '';
    expect(demoId).not.toBe('');

    // An API token, created, then used; and a token that does not exist.
    const created = await gql<{ createApiToken: { secret: string } }>(
      'CreateApiToken',
      'mutation CreateApiToken($companyId: ID!, $input: CreateApiTokenInput!) { createApiToken(companyId: $companyId, input: $input) { secret } }',
      { companyId: demoId, input: { name: 'Journal', permissions: ['MAIL_READ', 'MAIL_DOWNLOAD', 'MAIL_EXPORT'] } },
      session,
    );
    const apiSecret = created.data?.createApiToken.secret ?? '';
    expect(apiSecret).toMatch(/^gct_/);
    const bearer = { authorization: `Bearer ${apiSecret}` };
    const mail = await gql<{ company: { mailItems: { edges: { node: { id: string } }[] } } }>(
      'MailItems',
      'query MailItems($companyId: ID!) { company(id: $companyId) { mailItems(first: 2) { edges { node { id } } } } }',
      { companyId: demoId },
      bearer,
    );
    const mailItemId = mail.data?.company.mailItems.edges[0]?.node.id ?? '';
    expect(mailItemId).not.toBe('');
    const unknownToken = `gct_${randomBytes(28).toString('hex').slice(0, 38)}`;
    const refused = await gql('MailItems', 'query MailItems { __typename }', {}, { authorization: `Bearer ${unknownToken}` });
    expect(refused.res.status).toBe(401);

    // A signed link to a scan, downloaded; an export link (its token is in the path), downloaded.
    const link = await gql<{ createMailItemLink: { url: string } }>(
      'CreateMailItemLink',
      'mutation CreateMailItemLink($companyId: ID!, $mailItemId: ID!, $disposition: FileDisposition!) { createMailItemLink(companyId: $companyId, mailItemId: $mailItemId, disposition: $disposition) { url } }',
      { companyId: demoId, mailItemId, disposition: 'ATTACHMENT' },
      session,
    );
    const linkUrl = new URL(link.data?.createMailItemLink.url ?? '', base);
    const signature = linkUrl.searchParams.get('s') ?? '';
    expect(signature.length).toBeGreaterThan(20);
    const download = await fetch(local(linkUrl.toString()), { headers: session });
    expect(download.status).toBe(200);
    await download.arrayBuffer();
    const exported = await gql<{ createMailExport: { url: string } }>(
      'CreateMailExport',
      'mutation CreateMailExport($companyId: ID!) { createMailExport(companyId: $companyId) { url } }',
      { companyId: demoId },
      bearer,
    );
    const exportUrl = new URL(exported.data?.createMailExport.url ?? '', base);
    const exportToken = exportUrl.pathname.split('/').pop() ?? '';
    expect(exportToken.length).toBeGreaterThan(20);
    const zip = await fetch(local(exportUrl.toString()), { headers: bearer });
    expect(zip.status).toBe(200);
    await zip.arrayBuffer();

    // A password reset: the link comes by email (the development mailbox), and is used.
    const reset = await gql(
      'RequestPasswordReset',
      'mutation RequestPasswordReset($email: String!) { requestPasswordReset(email: $email) }',
      { email: PERSONA_EMAILS.alice },
      { 'x-request-id': RESET_REQUEST_ID },
    );
    expect(reset.res.headers.get('x-request-id')).toBe(RESET_REQUEST_ID);
    const resetText = await until('the reset email', async () => {
      const res = await fetch(`${base}/dev-api/mailbox/messages.json?to=${encodeURIComponent(PERSONA_EMAILS.alice)}`);
      const messages = (await res.json()) as { kind: string; text: string; status: string }[];
      return messages.find((m) => m.kind === 'password_reset' && m.status === 'SENT')?.text;
    });
    const resetToken = decodeURIComponent(/reset-password\?token=([^\s&]+)/.exec(resetText)?.[1] ?? '');
    expect(resetToken.length).toBeGreaterThan(20);
    const used = await gql<{ resetPassword: boolean }>(
      'ResetPassword',
      'mutation ResetPassword($token: String!, $password: String!) { resetPassword(token: $token, password: $password) }',
      { token: resetToken, password: NEW_PASSWORD },
    );
    expect(used.errors).toBeUndefined();

    // The metrics, scraped with their token.
    const scraped = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraped.status).toBe(200);
    await scraped.text();

    // A graceful stop flushes the log.
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const output = server.output();

    const secrets: Record<string, string> = {
      'the demo password': DEMO_PASSWORD,
      'the wrong password': WRONG_PASSWORD,
      'the new password': NEW_PASSWORD,
      'the session cookie': cookieValue,
      'the API token': apiSecret,
      'the unknown API token': unknownToken,
      'the signed link’s signature': signature,
      'the signed link’s query': linkUrl.search.slice(1),
      'the export token': exportToken,
      'the reset token': resetToken,
      'the metrics token': METRICS_TOKEN,
    };
    for (const [what, secret] of Object.entries(secrets)) {
      expect(secret.length).toBeGreaterThan(10);
      if (output.includes(secret)) throw new Error(`${what} is in the output`);
    }

    const lines = output.split('\n').filter((l) => l.trim() !== '');
    const entries = lines.map((l) => {
      try {
        return JSON.parse(l) as LogLine;
      } catch {
        throw new Error(`not a JSON line: ${l}`);
      }
    });
    expect(entries.some((e) => e.msg.startsWith('Guichet is running at'))).toBe(true);
    expect(entries.find((e) => e.msg.startsWith('Demo logins'))?.logins).toEqual(
      expect.arrayContaining([expect.objectContaining({ email: PERSONA_EMAILS.alice })]),
    );

    const requests = entries.filter((e) => e.msg === 'request');
    for (const r of requests) {
      for (const key of Object.keys(r))
        if (!REQUEST_LINE_FIELDS.has(key)) throw new Error(`request line with ${key}: ${JSON.stringify(r)}`);
      expect(typeof r.requestId).toBe('string');
      expect(r.method).toMatch(/^[A-Z]+$/);
      expect(typeof r.route).toBe('string');
      expect(r.route).not.toMatch(/[?]/);
      expect(typeof r.status).toBe('number');
      expect(typeof r.durationMs).toBe('number');
    }
    const one = (predicate: (r: LogLine) => boolean, what: string): LogLine => {
      const found = requests.filter(predicate);
      if (found.length !== 1)
        throw new Error(`${found.length} request lines for ${what}:\n${requests.map((r) => JSON.stringify(r)).join('\n')}`);
      return found[0] as LogLine;
    };
    const logins = requests.filter((r) => r.operation === 'Login');
    expect(logins.map((r) => [r.route, r.status, r.principal])).toEqual([
      ['/graphql', 200, 'anonymous'],
      ['/graphql', 200, 'anonymous'],
    ]);
    expect(one((r) => r.operation === 'Me', 'Me')).toMatchObject({ principal: 'session', status: 200 });
    expect(one((r) => r.operation === 'CreateApiToken', 'the token’s creation')).toMatchObject({ principal: 'session', companyId: demoId });
    expect(one((r) => r.operation === 'MailItems' && r.status === 200, 'the token’s use')).toMatchObject({
      principal: 'apiToken',
      companyId: demoId,
    });
    expect(one((r) => r.operation === 'MailItems' && r.status === 401, 'the unknown token')).not.toHaveProperty('principal');
    expect(one((r) => r.route === '/files/mail/:companyId/:mailItemId', 'the download')).toMatchObject({
      method: 'GET',
      status: 200,
      principal: 'session',
      companyId: demoId,
    });
    expect(one((r) => r.route === '/files/exports/:token', 'the export')).toMatchObject({
      status: 200,
      principal: 'apiToken',
      companyId: demoId,
    });
    expect(one((r) => r.operation === 'RequestPasswordReset', 'the reset request')).toMatchObject({
      requestId: RESET_REQUEST_ID,
      principal: 'anonymous',
      status: 200,
    });
    expect(one((r) => r.route === '/metrics', 'the scrape')).toMatchObject({ level: 'debug', status: 200 });
    // The work the reset request started carries its id: the deferred request, then the email.
    expect(entries.find((e) => /^deferred requests: password_reset .* carried out$/.test(e.msg))).toMatchObject({
      requestId: RESET_REQUEST_ID,
    });
    expect(entries.find((e) => /^outbox: password_reset email .* sent$/.test(e.msg))).toMatchObject({ requestId: RESET_REQUEST_ID });
    // Each request id is its own.
    expect(new Set(requests.map((r) => r.requestId)).size).toBe(requests.length);
  });
});
