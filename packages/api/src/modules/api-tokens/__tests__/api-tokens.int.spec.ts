import { Client, startTestApp, type TestApp } from '../../../../test/harness';
import { count, local, mailItemIds, samplePdf, upload } from '../../mail/__tests__/mail-test-helpers';
import { ACCEPT, invite as inviteRows, latestLink, row } from '../../team/__tests__/team-helpers';
import { parseTokenSecret } from '../token-secret';

const CREATE = `mutation($id: ID!, $input: CreateApiTokenInput!) {
  createApiToken(companyId: $id, input: $input) { secret token { id name prefix permissions preset status expiresAt allowedIps createdByName } }
}`;
const LIST = 'query($id: ID!) { company(id: $id) { apiTokens { id prefix status lastUsedAt lastUsedIp revokedReason graceEndsAt } } }';
const MAIL = 'query($id: ID!) { company(id: $id) { name mailItems(first: 2) { edges { node { id sender } } } } }';

interface Issued {
  secret: string;
  token: {
    id: string;
    name: string;
    prefix: string;
    permissions: string[];
    preset: string | null;
    status: string;
    expiresAt: string;
    allowedIps: string[];
    createdByName: string;
  };
}

describe('API tokens', () => {
  let app: TestApp;
  let alice: Client;
  let demoId: string;

  const create = async (input: Record<string, unknown>, as: Client = alice): Promise<Issued> => {
    const res = await as.gql<{ createApiToken: Issued }>(CREATE, { id: demoId, input });
    if (!res.data?.createApiToken) throw new Error(JSON.stringify(res.errors));
    return res.data.createApiToken;
  };
  const token = (secret: string): Client => Client.withToken(app.url, secret);
  const listed = async (id: string) => {
    const res = await alice.gql<{
      company: {
        apiTokens: {
          id: string;
          prefix: string;
          status: string;
          lastUsedAt: string | null;
          lastUsedIp: string | null;
          revokedReason: string | null;
          graceEndsAt: string | null;
        }[];
      };
    }>(LIST, { id: demoId });
    return res.data?.company.apiTokens.find((t) => t.id === id);
  };

  beforeAll(async () => {
    app = await startTestApp({ API_TOKEN_REQUESTS_PER_MINUTE: '40' });
    alice = await app.as('alice');
    demoId = await app.companyId('Demo SAS');
  });
  afterAll(async () => app.close());

  it('creates a token whose secret is shown once, recognisable and checksummed; only its hash is stored', async () => {
    const issued = await create({ name: '  Export   comptable ', permissions: ['MAIL_READ', 'MAIL_DOWNLOAD'] });
    expect(issued.secret).toMatch(/^gct_[0-9A-Za-z]{38}$/);
    expect(parseTokenSecret(issued.secret)).toBe('COMPANY');
    // One changed character breaks the checksum.
    const last = issued.secret.at(-1) === 'a' ? 'b' : 'a';
    expect(parseTokenSecret(`${issued.secret.slice(0, -1)}${last}`)).toBeNull();
    expect(issued.token).toMatchObject({
      name: 'Export comptable',
      prefix: issued.secret.slice(0, 12),
      permissions: ['COMPANY_READ', 'MAIL_READ', 'MAIL_DOWNLOAD'],
      preset: 'MAIL_READ_ONLY',
      status: 'ACTIVE',
      allowedIps: [],
      createdByName: 'Alice Martin',
    });
    const days = (new Date(issued.token.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    const stored: { token_hash: string }[] = await app.db.ds.query('SELECT token_hash FROM api_tokens WHERE id = ?', [issued.token.id]);
    expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await app.db.ds.query('SELECT * FROM api_tokens'))).not.toContain(issued.secret);
    expect(
      await count(app, "SELECT COUNT(*) AS n FROM activity_events WHERE action = 'apiToken.created' AND target_id = ?", [issued.token.id]),
    ).toBe(1);
  });

  it('refuses, field by field, what a token may not be given', async () => {
    const res = await alice.gql(CREATE, {
      id: demoId,
      input: { name: ' ', permissions: ['MAIL_READ', 'TEAM_MANAGE'], expiresInDays: 400, allowedIps: ['10.0.0.0/33'] },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [
        { field: 'name', code: 'TOKEN_NAME_REQUIRED' },
        { field: 'permissions', code: 'TOKEN_PERMISSION_NOT_ALLOWED' },
        { field: 'expiresInDays', code: 'TOKEN_EXPIRY_OUT_OF_RANGE' },
        { field: 'allowedIps', code: 'TOKEN_IP_RANGE_INVALID' },
      ],
    });
    const sign = await alice.gql(CREATE, { id: demoId, input: { name: 'Signature', permissions: ['FORMALITY_SIGN'] } });
    expect(sign.errors?.[0]?.extensions?.fields).toEqual([{ field: 'permissions', code: 'TOKEN_PERMISSION_NOT_ALLOWED' }]);
  });

  it('reads the company’s mail with Bearer, records the last use (time and IP) and ignores any cookie', async () => {
    const issued = await create({ name: 'Lecture', permissions: ['MAIL_READ'] });
    const client = token(issued.secret);
    client.cookie = alice.cookie; // the browser of a signed-in admin would send it along
    const me = await client.gql<{ currentApiToken: { name: string; company: { id: string } }; me: unknown }>(
      'query { me { user { id } } currentApiToken { name company { id } } }',
    );
    expect(me.data).toEqual({ me: null, currentApiToken: { name: 'Lecture', company: { id: demoId } } });
    const mail = await client.gql<{ company: { mailItems: { edges: unknown[] } } }>(MAIL, { id: demoId });
    expect(mail.errors).toBeUndefined();
    expect(mail.data?.company.mailItems.edges.length).toBe(2);
    // What it does not hold is refused, even though Alice's cookie is there.
    const team = await client.gql<{ company: { members: unknown } }>('query($id: ID!) { company(id: $id) { members { id } } }', {
      id: demoId,
    });
    expect(team.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(team.data?.company.members).toBeNull();
    const row = await listed(issued.token.id);
    expect(row?.lastUsedAt).not.toBeNull();
    expect(row?.lastUsedIp).toMatch(/127\.0\.0\.1/);
    expect(
      await count(app, "SELECT COUNT(*) AS n FROM activity_events WHERE action = 'apiToken.denied' AND target_id = ?", [issued.token.id]),
    ).toBe(1);
  });

  it('answers 401 to a bad, malformed or unknown token, never falling back to the session', async () => {
    for (const header of ['Bearer gct_nope', 'Basic YWxpY2U6eA==', 'Bearer', `Bearer gct_${'A'.repeat(38)}`]) {
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: header, cookie: alice.cookie ?? '' },
        body: JSON.stringify({ query: '{ me { user { id } } }' }),
      });
      expect(res.status).toBe(401);
      const body = (await res.json()) as { errors: { extensions: { code: string } }[]; data?: unknown };
      expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
      expect(body.data ?? null).toBeNull();
    }
  });

  it('downloads scans and exports with Bearer on the file routes; a session cannot open the token’s export', async () => {
    const issued = await create({ name: 'Archivage', permissions: ['MAIL_READ', 'MAIL_DOWNLOAD', 'MAIL_EXPORT'] });
    const client = token(issued.secret);
    const [itemId] = await mailItemIds(app, demoId, 1);
    const pdf = await client.fetch(`/files/mail/${demoId}/${itemId}`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const exp = await client.gql<{ createMailExport: { url: string } }>(
      'mutation($id: ID!) { createMailExport(companyId: $id, filter: { type: REGISTERED }) { url } }',
      { id: demoId },
    );
    const url = local(app, exp.data?.createMailExport.url ?? '');
    const zip = await client.fetch(url);
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    await zip.arrayBuffer();
    const asAlice = await alice.fetch(url);
    expect(asAlice.status).toBe(403);
    // Without mail:download, the same scan is refused.
    const readOnly = token((await create({ name: 'Sans téléchargement', permissions: ['MAIL_READ'] })).secret);
    expect((await readOnly.fetch(`/files/mail/${demoId}/${itemId}`)).status).toBe(403);
  });

  it('rotates: both secrets work during the grace period, the old one stops after it', async () => {
    const issued = await create({ name: 'ERP', permissions: ['MAIL_READ'] });
    const res = await alice.gql<{ rotateApiToken: Issued }>(
      'mutation($id: ID!, $t: ID!) { rotateApiToken(companyId: $id, tokenId: $t, graceHours: 2) { secret token { id name status } } }',
      { id: demoId, t: issued.token.id },
    );
    const rotated = res.data?.rotateApiToken;
    if (!rotated) throw new Error(JSON.stringify(res.errors));
    expect(rotated.secret).not.toBe(issued.secret);
    expect(rotated.token).toMatchObject({ name: 'ERP', status: 'ACTIVE' });
    expect((await listed(issued.token.id))?.status).toBe('ROTATING');
    expect((await token(issued.secret).gql(MAIL, { id: demoId })).errors).toBeUndefined();
    expect((await token(rotated.secret).gql(MAIL, { id: demoId })).errors).toBeUndefined();
    // The grace period ends (the clock moves on).
    await app.db.ds.query('UPDATE api_tokens SET grace_ends_at = expires_at WHERE id = ?', [issued.token.id]);
    await app.db.ds.query(
      "UPDATE api_tokens SET expires_at = '2020-01-01 00:00:00.000', grace_ends_at = '2020-01-01 00:00:00.000' WHERE id = ?",
      [issued.token.id],
    );
    expect((await token(issued.secret).gql(MAIL, { id: demoId })).status).toBe(401);
    expect((await token(rotated.secret).gql(MAIL, { id: demoId })).errors).toBeUndefined();
    // Rotating again what is no longer active is refused.
    const again = await alice.gql('mutation($id: ID!, $t: ID!) { rotateApiToken(companyId: $id, tokenId: $t) { secret } }', {
      id: demoId,
      t: issued.token.id,
    });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('revokes at once, and a revoked token’s use is journaled', async () => {
    const issued = await create({ name: 'À révoquer', permissions: ['MAIL_READ'] });
    expect((await token(issued.secret).gql(MAIL, { id: demoId })).errors).toBeUndefined();
    await alice.gql('mutation($id: ID!, $t: ID!) { revokeApiToken(companyId: $id, tokenId: $t) { status } }', {
      id: demoId,
      t: issued.token.id,
    });
    const after = await token(issued.secret).gql(MAIL, { id: demoId });
    expect(after.status).toBe(401);
    expect(after.errors?.[0]?.message).toMatch(/revoked/);
    expect(
      await count(app, "SELECT COUNT(*) AS n FROM activity_events WHERE action = 'apiToken.denied' AND target_id = ?", [issued.token.id]),
    ).toBe(1);
    expect(
      await count(app, "SELECT COUNT(*) AS n FROM activity_events WHERE action = 'apiToken.revoked' AND target_id = ?", [issued.token.id]),
    ).toBe(1);
  });

  it('works only from its allowed addresses', async () => {
    const here = await create({ name: 'Ici', permissions: ['MAIL_READ'], allowedIps: ['127.0.0.0/8', '::1'] });
    expect((await token(here.secret).gql(MAIL, { id: demoId })).errors).toBeUndefined();
    const there = await create({ name: 'Ailleurs', permissions: ['MAIL_READ'], allowedIps: ['198.51.100.0/24'] });
    const res = await token(there.secret).gql(MAIL, { id: demoId });
    expect(res.status).toBe(403);
    expect(res.errors?.[0]?.message).toMatch(/cannot be used from this address/);
  });

  it('dies when its creator is removed, suspended or loses Administrateur', async () => {
    // A second administrator creates three tokens, then loses access three ways.
    const invite = async (email: string): Promise<{ membershipId: string; client: Client }> => {
      await inviteRows(alice, demoId, [row(email, { scopes: ['ADMIN'] })]);
      const client = app.client();
      const acc = await client.gql(ACCEPT, { t: await latestLink(app, email), input: { password: 'une phrase de passe solide 42' } });
      if (acc.errors) throw new Error(JSON.stringify(acc.errors));
      const m: { id: string }[] = await app.db.ds.query(
        'SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = ? AND m.company_id = ?',
        [email, demoId],
      );
      return { membershipId: m[0]?.id ?? '', client };
    };
    const cases: [string, string, string][] = [
      ['paul.retire@demo-sas.fr', 'removeMember(companyId: $id, memberId: $m)', 'CREATOR_REMOVED'],
      ['paul.suspendu@demo-sas.fr', 'suspendMember(companyId: $id, memberId: $m) { id }', 'CREATOR_SUSPENDED'],
      ['paul.retrograde@demo-sas.fr', 'updateMemberScopes(companyId: $id, memberId: $m, scopes: [COURRIER]) { id }', 'CREATOR_NOT_ADMIN'],
    ];
    for (const [email, mutation, reason] of cases) {
      const admin = await invite(email);
      const issued = await create({ name: `De ${email}`, permissions: ['MAIL_READ'] }, admin.client);
      expect((await token(issued.secret).gql(MAIL, { id: demoId })).errors).toBeUndefined();
      const res = await alice.gql(`mutation($id: ID!, $m: ID!) { ${mutation} }`, { id: demoId, m: admin.membershipId });
      expect(res.errors).toBeUndefined();
      expect((await token(issued.secret).gql(MAIL, { id: demoId })).status).toBe(401);
      expect((await listed(issued.token.id))?.revokedReason).toBe(reason);
    }
  });

  it('limits the requests of one token per minute (429 with Retry-After)', async () => {
    const issued = await create({ name: 'Pressé', permissions: ['MAIL_READ'] });
    const client = token(issued.secret);
    let limited: Response | null = null;
    for (let i = 0; i < 45 && !limited; i += 1) {
      const res = await client.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ currentApiToken { id } }"}',
      });
      if (res.status === 429) limited = res;
      else await res.arrayBuffer();
    }
    if (!limited) throw new Error('never limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await limited.json()) as { errors: { extensions: { code: string; retryAfter: number } }[] };
    expect(body.errors[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
  });

  it('lets an operator token upload scans, and nothing else', async () => {
    const olivia = await app.as('olivia');
    const op = await olivia.gql<{ createOperatorToken: { secret: string } }>(
      'mutation { createOperatorToken(input: { name: "Poste de numérisation", capabilities: [SCAN_UPLOAD], allowedIps: ["127.0.0.1"] }) { secret } }',
    );
    const secret = op.data?.createOperatorToken.secret ?? '';
    expect(parseTokenSecret(secret)).toBe('OPERATOR');
    const res = await upload(app, null, { companyId: demoId, sender: 'URSSAF', type: 'LETTER' }, await samplePdf(), 'application/pdf', {
      authorization: `Bearer ${secret}`,
    });
    expect(res.status).toBe(201);
    const read = await token(secret).gql<{ company: unknown }>(MAIL, { id: demoId });
    expect(read.data?.company ?? null).toBeNull();
    expect(read.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const staffOp = await token(secret).gql('{ companies(first: 1) { edges { node { id } } } }');
    expect(staffOp.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
