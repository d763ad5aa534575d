import { startTestApp, type TestApp } from '../../../../test/harness';
import type { Client } from '../../../../test/harness';

/**
 * When the operator's staff read a client's data, the client's journal says so: the company's page
 * and a formality, once per hour and thing; members reading their own company leave no such entry.
 */

const COMPANIES = '{ me { memberships { company { id name } } } }';
const JOURNAL = `query($id: ID!) { company(id: $id) { activity(first: 50) { edges { node { action actorName targetType targetId ip } } } } }`;
const COMPANY = 'query($id: ID!) { company(id: $id) { id name } }';
const FORMALITIES = 'query($c: ID!) { operatorFormalities(companyId: $c, first: 5) { edges { node { id title } } } }';
const FORMALITY = 'query($id: ID!) { operatorFormality(id: $id) { id title } }';

type Journal = {
  company: {
    activity: { edges: { node: { action: string; actorName: string | null; targetType: string | null; targetId: string | null } }[] };
  };
};

describe('staff reads in the client’s journal', () => {
  let app: TestApp;
  let alice: Client;
  let olivia: Client;
  let companyId: string;

  const staffReads = async () =>
    ((await alice.gql<Journal>(JOURNAL, { id: companyId })).data?.company.activity.edges ?? [])
      .map((e) => e.node)
      .filter((n) => n.action === 'operator.viewed');

  beforeAll(async () => {
    app = await startTestApp();
    alice = await app.as('alice');
    olivia = await app.as('olivia');
    const me = await alice.gql<{ me: { memberships: { company: { id: string; name: string } }[] } }>(COMPANIES);
    companyId = me.data?.me.memberships.find((m) => m.company.name === 'Demo SAS')?.company.id ?? '';
    expect(companyId).not.toBe('');
  });
  afterAll(async () => app.close());

  it('a member opening the company page leaves no staff entry', async () => {
    expect((await alice.gql(COMPANY, { id: companyId })).errors).toBeUndefined();
    expect(await staffReads()).toEqual([]);
  });

  it('staff opening the company page is journaled once, with the person’s name', async () => {
    expect((await olivia.gql(COMPANY, { id: companyId })).errors).toBeUndefined();
    expect((await olivia.gql(COMPANY, { id: companyId })).errors).toBeUndefined();
    expect(await staffReads()).toEqual([
      { action: 'operator.viewed', actorName: 'Olivia Robert', targetType: 'Company', targetId: companyId, ip: '127.0.0.1' },
    ]);
  });

  it('staff opening a formality is journaled, the list alone is not', async () => {
    const list = await olivia.gql<{ operatorFormalities: { edges: { node: { id: string } }[] } }>(FORMALITIES, { c: companyId });
    const formalityId = list.data?.operatorFormalities.edges[0]?.node.id ?? '';
    expect(formalityId).not.toBe('');
    expect((await staffReads()).filter((r) => r.targetType === 'Formality')).toEqual([]);
    expect((await olivia.gql(FORMALITY, { id: formalityId })).errors).toBeUndefined();
    expect((await staffReads()).filter((r) => r.targetType === 'Formality')).toEqual([
      { action: 'operator.viewed', actorName: 'Olivia Robert', targetType: 'Formality', targetId: formalityId, ip: '127.0.0.1' },
    ]);
  });
});
