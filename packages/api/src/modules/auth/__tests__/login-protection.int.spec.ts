import { randomBytes } from 'node:crypto';
import { gqlFrom } from '../../../../test/client-address';
import { codesOf, DEMO_PASSWORD, PERSONA_EMAILS, startTestApp, TEST_REDIS_URL, type TestApp } from '../../../../test/harness';

const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { id } } }';
const REQUEST_RESET = 'mutation($e: String!) { requestPasswordReset(email: $e) }';
const RESET = 'mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) }';

/** The defaults, but 25 failures per address (a test sprays 30) and a slowdown of a few milliseconds. */
const LIMITS = {
  LOGIN_FAILURES_PER_ACCOUNT: '5',
  LOGIN_FAILURES_PER_IP: '25',
  LOGIN_DELAY_STEP_MS: '1',
  LOGIN_DELAY_MAX_MS: '4',
};

/** Redis when the tests have one (and then memory too), else memory only. */
const STORES: ('redis' | 'memory')[] = TEST_REDIS_URL ? ['redis', 'memory'] : ['memory'];
const storeEnv = (store: 'redis' | 'memory'): Record<string, string> => (store === 'memory' ? { REDIS_URL: '' } : {});

async function lockEmails(app: TestApp, email: string): Promise<{ subject: string; textBody: string }[]> {
  return (await app.server.services.outbox.latest(100, email)).filter((m) => m.kind === 'account_locked');
}

describe.each(STORES)('sign-in protection, counters in %s', (store) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ ...LIMITS, ...storeEnv(store) });
    expect(app.server.services.limits.store).toBe(store);
  });
  afterAll(async () => app.close());

  it('locks an account after 5 failures: then even the right password gets INVALID_CREDENTIALS, and its holder gets one email', async () => {
    const ip = '203.0.113.1';
    const wrong = [];
    for (let i = 0; i < 20; i += 1) wrong.push(await gqlFrom(app, ip, LOGIN, { e: PERSONA_EMAILS.bruno, p: `mauvais mot de passe ${i}` }));
    expect(wrong.flatMap(codesOf)).toEqual(Array<string>(20).fill('INVALID_CREDENTIALS'));

    const right = await gqlFrom(app, ip, LOGIN, { e: PERSONA_EMAILS.bruno, p: DEMO_PASSWORD });
    expect(codesOf(right)).toEqual(['INVALID_CREDENTIALS']);
    expect(right.errors?.[0]?.message).toBe(wrong[0]?.errors?.[0]?.message);
    expect(right.errors?.[0]?.extensions).toEqual(wrong[0]?.errors?.[0]?.extensions);
    expect(right.headers.get('set-cookie')).toBeNull();
    // The lock is the account's, from any address.
    expect(codesOf(await gqlFrom(app, '203.0.113.2', LOGIN, { e: PERSONA_EMAILS.bruno, p: DEMO_PASSWORD }))).toEqual([
      'INVALID_CREDENTIALS',
    ]);

    // Every attempt is journaled; the lock notice goes out once, after the answers.
    const [journal] = await app.db.ds.query(
      "SELECT COUNT(*) AS n FROM activity_events e JOIN users u ON u.id = e.actor_user_id WHERE e.action = 'auth.login_failed' AND u.email = ?",
      [PERSONA_EMAILS.bruno],
    );
    expect(Number((journal as { n: unknown }).n)).toBe(22);
    expect(await lockEmails(app, PERSONA_EMAILS.bruno)).toHaveLength(0);
    expect(await app.runDeferred()).toBe(1);
    const emails = await lockEmails(app, PERSONA_EMAILS.bruno);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.subject).toBe('Votre compte Guichet est temporairement verrouillé');
    expect(emails[0]?.textBody).toContain('/forgot-password');
  });

  it('lets a password reset through a locked account, and the new password unlocks it', async () => {
    const ip = '203.0.113.3';
    expect((await gqlFrom(app, ip, REQUEST_RESET, { e: PERSONA_EMAILS.bruno })).data).toEqual({ requestPasswordReset: true });
    await app.runDeferred();
    const [mail] = await app.server.services.outbox.latest(1, PERSONA_EMAILS.bruno);
    const token = mail?.textBody.match(/reset-password\?token=([A-Za-z0-9_-]+)/)?.[1];
    expect(mail?.kind).toBe('password_reset');
    const fresh = 'une toute nouvelle phrase de passe';
    expect((await gqlFrom(app, ip, RESET, { t: token, p: fresh })).data).toEqual({ resetPassword: true });
    const signedIn = await gqlFrom<{ login: { user: { id: string } } }>(app, ip, LOGIN, { e: PERSONA_EMAILS.bruno, p: fresh });
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data?.login.user.id).toEqual(expect.any(String));
  });

  it('locks an address that sprays 30 unknown accounts after 25 failures: RATE_LIMITED with retryAfter, even for a right password', async () => {
    const ip = '203.0.113.9';
    const answers = [];
    for (let i = 0; i < 30; i += 1) answers.push(await gqlFrom(app, ip, LOGIN, { e: `inconnu.${i}@exemple.fr`, p: 'un essai parmi tant' }));
    expect(answers.flatMap(codesOf)).toEqual([...Array<string>(25).fill('INVALID_CREDENTIALS'), ...Array<string>(5).fill('RATE_LIMITED')]);
    const retryAfter = answers[29]?.errors?.[0]?.extensions?.retryAfter;
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    expect(codesOf(await gqlFrom(app, ip, LOGIN, { e: PERSONA_EMAILS.alice, p: DEMO_PASSWORD }))).toEqual(['RATE_LIMITED']);
    // Another address signs in as usual; no account was locked, nobody is emailed.
    expect((await gqlFrom(app, '203.0.113.10', LOGIN, { e: PERSONA_EMAILS.alice, p: DEMO_PASSWORD })).errors).toBeUndefined();
    expect(await app.runDeferred()).toBe(0);
  });

  it('locks an address without an account exactly like an account: same answers, the email only where there is a holder', async () => {
    const attempt = (ip: string, e: string, p: string) => gqlFrom(app, ip, LOGIN, { e, p });
    const unknown = [];
    const known = [];
    for (let i = 0; i < 6; i += 1) {
      unknown.push(await attempt('203.0.113.20', 'personne@exemple.fr', `essai ${i}`));
      known.push(await attempt('203.0.113.21', PERSONA_EMAILS.chloe, `essai ${i}`));
    }
    known.push(await attempt('203.0.113.21', PERSONA_EMAILS.chloe, DEMO_PASSWORD));
    unknown.push(await attempt('203.0.113.20', 'personne@exemple.fr', DEMO_PASSWORD));
    expect(known.map((r) => r.errors)).toEqual(unknown.map((r) => r.errors));
    expect(await app.runDeferred()).toBe(2);
    expect(await lockEmails(app, PERSONA_EMAILS.chloe)).toHaveLength(1);
    expect(await lockEmails(app, 'personne@exemple.fr')).toHaveLength(0);
  });
});

describe('several instances', () => {
  const run = TEST_REDIS_URL ? it : it.skip;

  run('share their counters through Redis: a lock made through one instance holds on the other', async () => {
    const prefix = `guichet:shared:${randomBytes(4).toString('hex')}`;
    const one = await startTestApp({ ...LIMITS, RATE_LIMIT_PREFIX: prefix });
    const other = await startTestApp({ ...LIMITS, RATE_LIMIT_PREFIX: prefix });
    try {
      expect([one.server.services.limits.store, other.server.services.limits.store]).toEqual(['redis', 'redis']);
      for (let i = 0; i < 5; i += 1) await gqlFrom(one, '203.0.113.30', LOGIN, { e: PERSONA_EMAILS.emma, p: `essai ${i}` });
      expect(codesOf(await gqlFrom(other, '203.0.113.31', LOGIN, { e: PERSONA_EMAILS.emma, p: DEMO_PASSWORD }))).toEqual([
        'INVALID_CREDENTIALS',
      ]);
      // The notice is written by the instance where the lock happened, once.
      expect(await one.runDeferred()).toBe(1);
      expect(await other.runDeferred()).toBe(0);
      expect(await lockEmails(one, PERSONA_EMAILS.emma)).toHaveLength(1);
    } finally {
      await one.close();
      await other.close();
    }
  });

  it('count on their own without Redis: a lock on one instance does not reach the other', async () => {
    const prefix = `guichet:apart:${randomBytes(4).toString('hex')}`;
    const one = await startTestApp({ ...LIMITS, RATE_LIMIT_PREFIX: prefix, REDIS_URL: '' });
    const other = await startTestApp({ ...LIMITS, RATE_LIMIT_PREFIX: prefix, REDIS_URL: '' });
    try {
      for (let i = 0; i < 5; i += 1) await gqlFrom(one, '203.0.113.40', LOGIN, { e: PERSONA_EMAILS.emma, p: `essai ${i}` });
      expect(codesOf(await gqlFrom(one, '203.0.113.41', LOGIN, { e: PERSONA_EMAILS.emma, p: DEMO_PASSWORD }))).toEqual([
        'INVALID_CREDENTIALS',
      ]);
      expect((await gqlFrom(other, '203.0.113.41', LOGIN, { e: PERSONA_EMAILS.emma, p: DEMO_PASSWORD })).errors).toBeUndefined();
    } finally {
      await one.close();
      await other.close();
    }
  });
});
