import { isObjectType } from 'graphql';
import { API_TOKEN_PRESETS, can, canAsApiToken, type OperatorTokenCapability, type Permission } from '@guichet/shared';
import { hmacSign } from '../src/common/signing';
import { ACCESS_EXTENSION, type AccessDeclaration } from '../src/graphql/access';
import { buildSchema } from '../src/graphql/build-schema';
import { FILE_ROUTES } from '../src/http/file-routes';
import { hashPassword } from '../src/modules/auth/password';
import { newId } from '../src/common/ids';
import { LINK_PATHS, type LinkKind } from '../src/modules/signatures/signature-links';
import {
  Client,
  codesOf,
  DEMO_PASSWORD,
  PERSONA_EMAILS,
  startTestApp,
  type GraphQLResponse,
  type PersonaName,
  type TestApp,
} from './harness';

/**
 * Every root operation, every tenant field of Company and every file route, run as every kind of
 * principal — each role, an administrator of another company, staff, anonymous, a suspended and a
 * removed member, a token of each preset and a custom one, expired, revoked, rotated-out and
 * wrong-address tokens, an operator token — allowed or refused exactly as its access declaration,
 * the shared matrix and `authorize()` say. A new operation, field or route without a row fails.
 */

type Persona = PersonaName | 'anonymous';
const PERSONAS: Persona[] = ['alice', 'bruno', 'chloe', 'david', 'emma', 'olivia', 'anonymous'];
/** Scopes of each persona in Demo SAS (the company every operation targets). */
const DEMO_SCOPES: Record<Persona, ('ADMIN' | 'COURRIER' | 'FACTURATION' | 'FORMALITE')[] | null> = {
  alice: ['ADMIN'],
  bruno: ['COURRIER'],
  chloe: ['FACTURATION'],
  david: ['FORMALITE'],
  emma: null,
  olivia: null,
  anonymous: null,
};

/** What a principal is, for the expectation; how to get a client for it is kept beside. */
type Spec =
  | { kind: 'persona'; persona: Persona }
  | { kind: 'exMember' }
  | { kind: 'token'; permissions: readonly Permission[] }
  | { kind: 'deadToken' }
  | { kind: 'operatorToken'; capabilities: readonly OperatorTokenCapability[] };

const TOKEN_SETS: Record<string, readonly Permission[]> = {
  'token MAIL_READ_ONLY': API_TOKEN_PRESETS.MAIL_READ_ONLY,
  'token MAIL_FULL': API_TOKEN_PRESETS.MAIL_FULL,
  'token INVOICES': API_TOKEN_PRESETS.INVOICES,
  'token FORMALITIES': API_TOKEN_PRESETS.FORMALITIES,
  'token custom': ['company:read', 'mail:read', 'mail:tag', 'invoice:read'],
};
const DEAD_TOKENS = ['token expired', 'token revoked', 'token rotated out', 'token from another address'] as const;

const SPECS: Record<string, Spec> = {
  ...Object.fromEntries(PERSONAS.map((persona) => [persona, { kind: 'persona', persona }])),
  'suspended member': { kind: 'exMember' },
  'removed member': { kind: 'exMember' },
  ...Object.fromEntries(Object.entries(TOKEN_SETS).map(([name, permissions]) => [name, { kind: 'token', permissions }])),
  ...Object.fromEntries(DEAD_TOKENS.map((name) => [name, { kind: 'deadToken' }])),
  'operator token': { kind: 'operatorToken', capabilities: ['scan:upload'] },
  'billing operator token': { kind: 'operatorToken', capabilities: ['invoice:issue'] },
};
const PRINCIPALS = Object.keys(SPECS);

function expectedAllowed(access: AccessDeclaration, spec: Spec): boolean {
  if (spec.kind === 'deadToken') return false;
  switch (access.kind) {
    case 'public':
      return true;
    case 'person':
      return spec.kind === 'exMember' || (spec.kind === 'persona' && spec.persona !== 'anonymous');
    case 'apiToken':
      return spec.kind === 'token';
    case 'staff':
      return (
        (spec.kind === 'persona' && spec.persona === 'olivia') ||
        (spec.kind === 'operatorToken' && access.operatorToken !== undefined && spec.capabilities.includes(access.operatorToken))
      );
    case 'permission':
      if (spec.kind === 'token') return canAsApiToken(spec.permissions, access.permission);
      if (spec.kind !== 'persona') return false;
      if (spec.persona === 'olivia') return access.permission === 'company:read';
      return can(DEMO_SCOPES[spec.persona], access.permission);
  }
}

const ACCESS_CODES = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'FORBIDDEN']);
/** A refusal: an access code, or NOT_FOUND about the company itself (how non-members are answered). */
const isRefusal = (e: { extensions?: { code?: string; resource?: unknown } }): boolean =>
  ACCESS_CODES.has(e.extensions?.code ?? '') || (e.extensions?.code === 'NOT_FOUND' && e.extensions.resource === 'Company');

/** The principals' clients: persons sign in for each case (some operations end sessions), tokens are reused. */
interface Principals {
  client(name: string): Promise<Client>;
  /** The id a signed link is bound to for this principal (user id or token id), when it has one. */
  linkOwner(name: string): string;
}

async function issueToken(
  alice: Client,
  demoId: string,
  name: string,
  permissions: readonly Permission[],
  extra: Record<string, unknown> = {},
) {
  const res = await alice.gql<{ createApiToken: { secret: string; token: { id: string } } }>(
    'mutation($id: ID!, $input: CreateApiTokenInput!) { createApiToken(companyId: $id, input: $input) { secret token { id } } }',
    {
      id: demoId,
      input: {
        name,
        permissions: permissions.map((p) =>
          p
            .replace(/([a-z])([A-Z])/g, '$1_$2')
            .replace(':', '_')
            .toUpperCase(),
        ),
        ...extra,
      },
    },
  );
  if (!res.data?.createApiToken) throw new Error(`createApiToken failed: ${JSON.stringify(res.errors)}`);
  return { secret: res.data.createApiToken.secret, id: res.data.createApiToken.token.id };
}

/** Sets up every principal of SPECS on the app, through the API wherever a person would. */
async function setUpPrincipals(app: TestApp, demoId: string): Promise<Principals> {
  const alice = await app.as('alice');
  const owners = new Map<string, string>();
  const secrets = new Map<string, string>();
  for (const [name, permissions] of Object.entries(TOKEN_SETS)) {
    const t = await issueToken(alice, demoId, name, permissions);
    secrets.set(name, t.secret);
    owners.set(name, t.id);
  }
  const read = API_TOKEN_PRESETS.MAIL_READ_ONLY;
  const expired = await issueToken(alice, demoId, 'expired', read);
  await app.db.ds.query('UPDATE api_tokens SET expires_at = ? WHERE id = ?', [
    app.db.ds.options.type === 'mysql'
      ? new Date(Date.now() - 1000)
      : new Date(Date.now() - 1000).toISOString().replace('T', ' ').replace('Z', ''),
    expired.id,
  ]);
  secrets.set('token expired', expired.secret);
  const revoked = await issueToken(alice, demoId, 'revoked', read);
  await alice.gql('mutation($id: ID!, $t: ID!) { revokeApiToken(companyId: $id, tokenId: $t) { id } }', { id: demoId, t: revoked.id });
  secrets.set('token revoked', revoked.secret);
  const rotated = await issueToken(alice, demoId, 'rotated', read);
  const rotation = await alice.gql(
    'mutation($id: ID!, $t: ID!) { rotateApiToken(companyId: $id, tokenId: $t, graceHours: 0) { secret } }',
    {
      id: demoId,
      t: rotated.id,
    },
  );
  if (rotation.errors) throw new Error(JSON.stringify(rotation.errors));
  secrets.set('token rotated out', rotated.secret);
  const elsewhere = await issueToken(alice, demoId, 'elsewhere', read, { allowedIps: ['203.0.113.0/24'] });
  secrets.set('token from another address', elsewhere.secret);
  for (const name of DEAD_TOKENS) owners.set(name, newId());

  const olivia = await app.as('olivia');
  const op = await olivia.gql<{ createOperatorToken: { secret: string; token: { id: string } } }>(
    'mutation { createOperatorToken(input: { name: "Poste de numérisation", capabilities: [SCAN_UPLOAD] }) { secret token { id } } }',
  );
  if (!op.data?.createOperatorToken) throw new Error(JSON.stringify(op.errors));
  secrets.set('operator token', op.data.createOperatorToken.secret);
  owners.set('operator token', op.data.createOperatorToken.token.id);
  const billing = await olivia.gql<{ createOperatorToken: { secret: string; token: { id: string } } }>(
    'mutation { createOperatorToken(input: { name: "Outil de facturation", capabilities: [INVOICE_ISSUE] }) { secret token { id } } }',
  );
  if (!billing.data?.createOperatorToken) throw new Error(JSON.stringify(billing.errors));
  secrets.set('billing operator token', billing.data.createOperatorToken.secret);
  owners.set('billing operator token', billing.data.createOperatorToken.token.id);

  // Two more members of Demo SAS: one is suspended, the other removed, by Alice through the API.
  const exMembers: Record<string, string> = {
    'suspended member': 'sam.suspendu@demo-sas.fr',
    'removed member': 'rita.retiree@demo-sas.fr',
  };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const [name, email] of Object.entries(exMembers)) {
    const userId = newId();
    const membershipId = newId();
    const now = new Date();
    await app.db.ds.query(
      'INSERT INTO users (id, email, first_name, last_name, password_hash, is_staff, disabled, locale, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?, ?)',
      [userId, email, name.split(' ')[0], 'Ancien', passwordHash, 'fr', now, now].map((v) =>
        v instanceof Date && app.db.ds.options.type !== 'mysql' ? v.toISOString().replace('T', ' ').replace('Z', '') : v,
      ),
    );
    await app.db.ds.query(
      "INSERT INTO memberships (id, user_id, company_id, scopes, status, contact_for, created_at, updated_at) VALUES (?, ?, ?, 'COURRIER', 'ACTIVE', '', ?, ?)",
      [membershipId, userId, demoId, now, now].map((v) =>
        v instanceof Date && app.db.ds.options.type !== 'mysql' ? v.toISOString().replace('T', ' ').replace('Z', '') : v,
      ),
    );
    const mutation =
      name === 'suspended member' ? 'suspendMember(companyId: $id, memberId: $m) { id }' : 'removeMember(companyId: $id, memberId: $m)';
    const res = await alice.gql(`mutation($id: ID!, $m: ID!) { ${mutation} }`, { id: demoId, m: membershipId });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    owners.set(name, userId);
  }
  for (const persona of PERSONAS) {
    if (persona === 'anonymous') continue;
    const rows: { id: string }[] = await app.db.ds.query('SELECT id FROM users WHERE email = ?', [PERSONA_EMAILS[persona]]);
    owners.set(persona, rows[0]?.id ?? '');
  }
  owners.set('anonymous', newId());

  return {
    client: async (name) => {
      const secret = secrets.get(name);
      if (secret) return Client.withToken(app.url, secret);
      if (name === 'anonymous') return app.client();
      const email = exMembers[name] ?? PERSONA_EMAILS[name as PersonaName];
      return app.client().login(email);
    },
    linkOwner: (name) => owners.get(name) ?? newId(),
  };
}

interface Operation {
  document: string;
  variables: (t: { demoId: string; n: number }) => Record<string, unknown>;
}

const address = { line1: '1 place du Marché', postalCode: '69001', city: 'Lyon', country: 'FR' };
let siretCounter = 0;
/** A fresh Luhn-valid SIRET for each createCompany call. */
function nextSiret(): string {
  siretCounter += 1;
  const base = `88${String(siretCounter).padStart(11, '0')}`;
  for (let d = 0; d < 10; d += 1) {
    const candidate = `${base}${d}`;
    let sum = 0;
    [...candidate].reverse().forEach((c, i) => {
      let v = Number(c);
      if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    });
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

const FAKE_ID = '01234567-89ab-7def-8123-456789abcdef';
const TOKEN = 'A'.repeat(43);

const OPERATIONS: Record<string, Operation> = {
  'Query.invitation': { document: `query { invitation(token: "${TOKEN}") { email } }`, variables: () => ({}) },
  'Mutation.inviteMembers': {
    document:
      'mutation($id: ID!) { inviteMembers(companyId: $id, invitations: [{ email: "not-an-email", firstName: "A", lastName: "B", scopes: [COURRIER] }]) { failedCount } }',
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.resendInvitation': {
    document: `mutation($id: ID!) { resendInvitation(companyId: $id, invitationId: "${FAKE_ID}") { id } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.revokeInvitation': {
    document: `mutation($id: ID!) { revokeInvitation(companyId: $id, invitationId: "${FAKE_ID}") { id } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.acceptInvitation': { document: `mutation { acceptInvitation(token: "${TOKEN}") { user { id } } }`, variables: () => ({}) },
  'Mutation.requestNewInvitationLink': { document: `mutation { requestNewInvitationLink(token: "${TOKEN}") }`, variables: () => ({}) },
  'Mutation.updateMemberScopes': {
    document: `mutation($id: ID!) { updateMemberScopes(companyId: $id, memberId: "${FAKE_ID}", scopes: [COURRIER]) { id } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.updateMemberContactFor': {
    document: `mutation($id: ID!) { updateMemberContactFor(companyId: $id, memberId: "${FAKE_ID}", contactFor: []) { id } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.suspendMember': {
    document: `mutation($id: ID!) { suspendMember(companyId: $id, memberId: "${FAKE_ID}") { id } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.reactivateMember': {
    document: `mutation($id: ID!) { reactivateMember(companyId: $id, memberId: "${FAKE_ID}") { id } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.removeMember': {
    document: `mutation($id: ID!) { removeMember(companyId: $id, memberId: "${FAKE_ID}") }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.requestAccess': {
    document:
      'mutation { requestAccess(input: { siret: "91234567500017", email: "jeanne.roux@exemple.fr", firstName: "Jeanne", lastName: "Roux" }) }',
    variables: () => ({}),
  },
  'Mutation.approveAccessRequest': {
    document: `mutation($id: ID!) { approveAccessRequest(companyId: $id, requestId: "${FAKE_ID}", scopes: [COURRIER]) { request { id } } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.rejectAccessRequest': {
    document: `mutation($id: ID!) { rejectAccessRequest(companyId: $id, requestId: "${FAKE_ID}") { id } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Query.me': { document: 'query { me { user { id } } }', variables: () => ({}) },
  'Query.legalNotice': { document: 'query { legalNotice { legalName siren } }', variables: () => ({}) },
  'Query.company': { document: 'query($id: ID!) { company(id: $id) { id name } }', variables: ({ demoId }) => ({ id: demoId }) },
  'Query.companies': { document: 'query { companies(first: 5) { edges { node { id } } } }', variables: () => ({}) },
  'Mutation.login': {
    document: 'mutation { login(email: "nobody@example.fr", password: "wrong password here") { user { id } } }',
    variables: () => ({}),
  },
  'Mutation.logout': { document: 'mutation { logout }', variables: () => ({}) },
  'Mutation.requestPasswordReset': { document: 'mutation { requestPasswordReset(email: "nobody@example.fr") }', variables: () => ({}) },
  'Mutation.resetPassword': {
    document: 'mutation { resetPassword(token: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", password: "a long enough passphrase") }',
    variables: () => ({}),
  },
  'Query.passwordResetLinkValid': {
    document: 'query { passwordResetLinkValid(token: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA") }',
    variables: () => ({}),
  },
  'Mutation.setMyLocale': { document: 'mutation { setMyLocale(locale: FR) { id } }', variables: () => ({}) },
  'Mutation.createCompany': {
    document: 'mutation($input: CreateCompanyInput!) { createCompany(input: $input) { id } }',
    variables: ({ n }) => ({
      input: {
        name: 'Nouvelle Société',
        siret: nextSiret(),
        address,
        firstAdmin: { email: `premier.admin.${n}@exemple.fr`, firstName: 'Camille', lastName: 'Premier' },
      },
    }),
  },
  // Demo SAS has an active administrator: staff get CONFLICT (allowed, then refused by the rule), others a refusal.
  'Mutation.resendFirstAdminInvitation': {
    document: 'mutation($id: ID!) { resendFirstAdminInvitation(companyId: $id) { id } }',
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.replaceFirstAdmin': {
    document:
      'mutation($id: ID!) { replaceFirstAdmin(companyId: $id, firstAdmin: { email: "remplacant@exemple.fr", firstName: "Remi", lastName: "Placant" }) { id } }',
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.updateCompany': {
    document: 'mutation($id: ID!, $input: CompanyInput!) { updateCompany(companyId: $id, input: $input) { id } }',
    variables: ({ demoId }) => ({
      id: demoId,
      input: {
        name: 'Demo SAS',
        siret: '91234567500017',
        address: { line1: '12 rue de la Paix', postalCode: '75002', city: 'Paris', country: 'FR' },
      },
    }),
  },
  // Mail ("Mes courriers"): unknown item, tag and request ids answer NOT_FOUND about that resource, not a refusal.
  'Mutation.createTag': {
    document: 'mutation($id: ID!, $name: String!) { createTag(companyId: $id, name: $name, color: "#123abc") { id } }',
    variables: ({ demoId, n }) => ({ id: demoId, name: `Matrice ${n}` }),
  },
  'Mutation.updateTag': {
    document: `mutation($id: ID!) { updateTag(companyId: $id, tagId: "${FAKE_ID}", color: "#123abc") { id } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.deleteTag': {
    document: `mutation($id: ID!) { deleteTag(companyId: $id, tagId: "${FAKE_ID}") }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.tagMailItems': {
    document: `mutation($id: ID!) { tagMailItems(companyId: $id, mailItemIds: ["${FAKE_ID}"], tagIds: ["${FAKE_ID}"]) { id } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.untagMailItems': {
    document: `mutation($id: ID!) { untagMailItems(companyId: $id, mailItemIds: ["${FAKE_ID}"], tagIds: ["${FAKE_ID}"]) { id } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.requestForwarding': {
    document: `mutation($id: ID!, $key: String!) { requestForwarding(companyId: $id, mailItemIds: ["${FAKE_ID}"], idempotencyKey: $key) { id } }`,
    variables: ({ demoId, n }) => ({ id: demoId, key: `matrix-${n}` }),
  },
  'Mutation.cancelForwardingRequest': {
    document: `mutation($id: ID!) { cancelForwardingRequest(companyId: $id, forwardingRequestId: "${FAKE_ID}") { id } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.createMailItemLink': {
    document: `mutation($id: ID!) { createMailItemLink(companyId: $id, mailItemId: "${FAKE_ID}") { url } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.createMailExport': {
    document: 'mutation($id: ID!) { createMailExport(companyId: $id, filter: { type: REGISTERED }) { url itemCount } }',
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Query.forwardingQueue': { document: 'query { forwardingQueue(first: 5) { edges { node { id } } } }', variables: () => ({}) },
  'Mutation.markForwardingSent': { document: `mutation { markForwardingSent(id: "${FAKE_ID}") { id } }`, variables: () => ({}) },
  'Mutation.cancelForwarding': { document: `mutation { cancelForwarding(id: "${FAKE_ID}") { id } }`, variables: () => ({}) },
  // API tokens
  'Query.currentApiToken': { document: 'query { currentApiToken { id company { id } } }', variables: () => ({}) },
  'Mutation.createApiToken': {
    document:
      'mutation($id: ID!, $name: String!) { createApiToken(companyId: $id, input: { name: $name, permissions: [MAIL_READ] }) { secret } }',
    variables: ({ demoId, n }) => ({ id: demoId, name: `Matrice ${n}` }),
  },
  'Mutation.rotateApiToken': {
    document: `mutation($id: ID!) { rotateApiToken(companyId: $id, tokenId: "${FAKE_ID}") { secret } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.revokeApiToken': {
    document: `mutation($id: ID!) { revokeApiToken(companyId: $id, tokenId: "${FAKE_ID}") { id } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Query.operatorTokens': { document: 'query { operatorTokens { id } }', variables: () => ({}) },
  // Invoices. Allowed callers get an answer about the content (an invalid input, an unknown invoice):
  // nothing is issued by the matrix.
  'Query.operatorInvoices': {
    document: 'query($id: ID) { operatorInvoices(companyId: $id, first: 1) { edges { cursor } } }',
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.setPlan': {
    document:
      'mutation($id: ID!) { setPlan(companyId: $id, input: { label: "", period: MONTHLY, priceCents: 4900, vatRate: "20" }) { id } }',
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.updatePlan': {
    document: 'mutation($id: ID!) { updatePlan(companyId: $id, input: { priceCents: -1 }) { id } }',
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.runInvoicing': {
    document: 'mutation($p: String!) { runInvoicing(period: $p, dryRun: true) { items { outcome } } }',
    variables: () => ({ p: new Date().toISOString().slice(0, 7) }),
  },
  'Mutation.issueInvoice': {
    document:
      'mutation($id: ID!) { issueInvoice(companyId: $id, input: { lines: [], periodStart: "2026-01-01", periodEnd: "2026-01-31" }) { id } }',
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.issueCreditNote': {
    document: `mutation($id: ID!) { issueCreditNote(companyId: $id, invoiceId: "${FAKE_ID}", input: { reason: "Erreur" }) { id } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.recordPayment': {
    document: `mutation($id: ID!) { recordPayment(companyId: $id, invoiceId: "${FAKE_ID}", input: { amountCents: 100, date: "2026-01-15", method: TRANSFER }) { id } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.createInvoiceLink': {
    document: `mutation($id: ID!) { createInvoiceLink(companyId: $id, invoiceId: "${FAKE_ID}", format: XML) { url } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.createInvoicesExport': {
    document: 'mutation($id: ID!) { createInvoicesExport(companyId: $id, format: CSV) { url invoiceCount } }',
    variables: ({ demoId }) => ({ id: demoId }),
  },
  // Formalities. Allowed callers get an answer about the content (an unknown formality, request or
  // document): nothing is opened or moved by the matrix.
  'Query.operatorFormalities': {
    document: 'query($id: ID!) { operatorFormalities(companyId: $id, first: 1) { edges { cursor } } }',
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Query.operatorFormality': { document: `query { operatorFormality(id: "${FAKE_ID}") { id } }`, variables: () => ({}) },
  'Mutation.openFormality': {
    document: 'mutation($id: ID!) { openFormality(companyId: $id, type: OTHER, title: "") { id } }',
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.moveFormality': {
    document: `mutation { moveFormality(formalityId: "${FAKE_ID}", to: UNDER_REVIEW) { id } }`,
    variables: () => ({}),
  },
  'Mutation.addInformationRequest': {
    document: `mutation { addInformationRequest(formalityId: "${FAKE_ID}", input: { kind: TEXT, question: "Q" }) { id } }`,
    variables: () => ({}),
  },
  'Mutation.reviewAnswer': { document: `mutation { reviewAnswer(answerId: "${FAKE_ID}", accept: true) { id } }`, variables: () => ({}) },
  'Mutation.answerInformationRequest': {
    document: `mutation($id: ID!) { answerInformationRequest(companyId: $id, requestId: "${FAKE_ID}", value: "x") { id } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.createFormalityDocumentLink': {
    document: `mutation($id: ID!) { createFormalityDocumentLink(companyId: $id, documentId: "${FAKE_ID}") { url } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  // Signatures. Allowed callers get an answer about the content (an unknown request, answer or
  // document): nothing is requested, signed or declined by the matrix.
  'Mutation.createSignatureDocumentLink': {
    document: `mutation($id: ID!) { createSignatureDocumentLink(companyId: $id, signatureRequestId: "${FAKE_ID}") { url } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.requestSignatureCode': {
    document: `mutation($id: ID!) { requestSignatureCode(companyId: $id, signatureRequestId: "${FAKE_ID}") { sentTo } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.signDocument': {
    document: `mutation($id: ID!) { signDocument(companyId: $id, signatureRequestId: "${FAKE_ID}", code: "123456", consentVersion: "2026-12-v1", consentLocale: FR) { id } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.declineSignature': {
    document: `mutation($id: ID!) { declineSignature(companyId: $id, signatureRequestId: "${FAKE_ID}", reason: "Non") { id } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.createSignedDocumentLink': {
    document: `mutation($id: ID!) { createSignedDocumentLink(companyId: $id, signatureRequestId: "${FAKE_ID}") { url } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.createFormalityAnswerLink': {
    document: `mutation($id: ID!) { createFormalityAnswerLink(companyId: $id, answerId: "${FAKE_ID}") { url } }`,
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.requestSignature': {
    document: `mutation { requestSignature(formalityId: "${FAKE_ID}", documentId: "${FAKE_ID}", signerId: "${FAKE_ID}", documentSha256: "${'a'.repeat(64)}") { id } }`,
    variables: () => ({}),
  },
  'Mutation.cancelSignatureRequest': {
    document: `mutation { cancelSignatureRequest(signatureRequestId: "${FAKE_ID}", reason: "Erreur") { id } }`,
    variables: () => ({}),
  },
  'Query.operatorSignatureRequest': { document: `query { operatorSignatureRequest(id: "${FAKE_ID}") { id } }`, variables: () => ({}) },
  'Query.operatorFormalitySigners': {
    document: 'query($id: ID!) { operatorFormalitySigners(companyId: $id) { userId } }',
    variables: ({ demoId }) => ({ id: demoId }),
  },
  'Mutation.operatorAnswerLink': { document: `mutation { operatorAnswerLink(answerId: "${FAKE_ID}") { url } }`, variables: () => ({}) },
  'Mutation.operatorSignedDocumentLink': {
    document: `mutation { operatorSignedDocumentLink(signatureRequestId: "${FAKE_ID}") { url } }`,
    variables: () => ({}),
  },
  'Mutation.operatorFormalityDocumentLink': {
    document: `mutation { operatorFormalityDocumentLink(documentId: "${FAKE_ID}") { url } }`,
    variables: () => ({}),
  },
  'Mutation.createOperatorToken': {
    document: 'mutation($name: String!) { createOperatorToken(input: { name: $name, capabilities: [SCAN_UPLOAD] }) { secret } }',
    variables: ({ n }) => ({ name: `Poste ${n}` }),
  },
  'Mutation.rotateOperatorToken': { document: `mutation { rotateOperatorToken(tokenId: "${FAKE_ID}") { secret } }`, variables: () => ({}) },
  'Mutation.revokeOperatorToken': { document: `mutation { revokeOperatorToken(tokenId: "${FAKE_ID}") { id } }`, variables: () => ({}) },
};

/** Every tenant field of Company, read through `company(id)` of Demo SAS. */
const COMPANY_FIELDS: Record<string, string> = {
  members: 'members { id }',
  invitations: 'invitations { id }',
  accessRequests: 'accessRequests { id }',
  activity: 'activity(first: 1) { edges { cursor } }',
  mailItems: 'mailItems(first: 1) { edges { cursor } }',
  mailItem: `mailItem(id: "${FAKE_ID}") { id }`,
  tags: 'tags { id }',
  forwardingRequests: 'forwardingRequests(first: 1) { edges { cursor } }',
  apiTokens: 'apiTokens { id }',
  hasAdministrator: 'hasAdministrator',
  pendingAdminInvitation: 'pendingAdminInvitation { id }',
  invoices: 'invoices(first: 1) { edges { cursor } }',
  invoice: `invoice(id: "${FAKE_ID}") { id }`,
  invoiceTotals: 'invoiceTotals { dueCents }',
  plan: 'plan { id }',
  formalities: 'formalities(first: 1) { edges { cursor } }',
  formality: `formality(id: "${FAKE_ID}") { id }`,
};

/** A link of the signature and answer routes, signed as the mutations that mint them sign it. */
function signedLink(
  secret: string,
  kind: LinkKind,
  companyId: string | null,
  targetId: string,
  owner: string,
  disposition: 'inline' | 'attachment',
): [string, RequestInit] {
  const e = String(Math.floor(Date.now() / 1000) + 300);
  const company = companyId ?? '-';
  const s = hmacSign(secret, [kind, company, targetId, owner, disposition, e].join('\n'));
  return [`${LINK_PATHS[kind](company, targetId)}?${new URLSearchParams({ u: owner, d: disposition, e, s }).toString()}`, {}];
}

function fieldDeclarations(typeName: string): Map<string, AccessDeclaration> {
  const type = buildSchema().getType(typeName);
  if (!isObjectType(type)) throw new Error(`no ${typeName} type`);
  const out = new Map<string, AccessDeclaration>();
  for (const field of Object.values(type.getFields())) {
    const access = field.extensions[ACCESS_EXTENSION] as AccessDeclaration | undefined;
    if (access) out.set(`${typeName}.${field.name}`, access);
  }
  return out;
}

const rootDeclarations = (): Map<string, AccessDeclaration> => new Map([...fieldDeclarations('Query'), ...fieldDeclarations('Mutation')]);

function expectOutcome(label: string, allowed: boolean, res: GraphQLResponse, data: unknown): void {
  const accessErrors = (res.errors ?? []).filter(isRefusal).map((e) => e.extensions?.code);
  if (allowed) {
    expect({ label, accessErrors }).toEqual({ label, accessErrors: [] });
    expect(codesOf(res)).not.toContain('INTERNAL_SERVER_ERROR');
  } else {
    expect({ label, refused: accessErrors.length > 0 }).toEqual({ label, refused: true });
    // A refusal carries no data for the refused field.
    expect(data ?? null).toBeNull();
  }
}

describe('authorization matrix', () => {
  let app: TestApp;
  let demoId: string;
  let principals: Principals;
  let n = 0;

  beforeAll(async () => {
    app = await startTestApp();
    demoId = await app.companyId('Demo SAS');
    principals = await setUpPrincipals(app, demoId);
  });
  afterAll(async () => app.close());

  it('has a row for every root operation of the schema, and every one declares its access', () => {
    const schema = buildSchema();
    const roots = [schema.getQueryType(), schema.getMutationType()].flatMap((t) =>
      t ? Object.keys(t.getFields()).map((f) => `${t.name}.${f}`) : [],
    );
    expect(roots.sort()).toEqual(Object.keys(OPERATIONS).sort());
    expect([...rootDeclarations().keys()].sort()).toEqual(roots);
  });

  const cases = Object.keys(OPERATIONS).flatMap((op) => PRINCIPALS.map((principal) => [op, principal] as const));
  it.each(cases)('%s as %s', async (op, principal) => {
    const access = rootDeclarations().get(op);
    const operation = OPERATIONS[op];
    const spec = SPECS[principal];
    if (!access || !operation || !spec) throw new Error(`no declaration or row for ${op}`);
    const client = await principals.client(principal);
    n += 1;
    const res = await client.gql(operation.document, operation.variables({ demoId, n }));
    const field = op.split('.')[1] as string;
    expectOutcome(`${op} as ${principal}`, expectedAllowed(access, spec), res, res.data?.[field]);
  });
});

describe('authorization matrix of the Company fields and the file routes', () => {
  let app: TestApp;
  let demoId: string;
  let mailItemId: string;
  let invoiceId: string;
  let principals: Principals;

  beforeAll(async () => {
    app = await startTestApp({}, { invoices: true });
    demoId = await app.companyId('Demo SAS');
    const rows: { id: string }[] = await app.db.ds.query('SELECT id FROM mail_items WHERE company_id = ? ORDER BY id LIMIT 1', [demoId]);
    mailItemId = rows[0]?.id ?? '';
    const invoices: { id: string }[] = await app.db.ds.query('SELECT id FROM invoices WHERE company_id = ? ORDER BY id LIMIT 1', [demoId]);
    invoiceId = invoices[0]?.id ?? '';
    principals = await setUpPrincipals(app, demoId);
  });
  afterAll(async () => app.close());

  it('has a row for every tenant field of Company', () => {
    expect([...fieldDeclarations('Company').keys()].sort()).toEqual(
      Object.keys(COMPANY_FIELDS)
        .map((f) => `Company.${f}`)
        .sort(),
    );
  });

  const fieldCases = Object.keys(COMPANY_FIELDS).flatMap((field) => PRINCIPALS.map((principal) => [field, principal] as const));
  it.each(fieldCases)('Company.%s as %s', async (field, principal) => {
    const access = fieldDeclarations('Company').get(`Company.${field}`);
    const spec = SPECS[principal];
    if (!access || !spec) throw new Error(`Company.${field} declares no access`);
    const client = await principals.client(principal);
    const res = await client.gql<{ company: Record<string, unknown> | null }>(
      `query($id: ID!) { company(id: $id) { id ${COMPANY_FIELDS[field]} } }`,
      {
        id: demoId,
      },
    );
    expectOutcome(`Company.${field} as ${principal}`, expectedAllowed(access, spec), res, res.data?.company?.[field]);
  });

  /**
   * Each file route, with what a well-behaved caller would send: the access decision is the one
   * under test, so an allowed call may still fail on its content (an invalid PDF, a missing link),
   * but never with a refusal.
   */
  const ROUTE_REQUESTS: Record<
    keyof typeof FILE_ROUTES,
    (t: { demoId: string; mailItemId: string; invoiceId: string; owner: string; secret: string }) => [string, RequestInit]
  > = {
    uploadScan: ({ demoId: id }) => [
      `/files/mail?companyId=${id}&sender=Matrice&type=LETTER`,
      { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: 'not a pdf' },
    ],
    // A person sends the link signed for them (tokens need none, and theirs is ignored).
    downloadScan: ({ demoId: id, mailItemId: item, owner, secret }) => {
      const e = String(Math.floor(Date.now() / 1000) + 300);
      const sig = hmacSign(secret, ['mail-item', id, item, owner, 'attachment', e].join('\n'));
      return [`/files/mail/${id}/${item}?${new URLSearchParams({ u: owner, d: 'attachment', e, s: sig }).toString()}`, {}];
    },
    downloadExport: ({ demoId: id, owner, secret }) => {
      const body = Buffer.from(
        JSON.stringify({ v: 1, c: id, u: owner, f: { y: 'REGISTERED' }, a: Date.now(), n: 0, e: Math.floor(Date.now() / 1000) + 300 }),
      ).toString('base64url');
      return [`/files/exports/${body}.${hmacSign(secret, `mail-export\n${body}`)}`, {}];
    },
    downloadInvoice: ({ demoId: id, invoiceId: invoice, owner, secret }) => {
      const e = String(Math.floor(Date.now() / 1000) + 300);
      const sig = hmacSign(secret, ['invoice-file', id, invoice, 'pdf', owner, 'attachment', e].join('\n'));
      return [`/files/invoices/${id}/${invoice}/pdf?${new URLSearchParams({ u: owner, d: 'attachment', e, s: sig }).toString()}`, {}];
    },
    downloadInvoicesExport: ({ demoId: id, owner, secret }) => {
      const body = Buffer.from(
        JSON.stringify({ v: 1, c: id, u: owner, x: 'csv', f: { o: true }, a: Date.now(), n: 0, e: Math.floor(Date.now() / 1000) + 300 }),
      ).toString('base64url');
      return [`/files/invoice-exports/${body}.${hmacSign(secret, `invoice-export\n${body}`)}`, {}];
    },
    uploadFormalityAnswer: ({ demoId: id }) => [
      `/files/formalities/${id}/${FAKE_ID}`,
      { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: 'not a pdf' },
    ],
    deliverFormalityDocument: ({ demoId: id }) => [
      `/files/formality-documents/${id}/${FAKE_ID}?title=Kbis`,
      { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: 'not a pdf' },
    ],
    downloadFormalityDocument: ({ demoId: id, owner, secret }) => {
      const e = String(Math.floor(Date.now() / 1000) + 300);
      const sig = hmacSign(secret, ['formality-document', id, FAKE_ID, owner, 'attachment', e].join('\n'));
      return [
        `/files/formality-documents/${id}/${FAKE_ID}?${new URLSearchParams({ u: owner, d: 'attachment', e, s: sig }).toString()}`,
        {},
      ];
    },
    downloadSignatureDocument: ({ demoId: id, owner, secret }) => signedLink(secret, 'signature-document', id, FAKE_ID, owner, 'inline'),
    downloadSignedDocument: ({ demoId: id, owner, secret }) => signedLink(secret, 'signed-document', id, FAKE_ID, owner, 'attachment'),
    downloadFormalityAnswer: ({ demoId: id, owner, secret }) => signedLink(secret, 'formality-answer', id, FAKE_ID, owner, 'inline'),
    operatorFormalityAnswer: ({ owner, secret }) => signedLink(secret, 'operator-formality-answer', null, FAKE_ID, owner, 'inline'),
    operatorSignedDocument: ({ owner, secret }) => signedLink(secret, 'operator-signed-document', null, FAKE_ID, owner, 'attachment'),
    operatorFormalityDocument: ({ owner, secret }) => signedLink(secret, 'operator-formality-document', null, FAKE_ID, owner, 'inline'),
  };

  it('has a request for every declared file route', () => {
    expect(Object.keys(ROUTE_REQUESTS).sort()).toEqual(Object.keys(FILE_ROUTES).sort());
  });

  const routeCases = (Object.keys(FILE_ROUTES) as (keyof typeof FILE_ROUTES)[]).flatMap((route) =>
    PRINCIPALS.map((principal) => [route, principal] as const),
  );
  it.each(routeCases)('file route %s as %s', async (route, principal) => {
    const declaration = FILE_ROUTES[route];
    const spec = SPECS[principal];
    if (!spec) throw new Error(principal);
    const client = await principals.client(principal);
    const [url, init] = ROUTE_REQUESTS[route]({
      demoId,
      mailItemId,
      invoiceId,
      owner: principals.linkOwner(principal),
      secret: app.env.fileUrlSecret,
    });
    const res = await client.fetch(url, init);
    const body = res.headers.get('content-type')?.includes('json')
      ? ((await res.json()) as { error?: { code?: string; resource?: string } })
      : null;
    if (!body) await res.body?.cancel();
    const code = body?.error?.code ?? null;
    const refused = code !== null && (ACCESS_CODES.has(code) || (code === 'NOT_FOUND' && body?.error?.resource === 'Company'));
    const allowed = expectedAllowed(declaration.access, spec);
    expect({ route, principal, refused }).toEqual({ route, principal, refused: !allowed });
    if (allowed) expect(res.status).toBeLessThan(500);
    else expect([401, 403, 404]).toContain(res.status);
  });
});
