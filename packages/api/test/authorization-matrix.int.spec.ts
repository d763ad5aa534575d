import { isObjectType } from 'graphql';
import { can, type Permission } from '@guichet/shared';
import { ACCESS_EXTENSION, type AccessDeclaration } from '../src/graphql/access';
import { buildSchema } from '../src/graphql/build-schema';
import { codesOf, PERSONA_EMAILS, startTestApp, type Client, type PersonaName, type TestApp } from './harness';

/**
 * Every root operation, run as every persona, allowed or refused exactly as its access
 * declaration and the shared matrix say. A new operation without a row here fails the test.
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
const ACCESS_CODES = new Set(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'FORBIDDEN']);
/** A refusal: an access code, or NOT_FOUND about the company itself (how non-members are answered). */
const isRefusal = (e: { extensions?: { code?: string; resource?: unknown } }): boolean =>
  ACCESS_CODES.has(e.extensions?.code ?? '') || (e.extensions?.code === 'NOT_FOUND' && e.extensions.resource === 'Company');

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
      'mutation { requestAccess(input: { siret: "91234567800011", email: "jeanne.roux@exemple.fr", firstName: "Jeanne", lastName: "Roux" }) }',
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
  'Mutation.setMyLocale': { document: 'mutation { setMyLocale(locale: FR) { id } }', variables: () => ({}) },
  'Mutation.createCompany': {
    document: 'mutation($input: CompanyInput!) { createCompany(input: $input) { id } }',
    variables: () => ({ input: { name: 'Nouvelle Société', siret: nextSiret(), address } }),
  },
  'Mutation.updateCompany': {
    document: 'mutation($id: ID!, $input: CompanyInput!) { updateCompany(companyId: $id, input: $input) { id } }',
    variables: ({ demoId }) => ({
      id: demoId,
      input: {
        name: 'Demo SAS',
        siret: '91234567800011',
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
};

function companyFieldDeclarations(): Map<string, AccessDeclaration> {
  const company = buildSchema().getType('Company');
  if (!isObjectType(company)) throw new Error('no Company type');
  const out = new Map<string, AccessDeclaration>();
  for (const field of Object.values(company.getFields())) {
    const access = field.extensions[ACCESS_EXTENSION] as AccessDeclaration | undefined;
    if (access) out.set(field.name, access);
  }
  return out;
}

function declarations(): Map<string, AccessDeclaration | undefined> {
  const schema = buildSchema();
  const out = new Map<string, AccessDeclaration | undefined>();
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (!type || !isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      out.set(`${type.name}.${field.name}`, field.extensions[ACCESS_EXTENSION] as AccessDeclaration | undefined);
    }
  }
  return out;
}

function expectedAllowed(access: AccessDeclaration, persona: Persona): boolean {
  switch (access) {
    case 'public':
      return true;
    case 'authenticated':
      return persona !== 'anonymous';
    case 'staff':
      return persona === 'olivia';
    default: {
      if (persona === 'olivia') return access === 'company:read';
      return can(DEMO_SCOPES[persona], access as Permission);
    }
  }
}

describe('authorization matrix', () => {
  let app: TestApp;
  let demoId: string;
  let n = 0;

  beforeAll(async () => {
    app = await startTestApp();
    demoId = await app.companyId('Demo SAS');
  });
  afterAll(async () => app.close());

  it('has a row for every root operation of the schema, and every one declares its access', () => {
    const declared = declarations();
    expect([...declared.keys()].sort()).toEqual(Object.keys(OPERATIONS).sort());
    for (const [name, access] of declared) {
      expect({ name, access }).toEqual({ name, access: expect.any(String) });
    }
  });

  const cases = Object.keys(OPERATIONS).flatMap((op) => PERSONAS.map((persona) => [op, persona] as const));
  it.each(cases)('%s as %s', async (op, persona) => {
    const access = declarations().get(op);
    if (!access) throw new Error(`${op} declares no access`);
    const operation = OPERATIONS[op];
    if (!operation) throw new Error(`no row for ${op}`);
    const client: Client = persona === 'anonymous' ? app.client() : await app.client().login(PERSONA_EMAILS[persona]);
    n += 1;
    const res = await client.gql(operation.document, operation.variables({ demoId, n }));
    const accessErrors = (res.errors ?? []).filter(isRefusal).map((e) => e.extensions?.code);
    if (expectedAllowed(access, persona)) {
      expect({ op, persona, accessErrors }).toEqual({ op, persona, accessErrors: [] });
      expect(codesOf(res)).not.toContain('INTERNAL_SERVER_ERROR');
    } else {
      expect({ op, persona, refused: accessErrors.length > 0 }).toEqual({ op, persona, refused: true });
      // A refusal carries no data for the refused field.
      const field = op.split('.')[1] as string;
      expect(res.data?.[field] ?? null).toBeNull();
    }
  });
});

describe('authorization matrix of the Company fields', () => {
  let app: TestApp;
  let demoId: string;

  beforeAll(async () => {
    app = await startTestApp();
    demoId = await app.companyId('Demo SAS');
  });
  afterAll(async () => app.close());

  it('has a row for every tenant field of Company', () => {
    expect([...companyFieldDeclarations().keys()].sort()).toEqual(Object.keys(COMPANY_FIELDS).sort());
  });

  const cases = Object.keys(COMPANY_FIELDS).flatMap((field) => PERSONAS.map((persona) => [field, persona] as const));
  it.each(cases)('Company.%s as %s', async (field, persona) => {
    const access = companyFieldDeclarations().get(field);
    if (!access) throw new Error(`Company.${field} declares no access`);
    const client: Client = persona === 'anonymous' ? app.client() : await app.client().login(PERSONA_EMAILS[persona]);
    const res = await client.gql<{ company: Record<string, unknown> | null }>(
      `query($id: ID!) { company(id: $id) { id ${COMPANY_FIELDS[field]} } }`,
      { id: demoId },
    );
    const accessErrors = (res.errors ?? []).filter(isRefusal).map((e) => e.extensions?.code);
    if (expectedAllowed(access, persona)) {
      expect({ field, persona, accessErrors }).toEqual({ field, persona, accessErrors: [] });
      expect(codesOf(res)).not.toContain('INTERNAL_SERVER_ERROR');
    } else {
      expect({ field, persona, refused: accessErrors.length > 0 }).toEqual({ field, persona, refused: true });
      expect(res.data?.company?.[field] ?? null).toBeNull();
    }
  });
});
