import fs from 'node:fs';
import { getNamedType, isObjectType, type GraphQLObjectType } from 'graphql';
import { isPermission } from '@guichet/shared';
import { ACCESS_EXTENSION, type AccessDeclaration } from '../src/graphql/access';
import { buildSchema } from '../src/graphql/build-schema';
import { printCommittedSchema, SCHEMA_FILE } from '../src/graphql/emit-schema';

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

  it('declares a permission of the shared matrix on every tenant field of Company', () => {
    const company = schema.getType('Company');
    if (!isObjectType(company)) throw new Error('no Company type');
    const undeclared = Object.keys(company.getFields()).filter(
      (f) => !COMPANY_IDENTITY_FIELDS.has(f) && !isPermission(accessOf(company, f) ?? ''),
    );
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
        const nowGuarded = guarded || (access !== undefined && access !== 'public');
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
        if (isPermission(access)) expect(field.description).toMatch(/Requires scope: /);
      }
    }
  });

  it('matches the declaration snapshot (a diff here changes who can reach an operation)', () => {
    const company = schema.getType('Company');
    if (!isObjectType(company)) throw new Error('no Company type');
    const table = [...roots, company].flatMap((type) =>
      Object.values(type.getFields())
        .filter((f) => type !== company || f.extensions[ACCESS_EXTENSION] !== undefined)
        .map((f) => `${type.name}.${f.name}: ${String(f.extensions[ACCESS_EXTENSION])}`),
    );
    expect(table).toMatchSnapshot();
  });

  it('has the committed schema.graphql up to date (run `pnpm --filter @guichet/api schema`)', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(printCommittedSchema());
  });
});
