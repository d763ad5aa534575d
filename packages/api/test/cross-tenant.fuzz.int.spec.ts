import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { API_TOKEN_PRESETS, type Permission, type Scope } from '@guichet/shared';
import { newId } from '../src/common/ids';
import { hmacSign } from '../src/common/signing';
import { hashPassword } from '../src/modules/auth/password';
import { UserEntity } from '../src/modules/auth/user.entity';
import { AccessRequestEntity } from '../src/modules/team/access-request.entity';
import { MembershipEntity } from '../src/modules/team/membership.entity';
import { letterPdf } from '../src/seed/demo-mail';
import { Client, DEMO_PASSWORD, PERSONA_EMAILS, startTestApp, type TestApp } from './harness';

/**
 * Property: a principal of one company — a member of each role, or an API token of each preset —
 * given the id of an object of the other company (mail item, tag, forwarding request, invitation,
 * member, access request, API token, signature request, file answer, or the company itself) and any operation or file route that
 * takes it, with its own company's id or the other's, reads nothing of the other company and
 * writes nothing in it (a checksum of all its rows is the same before and after), and gets the
 * same answer — same status, code and message — as for a random id that exists nowhere.
 *
 * FUZZ_CASES sets the number of cases (default 2 000; `pnpm bench` runs 20 000), FUZZ_SEED the seed.
 */
const CASES = Number(process.env.FUZZ_CASES ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20260801);

type CompanyKey = 'demo' | 'autre';
type Kind =
  | 'mailItem'
  | 'tag'
  | 'forwardingRequest'
  | 'invitation'
  | 'member'
  | 'accessRequest'
  | 'apiToken'
  | 'signatureRequest'
  | 'answer'
  | 'company';

interface Principal {
  name: string;
  company: CompanyKey;
  client: Client;
  /** The id a signed file link is bound to (user id, or token id). */
  owner: string;
  isToken: boolean;
}

interface Tenant {
  id: string;
  objects: Record<Kind, string>;
  ownItem: string;
  ownTag: string;
  /** Strings that belong to this company alone: if one shows up in an answer to the other company, data crossed. */
  markers: string[];
}

type Request =
  | { kind: 'graphql'; query: string; variables: Record<string, unknown> }
  | { kind: 'http'; method: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> };

interface Ctx {
  companyId: string;
  objectId: string;
  own: Tenant;
  principal: Principal;
  n: number;
  secret: string;
}

interface Operation {
  name: string;
  kind: Kind;
  request(c: Ctx): Request;
}

const gql = (query: string, variables: (c: Ctx) => Record<string, unknown>) => (c: Ctx) =>
  ({ kind: 'graphql', query, variables: variables(c) }) as Request;
const withIds = (c: Ctx) => ({ c: c.companyId, o: c.objectId });

const OPERATIONS: Operation[] = [
  // mail items
  {
    name: 'Company.mailItem',
    kind: 'mailItem',
    request: gql('query($c: ID!, $o: ID!) { company(id: $c) { id mailItem(id: $o) { id sender recipient } } }', withIds),
  },
  {
    name: 'createMailItemLink',
    kind: 'mailItem',
    request: gql('mutation($c: ID!, $o: ID!) { createMailItemLink(companyId: $c, mailItemId: $o) { url } }', withIds),
  },
  {
    name: 'tagMailItems (item)',
    kind: 'mailItem',
    request: gql('mutation($c: ID!, $o: ID!, $t: ID!) { tagMailItems(companyId: $c, mailItemIds: [$o], tagIds: [$t]) { id } }', (c) => ({
      ...withIds(c),
      t: c.own.ownTag,
    })),
  },
  {
    name: 'untagMailItems (item)',
    kind: 'mailItem',
    request: gql('mutation($c: ID!, $o: ID!, $t: ID!) { untagMailItems(companyId: $c, mailItemIds: [$o], tagIds: [$t]) { id } }', (c) => ({
      ...withIds(c),
      t: c.own.ownTag,
    })),
  },
  {
    name: 'requestForwarding',
    kind: 'mailItem',
    request: gql(
      'mutation($c: ID!, $o: ID!, $k: String!) { requestForwarding(companyId: $c, mailItemIds: [$o], idempotencyKey: $k) { id } }',
      (c) => ({ ...withIds(c), k: `fuzz-${c.n}` }),
    ),
  },
  {
    name: 'GET /files/mail/:companyId/:mailItemId',
    kind: 'mailItem',
    request: (c) => {
      if (c.principal.isToken) return { kind: 'http', method: 'GET', path: `/files/mail/${c.companyId}/${c.objectId}` };
      // A link signed for this very person: only the access check can refuse it.
      const e = String(Math.floor(Date.now() / 1000) + 300);
      const s = hmacSign(c.secret, ['mail-item', c.companyId, c.objectId, c.principal.owner, 'attachment', e].join('\n'));
      const query = new URLSearchParams({ u: c.principal.owner, d: 'attachment', e, s }).toString();
      return { kind: 'http', method: 'GET', path: `/files/mail/${c.companyId}/${c.objectId}?${query}` };
    },
  },
  // tags
  {
    name: 'updateTag',
    kind: 'tag',
    request: gql('mutation($c: ID!, $o: ID!) { updateTag(companyId: $c, tagId: $o, name: "Fuzz", color: "#123456") { id name } }', withIds),
  },
  { name: 'deleteTag', kind: 'tag', request: gql('mutation($c: ID!, $o: ID!) { deleteTag(companyId: $c, tagId: $o) }', withIds) },
  {
    name: 'tagMailItems (tag)',
    kind: 'tag',
    request: gql('mutation($c: ID!, $o: ID!, $m: ID!) { tagMailItems(companyId: $c, mailItemIds: [$m], tagIds: [$o]) { id } }', (c) => ({
      ...withIds(c),
      m: c.own.ownItem,
    })),
  },
  {
    name: 'Company.mailItems(filter: tagIds)',
    kind: 'tag',
    request: gql(
      'query($c: ID!, $o: ID!) { company(id: $c) { id mailItems(first: 5, filter: { tagIds: [$o] }) { edges { node { id sender } } } } }',
      withIds,
    ),
  },
  // forwarding requests
  {
    name: 'cancelForwardingRequest',
    kind: 'forwardingRequest',
    request: gql('mutation($c: ID!, $o: ID!) { cancelForwardingRequest(companyId: $c, forwardingRequestId: $o) { id status } }', withIds),
  },
  {
    name: 'markForwardingSent',
    kind: 'forwardingRequest',
    request: gql('mutation($o: ID!) { markForwardingSent(id: $o) { id status } }', (c) => ({ o: c.objectId })),
  },
  {
    name: 'cancelForwarding',
    kind: 'forwardingRequest',
    request: gql('mutation($o: ID!) { cancelForwarding(id: $o) { id status } }', (c) => ({ o: c.objectId })),
  },
  // invitations
  {
    name: 'resendInvitation',
    kind: 'invitation',
    request: gql('mutation($c: ID!, $o: ID!) { resendInvitation(companyId: $c, invitationId: $o) { id email } }', withIds),
  },
  {
    name: 'revokeInvitation',
    kind: 'invitation',
    request: gql('mutation($c: ID!, $o: ID!) { revokeInvitation(companyId: $c, invitationId: $o) { id email } }', withIds),
  },
  // members
  {
    name: 'updateMemberScopes',
    kind: 'member',
    request: gql('mutation($c: ID!, $o: ID!) { updateMemberScopes(companyId: $c, memberId: $o, scopes: [ADMIN]) { id } }', withIds),
  },
  {
    name: 'updateMemberContactFor',
    kind: 'member',
    request: gql('mutation($c: ID!, $o: ID!) { updateMemberContactFor(companyId: $c, memberId: $o, contactFor: []) { id } }', withIds),
  },
  {
    name: 'suspendMember',
    kind: 'member',
    request: gql('mutation($c: ID!, $o: ID!) { suspendMember(companyId: $c, memberId: $o) { id } }', withIds),
  },
  {
    name: 'reactivateMember',
    kind: 'member',
    request: gql('mutation($c: ID!, $o: ID!) { reactivateMember(companyId: $c, memberId: $o) { id } }', withIds),
  },
  {
    name: 'removeMember',
    kind: 'member',
    request: gql('mutation($c: ID!, $o: ID!) { removeMember(companyId: $c, memberId: $o) }', withIds),
  },
  // access requests
  {
    name: 'approveAccessRequest',
    kind: 'accessRequest',
    request: gql(
      'mutation($c: ID!, $o: ID!) { approveAccessRequest(companyId: $c, requestId: $o, scopes: [COURRIER]) { request { id email } } }',
      withIds,
    ),
  },
  {
    name: 'rejectAccessRequest',
    kind: 'accessRequest',
    request: gql('mutation($c: ID!, $o: ID!) { rejectAccessRequest(companyId: $c, requestId: $o) { id email } }', withIds),
  },
  // API tokens
  {
    name: 'rotateApiToken',
    kind: 'apiToken',
    request: gql('mutation($c: ID!, $o: ID!) { rotateApiToken(companyId: $c, tokenId: $o, graceHours: 0) { secret } }', withIds),
  },
  {
    name: 'revokeApiToken',
    kind: 'apiToken',
    request: gql('mutation($c: ID!, $o: ID!) { revokeApiToken(companyId: $c, tokenId: $o) { id } }', withIds),
  },
  // the company itself (the object id is the other company's id)
  {
    name: 'Query.company (tenant fields)',
    kind: 'company',
    request: gql(
      'query($o: ID!) { company(id: $o) { id name siret members { id } invitations { id } accessRequests { id } tags { id name } apiTokens { id } } }',
      (c) => ({ o: c.objectId }),
    ),
  },
  {
    name: 'Company.mailItems / activity / forwardingRequests',
    kind: 'company',
    request: gql(
      'query($o: ID!) { company(id: $o) { mailItems(first: 3) { edges { node { id } } } activity(first: 3) { edges { node { id } } } forwardingRequests(first: 3) { edges { node { id } } } } }',
      (c) => ({ o: c.objectId }),
    ),
  },
  {
    name: 'createMailExport',
    kind: 'company',
    request: gql('mutation($o: ID!) { createMailExport(companyId: $o) { url itemCount } }', (c) => ({ o: c.objectId })),
  },
  {
    name: 'createTag',
    kind: 'company',
    request: gql('mutation($o: ID!, $n: String!) { createTag(companyId: $o, name: $n, color: "#123456") { id } }', (c) => ({
      o: c.objectId,
      n: `Fuzz ${c.n}`,
    })),
  },
  {
    name: 'inviteMembers',
    kind: 'company',
    request: gql(
      'mutation($o: ID!, $e: String!) { inviteMembers(companyId: $o, invitations: [{ email: $e, firstName: "Fuzz", lastName: "Test", scopes: [ADMIN] }]) { invitedCount } }',
      (c) => ({ o: c.objectId, e: `fuzz.test${c.n}@exemple.fr` }),
    ),
  },
  {
    name: 'createApiToken',
    kind: 'company',
    request: gql(
      'mutation($o: ID!) { createApiToken(companyId: $o, input: { name: "Fuzz", permissions: [MAIL_READ] }) { secret } }',
      (c) => ({
        o: c.objectId,
      }),
    ),
  },
  {
    name: 'updateCompany',
    kind: 'company',
    request: gql('mutation($o: ID!, $i: CompanyInput!) { updateCompany(companyId: $o, input: $i) { id } }', (c) => ({
      o: c.objectId,
      i: { name: 'Fuzz SAS', siret: '91234567500017', address: { line1: '1 rue Fuzz', postalCode: '75001', city: 'Paris', country: 'FR' } },
    })),
  },
  {
    name: 'GET /files/exports/:token',
    kind: 'company',
    request: (c) => {
      const body = Buffer.from(
        JSON.stringify({ v: 1, c: c.objectId, u: c.principal.owner, f: {}, a: Date.now(), n: 0, e: Math.floor(Date.now() / 1000) + 300 }),
      ).toString('base64url');
      return { kind: 'http', method: 'GET', path: `/files/exports/${body}.${hmacSign(c.secret, `mail-export\n${body}`)}` };
    },
  },
  // signatures and file answers
  {
    name: 'createSignatureDocumentLink',
    kind: 'signatureRequest',
    request: gql('mutation($c: ID!, $o: ID!) { createSignatureDocumentLink(companyId: $c, signatureRequestId: $o) { url } }', withIds),
  },
  {
    name: 'requestSignatureCode',
    kind: 'signatureRequest',
    request: gql('mutation($c: ID!, $o: ID!) { requestSignatureCode(companyId: $c, signatureRequestId: $o) { sentTo } }', withIds),
  },
  {
    name: 'signDocument',
    kind: 'signatureRequest',
    request: gql(
      'mutation($c: ID!, $o: ID!) { signDocument(companyId: $c, signatureRequestId: $o, code: "123456", consentVersion: "2026-12-v1", consentLocale: FR) { id } }',
      withIds,
    ),
  },
  {
    name: 'declineSignature',
    kind: 'signatureRequest',
    request: gql('mutation($c: ID!, $o: ID!) { declineSignature(companyId: $c, signatureRequestId: $o, reason: "Non") { id } }', withIds),
  },
  {
    name: 'createSignedDocumentLink',
    kind: 'signatureRequest',
    request: gql('mutation($c: ID!, $o: ID!) { createSignedDocumentLink(companyId: $c, signatureRequestId: $o) { url } }', withIds),
  },
  {
    name: 'createFormalityAnswerLink',
    kind: 'answer',
    request: gql('mutation($c: ID!, $o: ID!) { createFormalityAnswerLink(companyId: $c, answerId: $o) { url } }', withIds),
  },
  ...(
    [
      ['signature-document', 'signatureRequest', '/files/signature-documents'],
      ['signed-document', 'signatureRequest', '/files/signed-documents'],
      ['formality-answer', 'answer', '/files/formality-answers'],
    ] as const
  ).map(([link, kind, prefix]): Operation => ({
    name: `GET ${prefix}/:companyId/:id`,
    kind,
    request: (c) => {
      if (c.principal.isToken) return { kind: 'http', method: 'GET', path: `${prefix}/${c.companyId}/${c.objectId}` };
      const e = String(Math.floor(Date.now() / 1000) + 300);
      const s = hmacSign(c.secret, [link, c.companyId, c.objectId, c.principal.owner, 'inline', e].join('\n'));
      const query = new URLSearchParams({ u: c.principal.owner, d: 'inline', e, s }).toString();
      return { kind: 'http', method: 'GET', path: `${prefix}/${c.companyId}/${c.objectId}?${query}` };
    },
  })),
  {
    name: 'POST /files/mail',
    kind: 'company',
    request: (c) => ({
      kind: 'http',
      method: 'POST',
      path: `/files/mail?companyId=${c.objectId}&sender=Fuzz`,
      body: '%PDF-1.7\n',
      headers: { 'content-type': 'application/pdf' },
    }),
  },
];

/** Tables that hold a company's data, and how to select its rows. */
const TENANT_TABLES: [string, string][] = [
  ['companies', 'SELECT * FROM companies WHERE id = ? ORDER BY id'],
  ['memberships', 'SELECT * FROM memberships WHERE company_id = ? ORDER BY id'],
  ['users', 'SELECT u.* FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.company_id = ? ORDER BY u.id'],
  ['invitations', 'SELECT * FROM invitations WHERE company_id = ? ORDER BY id'],
  ['access_requests', 'SELECT * FROM access_requests WHERE company_id = ? ORDER BY id'],
  ['tags', 'SELECT * FROM tags WHERE company_id = ? ORDER BY id'],
  ['mail_items', 'SELECT * FROM mail_items WHERE company_id = ? ORDER BY id'],
  ['mail_item_tags', 'SELECT * FROM mail_item_tags WHERE company_id = ? ORDER BY mail_item_id, tag_id'],
  ['forwarding_requests', 'SELECT * FROM forwarding_requests WHERE company_id = ? ORDER BY id'],
  ['forwarding_request_items', 'SELECT * FROM forwarding_request_items WHERE company_id = ? ORDER BY forwarding_request_id, mail_item_id'],
  ['signature_requests', 'SELECT * FROM signature_requests WHERE company_id = ? ORDER BY id'],
  ['signature_events', 'SELECT * FROM signature_events WHERE company_id = ? ORDER BY request_id, seq'],
  ['information_answers', 'SELECT * FROM information_answers WHERE company_id = ? ORDER BY id'],
  // A token's last use is written by its own requests, wherever they point.
  [
    'api_tokens',
    'SELECT id, kind, name, permissions, token_hash, created_by_id, created_at, expires_at, rotated_from_id, grace_ends_at, revoked_at, revoked_reason, allowed_ips FROM api_tokens WHERE company_id = ? ORDER BY id',
  ],
  // Refused uses of the company's own tokens are journaled in its own journal, by design.
  [
    'activity_events',
    "SELECT * FROM activity_events a WHERE a.company_id = ? AND NOT (a.action = 'apiToken.denied' AND a.actor_api_token_id IN (SELECT t.id FROM api_tokens t WHERE t.company_id = a.company_id)) ORDER BY a.id",
  ],
];

interface Answer {
  status: number;
  body: unknown;
  text: string;
}

describe(`cross-tenant property: ${CASES} seeded cases (seed ${SEED})`, () => {
  let app: TestApp;
  const tenants = {} as Record<CompanyKey, Tenant>;
  const principals: Principal[] = [];

  /** Every row of the company, hashed (the queries run side by side on MariaDB's pool). */
  const checksum = async (companyId: string): Promise<string> => {
    const hash = createHash('sha256');
    const tables = await Promise.all(TENANT_TABLES.map(([, sql]) => app.db.ds.query(sql, [companyId]) as Promise<unknown[]>));
    tables.forEach((rows, i) => hash.update(`${TENANT_TABLES[i]?.[0]}:${JSON.stringify(rows)}\n`));
    return hash.digest('hex');
  };

  async function send(principal: Principal, request: Request): Promise<Answer> {
    if (request.kind === 'graphql') {
      const res = await principal.client.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: request.query, variables: request.variables }),
      });
      const text = await res.text();
      return { status: res.status, body: JSON.parse(text) as unknown, text };
    }
    const res = await principal.client.fetch(request.path, {
      method: request.method,
      headers: request.headers ?? {},
      ...(request.body !== undefined ? { body: request.body } : {}),
    });
    const text = res.headers.get('content-type')?.includes('json') ? await res.text() : `<${(await res.arrayBuffer()).byteLength} bytes>`;
    return { status: res.status, body: text.startsWith('<') ? text : (JSON.parse(text) as unknown), text };
  }

  async function issueToken(admin: Client, companyId: string, name: string, permissions: readonly Permission[]) {
    const res = await admin.gql<{ createApiToken: { secret: string; token: { id: string } } }>(
      'mutation($c: ID!, $i: CreateApiTokenInput!) { createApiToken(companyId: $c, input: $i) { secret token { id } } }',
      {
        c: companyId,
        i: {
          name,
          permissions: permissions.map((p) =>
            p
              .replace(/([a-z])([A-Z])/g, '$1_$2')
              .replace(':', '_')
              .toUpperCase(),
          ),
        },
      },
    );
    if (!res.data?.createApiToken) throw new Error(`createApiToken: ${JSON.stringify(res.errors)}`);
    return { secret: res.data.createApiToken.secret, id: res.data.createApiToken.token.id };
  }

  async function addMember(companyId: string, email: string, scopes: Scope[]): Promise<{ userId: string; membershipId: string }> {
    const now = new Date();
    const userId = newId();
    const membershipId = newId();
    await app.db.ds.getRepository(UserEntity).insert({
      id: userId,
      email,
      firstName: email.split('.')[0] ?? 'Fuzz',
      lastName: 'Fuzz',
      phone: null,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      locale: 'fr',
      isStaff: false,
      disabled: false,
      lastLoginAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await app.db.ds.getRepository(MembershipEntity).insert({
      id: membershipId,
      companyId,
      userId,
      scopes,
      status: 'ACTIVE',
      contactFor: [],
      jobTitle: null,
      invitedById: null,
      createdAt: now,
      updatedAt: now,
    });
    return { userId, membershipId };
  }

  beforeAll(async () => {
    app = await startTestApp({ API_TOKEN_REQUESTS_PER_MINUTE: '10000000', API_TOKEN_COST_PER_MINUTE: '1000000000' });
    const ids: Record<CompanyKey, string> = { demo: await app.companyId('Demo SAS'), autre: await app.companyId('Autre SARL') };
    const admins: Record<CompanyKey, Client> = { demo: await app.as('alice'), autre: await app.as('emma') };
    const olivia = await app.as('olivia');
    const userId = async (email: string): Promise<string> =>
      ((await app.db.ds.query('SELECT id FROM users WHERE email = ?', [email])) as { id: string }[])[0]?.id ?? '';

    // Autre SARL has only its administrator in the demo data: one member of each other role joins it.
    const autreMembers: Record<string, { userId: string; membershipId: string }> = {};
    for (const [role, scopes] of [
      ['courrier', ['COURRIER']],
      ['facturation', ['FACTURATION']],
      ['formalite', ['FORMALITE']],
    ] as const) {
      autreMembers[role] = await addMember(ids.autre, `${role}.fuzz@autre-sarl.fr`, [...scopes]);
    }

    for (const key of ['demo', 'autre'] as const) {
      const companyId = ids[key];
      const admin = admins[key];
      const items: { id: string }[] = await app.db.ds.query(
        "SELECT id FROM mail_items WHERE company_id = ? AND status = 'SCANNED' ORDER BY received_at DESC, id DESC",
        [companyId],
      );
      const tags: { id: string; name: string }[] = await app.db.ds.query('SELECT id, name FROM tags WHERE company_id = ? ORDER BY id', [
        companyId,
      ]);
      if (items.length < 3 || tags.length < 2) throw new Error(`not enough demo mail in ${key}`);
      const forwarding = await admin.gql<{ requestForwarding: { id: string } }>(
        'mutation($c: ID!, $m: [ID!]!) { requestForwarding(companyId: $c, mailItemIds: $m, idempotencyKey: "fuzz-setup") { id } }',
        { c: companyId, m: [items[2]?.id] },
      );
      const invited = await admin.gql<{ inviteMembers: { rows: { invitation: { id: string } | null }[] } }>(
        'mutation($c: ID!) { inviteMembers(companyId: $c, invitations: [{ email: "invitee.fuzz@exemple.fr", firstName: "Ines", lastName: "Vitee", scopes: [COURRIER] }]) { rows { invitation { id } } } }',
        { c: companyId },
      );
      const accessRequestId = newId();
      await app.db.ds.getRepository(AccessRequestEntity).insert({
        id: accessRequestId,
        companyId,
        email: `demandeur.${key}@exemple.fr`,
        firstName: 'Dema',
        lastName: 'Ndeur',
        message: null,
        status: 'PENDING',
        pendingKey: `${companyId}:demandeur.${key}@exemple.fr`,
        decidedById: null,
        decidedAt: null,
        invitationId: null,
        ip: null,
        createdAt: new Date(),
      });
      const member =
        key === 'demo'
          ? (
              (await app.db.ds.query('SELECT m.id FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = ?', [
                PERSONA_EMAILS.bruno,
              ])) as {
                id: string;
              }[]
            )[0]?.id
          : autreMembers.courrier?.membershipId;

      // Principals of this company: its members of each role, and a token of each preset.
      const people: [string, string][] =
        key === 'demo'
          ? [
              ['alice (ADMIN)', PERSONA_EMAILS.alice],
              ['bruno (COURRIER)', PERSONA_EMAILS.bruno],
              ['chloe (FACTURATION)', PERSONA_EMAILS.chloe],
              ['david (FORMALITE)', PERSONA_EMAILS.david],
            ]
          : [
              ['emma (ADMIN)', PERSONA_EMAILS.emma],
              ['autre COURRIER', 'courrier.fuzz@autre-sarl.fr'],
              ['autre FACTURATION', 'facturation.fuzz@autre-sarl.fr'],
              ['autre FORMALITE', 'formalite.fuzz@autre-sarl.fr'],
            ];
      for (const [name, email] of people) {
        principals.push({
          name: `${key}: ${name}`,
          company: key,
          client: await app.client().login(email),
          owner: await userId(email),
          isToken: false,
        });
      }
      let firstTokenId = '';
      for (const [preset, permissions] of Object.entries(API_TOKEN_PRESETS)) {
        const token = await issueToken(admin, companyId, `Fuzz ${preset}`, permissions);
        firstTokenId ||= token.id;
        principals.push({
          name: `${key}: token ${preset}`,
          company: key,
          client: Client.withToken(app.url, token.secret),
          owner: token.id,
          isToken: true,
        });
      }
      const forwardingId = forwarding.data?.requestForwarding.id;
      const invitationId = invited.data?.inviteMembers.rows[0]?.invitation?.id;
      if (!forwardingId || !invitationId || !member)
        throw new Error(`setup of ${key}: ${JSON.stringify([forwarding.errors, invited.errors])}`);
      const company = (
        (await app.db.ds.query('SELECT name, siret FROM companies WHERE id = ?', [companyId])) as { name: string; siret: string }[]
      )[0];
      // A formality with a file answer and a pending signature, asked of the company's FORMALITE member.
      const signerEmail = key === 'demo' ? PERSONA_EMAILS.david : 'formalite.fuzz@autre-sarl.fr';
      const signer = await app.client().login(signerEmail);
      const opened = await olivia.gql<{ openFormality: { id: string; requests: { id: string; kind: string }[] } }>(
        'mutation($c: ID!) { openFormality(companyId: $c, type: TRANSFERT_SIEGE, title: "Fuzz") { id } }',
        { c: companyId },
      );
      const formalityId = opened.data?.openFormality.id ?? '';
      const fileRequest = (
        (await app.db.ds.query("SELECT id FROM information_requests WHERE formality_id = ? AND kind = 'FILE' ORDER BY position LIMIT 1", [
          formalityId,
        ])) as { id: string }[]
      )[0]?.id;
      const pdf = await letterPdf({
        sender: 'Fuzz',
        recipient: key,
        city: 'Paris',
        date: new Date(),
        subject: 'Fuzz',
        lines: ['x'],
        pages: 1,
      });
      const answered = await signer.fetch(`/files/formalities/${companyId}/${fileRequest ?? ''}`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf' },
        body: pdf,
      });
      const answerId = ((await answered.json()) as { answer?: { id: string } }).answer?.id;
      await olivia.gql('mutation($f: ID!) { moveFormality(formalityId: $f, to: UNDER_REVIEW) { id } }', { f: formalityId });
      const delivered = await olivia.fetch(`/files/formality-documents/${companyId}/${formalityId}?title=Pouvoir`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf' },
        body: pdf,
      });
      const documentId = ((await delivered.json()) as { document?: { id: string } }).document?.id;
      const requested = await olivia.gql<{ requestSignature: { id: string } }>(
        'mutation($f: ID!, $d: ID!, $s: ID!, $h: String!) { requestSignature(formalityId: $f, documentId: $d, signerId: $s, documentSha256: $h) { id } }',
        { f: formalityId, d: documentId, s: await userId(signerEmail), h: createHash('sha256').update(pdf).digest('hex') },
      );
      const signatureRequestId = requested.data?.requestSignature.id;
      if (!answerId || !signatureRequestId) throw new Error(`formality setup of ${key}: ${JSON.stringify(requested.errors)}`);
      const objects: Record<Kind, string> = {
        mailItem: items[0]?.id ?? '',
        tag: tags[0]?.id ?? '',
        forwardingRequest: forwardingId,
        invitation: invitationId,
        member,
        accessRequest: accessRequestId,
        apiToken: firstTokenId,
        signatureRequest: signatureRequestId,
        answer: answerId,
        company: companyId,
      };
      tenants[key] = {
        id: companyId,
        objects,
        ownItem: items[1]?.id ?? '',
        ownTag: tags[1]?.id ?? '',
        markers: [
          ...Object.values(objects),
          ...items.map((i) => i.id),
          ...tags.map((t) => t.id),
          company?.name ?? '',
          company?.siret ?? '',
        ],
      };
    }
  });
  afterAll(async () => app.close());

  it(
    'no principal of one company reads or writes the other; its ids answer exactly like random ones',
    async () => {
      // Taken once the setup is done: from here on nothing may change either company's rows.
      const baseline: Record<string, string> = {
        [tenants.demo.id]: await checksum(tenants.demo.id),
        [tenants.autre.id]: await checksum(tenants.autre.id),
      };
      let ran = 0;
      let refused = 0;
      const perKind = new Map<Kind, number>();
      await fc.assert(
        fc.asyncProperty(
          fc.nat({ max: principals.length - 1 }),
          fc.constantFrom(...OPERATIONS.map((o) => o.name)),
          fc.boolean(),
          fc.integer({ min: 1, max: 1_000_000 }),
          async (p, operationName, viaOwnCompany, n) => {
            const principal = principals[p] as Principal;
            const operation = OPERATIONS.find((o) => o.name === operationName) as Operation;
            const own = tenants[principal.company];
            const other = tenants[principal.company === 'demo' ? 'autre' : 'demo'];
            const objectId = other.objects[operation.kind];
            const companyId = viaOwnCompany ? own.id : other.id;
            const randomId = newId();
            const ctx = (id: string, m: number): Ctx => ({
              companyId: operation.kind === 'company' ? id : companyId,
              objectId: id,
              own,
              principal,
              n: m,
              secret: app.env.fileUrlSecret,
            });

            const before = baseline[other.id];
            const real = await send(principal, operation.request(ctx(objectId, n)));
            const after = await checksum(other.id);
            const fake = await send(principal, operation.request(ctx(randomId, n + 1_000_000)));

            const label = `${operation.name} as ${principal.name} via ${viaOwnCompany ? 'own' : 'other'} company id`;
            // 0 writes: every row of the other company is as it was.
            expect({ label, unchanged: after === before }).toEqual({ label, unchanged: true });
            // 0 reads: none of the other company's ids or names in the answer (the ids sent aside).
            const sent = new Set([objectId, companyId]);
            const leaked = other.markers.filter((m) => m !== '' && !sent.has(m) && real.text.includes(m));
            expect({ label, leaked }).toEqual({ label, leaked: [] });
            // Alike: the same status, code and message as for an id that exists nowhere.
            const normalise = (a: Answer, id: string) => ({
              status: a.status,
              body: JSON.parse(
                JSON.stringify(a.body)
                  .split(id)
                  .join('<id>')
                  .replace(/fuzz-\d+/g, 'fuzz-n')
                  .replace(/fuzz\.test\d+/g, 'fuzz.test-n'),
              ),
            });
            expect({ label, answer: normalise(real, objectId) }).toEqual({ label, answer: normalise(fake, randomId) });
            ran += 1;
            perKind.set(operation.kind, (perKind.get(operation.kind) ?? 0) + 1);
            if (real.status >= 400 || real.text.includes('"errors"')) refused += 1;
          },
        ),
        { numRuns: CASES, seed: SEED, endOnFailure: true },
      );
      console.log(
        `cross-tenant fuzz: ${ran} cases (seed ${SEED}), ${principals.length} principals × ${OPERATIONS.length} operations and routes; ` +
          `0 reads and 0 writes across companies; ${refused} refused, ${ran - refused} answered empty; ` +
          `per object kind: ${[...perKind].map(([k, v]) => `${k} ${v}`).join(', ')}`,
      );
      expect(ran).toBe(CASES);
    },
    120_000 + CASES * 100,
  );
});
