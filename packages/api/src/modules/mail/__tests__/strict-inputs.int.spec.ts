import { createHash } from 'node:crypto';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { TEXT_LIMITS } from '@guichet/shared';
import { INPUT_LIMITS } from '../../../common/input-limits';
import { ACCESS_EXTENSION, type AccessDeclaration } from '../../../graphql/access';
import { buildSchema } from '../../../graphql/build-schema';
import { codesOf, startTestApp, type Client, type GraphQLResponse, type TestApp } from '../../../../test/harness';
import { samplePdf, upload } from './mail-test-helpers';

/**
 * Strict inputs through the real server: every String argument and input field refuses a value
 * one character over its limit before any database work, forged cursors are BAD_USER_INPUT on
 * every connection, impossible dates and disguised PDFs are refused, invisible and bidirectional
 * characters are refused in names, tags and senders, look-alike tags are duplicates.
 */
describe('strict inputs', () => {
  let app: TestApp;
  let alice: Client;
  let olivia: Client;
  let bruno: Client;
  let demoId: string;

  const FAKE_ID = '01234567-89ab-7def-8123-456789abcdef';

  /** A checksum of every row of the tables a refused input could have touched. */
  const checksum = async (): Promise<string> => {
    const hash = createHash('sha256');
    for (const table of ['companies', 'users', 'memberships', 'invitations', 'access_requests', 'tags', 'mail_items', 'api_tokens']) {
      const rows: Record<string, unknown>[] = await app.db.ds.query(`SELECT * FROM ${table} ORDER BY id`);
      hash.update(`${table}:${JSON.stringify(rows)}`);
    }
    return hash.digest('hex');
  };

  beforeAll(async () => {
    app = await startTestApp();
    alice = await app.as('alice');
    olivia = await app.as('olivia');
    bruno = await app.as('bruno');
    demoId = await app.companyId('Demo SAS');
  });
  afterAll(async () => app.close());

  describe('lengths of every String argument and input field', () => {
    const schema = buildSchema();

    /** Whether the String leaf `target` lies in this argument or input field. */
    function contains(type: GraphQLInputType, coordinate: string, target: string): boolean {
      if (coordinate === target) return true;
      const named = getNamedType(type);
      return isInputObjectType(named) && Object.values(named.getFields()).some((f) => contains(f.type, `${named.name}.${f.name}`, target));
    }

    /** A value of the type: the target leaf gets the over-long string, required parts something plausible. */
    function valueOf(type: GraphQLInputType, name: string, coordinate: string, target: string, long: string): unknown {
      const inner = getNullableType(type) as GraphQLInputType;
      if (isListType(inner)) {
        const item = valueOf(inner.ofType as GraphQLInputType, name, coordinate, target, long);
        return item === undefined ? undefined : [item];
      }
      if (isInputObjectType(inner)) {
        const out: Record<string, unknown> = {};
        for (const field of Object.values(inner.getFields())) {
          const coord = `${inner.name}.${field.name}`;
          if (!contains(field.type, coord, target) && (!isNonNullType(field.type) || field.defaultValue !== undefined)) continue;
          const v = valueOf(field.type, field.name, coord, target, long);
          if (v !== undefined) out[field.name] = v;
        }
        return out;
      }
      if (isEnumType(inner)) return inner.getValues()[0]?.name;
      if (isScalarType(inner)) {
        if (coordinate === target) return long;
        if (inner.name === 'ID') return name === 'companyId' || name === 'id' ? demoId : FAKE_ID;
        if (inner.name === 'Int') return 1;
        if (inner.name === 'Boolean') return false;
        if (inner.name === 'String') return name === 'email' ? 'jeanne.roux@exemple.fr' : name === 'color' ? '#123abc' : 'Texte';
      }
      return undefined;
    }

    interface Case {
      coordinate: string;
      root: 'Query' | 'Mutation' | 'Company';
      field: GraphQLField<unknown, unknown>;
    }

    /** Every (field, String leaf) of the schema, found by walking it. */
    function cases(): Case[] {
      const out: Case[] = [];
      const leaves = (type: GraphQLInputType, coordinate: string, seen: Set<string>): string[] => {
        const named = getNamedType(type);
        if (isInputObjectType(named)) {
          if (seen.has(named.name)) return [];
          return Object.values(named.getFields()).flatMap((f) => leaves(f.type, `${named.name}.${f.name}`, new Set([...seen, named.name])));
        }
        return isScalarType(named) && named.name === 'String' ? [coordinate] : [];
      };
      for (const root of ['Query', 'Mutation', 'Company'] as const) {
        const type = schema.getType(root);
        if (!isObjectType(type)) continue;
        for (const field of Object.values(type.getFields())) {
          for (const arg of field.args) {
            for (const coordinate of leaves(arg.type, `${root}.${field.name}(${arg.name})`, new Set()))
              out.push({ coordinate, root, field });
          }
        }
      }
      return out;
    }

    const all = cases();

    it('finds the String inputs of the schema, each with a declared limit', () => {
      expect(all.length).toBeGreaterThan(40);
      expect(all.filter((c) => !INPUT_LIMITS[c.coordinate]).map((c) => c.coordinate)).toEqual([]);
    });

    it.each(all.filter((c) => !INPUT_LIMITS[c.coordinate]?.perRow).map((c) => [`${c.root}.${c.field.name}`, c.coordinate, c] as const))(
      '%s: %s refuses one character over its limit, before the database',
      async (_operation, coordinate, c) => {
        const rule = INPUT_LIMITS[coordinate];
        if (!rule) throw new Error(`no limit for ${coordinate}`);
        const max = TEXT_LIMITS[rule.limit];
        const long = 'x'.repeat(max + 1);
        const access = c.field.extensions[ACCESS_EXTENSION] as AccessDeclaration | undefined;
        const client = access?.kind === 'public' ? app.client() : access?.kind === 'staff' ? olivia : alice;
        const variables: Record<string, unknown> = {};
        const decls: string[] = [];
        const uses: string[] = [];
        c.field.args.forEach((arg: GraphQLArgument, i) => {
          const coord = `${c.root}.${c.field.name}(${arg.name})`;
          if (!contains(arg.type, coord, coordinate) && (!isNonNullType(arg.type) || arg.defaultValue !== undefined)) return;
          const v = valueOf(arg.type, arg.name, coord, coordinate, long);
          if (v === undefined) return;
          variables[`v${i}`] = v;
          decls.push(`$v${i}: ${arg.type.toString()}`);
          uses.push(`${arg.name}: $v${i}`);
        });
        const named = getNamedType(c.field.type);
        const selection = isObjectType(named) ? '{ __typename }' : '';
        const call = `${c.field.name}${uses.length ? `(${uses.join(', ')})` : ''} ${selection}`;
        const document =
          c.root === 'Company'
            ? `query($company: ID!${decls.length ? `, ${decls.join(', ')}` : ''}) { company(id: $company) { ${call} } }`
            : `${c.root === 'Query' ? 'query' : 'mutation'}${decls.length ? `(${decls.join(', ')})` : ''} { ${call} }`;
        if (c.root === 'Company') variables.company = demoId;
        const before = await checksum();
        const res = await client.gql(document, variables);
        expect(await checksum()).toBe(before);
        if (rule.cursor) {
          expect({ coordinate, codes: codesOf(res) }).toEqual({ coordinate, codes: ['BAD_USER_INPUT'] });
          return;
        }
        expect({ coordinate, codes: codesOf(res) }).toEqual({ coordinate, codes: ['VALIDATION_FAILED'] });
        const fields = res.errors?.[0]?.extensions?.fields ?? [];
        expect(fields.map((f) => f.code)).toEqual([rule.code ?? 'TEXT_TOO_LONG']);
      },
    );

    it('answers per row for an invitation with over-long fields, and invites nobody', async () => {
      const before = await checksum();
      const res = await alice.gql<{ inviteMembers: { failedCount: number; rows: { errors: { field: string; code: string }[] }[] } }>(
        'mutation($c: ID!, $rows: [InvitationInput!]!) { inviteMembers(companyId: $c, invitations: $rows) { failedCount rows { errors { field code } } } }',
        {
          c: demoId,
          rows: [
            {
              email: `${'a'.repeat(250)}@exemple.fr`,
              firstName: 'x'.repeat(81),
              lastName: 'Roux',
              phone: '6'.repeat(900),
              jobTitle: 'j'.repeat(101),
              scopes: ['COURRIER'],
            },
          ],
        },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.inviteMembers.failedCount).toBe(1);
      expect(res.data?.inviteMembers.rows[0]?.errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual([
        'email:EMAIL_TOO_LONG',
        'firstName:NAME_TOO_LONG',
        'jobTitle:JOB_TITLE_TOO_LONG',
        'phone:PHONE_INVALID',
      ]);
      expect(await checksum()).toBe(before);
    });

    it('refuses a 900 kB address line on a company (crashed MariaDB, stored on SQLite)', async () => {
      const before = await checksum();
      const res = await alice.gql('mutation($c: ID!, $i: CompanyInput!) { updateCompany(companyId: $c, input: $i) { id } }', {
        c: demoId,
        i: {
          name: 'Demo SAS',
          siret: '91234567500017',
          address: { line1: '12 rue de la Paix', line2: 'x'.repeat(900_000), postalCode: '75002', city: 'Paris', country: 'FR' },
        },
      });
      expect(codesOf(res)).toEqual(['VALIDATION_FAILED']);
      expect(res.errors?.[0]?.extensions?.fields).toEqual([{ field: 'address.line2', code: 'ADDRESS_TOO_LONG', params: { max: '200' } }]);
      expect(await checksum()).toBe(before);
    });

    it('answers NOT_FOUND, never an error of the database, for an id of any length', async () => {
      const res = await alice.gql('query($id: ID!) { company(id: $id) { id } }', { id: 'x'.repeat(100_000) });
      expect(codesOf(res)).toEqual(['NOT_FOUND']);
      const tag = await alice.gql('mutation($c: ID!, $t: ID!) { deleteTag(companyId: $c, tagId: $t) }', {
        c: demoId,
        t: 'y'.repeat(100_000),
      });
      expect(codesOf(tag)).toEqual(['NOT_FOUND']);
    });
  });

  describe('cursors', () => {
    const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const FORGED = [
      'nope',
      b64(['2026-02-30T00:00:00.000Z', FAKE_ID]),
      b64(['not a date', FAKE_ID]),
      b64([1700000000000, FAKE_ID]),
      b64(['2026-01-01T00:00:00.000Z', 'not-an-id']),
      b64(['2026-01-01T00:00:00.000Z', FAKE_ID, 'extra']),
      b64(['+275760-09-13T00:00:00.000Z', FAKE_ID]),
      b64({ at: '2026-01-01T00:00:00.000Z' }),
      'A'.repeat(5000),
    ];

    it.each([
      ['companies', 'query($a: String) { companies(first: 1, after: $a) { edges { cursor } } }', 'olivia'],
      ['forwardingQueue', 'query($a: String) { forwardingQueue(first: 1, after: $a) { edges { cursor } } }', 'olivia'],
      [
        'Company.activity',
        'query($c: ID!, $a: String) { company(id: $c) { activity(first: 1, after: $a) { edges { cursor } } } }',
        'alice',
      ],
      [
        'Company.mailItems',
        'query($c: ID!, $a: String) { company(id: $c) { mailItems(first: 1, after: $a) { edges { cursor } } } }',
        'alice',
      ],
      [
        'Company.forwardingRequests',
        'query($c: ID!, $a: String) { company(id: $c) { forwardingRequests(first: 1, after: $a) { edges { cursor } } } }',
        'alice',
      ],
    ] as const)('%s: a forged cursor is BAD_USER_INPUT, a real one pages on', async (_name, query, who) => {
      const client = who === 'olivia' ? olivia : alice;
      for (const after of FORGED) {
        const res = await client.gql(query, { c: demoId, a: after });
        expect({ after, codes: codesOf(res) }).toEqual({ after, codes: ['BAD_USER_INPUT'] });
      }
      const first = await client.gql<Record<string, unknown>>(query, { c: demoId, a: null });
      expect(first.errors).toBeUndefined();
      const text = JSON.stringify(first.data);
      const cursor = /"cursor":"([^"]+)"/.exec(text)?.[1];
      if (cursor) expect((await client.gql(query, { c: demoId, a: cursor })).errors).toBeUndefined();
    });
  });

  describe('dates', () => {
    it('refuses an impossible date in a GraphQL date input', async () => {
      const res = await bruno.gql(
        'query($c: ID!, $f: MailFilter) { company(id: $c) { mailItems(first: 1, filter: $f) { edges { cursor } } } }',
        {
          c: demoId,
          f: { receivedFrom: '2026-02-30T00:00:00Z' },
        },
      );
      expect(codesOf(res)).toEqual(['BAD_USER_INPUT']);
    });

    it('refuses receivedAt=2026-02-30 on the upload route instead of storing 2 March', async () => {
      const pdf = await samplePdf();
      for (const receivedAt of ['2026-02-30T09:30:00Z', '2025-02-29T09:30:00Z', '2026-04-31T09:30:00+02:00', '2026-01-10T24:00:00Z']) {
        const res = await upload(app, olivia, { companyId: demoId, sender: 'URSSAF', receivedAt }, pdf);
        expect({ receivedAt, status: res.status, error: res.body.error?.code, fields: res.body.error?.fields }).toEqual({
          receivedAt,
          status: 400,
          error: 'VALIDATION_FAILED',
          fields: [{ field: 'receivedAt', code: 'MAIL_RECEIVED_AT_INVALID' }],
        });
      }
      const ok = await upload(app, olivia, { companyId: demoId, sender: 'URSSAF', receivedAt: '2024-02-29T09:30:00Z' }, pdf);
      expect(ok.status).toBe(201);
    });
  });

  describe('PDFs', () => {
    it('must start with %PDF-: HTML bytes before the header are refused', async () => {
      const pdf = await samplePdf();
      for (const prefix of ['<html><script>alert(1)</script>', ' ', '\uFEFF']) {
        const res = await upload(app, olivia, { companyId: demoId, sender: 'URSSAF' }, Buffer.concat([Buffer.from(prefix), pdf]));
        expect({ prefix, status: res.status, fields: res.body.error?.fields }).toEqual({
          prefix,
          status: 400,
          fields: [{ field: 'file', code: 'MAIL_FILE_NOT_PDF' }],
        });
      }
    });
  });

  describe('Unicode', () => {
    it('refuses bidirectional controls and zero-width characters in senders and recipients', async () => {
      const pdf = await samplePdf();
      const bidi = await upload(app, olivia, { companyId: demoId, sender: 'URSSAF\u202Efdp.exe' }, pdf);
      expect(bidi.body.error?.fields).toEqual([{ field: 'sender', code: 'TEXT_BIDI_CONTROL' }]);
      const hidden = await upload(app, olivia, { companyId: demoId, sender: 'URSSAF', recipient: 'Demo\u200BSAS' }, pdf);
      expect(hidden.body.error?.fields).toEqual([{ field: 'recipient', code: 'TEXT_INVISIBLE_CHARACTER' }]);
      const long = await upload(app, olivia, { companyId: demoId, sender: 'S'.repeat(201) }, pdf);
      expect(long.body.error?.fields).toEqual([{ field: 'sender', code: 'MAIL_SENDER_TOO_LONG' }]);
    });

    const CREATE_TAG = 'mutation($c: ID!, $n: String!) { createTag(companyId: $c, name: $n, color: "#123abc") { id name } }';

    it('refuses tags with invisible or bidirectional characters, and tags that look like an existing one', async () => {
      const fields = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.fields?.map((f) => f.code);
      expect(fields(await bruno.gql(CREATE_TAG, { c: demoId, n: 'Ban\u200Bque' }))).toEqual(['TEXT_INVISIBLE_CHARACTER']);
      expect(fields(await bruno.gql(CREATE_TAG, { c: demoId, n: 'Banque\u202E' }))).toEqual(['TEXT_BIDI_CONTROL']);
      // "Banque" exists: a Cyrillic а, full-width letters or capitals make the same tag.
      for (const lookAlike of ['B\u0430nque', 'Ｂａｎｑｕｅ', 'BANQUE', 'Bânque']) {
        expect({ lookAlike, codes: codesOf(await bruno.gql(CREATE_TAG, { c: demoId, n: lookAlike })) }).toEqual({
          lookAlike,
          codes: ['CONFLICT'],
        });
      }
      const fresh = await bruno.gql<{ createTag: { name: string } }>(CREATE_TAG, { c: demoId, n: 'Урожай' });
      expect(fresh.data?.createTag.name).toBe('Урожай');
    });

    it('refuses bidirectional controls in person and company names, and in token names', async () => {
      const res = await olivia.gql('mutation($i: CreateCompanyInput!) { createCompany(input: $i) { id } }', {
        i: {
          name: 'Nouvelle\u2066 SAS',
          siret: '88000000000016',
          address: { line1: '1 place du Marché', postalCode: '69001', city: 'Lyon', country: 'FR' },
          firstAdmin: { email: 'camille.premier@exemple.fr', firstName: 'Cam\u200Dille', lastName: 'Premier\u202E' },
        },
      });
      expect(
        res.errors?.[0]?.extensions?.fields
          ?.map((f) => `${f.field}:${f.code}`)
          .filter((f) => !f.startsWith('siret'))
          .sort(),
      ).toEqual(['firstAdmin.firstName:TEXT_INVISIBLE_CHARACTER', 'firstAdmin.lastName:TEXT_BIDI_CONTROL', 'name:TEXT_BIDI_CONTROL']);
      const token = await alice.gql(
        'mutation($c: ID!) { createApiToken(companyId: $c, input: { name: "Penny\u202Elane", permissions: [MAIL_READ] }) { secret } }',
        { c: demoId },
      );
      expect(token.errors?.[0]?.extensions?.fields).toEqual([{ field: 'name', code: 'TEXT_BIDI_CONTROL' }]);
    });

    it('warns about a look-alike member name and an internationalised email domain', async () => {
      const res = await alice.gql<{ inviteMembers: { rows: { warnings: { field: string; code: string; message: string }[] }[] } }>(
        'mutation($c: ID!, $rows: [InvitationInput!]!) { inviteMembers(companyId: $c, invitations: $rows) { rows { warnings { field code message } } } }',
        {
          c: demoId,
          rows: [
            // Bruno Petit is a member: "Brunо Pеtit" with Cyrillic о and е is the same name.
            { email: 'bruno.homonyme@exemple.fr', firstName: 'Brun\u043E', lastName: 'P\u0435tit', scopes: ['COURRIER'] },
            { email: 'jeanne@xn--pypal-4ve.com', firstName: 'Jeanne', lastName: 'Roux', scopes: ['COURRIER'] },
          ],
        },
      );
      expect(res.errors).toBeUndefined();
      const [first, second] = res.data?.inviteMembers.rows ?? [];
      expect(first?.warnings.map((w) => w.code)).toEqual(['POSSIBLE_DUPLICATE_MEMBER']);
      expect(second?.warnings).toEqual([
        {
          field: 'email',
          code: 'EMAIL_DOMAIN_MIXED_SCRIPT',
          message:
            'The domain of this address mixes alphabets or imitates a name in Latin letters (pаypal.com): check it letter by letter.',
        },
      ]);
    });
  });
});
