import { Client, codesOf, startTestApp, type TestApp } from '../../../test/harness';

const SCHEMA = '{ __schema { queryType { name } types { name } } }';
const TYPE = '{ __type(name: "Company") { name fields { name } } }';
const IN_FRAGMENT = '{ me { user { id } } ...Schema } fragment Schema on Query { __schema { queryType { name } } }';
const MISTYPED = '{ mee { id } }';
const MISTYPED_ENUM = 'mutation { setMyLocale(locale: FRR) { id } }';

async function createToken(app: TestApp): Promise<Client> {
  const alice = await app.as('alice');
  const res = await alice.gql<{ createApiToken: { secret: string } }>(
    'mutation($c: ID!) { createApiToken(companyId: $c, input: { name: "Introspection", permissions: [MAIL_READ] }) { secret } }',
    { c: await app.companyId('Demo SAS') },
  );
  const secret = res.data?.createApiToken.secret;
  if (!secret) throw new Error(JSON.stringify(res.errors));
  return Client.withToken(app.url, secret);
}

describe('introspection and suggestions in production', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: 'production' });
  });
  afterAll(async () => app.close());

  it('refuses introspection to anonymous callers, however it is asked', async () => {
    const anonymous = app.client();
    for (const query of [SCHEMA, TYPE, IN_FRAGMENT]) {
      const res = await anonymous.gql(query);
      expect(res.status).toBe(400);
      expect(res.data ?? null).toBeNull();
      expect(codesOf(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(res.errors?.[0]?.message).toMatch(/Introspection is not available to anonymous callers/);
    }
    // __typename is not introspection.
    expect((await anonymous.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('gives no "Did you mean" to anonymous callers', async () => {
    const res = await app.client().gql(MISTYPED);
    expect(codesOf(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(res.errors?.[0]?.message).toBe('Cannot query field "mee" on type "Query".');
    const enumValue = await app.client().gql(MISTYPED_ENUM);
    expect(enumValue.errors?.[0]?.message).toMatch(/^Value "FRR" does not exist in "Locale" enum\.?$/);
  });

  it('answers introspection and suggestions to a session and to an API token (the playground needs them)', async () => {
    for (const client of [await app.as('bruno'), await createToken(app)]) {
      const schema = await client.gql<{ __schema: { queryType: { name: string } } }>(SCHEMA);
      expect(schema.errors).toBeUndefined();
      expect(schema.data?.__schema.queryType.name).toBe('Query');
      expect((await client.gql(TYPE)).errors).toBeUndefined();
      expect((await client.gql(MISTYPED)).errors?.[0]?.message).toMatch(/Did you mean "me"\?/);
    }
  });
});

describe('introspection and suggestions in development', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ NODE_ENV: 'development' });
  });
  afterAll(async () => app.close());

  it('answers anonymous callers too', async () => {
    const anonymous = app.client();
    expect((await anonymous.gql(SCHEMA)).errors).toBeUndefined();
    expect((await anonymous.gql(IN_FRAGMENT)).errors).toBeUndefined();
    expect((await anonymous.gql(MISTYPED)).errors?.[0]?.message).toMatch(/Did you mean "me"\?/);
    expect((await anonymous.gql(MISTYPED_ENUM)).errors?.[0]?.message).toMatch(/Did you mean the enum value "FR"\?/);
  });
});
