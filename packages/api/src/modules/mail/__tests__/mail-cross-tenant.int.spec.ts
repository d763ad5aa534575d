import { codesOf, startTestApp, type Client, type GraphQLResponse, type TestApp } from '../../../../test/harness';
import { callContext, local, mailItemIds, tagId } from './mail-test-helpers';

/**
 * Emma administers Autre SARL. Whatever ids of Demo SAS she sends, through her own company or
 * Demo SAS's id, she reaches no mail item, file, tag, export or forwarding request of Demo SAS.
 */
describe('mail: no way from one tenant into another', () => {
  let app: TestApp;
  let emma: Client;
  let demoId: string;
  let autreId: string;
  let demoItem: string;
  let demoTag: string;
  let demoRequest: string;
  let autreItem: string;
  let autreTag: string;
  let emmaId: string;

  const state = async (): Promise<unknown> => ({
    items: await app.db.ds.query('SELECT id, status FROM mail_items WHERE company_id = ? ORDER BY id', [demoId]),
    tags: await app.db.ds.query('SELECT id, name, color FROM tags WHERE company_id = ? ORDER BY id', [demoId]),
    links: await app.db.ds.query('SELECT mail_item_id, tag_id FROM mail_item_tags WHERE company_id = ? ORDER BY mail_item_id, tag_id', [
      demoId,
    ]),
    requests: await app.db.ds.query('SELECT id, status FROM forwarding_requests WHERE company_id = ? ORDER BY id', [demoId]),
    foreignLinks: await app.db.ds.query(
      'SELECT COUNT(*) AS n FROM mail_item_tags mt JOIN tags t ON t.id = mt.tag_id WHERE mt.company_id <> t.company_id',
    ),
  });

  beforeAll(async () => {
    app = await startTestApp();
    emma = await app.as('emma');
    demoId = await app.companyId('Demo SAS');
    autreId = await app.companyId('Autre SARL');
    [demoItem] = (await mailItemIds(app, demoId, 1)) as [string];
    [autreItem] = (await mailItemIds(app, autreId, 1)) as [string];
    demoTag = await tagId(app, demoId, 'Banque');
    autreTag = await tagId(app, autreId, 'Banque');
    const bruno = await app.as('bruno');
    const made = await bruno.gql<{ requestForwarding: { id: string } }>(
      'mutation($c: ID!, $m: [ID!]!) { requestForwarding(companyId: $c, mailItemIds: $m, idempotencyKey: "demo-x") { id } }',
      { c: demoId, m: (await mailItemIds(app, demoId, 3)).slice(1) },
    );
    demoRequest = made.data?.requestForwarding.id as string;
    emmaId = ((await app.db.ds.query('SELECT id FROM users WHERE email = ?', ['emma.leroy@autre-sarl.fr'])) as { id: string }[])[0]
      ?.id as string;
  });
  afterAll(async () => app.close());

  const refused = (res: GraphQLResponse, field: string, codes = ['NOT_FOUND']): void => {
    expect({ field, codes: codesOf(res), data: (res.data as Record<string, unknown> | null | undefined)?.[field] ?? null }).toEqual({
      field,
      codes,
      data: null,
    });
  };

  it('through GraphQL, with either company id', async () => {
    const before = await state();
    const viaDemo = await emma.gql(
      'query($c: ID!, $m: ID!) { company(id: $c) { mailItems { edges { node { id } } } mailItem(id: $m) { id } tags { id } forwardingRequests { edges { node { id } } } } }',
      {
        c: demoId,
        m: demoItem,
      },
    );
    refused(viaDemo, 'company');
    const viaAutre = await emma.gql<{
      company: {
        mailItem: unknown;
        mailItems: { edges: { node: { id: string } }[] };
        forwardingRequests: { edges: { node: { id: string } }[] };
      };
    }>(
      'query($c: ID!, $m: ID!, $t: [ID!]) { company(id: $c) { mailItem(id: $m) { id } mailItems(first: 100, filter: { tagIds: $t }) { edges { node { id } } } forwardingRequests { edges { node { id } } } } }',
      { c: autreId, m: demoItem, t: [demoTag] },
    );
    expect(viaAutre.errors).toBeUndefined();
    expect(viaAutre.data?.company.mailItem).toBeNull();
    expect(viaAutre.data?.company.mailItems.edges).toEqual([]);
    expect(viaAutre.data?.company.forwardingRequests.edges.map((e) => e.node.id)).not.toContain(demoRequest);

    const ops: [string, string, Record<string, unknown>][] = [
      ['createTag', 'mutation($c: ID!) { createTag(companyId: $c, name: "Piège", color: "#000000") { id } }', { c: demoId }],
      ['updateTag', 'mutation($c: ID!, $t: ID!) { updateTag(companyId: $c, tagId: $t, name: "Piège") { id } }', { c: demoId, t: demoTag }],
      ['updateTag', 'mutation($c: ID!, $t: ID!) { updateTag(companyId: $c, tagId: $t, name: "Piège") { id } }', { c: autreId, t: demoTag }],
      ['deleteTag', 'mutation($c: ID!, $t: ID!) { deleteTag(companyId: $c, tagId: $t) }', { c: demoId, t: demoTag }],
      ['deleteTag', 'mutation($c: ID!, $t: ID!) { deleteTag(companyId: $c, tagId: $t) }', { c: autreId, t: demoTag }],
      ...(['tagMailItems', 'untagMailItems'] as const).flatMap((op): [string, string, Record<string, unknown>][] => {
        const doc = `mutation($c: ID!, $m: [ID!]!, $t: [ID!]!) { ${op}(companyId: $c, mailItemIds: $m, tagIds: $t) { id } }`;
        return [
          [op, doc, { c: demoId, m: [demoItem], t: [demoTag] }],
          [op, doc, { c: autreId, m: [demoItem], t: [autreTag] }],
          [op, doc, { c: autreId, m: [autreItem], t: [demoTag] }],
          [op, doc, { c: autreId, m: [autreItem, demoItem], t: [autreTag, demoTag] }],
        ];
      }),
      ...[demoId, autreId].map((c): [string, string, Record<string, unknown>] => [
        'requestForwarding',
        'mutation($c: ID!, $m: [ID!]!) { requestForwarding(companyId: $c, mailItemIds: $m, idempotencyKey: "emma-1") { id } }',
        { c, m: [demoItem] },
      ]),
      ...[demoId, autreId].map((c): [string, string, Record<string, unknown>] => [
        'cancelForwardingRequest',
        'mutation($c: ID!, $f: ID!) { cancelForwardingRequest(companyId: $c, forwardingRequestId: $f) { id } }',
        { c, f: demoRequest },
      ]),
      ...[demoId, autreId].map((c): [string, string, Record<string, unknown>] => [
        'createMailItemLink',
        'mutation($c: ID!, $m: ID!) { createMailItemLink(companyId: $c, mailItemId: $m) { url } }',
        { c, m: demoItem },
      ]),
      ['createMailExport', 'mutation($c: ID!) { createMailExport(companyId: $c) { url } }', { c: demoId }],
    ];
    for (const [field, doc, vars] of ops) refused(await emma.gql(doc, vars), field);
    for (const [field, doc] of [
      ['forwardingQueue', 'query { forwardingQueue { edges { node { id } } } }'],
      ['markForwardingSent', `mutation { markForwardingSent(id: "${demoRequest}") { id } }`],
      ['cancelForwarding', `mutation { cancelForwarding(id: "${demoRequest}") { id } }`],
    ] as const) {
      refused(await emma.gql(doc), field, ['FORBIDDEN']);
    }
    // An export of her own company filtered on Demo SAS's tag holds nothing of Demo SAS.
    const own = await emma.gql<{ createMailExport: { itemCount: number } }>(
      'mutation($c: ID!, $t: [ID!]) { createMailExport(companyId: $c, filter: { tagIds: $t }) { itemCount } }',
      { c: autreId, t: [demoTag] },
    );
    expect(own.data?.createMailExport.itemCount).toBe(0);
    expect(await state()).toEqual(before);
  });

  it('through the file routes: links and exports are bound to a company, an item and a member', async () => {
    const mailFiles = app.server.services.mailFiles;
    const status = async (url: string): Promise<[number, string]> => {
      const res = await emma.fetch(url);
      return [res.status, ((await res.json()) as { error: { code: string } }).error.code];
    };
    // Her own link, pointed at Demo SAS's item or company: the signature no longer matches.
    const own = await emma.gql<{ createMailItemLink: { url: string } }>(
      'mutation($c: ID!, $m: ID!) { createMailItemLink(companyId: $c, mailItemId: $m) { url } }',
      { c: autreId, m: autreItem },
    );
    const ownUrl = local(app, own.data?.createMailItemLink.url as string);
    expect(await status(ownUrl.replace(autreItem, demoItem))).toEqual([403, 'INVALID_TOKEN']);
    expect(await status(ownUrl.replace(autreId, demoId).replace(autreItem, demoItem))).toEqual([403, 'INVALID_TOKEN']);
    // A correctly signed link (as if the secret had leaked) still needs a membership: without one, the company does not exist.
    const signed = await mailFiles.createItemLink(callContext(), demoId, demoItem, emmaId, 'attachment');
    expect(await status(local(app, signed.url))).toEqual([404, 'NOT_FOUND']);
    // Her company id with Demo SAS's item: the item is looked up in her company only.
    const crossed = await mailFiles.createItemLink(callContext(), autreId, autreItem, emmaId, 'inline');
    expect(await status(local(app, crossed.url).replace(autreItem, demoItem))).toEqual([403, 'INVALID_TOKEN']);
    const exportLink = await mailFiles.createExport(callContext(), demoId, null, emmaId);
    expect(await status(local(app, exportLink.url))).toEqual([404, 'NOT_FOUND']);
    // Uploading is for the operator's staff only, whatever the company.
    const up = await fetch(`${app.url}/files/mail?companyId=${demoId}&sender=X`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf', cookie: emma.cookie ?? '' },
      body: '%PDF-1.7',
    });
    expect(up.status).toBe(403);
  });
});
