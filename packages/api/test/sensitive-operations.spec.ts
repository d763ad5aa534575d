import { ACCESS_EXTENSION, type AccessDeclaration } from '../src/graphql/access';
import { buildSchema } from '../src/graphql/build-schema';
import { sensitiveOperations } from '../src/graphql/sensitive-operations';

/** Public mutations that neither check a secret nor send an email nor issue a credential. */
const NOT_SENSITIVE_PUBLIC_MUTATIONS = ['logout'];

describe('sensitive operations (once per request)', () => {
  const schema = buildSchema();
  const declared = [...sensitiveOperations(schema)].flatMap(([root, names]) => [...names].sort().map((n) => `${root.name}.${n}`));

  it('matches the snapshot of operations declared @OncePerDocument() (a diff here changes what may be repeated in a request)', () => {
    expect(declared).toMatchSnapshot();
  });

  it('declares every public mutation sensitive, unless it is listed here as harmless', () => {
    const mutation = schema.getMutationType();
    if (!mutation) throw new Error('no Mutation type');
    const undeclared = Object.values(mutation.getFields())
      .filter((f) => (f.extensions[ACCESS_EXTENSION] as AccessDeclaration | undefined)?.kind === 'public')
      .map((f) => `Mutation.${f.name}`)
      .filter((name) => !declared.includes(name) && !NOT_SENSITIVE_PUBLIC_MUTATIONS.includes(name.slice('Mutation.'.length)));
    expect(undeclared).toEqual([]);
  });
});
