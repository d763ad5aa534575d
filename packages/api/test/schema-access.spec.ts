import fs from 'node:fs';
import { buildSchema as buildFromSdl, getNamedType, isEnumType, isObjectType, parse, visit, type GraphQLObjectType } from 'graphql';
import { CONTACT_SUBJECTS, OPERATOR_TOKEN_CAPABILITIES, PERMISSIONS, SCOPES } from '@guichet/shared';
import { ACCESS_EXTENSION, type AccessDeclaration } from '../src/graphql/access';
import { buildSchema } from '../src/graphql/build-schema';
import { printCommittedSchema, SCHEMA_FILE } from '../src/graphql/emit-schema';
import { FILE_ROUTES } from '../src/http/file-routes';

/** Types that hold a company's data: reaching one must cross an authorization check. */
const TENANT_TYPES = new Set([
  'Company',
  'Member',
  'Invitation',
  'AccessRequest',
  'ActivityEvent',
  'MailItem',
  'MailItemConnection',
  'Tag',
  'ForwardingRequest',
  'ForwardingRequestConnection',
  'FileLink',
  'MailExport',
  'Invoice',
  'InvoiceConnection',
  'InvoiceLine',
  'Payment',
  'InvoiceTotals',
  'InvoicesExport',
  'Plan',
  'InvoicingRun',
]);
/** Company fields that company:read (checked on every way in) already covers. */
const COMPANY_IDENTITY_FIELDS = new Set(['id', 'name', 'siret', 'address', 'createdAt']);

const accessOf = (type: GraphQLObjectType, field: string): AccessDeclaration | undefined =>
  type.getFields()[field]?.extensions[ACCESS_EXTENSION] as AccessDeclaration | undefined;

describe('schema access declarations', () => {
  const schema = buildSchema();
  const roots = [schema.getQueryType(), schema.getMutationType()].filter((t): t is GraphQLObjectType => Boolean(t));

  it('declares access on every query and mutation (deny by default)', () => {
    const missing = roots.flatMap((root) =>
      Object.keys(root.getFields())
        .filter((f) => !accessOf(root, f))
        .map((f) => `${root.name}.${f}`),
    );
    expect(missing).toEqual([]);
  });

  it('declares a permission of the shared matrix, or staff only, on every tenant field of Company', () => {
    const company = schema.getType('Company');
    if (!isObjectType(company)) throw new Error('no Company type');
    // Staff-only fields (the operator's view of a company, e.g. its first administrator) are refused to every member.
    const undeclared = Object.keys(company.getFields()).filter((f) => {
      const kind = accessOf(company, f)?.kind;
      return !COMPANY_IDENTITY_FIELDS.has(f) && kind !== 'permission' && kind !== 'staff';
    });
    expect(undeclared).toEqual([]);
  });

  it('crosses an authorized field on every path from a root to tenant data', () => {
    const leaks: string[] = [];
    const seen = new Set<string>();
    const queue: { type: GraphQLObjectType; guarded: boolean; path: string }[] = roots.map((t) => ({
      type: t,
      guarded: false,
      path: t.name,
    }));
    while (queue.length > 0) {
      const { type, guarded, path } = queue.shift() as (typeof queue)[number];
      const key = `${type.name}:${guarded}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const [name, field] of Object.entries(type.getFields())) {
        const access = field.extensions[ACCESS_EXTENSION] as AccessDeclaration | undefined;
        const nowGuarded = guarded || (access !== undefined && access.kind !== 'public');
        const target = getNamedType(field.type);
        if (!isObjectType(target)) continue;
        if (TENANT_TYPES.has(target.name) && !nowGuarded) leaks.push(`${path}.${name}`);
        queue.push({ type: target, guarded: nowGuarded, path: `${path}.${name}` });
      }
    }
    expect(leaks).toEqual([]);
  });

  it('documents the required scope in the description of each permission-guarded field', () => {
    for (const root of roots) {
      for (const field of Object.values(root.getFields())) {
        const access = field.extensions[ACCESS_EXTENSION] as AccessDeclaration;
        if (access.kind === 'permission') expect(field.description).toMatch(/Requires scope: /);
      }
    }
  });

  it('matches the declaration snapshot of every operation, Company field and file route (a diff here changes who can reach it)', () => {
    const company = schema.getType('Company');
    if (!isObjectType(company)) throw new Error('no Company type');
    const table = [...roots, company].flatMap((type) =>
      Object.values(type.getFields())
        .filter((f) => type !== company || f.extensions[ACCESS_EXTENSION] !== undefined)
        .map((f) => `${type.name}.${f.name}: ${JSON.stringify(f.extensions[ACCESS_EXTENSION])}`),
    );
    const routes = Object.values(FILE_ROUTES).map((r) => `${r.method} ${r.path}: ${JSON.stringify(r.access)}`);
    expect([...table, ...routes]).toMatchSnapshot();
  });

  it('shows each declared field’s access as a directive in the committed SDL, which is a valid schema', () => {
    const sdl = fs.readFileSync(SCHEMA_FILE, 'utf8');
    expect(() => buildFromSdl(sdl)).not.toThrow();
    const printed = new Map<string, string[]>();
    let typeName = '';
    visit(parse(sdl), {
      ObjectTypeDefinition: { enter: (node) => void (typeName = node.name.value) },
      FieldDefinition: (node) =>
        void printed.set(
          `${typeName}.${node.name.value}`,
          (node.directives ?? []).map((d) => d.name.value),
        ),
    });
    const names: Record<AccessDeclaration['kind'], string> = {
      permission: 'requiresPermission',
      staff: 'staffOnly',
      person: 'signedIn',
      apiToken: 'apiTokenOnly',
      public: 'public',
    };
    const mismatches: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) {
        const access = field.extensions[ACCESS_EXTENSION] as AccessDeclaration | undefined;
        const expected = access ? [names[access.kind]] : [];
        const got = (printed.get(`${type.name}.${field.name}`) ?? []).filter((d) => Object.values(names).includes(d));
        if (JSON.stringify(got) !== JSON.stringify(expected))
          mismatches.push(`${type.name}.${field.name}: ${got.join(',')} ≠ ${expected.join(',')}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(sdl).toContain('@requiresPermission(permission: MAIL_READ, scopes: [COURRIER], company: "parent", apiTokens: true)');
  });

  it('builds the Permission, Scope, ContactSubject and OperatorTokenCapability enums from @guichet/shared', () => {
    const valuesOf = (name: string): unknown[] => {
      const type = schema.getType(name);
      if (!isEnumType(type)) throw new Error(`no enum ${name}`);
      return type.getValues().map((v) => v.value);
    };
    expect(valuesOf('Permission')).toEqual([...PERMISSIONS]);
    expect(valuesOf('Scope')).toEqual([...SCOPES]);
    expect(valuesOf('ContactSubject')).toEqual([...CONTACT_SUBJECTS]);
    expect(valuesOf('OperatorTokenCapability')).toEqual([...OPERATOR_TOKEN_CAPABILITIES]);
  });

  it('has the committed schema.graphql up to date (run `pnpm --filter @guichet/api schema`)', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(printCommittedSchema());
  });
});
