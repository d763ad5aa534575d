import { codesOf, startTestApp, type Client, type TestApp } from '../../../../test/harness';

const CREATE =
  'mutation($input: CompanyInput!) { createCompany(input: $input) { id name siret address { line1 postalCode city country } } }';
const LIST =
  'query($first: Int, $after: String, $search: String) { companies(first: $first, after: $after, search: $search) { edges { cursor node { name siret } } pageInfo { endCursor hasNextPage } } }';

type ListResult = {
  companies: { edges: { node: { name: string; siret: string } }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } };
};

const address = { line1: '3 quai des Chartrons', postalCode: '33000', city: 'Bordeaux' };

describe('companies (operator)', () => {
  let app: TestApp;
  let olivia: Client;
  const count = async (): Promise<number> =>
    Number(((await app.db.ds.query('SELECT COUNT(*) AS n FROM companies')) as { n: number }[])[0]?.n);

  beforeAll(async () => {
    app = await startTestApp();
    olivia = await app.as('olivia');
  });
  afterAll(async () => app.close());

  it('creates a company with a normalised SIRET, and journals it', async () => {
    const res = await olivia.gql(CREATE, { input: { name: '  Boulangerie Dupain  ', siret: '552 100 554 00005', address } });
    expect(res.errors).toBeUndefined();
    const created = (res.data as { createCompany: { id: string; name: string; siret: string; address: { country: string } } })
      .createCompany;
    expect(created).toMatchObject({ name: 'Boulangerie Dupain', siret: '55210055400005', address: { country: 'FR' } });
    const events: { action: string }[] = await app.db.ds.query('SELECT action FROM activity_events WHERE target_id = ?', [created.id]);
    expect(events.map((e) => e.action)).toEqual(['company.created']);
  });

  it('returns every field error at once and creates nothing', async () => {
    const before = await count();
    const res = await olivia.gql(CREATE, {
      input: { name: ' ', siret: '55210055400026', address: { line1: '', postalCode: '7500', city: '' } },
    });
    expect(codesOf(res)).toEqual(['VALIDATION_FAILED']);
    const fields = (res.errors?.[0]?.extensions?.fields ?? []).map((f) => `${f.field}:${f.code}`).sort();
    expect(fields).toEqual(
      [
        'address.city:CITY_REQUIRED',
        'address.line1:ADDRESS_LINE_REQUIRED',
        'address.postalCode:POSTAL_CODE_INVALID',
        'name:COMPANY_NAME_REQUIRED',
        'siret:SIRET_CHECKSUM',
      ].sort(),
    );
    expect(await count()).toBe(before);
  });

  it('refuses a SIRET that is already registered, also under concurrent creation', async () => {
    const before = await count();
    const input = { name: 'Doublon', siret: '91234567800011', address };
    expect(codesOf(await olivia.gql(CREATE, { input }))).toEqual(['CONFLICT']);
    const fresh = { name: 'Course', siret: '73282932000074', address };
    const results = await Promise.all([olivia.gql(CREATE, { input: fresh }), olivia.gql(CREATE, { input: fresh })]);
    expect(results.map((r) => (r.errors ? codesOf(r).join() : 'ok')).sort()).toEqual(['CONFLICT', 'ok']);
    expect(await count()).toBe(before + 1);
  });

  it('lists companies newest first with keyset cursors, and searches by name or SIRET', async () => {
    const names: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page += 1) {
      const res: { data?: ListResult | null } = await olivia.gql<ListResult>(LIST, { first: 2, after });
      const conn = res.data?.companies;
      if (!conn) throw new Error('no page');
      names.push(...conn.edges.map((e) => e.node.name));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(names).toHaveLength(await count());
    expect(new Set(names).size).toBe(names.length);
    const bySiret = await olivia.gql<ListResult>(LIST, { search: '9123 4567' });
    expect(bySiret.data?.companies.edges.map((e) => e.node.name)).toEqual(['Demo SAS']);
    const byName = await olivia.gql<ListResult>(LIST, { search: 'sarl' });
    expect(byName.data?.companies.edges.map((e) => e.node.name)).toEqual(['Autre SARL']);
    expect(codesOf(await olivia.gql(LIST, { after: 'garbage' }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await olivia.gql(LIST, { first: 1000 }))).toEqual(['BAD_USER_INPUT']);
  });

  it('lets an administrator update the company details, with the same validation', async () => {
    const alice = await app.as('alice');
    const id = await app.companyId('Demo SAS');
    const update = 'mutation($id: ID!, $input: CompanyInput!) { updateCompany(companyId: $id, input: $input) { name address { city } } }';
    const ok = await alice.gql(update, {
      id,
      input: { name: 'Demo SAS', siret: '91234567800011', address: { line1: '1 rue Neuve', postalCode: '75001', city: 'Paris' } },
    });
    expect(ok.data).toEqual({ updateCompany: { name: 'Demo SAS', address: { city: 'Paris' } } });
    const clash = await alice.gql(update, { id, input: { name: 'Demo SAS', siret: '92345678100015', address } });
    expect(codesOf(clash)).toEqual(['CONFLICT']);
  });
});
