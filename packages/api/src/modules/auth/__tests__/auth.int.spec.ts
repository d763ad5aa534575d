import { sha256Hex } from '../../../common/tokens';
import { codesOf, DEMO_PASSWORD, PERSONA_EMAILS, startTestApp, type TestApp } from '../../../../test/harness';
import { gqlFrom } from '../../../../test/client-address';

const ME =
  'query { me { user { id email firstName lastLoginAt locale isStaff } memberships { scopes permissions status company { id name } } } }';
const COMPANY = 'query($id: ID!) { company(id: $id) { id name } }';
const LOGIN = 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { email } } }';

describe('authentication', () => {
  let app: TestApp;
  let demoId: string;
  beforeAll(async () => {
    app = await startTestApp();
    demoId = await app.companyId('Demo SAS');
  });
  afterAll(async () => app.close());

  it('signs in with a normalised email, sets an httpOnly SameSite=Lax cookie and stores only its hash', async () => {
    const client = app.client();
    const res = await client.gql(LOGIN, { e: '  Alice.Martin@Demo-SAS.fr ', p: DEMO_PASSWORD });
    expect(res.errors).toBeUndefined();
    const setCookie = res.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/guichet_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const token = decodeURIComponent((client.cookie ?? '').split('=')[1] ?? '');
    expect(token.length).toBeGreaterThanOrEqual(43);
    const stored: { token_hash: string }[] = await app.db.ds.query('SELECT token_hash FROM sessions');
    expect(stored.map((s) => s.token_hash)).toContain(sha256Hex(token));
    expect(stored.map((s) => s.token_hash)).not.toContain(token);

    const me = await client.gql<{
      me: {
        user: { email: string; lastLoginAt: string | null };
        memberships: { scopes: string[]; permissions: string[]; company: { id: string } }[];
      };
    }>(ME);
    expect(me.data?.me.user.email).toBe(PERSONA_EMAILS.alice);
    expect(me.data?.me.user.lastLoginAt).not.toBeNull();
    expect(me.data?.me.memberships).toHaveLength(1);
    expect(me.data?.me.memberships[0]?.scopes).toEqual(['ADMIN']);
    expect(me.data?.me.memberships[0]?.permissions).toContain('team:manage');
    expect(me.data?.me.memberships[0]?.company.id).toBe(demoId);
  });

  it('gives the same INVALID_CREDENTIALS error for a wrong password and an unknown email, and no cookie', async () => {
    const wrong = app.client();
    const r1 = await wrong.gql(LOGIN, { e: PERSONA_EMAILS.alice, p: 'not the password at all' });
    const r2 = await wrong.gql(LOGIN, { e: 'personne@demo-sas.fr', p: 'not the password at all' });
    expect(codesOf(r1)).toEqual(['INVALID_CREDENTIALS']);
    expect(codesOf(r2)).toEqual(['INVALID_CREDENTIALS']);
    expect(r1.errors?.[0]?.message).toBe(r2.errors?.[0]?.message);
    expect(wrong.cookie).toBeNull();
    const failures: { n: number }[] = await app.db.ds.query("SELECT COUNT(*) AS n FROM activity_events WHERE action = 'auth.login_failed'");
    expect(Number(failures[0]?.n)).toBeGreaterThanOrEqual(2);
  });

  it('refuses a malformed email with a coded field error', async () => {
    const res = await app.client().gql(LOGIN, { e: 'alice martin@demo', p: 'whatever password' });
    expect(codesOf(res)).toEqual(['VALIDATION_FAILED']);
    expect(res.errors?.[0]?.extensions?.fields).toEqual([{ field: 'email', code: 'EMAIL_HAS_SPACES' }]);
  });

  it('answers UNAUTHENTICATED without a session, and null for me', async () => {
    const client = app.client();
    expect((await client.gql(ME)).data).toEqual({ me: null });
    expect(codesOf(await client.gql(COMPANY, { id: demoId }))).toEqual(['UNAUTHENTICATED']);
  });

  it('ends the session on logout: the old cookie is then refused with SESSION_EXPIRED', async () => {
    const client = await app.as('bruno');
    const stolen = client.cookie;
    expect((await client.gql('mutation { logout }')).data).toEqual({ logout: true });
    client.cookie = stolen;
    const res = await client.gql(COMPANY, { id: demoId });
    expect(codesOf(res)).toEqual(['SESSION_EXPIRED']);
    expect(res.data).toEqual({ company: null });
  });

  it('expires an idle session and an absolutely expired one', async () => {
    const idle = await app.as('chloe');
    await app.db.ds.query('UPDATE sessions SET last_seen_at = ? WHERE user_id = (SELECT id FROM users WHERE email = ?)', [
      app.db.date(new Date(Date.now() - (app.env.SESSION_IDLE_MINUTES + 1) * 60_000)),
      PERSONA_EMAILS.chloe,
    ]);
    expect(codesOf(await idle.gql(COMPANY, { id: demoId }))).toEqual(['SESSION_EXPIRED']);
    expect(idle.cookie).toBeNull();

    const old = await app.as('chloe');
    await app.db.ds.query('UPDATE sessions SET expires_at = ? WHERE user_id = (SELECT id FROM users WHERE email = ?)', [
      app.db.date(new Date(Date.now() - 1000)),
      PERSONA_EMAILS.chloe,
    ]);
    expect(codesOf(await old.gql(COMPANY, { id: demoId }))).toEqual(['SESSION_EXPIRED']);
  });

  it('holds the operator’s staff to shorter sessions: idle after STAFF_SESSION_IDLE_MINUTES, over after STAFF_SESSION_ABSOLUTE_HOURS', async () => {
    const staffEnd = async () =>
      (
        await app.db.ds.query('SELECT expires_at FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = ?)', [
          PERSONA_EMAILS.olivia,
        ])
      )[0]?.expires_at;
    const before = Date.now();
    const olivia = await app.as('olivia');
    const ends = new Date(await staffEnd()).getTime();
    expect(ends).toBeGreaterThanOrEqual(before + app.env.STAFF_SESSION_ABSOLUTE_HOURS * 3_600_000 - 1000);
    expect(ends).toBeLessThan(before + app.env.SESSION_ABSOLUTE_HOURS * 3_600_000);
    expect(app.env.STAFF_SESSION_IDLE_MINUTES).toBeLessThan(app.env.SESSION_IDLE_MINUTES);

    // Idle a little longer than staff may be, well within what a member may be.
    const idleFor = (app.env.STAFF_SESSION_IDLE_MINUTES + 1) * 60_000;
    expect(idleFor).toBeLessThan(app.env.SESSION_IDLE_MINUTES * 60_000);
    const setIdle = (email: string) =>
      app.db.ds.query('UPDATE sessions SET last_seen_at = ? WHERE user_id = (SELECT id FROM users WHERE email = ?)', [
        app.db.date(new Date(Date.now() - idleFor)),
        email,
      ]);
    const alice = await app.as('alice');
    await setIdle(PERSONA_EMAILS.olivia);
    await setIdle(PERSONA_EMAILS.alice);
    expect(codesOf(await olivia.gql(COMPANY, { id: demoId }))).toEqual(['SESSION_EXPIRED']);
    expect(codesOf(await alice.gql(COMPANY, { id: demoId }))).toEqual([]);
  });

  it('reads permissions from the database on every request', async () => {
    const bruno = await app.as('bruno');
    const update =
      'mutation($id: ID!) { updateCompany(companyId: $id, input: { name: "Demo SAS", siret: "91234567500017", address: { line1: "12 rue de la Paix", postalCode: "75002", city: "Paris" } }) { name } }';
    expect(codesOf(await bruno.gql(update, { id: demoId }))).toEqual(['FORBIDDEN']);
    await app.db.ds.query("UPDATE memberships SET scopes = 'ADMIN' WHERE user_id = (SELECT id FROM users WHERE email = ?)", [
      PERSONA_EMAILS.bruno,
    ]);
    expect((await bruno.gql(update, { id: demoId })).data).toEqual({ updateCompany: { name: 'Demo SAS' } });
    await app.db.ds.query("UPDATE memberships SET status = 'SUSPENDED' WHERE user_id = (SELECT id FROM users WHERE email = ?)", [
      PERSONA_EMAILS.bruno,
    ]);
    expect(codesOf(await bruno.gql(COMPANY, { id: demoId }))).toEqual(['NOT_FOUND']);
    await app.db.ds.query(
      "UPDATE memberships SET status = 'ACTIVE', scopes = 'COURRIER' WHERE user_id = (SELECT id FROM users WHERE email = ?)",
      [PERSONA_EMAILS.bruno],
    );
  });

  it('gives the same NOT_FOUND for an unknown, a malformed and another tenant’s company id', async () => {
    const emma = await app.as('emma');
    const other = await emma.gql(COMPANY, { id: demoId });
    const unknown = await emma.gql(COMPANY, { id: '01234567-89ab-7def-8123-456789abcdef' });
    const malformed = await emma.gql(COMPANY, { id: 'not-an-id' });
    for (const res of [other, unknown, malformed]) {
      expect(codesOf(res)).toEqual(['NOT_FOUND']);
      expect(res.errors?.[0]?.message).toBe(other.errors?.[0]?.message);
      expect(res.data).toEqual({ company: null });
    }
  });

  it('refuses a disabled account even with the right password', async () => {
    await app.db.ds.query('UPDATE users SET disabled = ? WHERE email = ?', [true, PERSONA_EMAILS.david]);
    const res = await app.client().gql(LOGIN, { e: PERSONA_EMAILS.david, p: DEMO_PASSWORD });
    expect(codesOf(res)).toEqual(['ACCOUNT_DISABLED']);
    await app.db.ds.query('UPDATE users SET disabled = ? WHERE email = ?', [false, PERSONA_EMAILS.david]);
  });

  it('hashes passwords with argon2id', async () => {
    const rows: { password_hash: string }[] = await app.db.ds.query('SELECT password_hash FROM users WHERE email = ?', [
      PERSONA_EMAILS.alice,
    ]);
    expect(rows[0]?.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

describe('password reset', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.close());

  const REQUEST = 'mutation($e: String!) { requestPasswordReset(email: $e) }';
  const RESET = 'mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) }';

  async function linkTokenFor(email: string): Promise<string> {
    await app.runDeferred();
    const [mail] = await app.server.services.outbox.latest(1, email);
    const match = mail?.textBody.match(/reset-password\?token=([A-Za-z0-9_-]+)/);
    if (!match?.[1]) throw new Error(`no reset email for ${email}`);
    return match[1];
  }

  it('answers the same whether the email exists or not, and only emails existing accounts', async () => {
    const a = await app.client().gql(REQUEST, { e: 'inconnu@demo-sas.fr' });
    const b = await app.client().gql(REQUEST, { e: PERSONA_EMAILS.alice });
    expect(a.data).toEqual({ requestPasswordReset: true });
    expect(b.data).toEqual({ requestPasswordReset: true });
    // The emails go out after the answers, from the deferred requests.
    expect(await app.runDeferred()).toBe(2);
    expect(await app.server.services.outbox.latest(5, 'inconnu@demo-sas.fr')).toHaveLength(0);
    const [mail] = await app.server.services.outbox.latest(1, PERSONA_EMAILS.alice);
    expect(mail?.subject).toBe('Réinitialisez votre mot de passe Guichet');
    expect(mail?.textBody).toMatch(/valable jusqu’au/);
  });

  it('sets a new password once, ends the open sessions, and refuses the token afterwards', async () => {
    const before = await app.as('alice');
    await app.client().gql(REQUEST, { e: PERSONA_EMAILS.alice });
    const token = await linkTokenFor(PERSONA_EMAILS.alice);

    const weak = await app.client().gql(RESET, { t: token, p: 'short' });
    expect(codesOf(weak)).toEqual(['VALIDATION_FAILED']);
    expect(weak.errors?.[0]?.extensions?.fields?.[0]).toEqual({ field: 'password', code: 'PASSWORD_TOO_SHORT' });

    const [first, second] = await Promise.all([
      app.client().gql(RESET, { t: token, p: 'une phrase de passe toute neuve' }),
      app.client().gql(RESET, { t: token, p: 'une autre phrase de passe neuve' }),
    ]);
    const outcomes = [first, second].map((r) => (r.data?.resetPassword ? 'ok' : codesOf(r).join())).sort();
    expect(outcomes).toEqual(['INVALID_TOKEN', 'ok']);
    const winner = first.data?.resetPassword ? 'une phrase de passe toute neuve' : 'une autre phrase de passe neuve';

    expect(codesOf(await before.gql('query { companies { edges { cursor } } }'))).toEqual(['SESSION_EXPIRED']);
    expect(codesOf(await app.client().gql(LOGIN, { e: PERSONA_EMAILS.alice, p: DEMO_PASSWORD }))).toEqual(['INVALID_CREDENTIALS']);
    expect((await app.client().gql(LOGIN, { e: PERSONA_EMAILS.alice, p: winner })).errors).toBeUndefined();
    expect(codesOf(await app.client().gql(RESET, { t: token, p: 'encore une phrase de passe' }))).toEqual(['INVALID_TOKEN']);
  });

  it('says whether a reset link still works, without using it up and without saying anything else', async () => {
    const CHECK = 'query($t: String!) { passwordResetLinkValid(token: $t) }';
    await app.client().gql(REQUEST, { e: PERSONA_EMAILS.chloe });
    const token = await linkTokenFor(PERSONA_EMAILS.chloe);
    expect((await app.client().gql(CHECK, { t: token })).data).toEqual({ passwordResetLinkValid: true });
    expect((await app.client().gql(CHECK, { t: token })).data).toEqual({ passwordResetLinkValid: true });
    // Checking did not consume it: the password can still be set with it, once.
    expect((await app.client().gql(RESET, { t: token, p: 'une phrase de passe toute neuve' })).data).toEqual({ resetPassword: true });
    // Used, unknown or malformed: the same false, nothing about the account.
    for (const t of [token, 'x'.repeat(43), 'not a token']) {
      const res = await app.client().gql(CHECK, { t });
      expect({ data: res.data, errors: res.errors }).toEqual({ data: { passwordResetLinkValid: false }, errors: undefined });
    }
  });

  it('limits the link checks from one address', async () => {
    const CHECK = 'query($t: String!) { passwordResetLinkValid(token: $t) }';
    const answers: string[] = [];
    for (let i = 0; i < 61; i += 1) {
      const res = await gqlFrom<{ passwordResetLinkValid: boolean }>(app, '203.0.113.7', CHECK, { t: 'y'.repeat(43) });
      answers.push(res.errors ? codesOf(res).join() : String(res.data?.passwordResetLinkValid));
    }
    expect(answers.slice(0, 60).every((answer) => answer === 'false')).toBe(true);
    expect(answers[60]).toBe('RATE_LIMITED');
    // Another address is not held back.
    expect((await gqlFrom(app, '203.0.113.8', CHECK, { t: 'y'.repeat(43) })).data).toEqual({ passwordResetLinkValid: false });
  });

  it('refuses an expired or unknown token', async () => {
    await app.client().gql(REQUEST, { e: PERSONA_EMAILS.bruno });
    const token = await linkTokenFor(PERSONA_EMAILS.bruno);
    await app.db.ds.query('UPDATE password_resets SET expires_at = ?', [app.db.date(new Date(Date.now() - 1000))]);
    expect(codesOf(await app.client().gql(RESET, { t: token, p: 'une phrase de passe toute neuve' }))).toEqual(['INVALID_TOKEN']);
    expect(codesOf(await app.client().gql(RESET, { t: 'x'.repeat(43), p: 'une phrase de passe toute neuve' }))).toEqual(['INVALID_TOKEN']);
  });
});
