import { newId } from '../../../common/ids';
import { dbDate } from '../../../db/columns';
import { insertBulkMail } from '../../../seed/bulk-mail';
import { LocalFileStorage } from '../../../storage/local-storage';
import { codesOf, startTestApp, type Client, type TestApp } from '../../../../test/harness';
import { foldText } from '../mail.validation';
import { tagId } from './mail-test-helpers';

const LIST = `query($id: ID!, $first: Int, $after: String, $filter: MailFilter) {
  company(id: $id) {
    mailItems(first: $first, after: $after, filter: $filter) {
      edges { cursor node { id receivedAt sender recipient type status pageCount tags { id name color } } }
      pageInfo { endCursor hasNextPage }
    }
  }
}`;

interface Node {
  id: string;
  receivedAt: string;
  sender: string;
  recipient: string;
  type: string;
  status: string;
  tags: { id: string; name: string; color: string }[];
}
interface ListData {
  company: { mailItems: { edges: { cursor: string; node: Node }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } | null };
}
interface DbRow {
  id: string;
  received_at: unknown;
  sender: string;
  recipient: string;
  type: string;
  status: string;
  tag_ids: string | null;
}

describe('mail list, filters and tags', () => {
  let app: TestApp;
  let bruno: Client;
  let demoId: string;
  let autreId: string;

  /** Every Demo SAS item as the database orders it, with its tags. */
  const allRows = async (): Promise<DbRow[]> => {
    const rows: DbRow[] = await app.db.ds.query(
      `SELECT mi.id, mi.received_at, mi.sender, mi.recipient, mi.type, mi.status,
              (SELECT GROUP_CONCAT(mt.tag_id) FROM mail_item_tags mt WHERE mt.mail_item_id = mi.id) AS tag_ids
         FROM mail_items mi WHERE mi.company_id = ? ORDER BY mi.received_at DESC, mi.id DESC`,
      [demoId],
    );
    return rows;
  };
  const receivedOf = (r: DbRow): Date =>
    r.received_at instanceof Date ? r.received_at : new Date(`${String(r.received_at).replace(' ', 'T')}Z`);

  const pageThrough = async (filter: Record<string, unknown> | null, first: number): Promise<string[]> => {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 200; page += 1) {
      const res: { data?: ListData | null; errors?: unknown } = await bruno.gql<ListData>(LIST, { id: demoId, first, after, filter });
      expect(res.errors).toBeUndefined();
      const conn = res.data?.company.mailItems;
      if (!conn) throw new Error('no connection');
      ids.push(...conn.edges.map((e) => e.node.id));
      if (!conn.pageInfo.hasNextPage) {
        expect(conn.edges.length).toBeLessThanOrEqual(first);
        return ids;
      }
      expect(conn.edges).toHaveLength(first);
      after = conn.pageInfo.endCursor;
    }
    throw new Error('too many pages');
  };

  beforeAll(async () => {
    app = await startTestApp();
    bruno = await app.as('bruno');
    demoId = await app.companyId('Demo SAS');
    autreId = await app.companyId('Autre SARL');
    const storage = new LocalFileStorage(app.env.filesDir);
    await insertBulkMail(app.db.ds, storage, demoId, 150, { spanDays: 400, taggedShare: 0.2, rowsPerStatement: 40 });
    await insertBulkMail(app.db.ds, storage, autreId, 20, { spanDays: 400 });
    // Items received at the very same instant: the id breaks the tie, so the order stays total.
    const same = new Date('2026-01-15T09:00:00.000Z');
    const kind = app.db.ds.options.type;
    for (let i = 0; i < 5; i += 1) {
      await app.db.ds.query(
        `INSERT INTO mail_items (id, company_id, received_at, sender, recipient, type, page_count, status, file_key, file_size, file_sha256, search_text, created_at)
         SELECT ?, company_id, ?, 'Même instant', recipient, 'LETTER', 1, 'SCANNED', file_key, file_size, file_sha256, 'meme instant', created_at
           FROM mail_items WHERE company_id = ? LIMIT 1`,
        [newId(), dbDate(kind, same), demoId],
      );
    }
  });
  afterAll(async () => app.close());

  it('pages through every item with cursors: stable order, no duplicate, no gap', async () => {
    const expected = (await allRows()).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(180);
    for (const first of [7, 50, 100]) {
      expect(await pageThrough(null, first)).toEqual(expected);
    }
  });

  it('keeps its place when new mail arrives between two pages', async () => {
    const firstPage = await bruno.gql<ListData>(LIST, { id: demoId, first: 10 });
    const cursor = firstPage.data?.company.mailItems?.pageInfo.endCursor;
    const kind = app.db.ds.options.type;
    await app.db.ds.query(
      `INSERT INTO mail_items (id, company_id, received_at, sender, recipient, type, page_count, status, file_key, file_size, file_sha256, search_text, created_at)
       SELECT ?, company_id, ?, 'Arrivé entre-temps', recipient, 'LETTER', 1, 'SCANNED', file_key, file_size, file_sha256, 'arrive entre-temps', created_at
         FROM mail_items WHERE company_id = ? LIMIT 1`,
      [newId(), dbDate(kind, new Date()), demoId],
    );
    const second = await bruno.gql<ListData>(LIST, { id: demoId, first: 10, after: cursor });
    const all = (await allRows()).map((r) => r.id);
    expect(second.data?.company.mailItems?.edges.map((e) => e.node.id)).toEqual(all.slice(11, 21));
  });

  it('filters by type, status, tags (any), dates and text, alone and combined, with totalCount', async () => {
    const rows = await allRows();
    const banque = await tagId(app, demoId, 'Banque');
    const impots = await tagId(app, demoId, 'Impôts');
    const urgent = await tagId(app, demoId, 'Urgent');
    const since = new Date(Date.now() - 300 * 86_400_000);
    const from = new Date(Date.now() - 90 * 86_400_000);
    const to = new Date(Date.now() - 20 * 86_400_000);
    const cases: [string, Record<string, unknown>, (r: DbRow) => boolean][] = [
      ['type', { type: 'REGISTERED' }, (r) => r.type === 'REGISTERED'],
      ['status', { status: 'ARCHIVED' }, (r) => r.status === 'ARCHIVED'],
      ['tags (any)', { tagIds: [banque, impots] }, (r) => (r.tag_ids ?? '').split(',').some((t) => t === banque || t === impots)],
      ['dates', { receivedFrom: from.toISOString(), receivedTo: to.toISOString() }, (r) => receivedOf(r) >= from && receivedOf(r) < to],
      [
        'tags and dates',
        { tagIds: [banque, urgent], receivedFrom: since.toISOString(), receivedTo: to.toISOString() },
        (r) => (r.tag_ids ?? '').split(',').some((t) => [banque, urgent].includes(t)) && receivedOf(r) >= since && receivedOf(r) < to,
      ],
      [
        'tags with status, dates and text',
        {
          tagIds: [banque, impots, urgent],
          status: 'SCANNED',
          receivedFrom: since.toISOString(),
          search: 'e',
        },
        (r) =>
          (r.tag_ids ?? '').split(',').some((t) => [banque, impots, urgent].includes(t)) &&
          r.status === 'SCANNED' &&
          receivedOf(r) >= since &&
          foldText(`${r.sender} ${r.recipient}`).includes('e'),
      ],
      ['search, any case, no accents', { search: 'IMPOTS.gouv' }, (r) => foldText(`${r.sender} ${r.recipient}`).includes('impots.gouv')],
      ['search with accents', { search: 'île-de-FRANCE' }, (r) => foldText(`${r.sender} ${r.recipient}`).includes('ile-de-france')],
      ['search: % is literal', { search: '%' }, () => false],
      ['search: _ is literal', { search: '_' }, () => false],
      [
        'combined',
        { type: 'LETTER', status: 'SCANNED', search: 'banque' },
        (r) => r.type === 'LETTER' && r.status === 'SCANNED' && foldText(`${r.sender} ${r.recipient}`).includes('banque'),
      ],
    ];
    for (const [name, filter, keep] of cases) {
      const expected = rows.filter(keep).map((r) => r.id);
      expect({ name, ids: await pageThrough(filter, 9) }).toEqual({ name, ids: expected });
      const counted = await bruno.gql<{ company: { mailItems: { totalCount: number } } }>(
        'query($id: ID!, $filter: MailFilter) { company(id: $id) { mailItems(first: 1, filter: $filter) { totalCount } } }',
        { id: demoId, filter },
      );
      expect({ name, total: counted.data?.company.mailItems.totalCount }).toEqual({ name, total: expected.length });
      if (['type', 'tags (any)', 'tags and dates', 'tags with status, dates and text', 'search, any case, no accents'].includes(name))
        expect(expected.length).toBeGreaterThan(0);
    }
    // Tags of another company in the filter match nothing here.
    const foreign = await tagId(app, autreId, 'Banque');
    expect(await pageThrough({ tagIds: [foreign] }, 10)).toEqual([]);
  });

  it('refuses a bad cursor, a bad page size and a malformed filter', async () => {
    expect(codesOf(await bruno.gql(LIST, { id: demoId, after: 'nope' }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await bruno.gql(LIST, { id: demoId, after: Buffer.from('["x","y"]').toString('base64url') }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codesOf(await bruno.gql(LIST, { id: demoId, first: 101 }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await bruno.gql(LIST, { id: demoId, first: 0 }))).toEqual(['BAD_USER_INPUT']);
    expect(codesOf(await bruno.gql(LIST, { id: demoId, filter: { tagIds: ['x'] } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a date range that ends before it starts, rather than reading it the other way round', async () => {
    const inverted = await bruno.gql(LIST, {
      id: demoId,
      filter: { receivedFrom: '2026-03-31T00:00:00.000Z', receivedTo: '2026-03-01T00:00:00.000Z' },
    });
    expect(codesOf(inverted)).toEqual(['BAD_USER_INPUT']);
    expect(inverted.errors?.[0]?.message).toBe('filter.receivedTo: before filter.receivedFrom.');
    const oneDay = await bruno.gql(LIST, {
      id: demoId,
      filter: { receivedFrom: '2026-03-01T00:00:00.000Z', receivedTo: '2026-03-02T00:00:00.000Z' },
    });
    expect(oneDay.errors).toBeUndefined();
  });

  it('runs the same number of SQL statements for 5 and for 50 items (tags batched, count only when asked)', async () => {
    const ds = app.db.ds;
    const logger = ds.logger;
    const original = logger.logQuery.bind(logger);
    const statements: string[] = [];
    logger.logQuery = (query, parameters, runner) => {
      statements.push(query);
      original(query, parameters, runner);
    };
    const measure = async (first: number, withCount: boolean): Promise<string[]> => {
      statements.length = 0;
      const res = await bruno.gql<ListData>(
        `query($id: ID!, $first: Int) { company(id: $id) { id mailItems(first: $first) {
           ${withCount ? 'totalCount' : ''} edges { node { id sender tags { id name color } } } pageInfo { hasNextPage } } } }`,
        { id: demoId, first },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.company.mailItems?.edges).toHaveLength(first);
      return [...statements];
    };
    try {
      await measure(5, true); // warm-up
      const small = await measure(5, true);
      const large = await measure(50, true);
      const noCount = await measure(50, false);
      expect(large.length).toBe(small.length);
      // session + company + page + tags + count
      expect(large.length).toBeLessThanOrEqual(5);
      expect(noCount.length).toBe(large.length - 1);
      expect(large.filter((s) => /COUNT\(\*\)/i.test(s))).toHaveLength(1);
      expect(noCount.filter((s) => /COUNT\(\*\)/i.test(s))).toHaveLength(0);
    } finally {
      logger.logQuery = original;
    }
  });

  it('reads one item by id, and null for an id of another company', async () => {
    const [row] = await allRows();
    const one = await bruno.gql<{ company: { mailItem: { id: string } | null } }>(
      'query($c: ID!, $m: ID!) { company(id: $c) { mailItem(id: $m) { id } } }',
      { c: demoId, m: row?.id },
    );
    expect(one.data?.company.mailItem?.id).toBe(row?.id);
    const foreign: { id: string }[] = await app.db.ds.query('SELECT id FROM mail_items WHERE company_id = ? LIMIT 1', [autreId]);
    const none = await bruno.gql<{ company: { mailItem: null } }>(
      'query($c: ID!, $m: ID!) { company(id: $c) { mailItem(id: $m) { id } } }',
      {
        c: demoId,
        m: foreign[0]?.id,
      },
    );
    expect(none.data?.company.mailItem).toBeNull();
  });

  describe('tags', () => {
    const CREATE = 'mutation($c: ID!, $n: String!, $k: String!) { createTag(companyId: $c, name: $n, color: $k) { id name color } }';
    const UPDATE =
      'mutation($c: ID!, $t: ID!, $n: String, $k: String) { updateTag(companyId: $c, tagId: $t, name: $n, color: $k) { id name color } }';
    const DELETE = 'mutation($c: ID!, $t: ID!) { deleteTag(companyId: $c, tagId: $t) }';
    const TAGS = 'query($c: ID!) { company(id: $c) { tags { id name color } } }';
    const TAG = `mutation($c: ID!, $m: [ID!]!, $t: [ID!]!) { tagMailItems(companyId: $c, mailItemIds: $m, tagIds: $t) { id tags { name } } }`;
    const UNTAG = `mutation($c: ID!, $m: [ID!]!, $t: [ID!]!) { untagMailItems(companyId: $c, mailItemIds: $m, tagIds: $t) { id tags { name } } }`;
    type TagData = { id: string; name: string; color: string };

    it('creates, renames, recolours and deletes, with clear errors', async () => {
      const created = await bruno.gql<{ createTag: TagData }>(CREATE, { c: demoId, n: '  Juridique  ', k: '#7C3AED' });
      expect(created.data?.createTag).toMatchObject({ name: 'Juridique', color: '#7c3aed' });
      const id = created.data?.createTag.id as string;
      // Same name ignoring case and accents: taken.
      expect(codesOf(await bruno.gql(CREATE, { c: demoId, n: 'IMPOTS', k: '#000000' }))).toEqual(['CONFLICT']);
      const invalid = await bruno.gql(CREATE, { c: demoId, n: ' ', k: 'red' });
      expect(codesOf(invalid)).toEqual(['VALIDATION_FAILED']);
      expect(invalid.errors?.[0]?.extensions?.fields?.map((f) => `${f.field}:${f.code}`).sort()).toEqual([
        'color:TAG_COLOR_INVALID',
        'name:TAG_NAME_REQUIRED',
      ]);
      expect(codesOf(await bruno.gql(CREATE, { c: demoId, n: 'x'.repeat(51), k: '#000000' }))).toEqual(['VALIDATION_FAILED']);
      // The same name in another company is fine (names are per company).
      const emma = await app.as('emma');
      expect(codesOf(await emma.gql(CREATE, { c: autreId, n: 'Juridique', k: '#000000' }))).toEqual([]);

      const renamed = await bruno.gql<{ updateTag: TagData }>(UPDATE, { c: demoId, t: id, n: 'Juridique & légal' });
      expect(renamed.data?.updateTag).toEqual({ id, name: 'Juridique & légal', color: '#7c3aed' });
      const recoloured = await bruno.gql<{ updateTag: TagData }>(UPDATE, { c: demoId, t: id, k: '#0EA5E9' });
      expect(recoloured.data?.updateTag.color).toBe('#0ea5e9');
      expect(codesOf(await bruno.gql(UPDATE, { c: demoId, t: id, n: 'banque' }))).toEqual(['CONFLICT']);
      expect(codesOf(await bruno.gql(UPDATE, { c: demoId, t: newId(), n: 'Autre' }))).toEqual(['NOT_FOUND']);

      const [item] = (await allRows()).map((r) => r.id);
      await bruno.gql(TAG, { c: demoId, m: [item], t: [id] });
      const deleted = await bruno.gql<{ deleteTag: string }>(DELETE, { c: demoId, t: id });
      expect(deleted.data?.deleteTag).toBe(id);
      expect(Number((await app.db.ds.query('SELECT COUNT(*) AS n FROM mail_item_tags WHERE tag_id = ?', [id]))[0].n)).toBe(0);
      expect(codesOf(await bruno.gql(DELETE, { c: demoId, t: id }))).toEqual(['NOT_FOUND']);
      const list = await bruno.gql<{ company: { tags: TagData[] } }>(TAGS, { c: demoId });
      expect(list.data?.company.tags.map((t) => t.name)).toEqual(['Banque', 'Fournisseurs', 'Impôts', 'Urgent']);
    });

    it('tags and untags many items at once, idempotently and all-or-nothing', async () => {
      const items = (await allRows()).slice(0, 3).map((r) => r.id);
      const urgent = await tagId(app, demoId, 'Urgent');
      const banque = await tagId(app, demoId, 'Banque');
      await bruno.gql(UNTAG, { c: demoId, m: items, t: [urgent, banque] });
      const links = async (): Promise<number> =>
        Number(
          (
            await app.db.ds.query(`SELECT COUNT(*) AS n FROM mail_item_tags WHERE mail_item_id IN (?, ?, ?) AND tag_id IN (?, ?)`, [
              ...items,
              urgent,
              banque,
            ])
          )[0].n,
        );
      type Tagged = { id: string; tags: { name: string }[] }[];
      const tagged = await bruno.gql<{ tagMailItems: Tagged }>(TAG, { c: demoId, m: items, t: [urgent, banque] });
      expect(tagged.errors).toBeUndefined();
      for (const it of tagged.data?.tagMailItems ?? [])
        expect(it.tags.map((t) => t.name)).toEqual(expect.arrayContaining(['Banque', 'Urgent']));
      expect(await links()).toBe(6);
      const again = await bruno.gql(TAG, { c: demoId, m: [...items, items[0]], t: [urgent, banque] });
      expect(again.errors).toBeUndefined();
      expect(await links()).toBe(6);

      // One item of another company: NOT_FOUND, and nothing changes.
      const foreign: { id: string }[] = await app.db.ds.query('SELECT id FROM mail_items WHERE company_id = ? LIMIT 1', [autreId]);
      await bruno.gql(UNTAG, { c: demoId, m: items, t: [urgent] });
      expect(codesOf(await bruno.gql(TAG, { c: demoId, m: [...items, foreign[0]?.id], t: [urgent] }))).toEqual(['NOT_FOUND']);
      expect(codesOf(await bruno.gql(TAG, { c: demoId, m: items, t: [await tagId(app, autreId, 'Urgent')] }))).toEqual(['NOT_FOUND']);
      expect(await links()).toBe(3);

      const untagged = await bruno.gql<{ untagMailItems: Tagged }>(UNTAG, { c: demoId, m: items, t: [banque] });
      for (const it of untagged.data?.untagMailItems ?? []) expect(it.tags.map((t) => t.name)).not.toContain('Banque');
      expect(await links()).toBe(0);
      expect((await bruno.gql(UNTAG, { c: demoId, m: items, t: [banque] })).errors).toBeUndefined();
      expect(codesOf(await bruno.gql(TAG, { c: demoId, m: [], t: [banque] }))).toEqual(['BAD_USER_INPUT']);
    });
  });
});
