import { performance } from 'node:perf_hooks';
import { Client, codesOf, startTestApp, type GraphQLResponse, type TestApp } from '../../../test/harness';
import { buildSchema } from '../build-schema';
import { countResolverCalls, countTokens, recordSql } from './limits-helpers';

/** company → forwardingRequests(first) → edges → node → company → … `levels` times. */
function nested(levels: number, first: string): string {
  let inner = 'id';
  for (let i = 0; i < levels; i += 1) inner = `id forwardingRequests(first: ${first}) { edges { node { id company { ${inner} } } } }`;
  return `company(id: $c) { ${inner} }`;
}
const bomb12 = `query Bomb($c: ID!) { ${nested(12, '100')} }`;
const aliases = (count: number): string =>
  `query Aliases($c: ID!) { ${Array.from({ length: count }, (_, i) => `a${i}: company(id: $c) { forwardingRequests(first: 100) { edges { node { id } } } }`).join(' ')} }`;

/** Sends a query and reports how long the refusal took (printed, not asserted). */
async function timed(label: string, client: Client, query: string, variables: Record<string, unknown>): Promise<GraphQLResponse> {
  const started = performance.now();
  const res = await client.gql(query, variables);
  console.log(
    `${label}: answered ${res.status} ${codesOf(res).join(',')} in ${(performance.now() - started).toFixed(1)} ms (${query.length} characters)`,
  );
  return res;
}

function expectTooComplex(res: GraphQLResponse, limit: string): void {
  expect(res.status).toBe(400);
  expect(res.data ?? null).toBeNull();
  expect(codesOf(res)).toEqual(['QUERY_TOO_COMPLEX']);
  expect(res.errors?.[0]?.extensions?.limit).toBe(limit);
}

describe('query limits, before execution', () => {
  let app: TestApp;
  let bruno: Client;
  let demo: string;
  const schema = buildSchema();
  let resolvers: ReturnType<typeof countResolverCalls>;
  let sql: ReturnType<typeof recordSql>;

  beforeAll(async () => {
    app = await startTestApp();
    bruno = await app.as('bruno');
    demo = await app.companyId('Demo SAS');
    resolvers = countResolverCalls(schema);
    sql = recordSql(app.db.ds);
  });
  afterAll(async () => {
    resolvers.restore();
    sql.restore();
    await app.close();
  });

  /** The statements of a request that runs nothing: the caller's session lookup, if any. */
  async function baselineStatements(client: Client): Promise<string[]> {
    await client.gql('{ __typename }'); // writes lastSeenAt if due, so the next requests do not
    sql.reset();
    await client.gql('{ __typename }');
    const statements = [...sql.statements];
    sql.reset();
    resolvers.reset();
    return statements;
  }

  it('refuses the 12-level forwardingRequests bomb of a COURRIER member (depth) without running a resolver or a query', async () => {
    const baseline = await baselineStatements(bruno);
    const res = await timed('12-level bomb (depth)', bruno, bomb12, { c: demo });
    expectTooComplex(res, 'depth');
    expect(res.errors?.[0]?.message).toMatch(/depth limit of 10 exceeded/i);
    expect(resolvers.calls).toBe(0);
    expect(sql.statements).toEqual(baseline);
    expect(sql.statements.join('\n')).not.toMatch(/forwarding|mail_items/i);
  });

  it('refuses 10 000 aliases while parsing (tokens), anonymous or signed in, with no SQL at all when anonymous', async () => {
    const anonymous = app.client();
    sql.reset();
    resolvers.reset();
    const res = await timed('10 000 aliases (tokens)', anonymous, aliases(10_000), { c: demo });
    expectTooComplex(res, 'tokens');
    expect(res.errors?.[0]?.message).toMatch(/more than 3000 tokens/);
    expect(resolvers.calls).toBe(0);
    expect(sql.statements).toEqual([]);
    expectTooComplex(await bruno.gql(aliases(10_000), { c: demo }), 'tokens');
  });

  it('counts `first` given as a variable: the same document passes or not with the variables', async () => {
    const query = `query Nested($c: ID!, $n: Int!) { ${nested(2, '$n')} }`;
    await baselineStatements(bruno);
    const refused = await timed('2 levels with first: $n = 100 (cost)', bruno, query, { c: demo, n: 100 });
    expectTooComplex(refused, 'cost');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ maxCost: 10_000 });
    expect(Number(refused.errors?.[0]?.extensions?.cost)).toBeGreaterThan(10_000);
    expect(refused.errors?.[0]?.message).toMatch(/estimated cost is \d+, above the maximum of 10000/);
    expect(resolvers.calls).toBe(0);
    const accepted = await bruno.gql<{ company: { id: string } }>(query, { c: demo, n: 5 });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.company.id).toBe(demo);
    expect(resolvers.calls).toBeGreaterThan(0);
  });

  it('refuses more than 30 aliases (__typename included)', async () => {
    const typenames = (n: number): string => `{ ${Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ')} }`;
    expect((await bruno.gql(typenames(30))).errors).toBeUndefined();
    const res = await bruno.gql(typenames(31));
    expectTooComplex(res, 'aliases');
    expect(res.errors?.[0]?.message).toMatch(/Aliases limit of 30 exceeded, found 31/);
  });

  it('refuses more than 20 directives', async () => {
    const directives = (n: number): string =>
      `{ ${Array.from({ length: n }, (_, i) => `d${i}: __typename @include(if: true)`).join(' ')} }`;
    expect((await bruno.gql(directives(20))).errors).toBeUndefined();
    expectTooComplex(await bruno.gql(directives(21)), 'directives');
  });

  it('refuses more than 3000 tokens', async () => {
    // A long list literal: `{ company(id: "x") { mailItems(filter: { tagIds: ["t", …] }) { totalCount } } }`.
    const tokens = (n: number): string => {
      const head = '{ company(id: "x") { mailItems(filter: { tagIds: [';
      const tail = '] }) { totalCount } } }';
      return `${head}${' "t"'.repeat(n - countTokens(head + tail))}${tail}`;
    };
    const anonymous = app.client();
    expect(countTokens(tokens(3000))).toBe(3000);
    expect(codesOf(await anonymous.gql(tokens(3000)))).toEqual(['UNAUTHENTICATED']);
    expectTooComplex(await anonymous.gql(tokens(3001)), 'tokens');
  });

  it('refuses a field repeated more than 10 times in one selection set, before validation (which is quadratic in it)', async () => {
    const repeated = (n: number): string => `{${' me { user { id } }'.repeat(n)} }`;
    expect((await bruno.gql(repeated(10))).errors).toBeUndefined();
    expectTooComplex(await bruno.gql(repeated(11)), 'fieldRepeats');
    const res = await timed('me { user { id } } × 400 (field repeats)', bruno, repeated(400), {});
    expectTooComplex(res, 'fieldRepeats');
    expect(res.errors?.[0]?.message).toMatch(/"me" is selected 400 times in one selection set, above the maximum of 10/);
    // Through fragments too: F14 spreads F13 twice, … 16 384 × __typename.
    const fragments = Array.from({ length: 15 }, (_, i) =>
      i === 0 ? 'fragment F0 on Query { __typename }' : `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }`,
    );
    resolvers.reset();
    expectTooComplex(await bruno.gql(`{ ...F14 } ${fragments.join(' ')}`), 'fieldRepeats');
    expect(resolvers.calls).toBe(0);
  });

  it('keeps serving after the bombs', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const res = await bruno.gql<{ company: { mailItems: { edges: unknown[] } } }>(
      'query($c: ID!) { company(id: $c) { mailItems(first: 100) { edges { node { id tags { name } } } } } }',
      { c: demo },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.company.mailItems.edges.length).toBeGreaterThan(0);
  });

  describe('sensitive operations, once per request', () => {
    const reset = 'requestPasswordReset(email: "alice.martin@demo-sas.fr")';

    it('refuses the same sensitive operation twice (aliases), or two of them, before running either', async () => {
      const anonymous = app.client();
      const cases = [
        `mutation { a: ${reset} b: ${reset} }`,
        `mutation { ${reset} login(email: "alice.martin@demo-sas.fr", password: "wrong-password-2026") { user { id } } }`,
        `mutation { ${reset} ...Again } fragment Again on Mutation { again: ${reset} }`,
        `mutation { ... on Mutation { ${reset} } x: ${reset} }`,
      ];
      for (const query of cases) {
        resolvers.reset();
        const res = await anonymous.gql(query);
        expect(res.status).toBe(400);
        expect(codesOf(res)).toEqual(['BAD_USER_INPUT']);
        expect(res.errors?.[0]?.message).toMatch(/a request may run a sensitive operation once/);
        expect(resolvers.calls).toBe(0);
      }
      const twenty = `mutation { ${Array.from({ length: 20 }, (_, i) => `l${i}: login(email: "alice.martin@demo-sas.fr", password: "demo-guichet-2026") { user { id } }`).join(' ')} }`;
      const logins = await anonymous.gql(twenty);
      expect(codesOf(logins)).toEqual(['BAD_USER_INPUT']);
      expect(logins.headers.get('set-cookie')).toBeNull();
    });

    it('runs a sensitive operation alone, next to ordinary fields', async () => {
      const res = await app.client().gql<{ requestPasswordReset: boolean }>(`mutation { ${reset} __typename }`);
      expect(res.errors).toBeUndefined();
      expect(res.data?.requestPasswordReset).toBe(true);
    });
  });
});

describe('with the syntactic limits lifted, the cost alone refuses the bombs; token budgets', () => {
  let app: TestApp;
  let demo: string;
  const schema = buildSchema();
  let resolvers: ReturnType<typeof countResolverCalls>;

  beforeAll(async () => {
    app = await startTestApp({
      GRAPHQL_MAX_DEPTH: '200',
      GRAPHQL_MAX_ALIASES: '20000',
      GRAPHQL_MAX_TOKENS: '50000',
      GRAPHQL_MAX_COST: '1000',
      API_TOKEN_COST_PER_MINUTE: '1000',
    });
    demo = await app.companyId('Demo SAS');
    resolvers = countResolverCalls(schema);
  });
  afterAll(async () => {
    resolvers.restore();
    await app.close();
  });

  it('refuses the 12-level bomb and a thousand aliases by their cost, before any resolver', async () => {
    const bruno = await app.as('bruno');
    resolvers.reset();
    const deep = await timed('12-level bomb (cost only)', bruno, bomb12, { c: demo });
    expectTooComplex(deep, 'cost');
    expect(deep.errors?.[0]?.message).toMatch(/estimated cost is more than \d+|estimated cost is \d+/);
    const wide = await timed('1 000 aliases (cost only)', bruno, aliases(1_000), { c: demo });
    expectTooComplex(wide, 'cost');
    expect(resolvers.calls).toBe(0);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it('refuses fragments that expand too far to be costed', async () => {
    // C12 = two aliases of forwardingRequests, each reaching C11 … : 2^13 expansions.
    const chain = Array.from({ length: 14 }, (_, i) =>
      i === 0
        ? 'fragment C0 on Company { id }'
        : `fragment C${i} on Company { a: forwardingRequests { edges { node { company { ...C${i - 1} } } } } b: forwardingRequests { edges { node { company { ...C${i - 1} } } } } }`,
    );
    const bruno = await app.as('bruno');
    resolvers.reset();
    const res = await timed(
      'fragments doubling 13 times (cost)',
      bruno,
      `query($c: ID!) { company(id: $c) { ...C13 } } ${chain.join(' ')}`,
      { c: demo },
    );
    expectTooComplex(res, 'cost');
    expect(resolvers.calls).toBe(0);
  });

  it('takes the schema’s default page size when `first` is omitted', async () => {
    const bruno = await app.as('bruno');
    const withoutFirst = (levels: number): string => `query($c: ID!) { ${nested(levels, '0').replace(/\(first: 0\)/g, '')} }`;
    // forwardingRequests defaults to 20: one level costs 62, two levels 1282 (above 1000 here).
    expect((await bruno.gql(withoutFirst(1), { c: demo })).errors).toBeUndefined();
    expectTooComplex(await bruno.gql(withoutFirst(2), { c: demo }), 'cost');
    expect((await bruno.gql(`query($c: ID!) { ${nested(2, '5')} }`, { c: demo })).errors).toBeUndefined();
  });

  it('gives each API token a cost budget per minute (429 RATE_LIMITED with Retry-After); sessions have none', async () => {
    const alice = await app.as('alice');
    const created = await alice.gql<{ createApiToken: { secret: string } }>(
      'mutation($c: ID!) { createApiToken(companyId: $c, input: { name: "Budget", permissions: [MAIL_READ] }) { secret } }',
      { c: demo },
    );
    const secret = created.data?.createApiToken.secret;
    if (!secret) throw new Error(JSON.stringify(created.errors));
    const token = Client.withToken(app.url, secret);
    // 2 + 2 × 100 = 202 per request: four fit in 1000, the fifth does not.
    const page = 'query($c: ID!, $n: Int!) { company(id: $c) { mailItems(first: $n) { edges { node { id } } } } }';
    for (let i = 0; i < 4; i += 1) expect((await token.gql(page, { c: demo, n: 100 })).errors).toBeUndefined();
    const refused = await token.gql(page, { c: demo, n: 100 });
    expect(refused.status).toBe(429);
    expect(codesOf(refused)).toEqual(['RATE_LIMITED']);
    const retryAfter = Number(refused.errors?.[0]?.extensions?.retryAfter);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.get('retry-after')).toBe(String(retryAfter));
    // A cheaper request still fits what is left of the minute.
    expect((await token.gql(page, { c: demo, n: 10 })).errors).toBeUndefined();
    for (let i = 0; i < 6; i += 1) expect((await alice.gql(page, { c: demo, n: 100 })).errors).toBeUndefined();
  });
});
