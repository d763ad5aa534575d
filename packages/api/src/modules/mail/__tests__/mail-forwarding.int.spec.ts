import { newId } from '../../../common/ids';
import { codesOf, startTestApp, type Client, type TestApp } from '../../../../test/harness';
import { count, mailItemIds } from './mail-test-helpers';

const REQUEST = `mutation($c: ID!, $m: [ID!]!, $k: String!, $a: AddressInput) {
  requestForwarding(companyId: $c, mailItemIds: $m, idempotencyKey: $k, address: $a) {
    id status itemCount idempotencyKey address { line1 line2 postalCode city country } items { id status }
  }
}`;
const CANCEL = `mutation($c: ID!, $f: ID!) { cancelForwardingRequest(companyId: $c, forwardingRequestId: $f) { id status processedAt } }`;
const QUEUE = `query($first: Int, $after: String, $status: ForwardingStatus) {
  forwardingQueue(first: $first, after: $after, status: $status) {
    edges { node { id status itemCount requestedByName company { name } items { sender status } } }
    pageInfo { endCursor hasNextPage }
  }
}`;
const SENT = 'mutation($id: ID!) { markForwardingSent(id: $id) { id status processedAt } }';
const STAFF_CANCEL = 'mutation($id: ID!) { cancelForwarding(id: $id) { id status } }';

type Requested = {
  requestForwarding: {
    id: string;
    status: string;
    itemCount: number;
    address: { line1: string; line2: string | null; postalCode: string; city: string; country: string };
    items: { id: string; status: string }[];
  } | null;
};

describe('mail forwarding', () => {
  let app: TestApp;
  let bruno: Client;
  let olivia: Client;
  let demoId: string;
  let autreId: string;
  let pool: string[];
  const take = (n: number): string[] => pool.splice(0, n);
  const statuses = async (ids: string[]): Promise<string[]> =>
    (
      (await app.db.ds.query(`SELECT status FROM mail_items WHERE id IN (${ids.map(() => '?').join(', ')}) ORDER BY id`, [
        ...[...ids].sort(),
      ])) as { status: string }[]
    ).map((r) => r.status);
  const requests = (): Promise<number> => count(app, 'SELECT COUNT(*) AS n FROM forwarding_requests');

  beforeAll(async () => {
    app = await startTestApp();
    bruno = await app.as('bruno');
    olivia = await app.as('olivia');
    demoId = await app.companyId('Demo SAS');
    autreId = await app.companyId('Autre SARL');
    pool = await mailItemIds(app, demoId, 25);
  });
  afterAll(async () => app.close());

  it('asks for forwarding to the company’s address by default; the items change status', async () => {
    const ids = take(2);
    const res = await bruno.gql<Requested>(REQUEST, { c: demoId, m: ids, k: 'req-1' });
    expect(res.errors).toBeUndefined();
    expect(res.data?.requestForwarding).toMatchObject({
      status: 'REQUESTED',
      itemCount: 2,
      address: { line1: '12 rue de la Paix', line2: null, postalCode: '75002', city: 'Paris', country: 'FR' },
    });
    expect(res.data?.requestForwarding?.items.map((i) => i.status)).toEqual(['FORWARD_REQUESTED', 'FORWARD_REQUESTED']);
    expect(await statuses(ids)).toEqual(['FORWARD_REQUESTED', 'FORWARD_REQUESTED']);
    const events = await count(
      app,
      "SELECT COUNT(*) AS n FROM activity_events WHERE action = 'mail.forwarding_requested' AND target_id = ?",
      [res.data?.requestForwarding?.id],
    );
    expect(events).toBe(1);
  });

  it('replays the first result for the same key and content, and refuses the key for other content', async () => {
    const ids = take(3);
    const address = { line1: '  4 place Bellecour ', postalCode: '69002', city: 'Lyon' };
    const first = await bruno.gql<Requested>(REQUEST, { c: demoId, m: ids, k: 'req-2', a: address });
    expect(first.data?.requestForwarding?.address).toEqual({
      line1: '4 place Bellecour',
      line2: null,
      postalCode: '69002',
      city: 'Lyon',
      country: 'FR',
    });
    const before = await requests();
    const replay = await bruno.gql<Requested>(REQUEST, { c: demoId, m: [ids[2], ids[0], ids[1], ids[0]], k: 'req-2', a: address });
    expect(replay.errors).toBeUndefined();
    expect(replay.data?.requestForwarding?.id).toBe(first.data?.requestForwarding?.id);
    expect(await requests()).toBe(before);
    // Another member replaying the same key for the same company gets the same answer.
    const alice = await app.as('alice');
    expect((await alice.gql<Requested>(REQUEST, { c: demoId, m: ids, k: 'req-2', a: address })).data?.requestForwarding?.id).toBe(
      first.data?.requestForwarding?.id,
    );
    expect(codesOf(await bruno.gql(REQUEST, { c: demoId, m: ids.slice(0, 2), k: 'req-2', a: address }))).toEqual(['CONFLICT']);
    expect(codesOf(await bruno.gql(REQUEST, { c: demoId, m: ids, k: 'req-2', a: { ...address, city: 'Villeurbanne' } }))).toEqual([
      'CONFLICT',
    ]);
    expect(codesOf(await bruno.gql(REQUEST, { c: demoId, m: ids, k: 'req-2' }))).toEqual(['CONFLICT']);
    expect(await requests()).toBe(before);
  });

  it('creates one request when the same key arrives several times at once', async () => {
    const ids = take(2);
    const before = await requests();
    const results = await Promise.all(
      Array.from({ length: 6 }, () => bruno.gql<Requested>(REQUEST, { c: demoId, m: ids, k: 'req-concurrent' })),
    );
    for (const r of results) expect(codesOf(r)).toEqual([]);
    expect(new Set(results.map((r) => r.data?.requestForwarding?.id)).size).toBe(1);
    expect(await requests()).toBe(before + 1);
    expect(await count(app, 'SELECT COUNT(*) AS n FROM forwarding_request_items WHERE mail_item_id IN (?, ?)', ids)).toBe(2);
  });

  it('refuses items already on their way (also when two keys race for them), ids of another company, bad input', async () => {
    const ids = take(2);
    const raced = await Promise.all([
      bruno.gql<Requested>(REQUEST, { c: demoId, m: ids, k: 'race-a' }),
      bruno.gql<Requested>(REQUEST, { c: demoId, m: ids, k: 'race-b' }),
    ]);
    expect(raced.map((r) => (r.errors ? codesOf(r).join() : 'ok')).sort()).toEqual(['CONFLICT', 'ok']);
    expect(codesOf(await bruno.gql(REQUEST, { c: demoId, m: ids, k: 'race-c' }))).toEqual(['CONFLICT']);

    const before = await requests();
    const foreign: { id: string }[] = await app.db.ds.query('SELECT id FROM mail_items WHERE company_id = ? LIMIT 1', [autreId]);
    const fresh = take(1);
    expect(codesOf(await bruno.gql(REQUEST, { c: demoId, m: [...fresh, foreign[0]?.id], k: 'foreign' }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await bruno.gql(REQUEST, { c: demoId, m: [newId()], k: 'unknown' }))).toEqual(['NOT_FOUND']);
    expect(await statuses(fresh)).toEqual(['SCANNED']);
    const badAddress = await bruno.gql(REQUEST, { c: demoId, m: fresh, k: 'addr', a: { line1: '', postalCode: '750', city: 'Paris' } });
    expect(codesOf(badAddress)).toEqual(['VALIDATION_FAILED']);
    expect(badAddress.errors?.[0]?.extensions?.fields?.map((f) => f.field).sort()).toEqual(['address.line1', 'address.postalCode']);
    const badKey = await bruno.gql(REQUEST, { c: demoId, m: fresh, k: 'has spaces in it' });
    expect(badKey.errors?.[0]?.extensions?.fields).toEqual([{ field: 'idempotencyKey', code: 'IDEMPOTENCY_KEY_INVALID' }]);
    expect(await requests()).toBe(before);
    // The key of a refused request was not used up.
    expect(codesOf(await bruno.gql(REQUEST, { c: demoId, m: fresh, k: 'foreign' }))).toEqual([]);
  });

  it('lets a member cancel while REQUESTED; the items become available again', async () => {
    const ids = take(2);
    const made = await bruno.gql<Requested>(REQUEST, { c: demoId, m: ids, k: 'to-cancel' });
    const id = made.data?.requestForwarding?.id as string;
    const cancelled = await bruno.gql<{ cancelForwardingRequest: { status: string; processedAt: string } }>(CANCEL, { c: demoId, f: id });
    expect(cancelled.data?.cancelForwardingRequest.status).toBe('CANCELLED');
    expect(await statuses(ids)).toEqual(['SCANNED', 'SCANNED']);
    expect(codesOf(await bruno.gql(CANCEL, { c: demoId, f: id }))).toEqual(['CONFLICT']);
    expect(codesOf(await bruno.gql(CANCEL, { c: demoId, f: newId() }))).toEqual(['NOT_FOUND']);
    // Forwardable again, under a new key.
    expect(codesOf(await bruno.gql(REQUEST, { c: demoId, m: ids, k: 'after-cancel' }))).toEqual([]);
  });

  it('lists the company’s requests newest first', async () => {
    const res = await bruno.gql<{ company: { forwardingRequests: { edges: { node: { idempotencyKey: string; status: string } }[] } } }>(
      'query($c: ID!) { company(id: $c) { forwardingRequests(first: 3) { edges { node { idempotencyKey status } } } } }',
      { c: demoId },
    );
    expect(res.data?.company.forwardingRequests.edges.map((e) => e.node.idempotencyKey)).toEqual(['after-cancel', 'to-cancel', 'foreign']);
  });

  it('gives the operator a queue across companies, oldest first, to mark sent or cancel', async () => {
    const emma = await app.as('emma');
    const autreItems = await mailItemIds(app, autreId, 1);
    await emma.gql(REQUEST, { c: autreId, m: autreItems, k: 'autre-1' });
    type Queue = {
      forwardingQueue: {
        edges: { node: { id: string; status: string; requestedByName: string; company: { name: string }; items: { status: string }[] } }[];
        pageInfo: { endCursor: string | null; hasNextPage: boolean };
      };
    };
    const all: Queue['forwardingQueue']['edges'] = [];
    let after: string | null = null;
    for (;;) {
      const page: { data?: Queue | null } = await olivia.gql<Queue>(QUEUE, { first: 2, after });
      const conn = page.data?.forwardingQueue;
      if (!conn) throw new Error('no queue');
      all.push(...conn.edges);
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    const expected = await count(app, "SELECT COUNT(*) AS n FROM forwarding_requests WHERE status = 'REQUESTED'");
    expect(all).toHaveLength(expected);
    expect(new Set(all.map((e) => e.node.company.name))).toEqual(new Set(['Demo SAS', 'Autre SARL']));
    const last = all.at(-1)?.node;
    expect(last).toMatchObject({ status: 'REQUESTED', requestedByName: 'Emma Leroy', company: { name: 'Autre SARL' } });

    const sent = await olivia.gql<{ markForwardingSent: { status: string; processedAt: string } }>(SENT, { id: last?.id });
    expect(sent.data?.markForwardingSent.status).toBe('SENT');
    expect(await statuses(autreItems)).toEqual(['FORWARDED']);
    expect(codesOf(await olivia.gql(SENT, { id: last?.id }))).toEqual(['CONFLICT']);
    expect(codesOf(await olivia.gql(STAFF_CANCEL, { id: last?.id }))).toEqual(['CONFLICT']);
    expect(codesOf(await emma.gql(CANCEL, { c: autreId, f: last?.id }))).toEqual(['CONFLICT']);

    const firstOne = all[0]?.node;
    const cancelled = await olivia.gql<{ cancelForwarding: { status: string } }>(STAFF_CANCEL, { id: firstOne?.id });
    expect(cancelled.data?.cancelForwarding.status).toBe('CANCELLED');
    const sentQueue = await olivia.gql<Queue>(QUEUE, { status: 'SENT' });
    expect(sentQueue.data?.forwardingQueue.edges.map((e) => e.node.id)).toContain(last?.id);
    expect(codesOf(await olivia.gql(SENT, { id: newId() }))).toEqual(['NOT_FOUND']);
  });
});
