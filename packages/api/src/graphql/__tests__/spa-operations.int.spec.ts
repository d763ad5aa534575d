import { Client, codesOf, startTestApp, type PersonaName, type TestApp } from '../../../test/harness';
import { buildSchema } from '../build-schema';
import { queryLimitsOf, type QueryLimits } from '../query-limits';
import { measure, spaOperations, variablesFor, type Measures } from './limits-helpers';

/** Errors that would mean a limit (or the schema) refused what the SPA sends. */
const LIMIT_CODES = ['QUERY_TOO_COMPLEX', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED'];

describe('every operation of the SPA passes the query limits', () => {
  const schema = buildSchema();
  const operations = spaOperations();
  let app: TestApp;
  let demo: string;
  let limits: QueryLimits;

  beforeAll(async () => {
    app = await startTestApp();
    demo = await app.companyId('Demo SAS');
    limits = queryLimitsOf(app.env);
  });
  afterAll(async () => app.close());

  it('finds the operations and their fragments', () => {
    expect(operations.length).toBeGreaterThan(40);
    expect(operations.map((o) => o.name)).toEqual(expect.arrayContaining(['MailItems', 'InviteMembers', 'Team', 'Me', 'ForwardingQueue']));
  });

  it('stays under every limit with first: 50 and first: 100 (measured as the server counts)', () => {
    const rows: (Measures & { operation: string })[] = [];
    for (const op of operations) {
      for (const first of [50, 100]) {
        const m = measure(schema, op.source, variablesFor(schema, op.operation, { first, companyId: demo }));
        if (first === 100) rows.push({ operation: op.name, ...m });
        expect({ operation: op.name, first, ok: true }).toEqual({
          operation: op.name,
          first,
          ok:
            m.tokens <= limits.maxTokens &&
            m.depth <= limits.maxDepth &&
            m.aliases <= limits.maxAliases &&
            m.directives <= limits.maxDirectives &&
            m.fieldRepeats <= limits.maxFieldRepeats &&
            typeof m.cost === 'number' &&
            m.cost <= limits.maxCost,
        });
      }
    }
    const max = (key: keyof Measures): string => {
      const top = [...rows].sort((a, b) => Number(b[key]) - Number(a[key]))[0];
      return `${key} ${String(top?.[key])} (${top?.operation})`;
    };
    console.log(
      `SPA operations (${rows.length}), largest with first: 100 — ${(['tokens', 'depth', 'aliases', 'directives', 'fieldRepeats', 'cost'] as const).map(max).join(', ')}`,
    );
  });

  it('sends each query as its persona and each mutation anonymously through the server: no limit refuses any', async () => {
    const clients = new Map<PersonaName | 'anonymous', Client>();
    const clientFor = async (who: PersonaName | 'anonymous'): Promise<Client> => {
      let c = clients.get(who);
      if (!c) {
        c = who === 'anonymous' ? app.client() : await app.as(who);
        clients.set(who, c);
      }
      return c;
    };
    const refused: string[] = [];
    for (const op of operations) {
      const who: PersonaName | 'anonymous' =
        op.kind === 'mutation' ? 'anonymous' : op.file.startsWith('features/operator') ? 'olivia' : 'alice';
      const res = await (await clientFor(who)).gql(op.source, variablesFor(schema, op.operation, { first: 100, companyId: demo }));
      const codes = codesOf(res).filter((c) => LIMIT_CODES.includes(c));
      if (codes.length > 0) refused.push(`${op.name} (${who}): ${codes.join(', ')} ${res.errors?.[0]?.message ?? ''}`);
    }
    expect(refused).toEqual([]);
  });

  it('lets an administrator invite 50 people in one request (variables) and 50 written inline', async () => {
    const alice = await app.as('alice');
    const invite = operations.find((o) => o.name === 'InviteMembers');
    if (!invite) throw new Error('no InviteMembers operation');
    const rows = (prefix: string) =>
      Array.from({ length: 50 }, (_, i) => ({
        email: `${prefix}.${i}@example.com`,
        firstName: 'Prénom',
        lastName: 'Durand',
        scopes: ['COURRIER'],
      }));
    const res = await alice.gql<{ inviteMembers: { invitedCount: number } }>(invite.source, { companyId: demo, invitations: rows('bulk') });
    expect(res.errors).toBeUndefined();
    expect(res.data?.inviteMembers.invitedCount).toBe(50);

    const inline = rows('inline')
      .map(
        (r) =>
          `{ email: "${r.email}", firstName: "${r.firstName}", lastName: "${r.lastName}", scopes: [COURRIER], contactFor: [COURRIER] }`,
      )
      .join(' ');
    const measured = measure(
      schema,
      `mutation { inviteMembers(companyId: "${demo}", invitations: [${inline}]) { invitedCount failedCount } }`,
    );
    console.log(`inviteMembers with 50 rows written inline: ${measured.tokens} tokens (maximum ${limits.maxTokens})`);
    const written = await alice.gql<{ inviteMembers: { invitedCount: number } }>(
      `mutation { inviteMembers(companyId: "${demo}", invitations: [${inline}]) { invitedCount failedCount } }`,
    );
    expect(codesOf(written).filter((c) => LIMIT_CODES.includes(c))).toEqual([]);
  });
});
