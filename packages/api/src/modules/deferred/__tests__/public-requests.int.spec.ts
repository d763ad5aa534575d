import { randomBytes } from 'node:crypto';
import type { DataSource, EntitySubscriberInterface } from 'typeorm';
import { gqlFrom } from '../../../../test/client-address';
import { codesOf, PERSONA_EMAILS, startTestApp, TEST_REDIS_URL, type GraphQLResponse, type TestApp } from '../../../../test/harness';
import { latestLink } from '../../team/__tests__/team-helpers';
import { DEMO_COMPANIES } from '../../../seed/demo-seed';

const REQUEST_RESET = 'mutation($e: String!) { requestPasswordReset(email: $e) }';
const REQUEST_ACCESS = 'mutation($input: AccessRequestInput!) { requestAccess(input: $input) }';
const REQUEST_LINK = 'mutation($t: String!) { requestNewInvitationLink(token: $t) }';
const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { id } } }';
const DEMO_SIRET = DEMO_COMPANIES.demo.siret;
/** A valid SIRET that is no client's. */
const OTHER_SIRET = '73282932000074';

const access = (email: string, siret: string = DEMO_SIRET) => ({ siret, email, firstName: 'Camille', lastName: 'Morel', message: null });

const STORES: ('redis' | 'memory')[] = TEST_REDIS_URL ? ['redis', 'memory'] : ['memory'];
const storeEnv = (store: 'redis' | 'memory'): Record<string, string> => (store === 'memory' ? { REDIS_URL: '' } : {});

async function count(app: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = (await app.db.ds.query(sql, params)) as { n: unknown }[];
  return Number(row?.n ?? 0);
}
const deferredRows = (app: TestApp) => count(app, 'SELECT COUNT(*) AS n FROM deferred_requests');
const emailsOf = async (app: TestApp, to: string, kind: string) =>
  (await app.server.services.outbox.latest(200, to)).filter((m) => m.kind === kind).length;

describe.each(STORES)('limits on emails and public requests, counters in %s', (store) => {
  let app: TestApp;
  beforeAll(async () => {
    // The defaults, written out: 3 resets per address and 10 per client address an hour; 5 access or
    // new-link requests per client address an hour; 10 notices to one company's administrators a day.
    app = await startTestApp({
      PASSWORD_RESETS_PER_EMAIL_PER_HOUR: '3',
      PASSWORD_RESETS_PER_IP_PER_HOUR: '10',
      ACCESS_REQUESTS_PER_IP_PER_HOUR: '5',
      ACCESS_REQUESTS_PER_COMPANY_PER_DAY: '10',
      ...storeEnv(store),
    });
    expect(app.server.services.limits.store).toBe(store);
  });
  afterAll(async () => app.close());

  it('sends 3 of 20 password-reset emails asked for one address (from 20 client addresses), then says RATE_LIMITED — for an account or not alike', async () => {
    const answers = [];
    for (let i = 0; i < 20; i += 1) answers.push(await gqlFrom(app, `198.51.100.${i + 1}`, REQUEST_RESET, { e: PERSONA_EMAILS.david }));
    expectLimitedAfter(answers, 3, 'requestPasswordReset');
    // The same for an address with no account: the answers tell nothing about accounts.
    const unknown = [];
    for (let i = 0; i < 4; i += 1)
      unknown.push(await gqlFrom(app, `198.51.102.${i + 1}`, REQUEST_RESET, { e: 'personne.inconnue@exemple.fr' }));
    expectLimitedAfter(unknown, 3, 'requestPasswordReset');
    await app.runDeferred();
    await app.db.ds.query('DELETE FROM deferred_requests');
    expect(await emailsOf(app, PERSONA_EMAILS.david, 'password_reset')).toBe(3);
  });

  it('carries out 10 of 20 reset requests from one client address', async () => {
    const answers = [];
    for (let i = 0; i < 20; i += 1) answers.push(await gqlFrom(app, '198.51.100.100', REQUEST_RESET, { e: `personne.${i}@exemple.fr` }));
    expectLimitedAfter(answers, 10, 'requestPasswordReset');
    expect(await deferredRows(app)).toBe(10);
    expect(await app.runDeferred()).toBe(10);
  });

  it('files 5 of 20 access requests from one client address, and tells the administrators of 5', async () => {
    const answers = [];
    for (let i = 0; i < 20; i += 1)
      answers.push(await gqlFrom(app, '198.51.100.200', REQUEST_ACCESS, { input: access(`candidat.${i}@exemple.fr`) }));
    expectLimitedAfter(answers, 5, 'requestAccess');
    expect(await deferredRows(app)).toBe(5);
    await app.runDeferred();
    expect(await count(app, 'SELECT COUNT(*) AS n FROM access_requests')).toBe(5);
    expect(await emailsOf(app, PERSONA_EMAILS.alice, 'access_requested')).toBe(5);
  });

  it('tells one company’s administrators of at most 10 requests a day, from however many client addresses', async () => {
    for (let i = 0; i < 20; i += 1) {
      const res = await gqlFrom(app, `198.51.101.${i + 1}`, REQUEST_ACCESS, { input: access(`postulant.${i}@exemple.fr`) });
      expect(res.data).toEqual({ requestAccess: true });
    }
    expect(await app.runDeferred()).toBe(20);
    expect(await count(app, 'SELECT COUNT(*) AS n FROM access_requests')).toBe(10);
    expect(await emailsOf(app, PERSONA_EMAILS.alice, 'access_requested')).toBe(10);
  });

  it('limits new-link requests per client address (5 of 20), and they share the company’s daily notices', async () => {
    const answers = [];
    for (let i = 0; i < 20; i += 1)
      answers.push(await gqlFrom(app, '198.51.100.250', REQUEST_LINK, { t: randomBytes(32).toString('base64url') }));
    expectLimitedAfter(answers, 5, 'requestNewInvitationLink');
    expect(await deferredRows(app)).toBe(5);
    expect(await app.runDeferred()).toBe(5);

    // A real expired invitation of Demo SAS: its administrators were told of 10 requests today already.
    const alice = await app.as('alice');
    const demoId = await app.companyId('Demo SAS');
    const invited = await alice.gql(
      'mutation($c: ID!, $rows: [InvitationInput!]!) { inviteMembers(companyId: $c, invitations: $rows) { invitedCount } }',
      { c: demoId, rows: [{ email: 'lucie.garnier@exemple.fr', firstName: 'Lucie', lastName: 'Garnier', scopes: ['COURRIER'] }] },
    );
    expect(invited.errors).toBeUndefined();
    const token = await latestLink(app, 'lucie.garnier@exemple.fr');
    await app.db.ds.query('UPDATE invitations SET expires_at = ? WHERE email = ?', [
      app.db.date(new Date(Date.now() - 1000)),
      'lucie.garnier@exemple.fr',
    ]);
    expect((await gqlFrom(app, '198.51.100.251', REQUEST_LINK, { t: token })).data).toEqual({ requestNewInvitationLink: true });
    expect(await app.runDeferred()).toBe(1);
    expect(await emailsOf(app, PERSONA_EMAILS.alice, 'new_link_requested')).toBe(0);
  });
});

/** Records the SQL statements a data source sends (text only, parameters apart) while `work` runs. */
async function statementsDuring(ds: DataSource, work: () => Promise<unknown>): Promise<string[]> {
  const statements: string[] = [];
  const recorder: EntitySubscriberInterface = { beforeQuery: (event) => void statements.push(event.query.replace(/\s+/g, ' ').trim()) };
  const subscribers = ds.subscribers as EntitySubscriberInterface[];
  subscribers.push(recorder);
  try {
    await work();
  } finally {
    subscribers.splice(subscribers.indexOf(recorder), 1);
  }
  return statements;
}

/** The first `allowed` answers are `true`; every later one is RATE_LIMITED with a retry delay, and no data. */
function expectLimitedAfter(answers: GraphQLResponse[], allowed: number, field: string): void {
  answers.forEach((a, i) => {
    if (i < allowed) {
      expect({ i, data: a.data, errors: a.errors }).toEqual({ i, data: { [field]: true }, errors: undefined });
    } else {
      expect({ i, code: a.errors?.[0]?.extensions?.code, data: a.data?.[field] ?? null }).toEqual({ i, code: 'RATE_LIMITED', data: null });
      expect(a.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(0);
    }
  });
}

describe('answers that do not depend on the account or the SIRET', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.close());

  it('requestPasswordReset: the same statements for an existing and an unknown account — one, the deferred row’s INSERT', async () => {
    const existing = await statementsDuring(app.db.ds, () => gqlFrom(app, '192.0.2.1', REQUEST_RESET, { e: PERSONA_EMAILS.alice }));
    const unknown = await statementsDuring(app.db.ds, () => gqlFrom(app, '192.0.2.2', REQUEST_RESET, { e: 'personne@demo-sas.fr' }));
    expect(unknown).toEqual(existing);
    expect(existing).toEqual([expect.stringMatching(/^INSERT INTO [`"]?deferred_requests\b/i)]);
    // The work that differs happens after the answers.
    expect(await app.runDeferred()).toBe(2);
    expect(await emailsOf(app, PERSONA_EMAILS.alice, 'password_reset')).toBe(1);
    expect(await emailsOf(app, 'personne@demo-sas.fr', 'password_reset')).toBe(0);
  });

  it('requestAccess: the same statements for a client’s SIRET and another — one, the deferred row’s INSERT', async () => {
    const client = await statementsDuring(app.db.ds, () =>
      gqlFrom(app, '192.0.2.3', REQUEST_ACCESS, { input: access('jeanne.roux@exemple.fr', DEMO_SIRET) }),
    );
    const other = await statementsDuring(app.db.ds, () =>
      gqlFrom(app, '192.0.2.4', REQUEST_ACCESS, { input: access('jeanne.roux@exemple.fr', OTHER_SIRET) }),
    );
    expect(other).toEqual(client);
    expect(client).toEqual([expect.stringMatching(/^INSERT INTO [`"]?deferred_requests\b/i)]);
    expect(await app.runDeferred()).toBe(2);
    expect(await count(app, 'SELECT COUNT(*) AS n FROM access_requests')).toBe(1);
  });

  it('login: the same statements and one argon2 verification for a wrong password and an unknown account', async () => {
    // The module object password.ts calls through (an `import * as` namespace would be a copy).
    const argon2 = jest.requireActual<typeof import('@node-rs/argon2')>('@node-rs/argon2');
    const verify = jest.spyOn(argon2, 'verify');
    try {
      const known = await statementsDuring(app.db.ds, () => gqlFrom(app, '192.0.2.5', LOGIN, { e: PERSONA_EMAILS.emma, p: 'pas le bon' }));
      expect(verify).toHaveBeenCalledTimes(1);
      const unknown = await statementsDuring(app.db.ds, () =>
        gqlFrom(app, '192.0.2.6', LOGIN, { e: 'personne@autre-sarl.fr', p: 'pas le bon' }),
      );
      expect(verify).toHaveBeenCalledTimes(2);
      expect(unknown).toEqual(known);
    } finally {
      verify.mockRestore();
    }
  });

  it('says RATE_LIMITED past a client address’s limit whatever the SIRET: the refusal tells nothing about clients', async () => {
    const limited = [];
    for (let i = 0; i < 6; i += 1) {
      const siret = i % 2 === 0 ? DEMO_SIRET : OTHER_SIRET;
      limited.push(await gqlFrom(app, '192.0.2.7', REQUEST_ACCESS, { input: access(`x${i}@exemple.fr`, siret) }));
    }
    expectLimitedAfter(limited, 5, 'requestAccess');
    expect(limited.slice(0, 5).flatMap(codesOf)).toEqual([]);
  });
});
