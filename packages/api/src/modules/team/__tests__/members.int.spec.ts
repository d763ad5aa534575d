import { codesOf, startTestApp, type Client, type TestApp } from '../../../../test/harness';
import { MEMBERS } from './team-helpers';

type Member = { id: string; email: string; scopes: string[]; role: string | null; status: string; contactFor: string[] };

describe('managing members', () => {
  let app: TestApp;
  let alice: Client;
  let demoId: string;
  const members = async (client: Client = alice): Promise<Member[]> => {
    const res = await client.gql<{ company: { members: Member[] } }>(MEMBERS, { id: demoId });
    if (!res.data?.company) throw new Error(JSON.stringify(res.errors));
    return res.data.company.members;
  };
  const idOf = async (email: string): Promise<string> => {
    const m = (await members()).find((x) => x.email === email);
    if (!m) throw new Error(`no member ${email}`);
    return m.id;
  };
  const SCOPES =
    'mutation($c: ID!, $m: ID!, $s: [Scope!]!) { updateMemberScopes(companyId: $c, memberId: $m, scopes: $s) { scopes role contactFor } }';
  const SUSPEND = 'mutation($c: ID!, $m: ID!) { suspendMember(companyId: $c, memberId: $m) { status } }';
  const REACTIVATE = 'mutation($c: ID!, $m: ID!) { reactivateMember(companyId: $c, memberId: $m) { status } }';
  const REMOVE = 'mutation($c: ID!, $m: ID!) { removeMember(companyId: $c, memberId: $m) }';
  const COMPANY = 'query($id: ID!) { company(id: $id) { name } }';

  beforeAll(async () => {
    app = await startTestApp();
    alice = await app.as('alice');
    demoId = await app.companyId('Demo SAS');
  });
  afterAll(async () => app.close());

  it('lists members with role labels, status and contact-for', async () => {
    const list = await members();
    expect(list.map((m) => `${m.email}:${m.role}:${m.status}`)).toEqual([
      'alice.martin@demo-sas.fr:ADMINISTRATEUR:ACTIVE',
      'bruno.petit@demo-sas.fr:GESTION_COURRIER:ACTIVE',
      'chloe.durand@demo-sas.fr:FACTURATION:ACTIVE',
      'david.bernard@demo-sas.fr:GESTION_FORMALITE:ACTIVE',
    ]);
    const filtered = await alice.gql<{ company: { members: Member[] } }>(
      'query($id: ID!) { company(id: $id) { members(scope: FACTURATION) { email } } }',
      { id: demoId },
    );
    expect(filtered.data?.company.members).toEqual([{ email: 'chloe.durand@demo-sas.fr' }]);
  });

  it('applies a role change on the member’s very next request, and trims contact-for to the new scopes', async () => {
    const bruno = await app.as('bruno');
    expect(codesOf(await bruno.gql(MEMBERS, { id: demoId }))).toEqual(['FORBIDDEN']);
    const brunoId = await idOf('bruno.petit@demo-sas.fr');
    const toAdmin = await alice.gql(SCOPES, { c: demoId, m: brunoId, s: ['ADMIN'] });
    expect(toAdmin.data).toEqual({ updateMemberScopes: { scopes: ['ADMIN'], role: 'ADMINISTRATEUR', contactFor: ['COURRIER'] } });
    expect((await bruno.gql(MEMBERS, { id: demoId })).errors).toBeUndefined();
    const combo = await alice.gql(SCOPES, { c: demoId, m: brunoId, s: ['FACTURATION', 'COURRIER', 'FACTURATION'] });
    expect(combo.data).toEqual({ updateMemberScopes: { scopes: ['COURRIER', 'FACTURATION'], role: null, contactFor: ['COURRIER'] } });
    const toBilling = await alice.gql(SCOPES, { c: demoId, m: brunoId, s: ['FACTURATION'] });
    expect(toBilling.data).toEqual({ updateMemberScopes: { scopes: ['FACTURATION'], role: 'FACTURATION', contactFor: [] } });
    expect(codesOf(await bruno.gql(MEMBERS, { id: demoId }))).toEqual(['FORBIDDEN']);
    const me = await bruno.gql<{ me: { memberships: { scopes: string[]; permissions: string[] }[] } }>(
      'query { me { memberships { scopes permissions } } }',
    );
    expect(me.data?.me.memberships[0]?.permissions).toEqual(['company:read', 'invoice:read', 'invoice:download']);
    const events: { action: string; details: string }[] = await app.db.ds.query(
      "SELECT action, details FROM activity_events WHERE action = 'team.scopes_changed' ORDER BY created_at",
    );
    expect(events).toHaveLength(3);
    expect(JSON.parse(events[0]?.details ?? '{}')).toMatchObject({ from: ['COURRIER'], to: ['ADMIN'] });
  });

  it('edits contact-for within the member’s scopes only', async () => {
    const chloeId = await idOf('chloe.durand@demo-sas.fr');
    const q =
      'mutation($c: ID!, $m: ID!, $s: [ContactSubject!]!) { updateMemberContactFor(companyId: $c, memberId: $m, contactFor: $s) { contactFor } }';
    expect((await alice.gql(q, { c: demoId, m: chloeId, s: ['FACTURATION'] })).data).toEqual({
      updateMemberContactFor: { contactFor: ['FACTURATION'] },
    });
    const refused = await alice.gql(q, { c: demoId, m: chloeId, s: ['COURRIER'] });
    expect(refused.errors?.[0]?.extensions?.fields).toEqual([{ field: 'contactFor', code: 'CONTACT_FOR_WITHOUT_SCOPE' }]);
  });

  it('never leaves the company without an administrator: demote, suspend and remove are refused', async () => {
    const aliceId = await idOf('alice.martin@demo-sas.fr');
    expect(codesOf(await alice.gql(SCOPES, { c: demoId, m: aliceId, s: ['COURRIER'] }))).toEqual(['LAST_ADMIN']);
    expect(codesOf(await alice.gql(SUSPEND, { c: demoId, m: aliceId }))).toEqual(['LAST_ADMIN']);
    expect(codesOf(await alice.gql(REMOVE, { c: demoId, m: aliceId }))).toEqual(['LAST_ADMIN']);
    expect((await members()).find((m) => m.id === aliceId)).toMatchObject({ scopes: ['ADMIN'], status: 'ACTIVE' });
  });

  it('keeps one administrator when two administrators demote each other at the same time', async () => {
    const davidId = await idOf('david.bernard@demo-sas.fr');
    const aliceId = await idOf('alice.martin@demo-sas.fr');
    await alice.gql(SCOPES, { c: demoId, m: davidId, s: ['ADMIN'] });
    const david = await app.as('david');
    const [a, d] = await Promise.all([
      alice.gql(SCOPES, { c: demoId, m: davidId, s: ['FORMALITE'] }),
      david.gql(SCOPES, { c: demoId, m: aliceId, s: ['FORMALITE'] }),
    ]);
    const outcomes = [a, d].map((r) => (r.errors ? codesOf(r).join() : 'ok')).sort();
    // The loser is refused either by the rule (LAST_ADMIN) or, when its request started after
    // the winner's committed, because it is no longer an administrator (FORBIDDEN).
    expect(outcomes).toHaveLength(2);
    expect(outcomes[1]).toBe('ok');
    expect(['LAST_ADMIN', 'FORBIDDEN']).toContain(outcomes[0]);
    const admins: { n: number }[] = await app.db.ds.query(
      "SELECT COUNT(*) AS n FROM memberships WHERE company_id = ? AND status = 'ACTIVE' AND scopes = 'ADMIN'",
      [demoId],
    );
    expect(Number(admins[0]?.n)).toBe(1);
    // Put things back: whoever is admin now makes the other admin again.
    const admin = a.errors ? david : alice;
    await admin.gql(SCOPES, { c: demoId, m: a.errors ? aliceId : davidId, s: ['ADMIN'] });
    await alice.gql(SCOPES, { c: demoId, m: davidId, s: ['FORMALITE'] });
  });

  it('suspends (access cut at once, member kept) and reactivates', async () => {
    const chloe = await app.as('chloe');
    const chloeId = await idOf('chloe.durand@demo-sas.fr');
    expect((await alice.gql(SUSPEND, { c: demoId, m: chloeId })).data).toEqual({ suspendMember: { status: 'SUSPENDED' } });
    expect(codesOf(await chloe.gql(COMPANY, { id: demoId }))).toEqual(['NOT_FOUND']);
    const ME = 'query { me { memberships { id } suspendedMemberships { id companyId companyName } } }';
    type Me = { me: { memberships: unknown[]; suspendedMemberships: unknown[] } };
    // No access, but the SPA can say which company's administrators can reactivate her.
    expect((await chloe.gql<Me>(ME)).data?.me).toEqual({
      memberships: [],
      suspendedMemberships: [{ id: chloeId, companyId: demoId, companyName: 'Demo SAS' }],
    });
    expect((await members()).find((m) => m.id === chloeId)?.status).toBe('SUSPENDED');
    expect((await alice.gql(REACTIVATE, { c: demoId, m: chloeId })).data).toEqual({ reactivateMember: { status: 'ACTIVE' } });
    expect((await chloe.gql(COMPANY, { id: demoId })).data).toEqual({ company: { name: 'Demo SAS' } });
    expect((await chloe.gql<Me>(ME)).data?.me.suspendedMemberships).toEqual([]);
  });

  it('removes a member for good: access refused on the next request, journaled', async () => {
    const david = await app.as('david');
    const davidId = await idOf('david.bernard@demo-sas.fr');
    expect((await alice.gql(REMOVE, { c: demoId, m: davidId })).data).toEqual({ removeMember: true });
    expect(codesOf(await david.gql(COMPANY, { id: demoId }))).toEqual(['NOT_FOUND']);
    expect((await members()).map((m) => m.email)).not.toContain('david.bernard@demo-sas.fr');
    expect(codesOf(await alice.gql(REMOVE, { c: demoId, m: davidId }))).toEqual(['NOT_FOUND']);
    const events: { n: number }[] = await app.db.ds.query(
      "SELECT COUNT(*) AS n FROM activity_events WHERE action = 'team.removed' AND target_id = ?",
      [davidId],
    );
    expect(Number(events[0]?.n)).toBe(1);
  });

  it('refuses to manage a member of another company through one’s own company id', async () => {
    const emma = await app.as('emma');
    const autreId = await app.companyId('Autre SARL');
    const brunoId = await idOf('bruno.petit@demo-sas.fr');
    const res = await emma.gql(REMOVE, { c: autreId, m: brunoId });
    expect(codesOf(res)).toEqual(['NOT_FOUND']);
    expect(res.errors?.[0]?.extensions?.resource).toBe('Member');
    expect((await members()).map((m) => m.email)).toContain('bruno.petit@demo-sas.fr');
  });
});

describe('access requests', () => {
  let app: TestApp;
  let alice: Client;
  let demoId: string;
  const REQUEST = 'mutation($input: AccessRequestInput!) { requestAccess(input: $input) }';
  const LIST = 'query($id: ID!) { company(id: $id) { accessRequests { id email status message } } }';
  const form = (extra: Record<string, string> = {}) => ({
    siret: '912 345 675 00017',
    email: 'nina.perrin@exemple.fr',
    firstName: 'Nina',
    lastName: 'Perrin',
    message: 'Je suis la nouvelle comptable.',
    ...extra,
  });

  beforeAll(async () => {
    app = await startTestApp();
    alice = await app.as('alice');
    demoId = await app.companyId('Demo SAS');
  });
  afterAll(async () => app.close());

  it('answers the same whether the SIRET is a client or not, and tells the administrators of a real one', async () => {
    const unknown = await app.client().gql(REQUEST, { input: form({ siret: '73282932000074' }) });
    const known = await app.client().gql(REQUEST, { input: form() });
    expect(unknown.data).toEqual({ requestAccess: true });
    expect(known.data).toEqual({ requestAccess: true });
    // Filed after the answers, from the deferred requests.
    expect(await app.runDeferred()).toBe(2);
    const stored: { company_id: string }[] = await app.db.ds.query('SELECT company_id FROM access_requests');
    expect(stored.map((r) => r.company_id)).toEqual([demoId]);
    const [notice] = (await app.server.services.outbox.latest(10, 'alice.martin@demo-sas.fr')).filter((m) => m.kind === 'access_requested');
    expect(notice?.subject).toBe('Nina Perrin demande à rejoindre Demo SAS sur Guichet');
    expect(notice?.textBody).toContain('Je suis la nouvelle comptable.');
    // A repeat while the first is open creates nothing new.
    await app.client().gql(REQUEST, { input: form() });
    await app.runDeferred();
    expect(await app.db.ds.query('SELECT id FROM access_requests')).toHaveLength(1);
  });

  it('checks the fields, with a coded error per field', async () => {
    const res = await app.client().gql(REQUEST, { input: form({ siret: '123', email: 'contact@exemple.fr', firstName: '' }) });
    expect(codesOf(res)).toEqual(['VALIDATION_FAILED']);
    expect((res.errors?.[0]?.extensions?.fields ?? []).map((f) => `${f.field}:${f.code}`)).toEqual([
      'siret:SIRET_FORMAT',
      'email:EMAIL_GENERIC_MAILBOX',
      'firstName:NAME_REQUIRED',
    ]);
  });

  it('approves irreversibly into an invitation that follows the usual flow', async () => {
    const list = await alice.gql<{ company: { accessRequests: { id: string; status: string }[] } }>(LIST, { id: demoId });
    const id = list.data?.company.accessRequests[0]?.id;
    const approve =
      'mutation($c: ID!, $r: ID!) { approveAccessRequest(companyId: $c, requestId: $r, scopes: [FACTURATION], contactFor: [FACTURATION]) { request { status } invitation { status invitation { email scopes contactFor } } } }';
    const res = await alice.gql(approve, { c: demoId, r: id });
    expect(res.data).toEqual({
      approveAccessRequest: {
        request: { status: 'APPROVED' },
        invitation: {
          status: 'INVITED',
          invitation: { email: 'nina.perrin@exemple.fr', scopes: ['FACTURATION'], contactFor: ['FACTURATION'] },
        },
      },
    });
    const [mail] = await app.server.services.outbox.latest(1, 'nina.perrin@exemple.fr');
    expect(mail?.kind).toBe('invitation');
    expect(codesOf(await alice.gql(approve, { c: demoId, r: id }))).toEqual(['CONFLICT']);
    const reject = 'mutation($c: ID!, $r: ID!) { rejectAccessRequest(companyId: $c, requestId: $r) { status } }';
    expect(codesOf(await alice.gql(reject, { c: demoId, r: id }))).toEqual(['CONFLICT']);
  });

  it('rejects a request', async () => {
    await app.client().gql(REQUEST, { input: form({ email: 'oscar.blanc@exemple.fr', firstName: 'Oscar', lastName: 'Blanc' }) });
    await app.runDeferred();
    const list = await alice.gql<{ company: { accessRequests: { id: string; email: string; status: string }[] } }>(LIST, { id: demoId });
    const id = list.data?.company.accessRequests.find((r) => r.email === 'oscar.blanc@exemple.fr')?.id;
    const reject = 'mutation($c: ID!, $r: ID!) { rejectAccessRequest(companyId: $c, requestId: $r) { status } }';
    expect((await alice.gql(reject, { c: demoId, r: id })).data).toEqual({ rejectAccessRequest: { status: 'REJECTED' } });
    const bruno = await app.as('bruno');
    expect(codesOf(await bruno.gql(LIST, { id: demoId }))).toEqual(['FORBIDDEN']);
  });
});

describe('activity journal', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app.close());

  it('shows administrators who did what, newest first, page by page; others may not read it', async () => {
    const alice = await app.as('alice');
    const demoId = await app.companyId('Demo SAS');
    const bruno = await app.as('bruno');
    const brunoId = (
      await alice.gql<{ company: { members: { id: string; email: string }[] } }>(MEMBERS, { id: demoId })
    ).data?.company.members.find((m) => m.email === 'bruno.petit@demo-sas.fr')?.id;
    await alice.gql('mutation($c: ID!, $m: ID!) { updateMemberContactFor(companyId: $c, memberId: $m, contactFor: []) { id } }', {
      c: demoId,
      m: brunoId,
    });
    await alice.gql(
      'mutation($c: ID!) { inviteMembers(companyId: $c, invitations: [{ email: "rose.vidal@exemple.fr", firstName: "Rose", lastName: "Vidal", scopes: [COURRIER] }]) { invitedCount } }',
      { c: demoId },
    );
    const Q =
      'query($id: ID!, $after: String) { company(id: $id) { activity(first: 1, after: $after) { edges { node { action actorName details } } pageInfo { endCursor hasNextPage } } } }';
    type Page = {
      company: {
        activity: {
          edges: { node: { action: string; actorName: string | null; details: string | null } }[];
          pageInfo: { endCursor: string; hasNextPage: boolean };
        };
      };
    };
    const first = await alice.gql<Page>(Q, { id: demoId });
    expect(first.data?.company.activity.edges[0]?.node).toMatchObject({ action: 'team.invited', actorName: 'Alice Martin' });
    expect(JSON.parse(first.data?.company.activity.edges[0]?.node.details ?? '{}')).toMatchObject({
      email: 'rose.vidal@exemple.fr',
      scopes: ['COURRIER'],
    });
    expect(first.data?.company.activity.pageInfo.hasNextPage).toBe(true);
    const second = await alice.gql<Page>(Q, { id: demoId, after: first.data?.company.activity.pageInfo.endCursor });
    expect(second.data?.company.activity.edges.map((e) => e.node.action)).toEqual(['team.contact_for_changed']);
    expect(codesOf(await bruno.gql(Q, { id: demoId }))).toEqual(['FORBIDDEN']);
  });
});
