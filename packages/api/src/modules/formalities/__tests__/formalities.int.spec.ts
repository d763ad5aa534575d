import { codesOf, startTestApp, type Client, type GraphQLResponse, type TestApp } from '../../../../test/harness';
import { count, local, samplePdf } from '../../mail/__tests__/mail-test-helpers';

const OPEN = `mutation($c: ID!, $t: FormalityType!, $title: String!) {
  openFormality(companyId: $c, type: $t, title: $title) { id state turn nextStates } }`;
const MOVE = `mutation($f: ID!, $to: FormalityState!, $i: MoveFormalityInput) {
  moveFormality(formalityId: $f, to: $to, input: $i) { id state turn dueDate trackingNumber reason } }`;
const DETAIL = `query($c: ID!, $f: ID!) { company(id: $c) { formality(id: $f) {
  id type title state turn dueDate trackingNumber reason
  timeline { kind fromState toState actorName byOperator detail at }
  requests { id kind question required status choices answers { id value fileType fileSize review reviewReason } }
  documents { id title size sha256 } } } }`;
const LIST = `query($c: ID!, $first: Int, $after: String, $f: FormalityFilter) { company(id: $c) {
  formalities(first: $first, after: $after, filter: $f) { totalCount edges { cursor node { id state turn title } } pageInfo { endCursor hasNextPage } } } }`;
const ANSWER = `mutation($c: ID!, $r: ID!, $v: String!) { answerInformationRequest(companyId: $c, requestId: $r, value: $v) { id value review } }`;
const REVIEW = `mutation($a: ID!, $ok: Boolean!, $why: String) { reviewAnswer(answerId: $a, accept: $ok, reason: $why) { id review reviewReason } }`;
const LINK = `mutation($c: ID!, $d: ID!) { createFormalityDocumentLink(companyId: $c, documentId: $d) { url expiresAt } }`;

interface Detail {
  id: string;
  state: string;
  turn: string | null;
  trackingNumber: string | null;
  timeline: {
    kind: string;
    fromState: string | null;
    toState: string | null;
    actorName: string | null;
    byOperator: boolean;
    detail: string | null;
  }[];
  requests: {
    id: string;
    kind: string;
    question: string;
    status: string;
    answers: { id: string; value: string | null; fileType: string | null; review: string; reviewReason: string | null }[];
  }[];
  documents: { id: string; title: string; size: number; sha256: string }[];
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

describe('formalities: the operator runs them, the client follows and answers', () => {
  let app: TestApp;
  let olivia: Client;
  let david: Client;
  let chloe: Client;
  let emma: Client;
  let demoId: string;
  let autreId: string;

  const detail = async (client: Client, formalityId: string, companyId = demoId) => {
    const res = await client.gql<{ company: { formality: Detail | null } | null }>(DETAIL, { c: companyId, f: formalityId });
    return { res, f: res.data?.company?.formality ?? null };
  };
  const open = async (title: string, type = 'TRANSFERT_SIEGE', companyId = demoId): Promise<string> => {
    const res = await olivia.gql<{ openFormality: { id: string } }>(OPEN, { c: companyId, t: type, title });
    if (!res.data?.openFormality) throw new Error(JSON.stringify(res.errors));
    return res.data.openFormality.id;
  };
  const move = (f: string, to: string, i: Record<string, unknown> | null = null) =>
    olivia.gql<{ moveFormality: { state: string; turn: string | null; trackingNumber: string | null; reason: string | null } }>(MOVE, {
      f,
      to,
      i,
    });
  const upload = (client: Client, requestId: string, body: Buffer | string, type = 'application/pdf', companyId = demoId) =>
    client.fetch(`/files/formalities/${companyId}/${requestId}`, { method: 'POST', headers: { 'content-type': type }, body });
  const extension = (res: GraphQLResponse, key: string): unknown => res.errors?.[0]?.extensions?.[key];

  beforeAll(async () => {
    app = await startTestApp();
    demoId = await app.companyId('Demo SAS');
    autreId = await app.companyId('Autre SARL');
    olivia = await app.as('olivia');
    david = await app.as('david');
    chloe = await app.as('chloe');
    emma = await app.as('emma');
  });
  afterAll(async () => app.close());

  it('opens a formality in DRAFT with the checklist of its type, and says it in the timeline', async () => {
    const res = await olivia.gql<{ openFormality: { state: string; turn: string; nextStates: string[] } }>(OPEN, {
      c: demoId,
      t: 'TRANSFERT_SIEGE',
      title: 'Transfert à Bordeaux',
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.openFormality).toMatchObject({ state: 'DRAFT', turn: 'OPERATOR' });
    expect(res.data?.openFormality.nextStates.sort()).toEqual(['CANCELLED', 'INFORMATION_REQUESTED', 'UNDER_REVIEW']);
    const id = (res.data?.openFormality as unknown as { id: string }).id;
    const { f } = await detail(david, id);
    expect(f?.requests.map((r) => r.kind)).toEqual(['FILE', 'FILE', 'FILE', 'FILE', 'DATE']);
    expect(f?.requests[2]?.question).toBe('Contrat de domiciliation');
    expect(f?.timeline).toEqual([
      expect.objectContaining({ kind: 'OPENED', toState: 'DRAFT', actorName: 'Olivia Robert', byOperator: true }),
    ]);
  });

  it('refuses an impossible transition with a coded CONFLICT and changes nothing', async () => {
    const id = await open('Saut d’étape');
    const res = await move(id, 'FILED', { trackingNumber: 'J1' });
    expect(codesOf(res)).toEqual(['CONFLICT']);
    expect(extension(res, 'reason')).toBe('INVALID_TRANSITION');
    const { f } = await detail(david, id);
    expect(f?.state).toBe('DRAFT');
    expect(f?.timeline).toHaveLength(1);
    // FILED needs a tracking number; REJECTED a reason.
    expect((await move(id, 'UNDER_REVIEW')).errors).toBeUndefined();
    const noNumber = await move(id, 'FILED');
    expect(codesOf(noNumber)).toEqual(['VALIDATION_FAILED']);
    expect(noNumber.errors?.[0]?.extensions?.fields).toEqual([{ field: 'trackingNumber', code: 'FORMALITY_TRACKING_NUMBER_REQUIRED' }]);
    const filed = await move(id, 'FILED', { trackingNumber: 'J00099' });
    expect(filed.data?.moveFormality).toMatchObject({ state: 'FILED', trackingNumber: 'J00099', turn: 'OPERATOR' });
    await move(id, 'AWAITING_VALIDATION');
    expect(codesOf(await move(id, 'REJECTED'))).toEqual(['VALIDATION_FAILED']);
    const rejected = await move(id, 'REJECTED', { reason: 'Pièces non conformes' });
    expect(rejected.data?.moveFormality).toMatchObject({ state: 'REJECTED', turn: null, reason: 'Pièces non conformes' });
    expect(extension(await move(id, 'UNDER_REVIEW'), 'reason')).toBe('INVALID_TRANSITION');
    const { f: after } = await detail(david, id);
    expect(after?.timeline.map((e) => `${e.fromState ?? ''}>${e.toState ?? ''}`)).toEqual([
      '>DRAFT',
      'DRAFT>UNDER_REVIEW',
      'UNDER_REVIEW>FILED',
      'FILED>AWAITING_VALIDATION',
      'AWAITING_VALIDATION>REJECTED',
    ]);
    expect(after?.timeline.find((e) => e.toState === 'FILED')?.detail).toBe('J00099');
  });

  it('asks the client, who answers each request on its own; a rejected answer stays and the request opens again', async () => {
    const id = await open('Transfert à Nantes');
    const before = await count(app, "SELECT COUNT(*) AS n FROM outbox_emails WHERE to_address = 'david.bernard@demo-sas.fr'");
    const asked = await move(id, 'INFORMATION_REQUESTED', { dueDate: '2030-01-15' });
    expect(asked.data?.moveFormality).toMatchObject({ state: 'INFORMATION_REQUESTED', turn: 'CLIENT' });
    // David is the FORMALITE contact of Demo SAS: he is told, Chloé is not.
    expect(await count(app, "SELECT COUNT(*) AS n FROM outbox_emails WHERE to_address = 'david.bernard@demo-sas.fr'")).toBe(before + 1);
    expect(
      await count(app, "SELECT COUNT(*) AS n FROM outbox_emails WHERE to_address = 'chloe.durand@demo-sas.fr' AND kind LIKE 'formality%'"),
    ).toBe(0);

    const { f } = await detail(david, id);
    const date = f?.requests.find((r) => r.kind === 'DATE');
    const file = f?.requests[0];
    if (!date || !file) throw new Error('no requests');

    // A bad date, a value to a FILE request: coded, nothing saved.
    expect((await david.gql(ANSWER, { c: demoId, r: date.id, v: '2026-02-30' })).errors?.[0]?.extensions?.fields).toEqual([
      { field: 'value', code: 'FORMALITY_DATE_INVALID' },
    ]);
    expect(codesOf(await david.gql(ANSWER, { c: demoId, r: file.id, v: 'x' }))).toEqual(['VALIDATION_FAILED']);
    const ok = await david.gql<{ answerInformationRequest: { id: string; review: string } }>(ANSWER, {
      c: demoId,
      r: date.id,
      v: '2026-03-01',
    });
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.answerInformationRequest.review).toBe('PENDING');

    // File answers: a real PDF and a PNG pass; a file that is not what it claims does not.
    const fake = await upload(david, file.id, '<html>not a pdf</html>');
    expect(fake.status).toBe(400);
    expect(((await fake.json()) as { error: { fields: unknown[] } }).error.fields).toEqual([
      { field: 'file', code: 'FORMALITY_FILE_INVALID' },
    ]);
    const wrongType = await upload(david, file.id, PNG, 'text/html');
    expect(wrongType.status).toBe(400);
    await wrongType.body?.cancel();
    const pdf = await upload(david, file.id, await samplePdf());
    expect(pdf.status).toBe(201);
    const uploaded = (await pdf.json()) as { answer: { id: string; fileType: string } };
    expect(uploaded.answer.fileType).toBe('application/pdf');
    const png = await upload(david, f?.requests[1]?.id ?? '', PNG, 'image/png');
    expect(png.status).toBe(201);
    await png.body?.cancel();

    // Chloé (Facturation) can neither answer nor upload; Emma (another company) neither.
    expect(codesOf(await chloe.gql(ANSWER, { c: demoId, r: date.id, v: '2026-03-01' }))).toEqual(['FORBIDDEN']);
    const chloeUpload = await upload(chloe, file.id, await samplePdf());
    expect(chloeUpload.status).toBe(403);
    await chloeUpload.body?.cancel();
    expect(codesOf(await emma.gql(ANSWER, { c: demoId, r: date.id, v: '2026-03-01' }))).toEqual(['NOT_FOUND']);
    // Emma through her own company: the request is not one of Autre SARL's.
    const autreAdminAnswer = await emma.gql(ANSWER, { c: autreId, r: date.id, v: '2026-03-01' });
    expect(codesOf(autreAdminAnswer)).toEqual(expect.arrayContaining([expect.stringMatching(/NOT_FOUND|FORBIDDEN/)]));

    // The operator rejects the PDF with a reason: the answer stays, the request opens again.
    const rejected = await olivia.gql<{ reviewAnswer: { review: string } }>(REVIEW, { a: uploaded.answer.id, ok: false, why: 'Illisible' });
    expect(rejected.data?.reviewAnswer).toMatchObject({ review: 'REJECTED', reviewReason: 'Illisible' });
    expect(codesOf(await olivia.gql(REVIEW, { a: uploaded.answer.id, ok: true }))).toEqual(['CONFLICT']);
    expect(codesOf(await olivia.gql(REVIEW, { a: ok.data?.answerInformationRequest.id, ok: false }))).toEqual(['VALIDATION_FAILED']);
    expect((await olivia.gql(REVIEW, { a: ok.data?.answerInformationRequest.id, ok: true })).errors).toBeUndefined();

    const { f: after } = await detail(david, id);
    const again = after?.requests.find((r) => r.id === file.id);
    expect(again?.status).toBe('OPEN');
    expect(again?.answers).toEqual([
      expect.objectContaining({ review: 'REJECTED', reviewReason: 'Illisible', fileType: 'application/pdf' }),
    ]);
    expect(after?.requests.find((r) => r.id === date.id)?.status).toBe('ACCEPTED');
    // An accepted request is not answered again.
    expect(extension(await david.gql(ANSWER, { c: demoId, r: date.id, v: '2026-03-02' }), 'reason')).toBe('REQUEST_ACCEPTED');
    expect(after?.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['OPENED', 'STATE_CHANGED', 'ANSWERED', 'ANSWER_REJECTED', 'ANSWER_ACCEPTED']),
    );
    expect(after?.timeline.find((e) => e.kind === 'ANSWERED')).toMatchObject({ actorName: 'David Bernard', byOperator: false });
  });

  it('lists the client’s turn first, filters by state, and pages with cursors', async () => {
    const res = await david.gql<{
      company: {
        formalities: { totalCount: number; edges: { cursor: string; node: { id: string; turn: string | null; state: string } }[] };
      };
    }>(LIST, { c: demoId, first: 100 });
    expect(res.errors).toBeUndefined();
    const nodes = res.data?.company.formalities.edges.map((e) => e.node) ?? [];
    expect(nodes.length).toBe(res.data?.company.formalities.totalCount);
    const ranks = nodes.map((n) => (n.turn === 'CLIENT' ? 0 : n.turn === 'OPERATOR' ? 1 : 2));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(ranks[0]).toBe(0);
    // The demo's completed modification des statuts is there, after the others.
    expect(nodes.at(-1)?.turn ?? null).toBeNull();

    const paged: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: GraphQLResponse<{
        company: { formalities: { edges: { node: { id: string } }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } };
      }> = await david.gql(LIST, { c: demoId, first: 2, after });
      const conn = page.data?.company.formalities;
      paged.push(...(conn?.edges.map((e) => e.node.id) ?? []));
      if (!conn?.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(paged).toEqual(nodes.map((n) => n.id));

    const completed = await david.gql<{ company: { formalities: { edges: { node: { state: string } }[] } } }>(LIST, {
      c: demoId,
      f: { state: 'COMPLETED' },
    });
    expect(completed.data?.company.formalities.edges.map((e) => e.node.state)).toEqual(['COMPLETED']);
    expect(codesOf(await david.gql(LIST, { c: demoId, after: 'forged' }))).toEqual(['BAD_USER_INPUT']);
    // Chloé has no formality:read; Emma sees none of Demo SAS's, only Autre SARL's own.
    expect(codesOf(await chloe.gql(LIST, { c: demoId }))).toEqual(['FORBIDDEN']);
    expect(codesOf(await emma.gql(LIST, { c: demoId }))).toEqual(['NOT_FOUND']);
    const own = await emma.gql<{ company: { formalities: { edges: { node: { title: string; state: string } }[] } } }>(LIST, { c: autreId });
    expect(own.data?.company.formalities.edges.map((e) => [e.node.title, e.node.state])).toEqual([
      ['Nomination de la nouvelle gérante', 'UNDER_REVIEW'],
    ]);
  });

  it('delivers a PDF document that the client downloads through a signed link bound to them', async () => {
    const id = await open('Changement de président', 'CHANGEMENT_DIRIGEANT');
    const bytes = await samplePdf('Greffe du tribunal de commerce');
    const notPdf = await olivia.fetch(`/files/formality-documents/${demoId}/${id}?title=Kbis`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: 'not a pdf',
    });
    expect(notPdf.status).toBe(400);
    await notPdf.body?.cancel();
    const delivered = await olivia.fetch(`/files/formality-documents/${demoId}/${id}?title=${encodeURIComponent('Extrait Kbis')}`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: bytes,
    });
    expect(delivered.status).toBe(201);
    const doc = ((await delivered.json()) as { document: { id: string; size: number } }).document;
    expect(doc.size).toBe(bytes.length);
    // A document delivered to Demo SAS's formality under Autre SARL's id is not found.
    const wrongCompany = await olivia.fetch(`/files/formality-documents/${autreId}/${id}?title=X`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: bytes,
    });
    expect(wrongCompany.status).toBe(404);
    await wrongCompany.body?.cancel();

    const { f } = await detail(david, id);
    expect(f?.documents).toEqual([expect.objectContaining({ id: doc.id, title: 'Extrait Kbis', size: bytes.length })]);
    expect(f?.timeline.at(-1)).toMatchObject({ kind: 'DOCUMENT_DELIVERED', detail: 'Extrait Kbis' });

    const link = await david.gql<{ createFormalityDocumentLink: { url: string } }>(LINK, { c: demoId, d: doc.id });
    const url = link.data?.createFormalityDocumentLink.url ?? '';
    const got = await david.fetch(local(app, url));
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
    // Chloé can neither mint a link nor open David's.
    expect(codesOf(await chloe.gql(LINK, { c: demoId, d: doc.id }))).toEqual(['FORBIDDEN']);
    const stolen = await chloe.fetch(local(app, url));
    expect(stolen.status).toBe(403);
    await stolen.body?.cancel();
    const anonymous = await app.client().fetch(local(app, url));
    expect([401, 403]).toContain(anonymous.status);
    await anonymous.body?.cancel();
    // Emma cannot reach it under her own company.
    expect(codesOf(await emma.gql(LINK, { c: autreId, d: doc.id }))).toEqual(['NOT_FOUND']);
  });

  it('seeds Demo SAS with a formality waiting for the client and a completed one with its document', async () => {
    const rows: { id: string; state: string; type: string }[] = await app.db.ds.query(
      "SELECT id, state, type FROM formalities WHERE company_id = ? AND title IN ('Transfert du siège social à Lyon', 'Modification de l’objet social') ORDER BY type",
      [demoId],
    );
    expect(rows.map((r) => [r.type, r.state])).toEqual([
      ['MODIFICATION_STATUTS', 'COMPLETED'],
      ['TRANSFERT_SIEGE', 'INFORMATION_REQUESTED'],
    ]);
    const { f: waiting } = await detail(david, rows[1]?.id ?? '');
    const open = waiting?.requests.filter((r) => r.status === 'OPEN') ?? [];
    expect(open.map((r) => r.kind).sort()).toEqual(['DATE', 'FILE']);
    expect(waiting?.turn).toBe('CLIENT');
    const { f: done } = await detail(david, rows[0]?.id ?? '');
    expect(done?.documents.map((d) => d.title)).toEqual(['Extrait Kbis à jour']);
    expect(done?.trackingNumber).toBe('J00012345678');
  });
});
