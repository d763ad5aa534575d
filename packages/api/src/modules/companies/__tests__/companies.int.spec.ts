import { codesOf, startTestApp, type Client, type GraphQLResponse, type TestApp } from '../../../../test/harness';
import { ACCEPT, latestLink, MEMBERS, PREVIEW } from '../../team/__tests__/team-helpers';

const CREATE =
  'mutation($input: CreateCompanyInput!) { createCompany(input: $input) { id name siret address { line1 postalCode city country } } }';
const PENDING_FIELDS =
  'hasAdministrator pendingAdminInvitation { id email firstName lastName phone jobTitle scopes role status expiresAt sentCount invitedByName }';
const CREATE_WITH_ADMIN = `mutation($input: CreateCompanyInput!) { createCompany(input: $input) { id name ${PENDING_FIELDS} } }`;
const FIRST_ADMIN = `query($id: ID!) { company(id: $id) { id ${PENDING_FIELDS} } }`;
const RESEND = `mutation($id: ID!) { resendFirstAdminInvitation(companyId: $id) { id ${PENDING_FIELDS} } }`;
const REPLACE = `mutation($id: ID!, $person: FirstAdminInput!) { replaceFirstAdmin(companyId: $id, firstAdmin: $person) { id ${PENDING_FIELDS} } }`;
const LIST =
  'query($first: Int, $after: String, $search: String) { companies(first: $first, after: $after, search: $search) { edges { cursor node { name siret } } pageInfo { endCursor hasNextPage } } }';

type ListResult = {
  companies: { edges: { node: { name: string; siret: string } }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
};

const address = { line1: '3 quai des Chartrons', postalCode: '33000', city: 'Bordeaux' };

interface PendingAdmin {
  id: string;
  hasAdministrator: boolean | null;
  pendingAdminInvitation: {
    id: string;
    email: string;
    firstName: string;
    status: string;
    scopes: string[];
    role: string | null;
    expiresAt: string;
    sentCount: number;
    invitedByName: string | null;
  } | null;
}

/** A first administrator; each test uses its own address (invitation emails are limited per address and week). */
const person = (email: string, extra: Record<string, unknown> = {}) => {
  const [first = 'Prénom', last = 'Nom'] = email.split('@')[0]?.split('.') ?? [];
  const cap = (s: string) => (s[0]?.toUpperCase() ?? '') + s.slice(1);
  return { email, firstName: cap(first), lastName: cap(last), ...extra };
};

let siretCounter = 0;
/** A fresh Luhn-valid SIRET. */
function nextSiret(): string {
  siretCounter += 1;
  const base = `77${String(siretCounter).padStart(11, '0')}`;
  for (let d = 0; d < 10; d += 1) {
    const candidate = `${base}${d}`;
    const sum = [...candidate].reverse().reduce((acc, c, i) => {
      const v = Number(c) * (i % 2 === 1 ? 2 : 1);
      return acc + (v > 9 ? v - 9 : v);
    }, 0);
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

const fieldsOf = (res: GraphQLResponse): string[] => (res.errors?.[0]?.extensions?.fields ?? []).map((f) => `${f.field}:${f.code}`).sort();

describe('companies (operator)', () => {
  let app: TestApp;
  let olivia: Client;
  const count = async (): Promise<number> =>
    Number(((await app.db.ds.query('SELECT COUNT(*) AS n FROM companies')) as { n: number }[])[0]?.n);

  const rows = async (table: string): Promise<number> =>
    Number(((await app.db.ds.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number }[])[0]?.n);

  beforeAll(async () => {
    app = await startTestApp();
    olivia = await app.as('olivia');
  });
  afterAll(async () => app.close());

  it('creates a company with a normalised SIRET, and journals it', async () => {
    const res = await olivia.gql(CREATE, {
      input: {
        name: '  Boulangerie Dupain  ',
        siret: '552 100 554 00005',
        address,
        firstAdmin: person('paul.dupain@boulangerie-dupain.fr'),
      },
    });
    expect(res.errors).toBeUndefined();
    const created = (res.data as { createCompany: { id: string; name: string; siret: string; address: { country: string } } })
      .createCompany;
    expect(created).toMatchObject({ name: 'Boulangerie Dupain', siret: '55210055400005', address: { country: 'FR' } });
    const events: { action: string }[] = await app.db.ds.query('SELECT action FROM activity_events WHERE target_id = ?', [created.id]);
    expect(events.map((e) => e.action)).toEqual(['company.created']);
  });

  it('invites the first administrator in the same step: pending invitation, email, journal', async () => {
    const before = Date.now();
    const res = await olivia.gql<{ createCompany: PendingAdmin }>(CREATE_WITH_ADMIN, {
      input: {
        name: 'Atelier Lumière',
        siret: nextSiret(),
        address,
        firstAdmin: {
          email: ' Claire.Fontaine@Atelier-Lumiere.fr ',
          firstName: 'Claire',
          lastName: 'Fontaine',
          phone: '06 12 34 56 78',
          jobTitle: 'Gérante',
        },
      },
    });
    expect(res.errors).toBeUndefined();
    const created = res.data?.createCompany;
    expect(created).toMatchObject({
      hasAdministrator: false,
      pendingAdminInvitation: {
        email: 'claire.fontaine@atelier-lumiere.fr',
        firstName: 'Claire',
        lastName: 'Fontaine',
        phone: '+33612345678',
        jobTitle: 'Gérante',
        scopes: ['ADMIN'],
        role: 'ADMINISTRATEUR',
        status: 'PENDING',
        sentCount: 1,
        invitedByName: 'Olivia Robert',
      },
    });
    const expiresIn = new Date(created?.pendingAdminInvitation?.expiresAt ?? 0).getTime() - before;
    expect(Math.round(expiresIn / 86_400_000)).toBe(7);

    const [mail] = await app.server.services.outbox.latest(1, 'claire.fontaine@atelier-lumiere.fr');
    expect(mail?.kind).toBe('invitation');
    expect(mail?.subject).toBe('Olivia Robert vous invite à rejoindre Atelier Lumière sur Guichet');
    expect(mail?.textBody).toContain('avec l’accès « Administrateur »');
    expect(mail?.textBody).toMatch(/valable jusqu’au \d{1,2} \S+ \d{4}/);
    expect(mail?.textBody).toMatch(/\/invitation\?token=/);

    const events: { action: string; actor_user_id: string }[] = await app.db.ds.query(
      'SELECT action, actor_user_id FROM activity_events WHERE company_id = ? ORDER BY action',
      [created?.id],
    );
    expect(events.map((e) => e.action)).toEqual(['company.created', 'team.invited']);
    expect(new Set(events.map((e) => e.actor_user_id)).size).toBe(1);
  });

  it('returns the company’s and the first administrator’s field errors at once, and writes nothing', async () => {
    const tables = ['companies', 'invitations', 'outbox_emails', 'activity_events'];
    const before = await Promise.all(tables.map(rows));
    const res = await olivia.gql(CREATE, {
      input: {
        name: ' ',
        siret: '55210055400026',
        address: { line1: '', postalCode: '7500', city: '' },
        firstAdmin: { email: 'contact@exemple.fr', firstName: ' ', lastName: 'Durand', phone: '12' },
      },
    });
    expect(codesOf(res)).toEqual(['VALIDATION_FAILED']);
    expect(fieldsOf(res)).toEqual(
      [
        'address.city:CITY_REQUIRED',
        'address.line1:ADDRESS_LINE_REQUIRED',
        'address.postalCode:POSTAL_CODE_INVALID',
        'name:COMPANY_NAME_REQUIRED',
        'siret:SIRET_CHECKSUM',
        'firstAdmin.email:EMAIL_GENERIC_MAILBOX',
        'firstAdmin.firstName:NAME_REQUIRED',
        'firstAdmin.phone:PHONE_INVALID',
      ].sort(),
    );
    // A valid company with an invalid person: nothing either.
    const personOnly = await olivia.gql(CREATE, {
      input: {
        name: 'Société Valide',
        siret: nextSiret(),
        address,
        firstAdmin: { email: 'jose.garcía@exemple.fr', firstName: 'José', lastName: 'García' },
      },
    });
    expect(fieldsOf(personOnly)).toEqual(['firstAdmin.email:EMAIL_NON_ASCII']);
    expect(await Promise.all(tables.map(rows))).toEqual(before);
  });

  it('rolls the company back when the invitation is refused inside the transaction (weekly email limit)', async () => {
    const alice = await app.as('alice');
    const demoId = await app.companyId('Demo SAS');
    const email = 'souvent.invite@exemple.fr';
    const invited = await alice.gql<{ inviteMembers: { rows: { invitation: { id: string } | null }[] } }>(
      'mutation($c: ID!, $rows: [InvitationInput!]!) { inviteMembers(companyId: $c, invitations: $rows) { rows { invitation { id } } } }',
      { c: demoId, rows: [{ ...person(email), scopes: ['COURRIER'] }] },
    );
    const invitationId = invited.data?.inviteMembers.rows[0]?.invitation?.id;
    for (let i = 0; i < 4; i += 1) {
      await alice.gql('mutation($c: ID!, $i: ID!) { resendInvitation(companyId: $c, invitationId: $i) { id } }', {
        c: demoId,
        i: invitationId,
      });
    }
    const tables = ['companies', 'invitations', 'outbox_emails', 'activity_events'];
    const before = await Promise.all(tables.map(rows));
    const res = await olivia.gql(CREATE, { input: { name: 'Trop Invitée', siret: nextSiret(), address, firstAdmin: person(email) } });
    expect(codesOf(res)).toEqual(['VALIDATION_FAILED']);
    expect(fieldsOf(res)).toEqual(['firstAdmin.email:EMAIL_SEND_LIMIT']);
    expect(await Promise.all(tables.map(rows))).toEqual(before);
  });

  it('refuses a SIRET that is already registered, also under concurrent creation', async () => {
    const before = await count();
    const input = { name: 'Doublon', siret: '91234567500017', address, firstAdmin: person('marc.doublon@exemple.fr') };
    expect(codesOf(await olivia.gql(CREATE, { input }))).toEqual(['CONFLICT']);
    const fresh = { name: 'Course', siret: '73282932000074', address, firstAdmin: person('lucie.course@exemple.fr') };
    const results = await Promise.all([olivia.gql(CREATE, { input: fresh }), olivia.gql(CREATE, { input: fresh })]);
    expect(results.map((r) => (r.errors ? codesOf(r).join() : 'ok')).sort()).toEqual(['CONFLICT', 'ok']);
    expect(await count()).toBe(before + 1);
    const invitations: { n: number }[] = await app.db.ds.query(
      "SELECT COUNT(*) AS n FROM invitations WHERE email = 'lucie.course@exemple.fr'",
    );
    expect(Number(invitations[0]?.n)).toBe(1);
  });

  it('lists companies newest first with keyset cursors, and searches by name or SIRET', async () => {
    const names: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const res: { data?: ListResult | null } = await olivia.gql<ListResult>(LIST, { first: 2, after });
      const conn = res.data?.companies;
      if (!conn) throw new Error('no page');
      names.push(...conn.edges.map((e) => e.node.name));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(names).toHaveLength(await count());
    expect(new Set(names).size).toBe(names.length);
    const bySiret = await olivia.gql<ListResult>(LIST, { search: '9123 4567' });
    expect(bySiret.data?.companies.edges.map((e) => e.node.name)).toEqual(['Demo SAS']);
    const byName = await olivia.gql<ListResult>(LIST, { search: 'sarl' });
    expect(byName.data?.companies.edges.map((e) => e.node.name)).toEqual(['Autre SARL']);
    expect(codesOf(await olivia.gql(LIST, { after: 'garbage' }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await olivia.gql(LIST, { first: 1000 }))).toEqual(['BAD_USER_INPUT']);
  });

  it('lets an administrator update the company details, with the same validation', async () => {
    const alice = await app.as('alice');
    const id = await app.companyId('Demo SAS');
    const update = 'mutation($id: ID!, $input: CompanyInput!) { updateCompany(companyId: $id, input: $input) { name address { city } } }';
    const ok = await alice.gql(update, {
      id,
      input: { name: 'Demo SAS', siret: '91234567500017', address: { line1: '1 rue Neuve', postalCode: '75001', city: 'Paris' } },
    });
    expect(ok.data).toEqual({ updateCompany: { name: 'Demo SAS', address: { city: 'Paris' } } });
    const clash = await alice.gql(update, { id, input: { name: 'Demo SAS', siret: '92345678400019', address } });
    expect(codesOf(clash)).toEqual(['CONFLICT']);
  });

  describe('first administrator', () => {
    const create = async (name: string, email: string): Promise<PendingAdmin> => {
      const res = await olivia.gql<{ createCompany: PendingAdmin }>(CREATE_WITH_ADMIN, {
        input: { name, siret: nextSiret(), address, firstAdmin: person(email) },
      });
      if (!res.data?.createCompany) throw new Error(`createCompany failed: ${JSON.stringify(res.errors)}`);
      return res.data.createCompany;
    };
    const acceptAsNewPerson = (token: string) => app.client().gql(ACCEPT, { t: token, input: { password: 'une phrase de passe solide' } });

    it('is accepted through the emailed link: an active administrator who sees Mon équipe; the operator then sees it', async () => {
      const company = await create('Menuiserie Bois Vert', 'jeanne.boisvert@bois-vert.fr');
      const token = await latestLink(app, 'jeanne.boisvert@bois-vert.fr');
      const preview = await app
        .client()
        .gql<{ invitation: { companyName: string; inviterName: string; role: string } }>(PREVIEW, { t: token });
      expect(preview.data?.invitation).toMatchObject({
        companyName: 'Menuiserie Bois Vert',
        inviterName: 'Olivia Robert',
        role: 'ADMINISTRATEUR',
      });

      const jeanne = app.client();
      const accepted = await jeanne.gql(ACCEPT, { t: token, input: { password: 'une phrase de passe solide' } });
      expect(accepted.data).toEqual({
        acceptInvitation: {
          user: { email: 'jeanne.boisvert@bois-vert.fr', firstName: 'Jeanne' },
          memberships: [{ scopes: ['ADMIN'], company: { name: 'Menuiserie Bois Vert' } }],
        },
      });
      const team = await jeanne.gql<{ company: { members: { email: string; role: string; status: string; invitedByName: string }[] } }>(
        MEMBERS,
        { id: company.id },
      );
      expect(team.errors).toBeUndefined();
      expect(team.data?.company.members).toEqual([
        expect.objectContaining({
          email: 'jeanne.boisvert@bois-vert.fr',
          role: 'ADMINISTRATEUR',
          status: 'ACTIVE',
          invitedByName: 'Olivia Robert',
        }),
      ]);

      const seen = await olivia.gql<{ company: PendingAdmin }>(FIRST_ADMIN, { id: company.id });
      expect(seen.data?.company).toMatchObject({ hasAdministrator: true, pendingAdminInvitation: null });
    });

    it('is resent by the operator: a new link, the old one void', async () => {
      const company = await create('Fromagerie des Alpes', 'marie.alpes@fromagerie-alpes.fr');
      const oldToken = await latestLink(app, 'marie.alpes@fromagerie-alpes.fr');
      const res = await olivia.gql<{ resendFirstAdminInvitation: PendingAdmin }>(RESEND, { id: company.id });
      expect(res.errors).toBeUndefined();
      expect(res.data?.resendFirstAdminInvitation.pendingAdminInvitation).toMatchObject({
        id: company.pendingAdminInvitation?.id,
        status: 'PENDING',
        sentCount: 2,
      });
      const newToken = await latestLink(app, 'marie.alpes@fromagerie-alpes.fr');
      expect(newToken).not.toBe(oldToken);
      expect((await app.client().gql(PREVIEW, { t: oldToken })).data).toEqual({ invitation: null });
      expect(codesOf(await acceptAsNewPerson(oldToken))).toEqual(['INVALID_TOKEN']);
      const events: { action: string }[] = await app.db.ds.query(
        'SELECT action FROM activity_events WHERE company_id = ? ORDER BY created_at, id',
        [company.id],
      );
      expect(events.map((e) => e.action)).toEqual(['company.created', 'team.invited', 'team.invitation_resent']);
      expect(codesOf(await acceptAsNewPerson(newToken))).toEqual([]);
    });

    it('is replaced by the operator: the old invitation withdrawn, the new person invited', async () => {
      const company = await create('Garage du Centre', 'paul.erreur@garage-centre.fr');
      const oldToken = await latestLink(app, 'paul.erreur@garage-centre.fr');

      const invalid = await olivia.gql(REPLACE, {
        id: company.id,
        person: { email: 'info@garage-centre.fr', firstName: '', lastName: 'Martin' },
      });
      expect(codesOf(invalid)).toEqual(['VALIDATION_FAILED']);
      expect(fieldsOf(invalid)).toEqual(['firstAdmin.email:EMAIL_GENERIC_MAILBOX', 'firstAdmin.firstName:NAME_REQUIRED']);
      expect(
        (await olivia.gql<{ company: PendingAdmin }>(FIRST_ADMIN, { id: company.id })).data?.company.pendingAdminInvitation?.email,
      ).toBe('paul.erreur@garage-centre.fr');

      const res = await olivia.gql<{ replaceFirstAdmin: PendingAdmin }>(REPLACE, {
        id: company.id,
        person: person('sophie.centre@garage-centre.fr', { jobTitle: 'Directrice' }),
      });
      expect(res.errors).toBeUndefined();
      expect(res.data?.replaceFirstAdmin).toMatchObject({
        hasAdministrator: false,
        pendingAdminInvitation: { email: 'sophie.centre@garage-centre.fr', scopes: ['ADMIN'], status: 'PENDING', sentCount: 1 },
      });
      const statuses: { email: string; status: string }[] = await app.db.ds.query(
        'SELECT email, status FROM invitations WHERE company_id = ? ORDER BY email',
        [company.id],
      );
      expect(statuses).toEqual([
        { email: 'paul.erreur@garage-centre.fr', status: 'REVOKED' },
        { email: 'sophie.centre@garage-centre.fr', status: 'PENDING' },
      ]);
      expect(codesOf(await acceptAsNewPerson(oldToken))).toEqual(['INVITATION_REVOKED']);
      const [mail] = await app.server.services.outbox.latest(1, 'sophie.centre@garage-centre.fr');
      expect(mail?.subject).toBe('Olivia Robert vous invite à rejoindre Garage du Centre sur Guichet');
      const events: { action: string }[] = await app.db.ds.query(
        'SELECT action FROM activity_events WHERE company_id = ? ORDER BY created_at, id',
        [company.id],
      );
      // Olivia opened the company's page (FIRST_ADMIN) before replacing: the client's journal says so.
      expect(events.map((e) => e.action)).toEqual([
        'company.created',
        'team.invited',
        'operator.viewed',
        'team.invitation_revoked',
        'team.invited',
      ]);
    });

    it('refuses resend and replace with CONFLICT once the company has an active administrator', async () => {
      const company = await create('Imprimerie Nouvelle', 'luc.nouvelle@imprimerie-nouvelle.fr');
      expect(codesOf(await acceptAsNewPerson(await latestLink(app, 'luc.nouvelle@imprimerie-nouvelle.fr')))).toEqual([]);
      const before = await rows('invitations');
      expect(codesOf(await olivia.gql(RESEND, { id: company.id }))).toEqual(['CONFLICT']);
      expect(codesOf(await olivia.gql(REPLACE, { id: company.id, person: person('autre.personne@exemple.fr') }))).toEqual(['CONFLICT']);
      const demoId = await app.companyId('Demo SAS');
      expect(codesOf(await olivia.gql(RESEND, { id: demoId }))).toEqual(['CONFLICT']);
      expect(codesOf(await olivia.gql(REPLACE, { id: demoId, person: person('autre.personne@exemple.fr') }))).toEqual(['CONFLICT']);
      expect(await rows('invitations')).toBe(before);
      expect(codesOf(await olivia.gql(RESEND, { id: '01234567-89ab-7def-8123-456789abcdef' }))).toEqual(['NOT_FOUND']);
    });

    it('is reserved to the operator’s staff', async () => {
      const company = await create('Cave à Vins Solène', 'solene.cave@cave-solene.fr');
      const alice = await app.as('alice');
      const demoId = await app.companyId('Demo SAS');
      const create2 = await alice.gql(CREATE, {
        input: { name: 'Intruse', siret: nextSiret(), address, firstAdmin: person('x.y@exemple.fr') },
      });
      expect(codesOf(create2)).toEqual(['FORBIDDEN']);
      expect(codesOf(await alice.gql(RESEND, { id: company.id }))).toEqual(['FORBIDDEN']);
      expect(codesOf(await alice.gql(REPLACE, { id: company.id, person: person('x.y@exemple.fr') }))).toEqual(['FORBIDDEN']);
      const own = await alice.gql<{ company: { id: string; hasAdministrator: boolean | null; pendingAdminInvitation: unknown } }>(
        FIRST_ADMIN,
        {
          id: demoId,
        },
      );
      expect(codesOf(own)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
      expect(own.data?.company).toEqual({ id: demoId, hasAdministrator: null, pendingAdminInvitation: null });
      expect(codesOf(await app.client().gql(RESEND, { id: company.id }))).toEqual(['UNAUTHENTICATED']);
      expect(
        (await olivia.gql<{ company: PendingAdmin }>(FIRST_ADMIN, { id: company.id })).data?.company.pendingAdminInvitation?.sentCount,
      ).toBe(1);
    });

    it('shows each company’s administrator state in the operator’s list', async () => {
      const res = await olivia.gql<{
        companies: { edges: { node: { name: string; hasAdministrator: boolean; pendingAdminInvitation: { email: string } | null } }[] };
      }>('query { companies(first: 50) { edges { node { name hasAdministrator pendingAdminInvitation { email } } } } }');
      expect(res.errors).toBeUndefined();
      const byName = new Map(res.data?.companies.edges.map((e) => [e.node.name, e.node]));
      expect(byName.get('Demo SAS')).toEqual({ name: 'Demo SAS', hasAdministrator: true, pendingAdminInvitation: null });
      expect(byName.get('Garage du Centre')).toEqual({
        name: 'Garage du Centre',
        hasAdministrator: false,
        pendingAdminInvitation: { email: 'sophie.centre@garage-centre.fr' },
      });
      expect(byName.get('Menuiserie Bois Vert')?.hasAdministrator).toBe(true);
    });
  });
});
