import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { API_TOKEN_PRESETS } from '@guichet/shared';
import { Client, codesOf, startTestApp, type GraphQLResponse, type TestApp } from '../../../../test/harness';
import { count, local, samplePdf } from '../../mail/__tests__/mail-test-helpers';
import { CONSENT_VERSION } from '../consent';

/** pdfsig (Debian's poppler-utils) verifies the seal when it is installed; CI requires it. */
const hasPdfsig = spawnSync('pdfsig', ['-v']).error === undefined;
if (!hasPdfsig && process.env.REQUIRE_PDF_TOOLS === '1') {
  throw new Error('REQUIRE_PDF_TOOLS=1 but pdfsig not found (apt-get install -y poppler-utils).');
}
if (!hasPdfsig) console.warn('[signatures] skipping the pdfsig checks of the seal: pdfsig not found (apt-get install -y poppler-utils).');
const withPdfsig = hasPdfsig ? it : it.skip;

const OPEN = `mutation($c: ID!, $title: String!) { openFormality(companyId: $c, type: OTHER, title: $title) { id } }`;
const MOVE = `mutation($f: ID!, $to: FormalityState!) { moveFormality(formalityId: $f, to: $to) { id state } }`;
const REQUEST = `mutation($f: ID!, $d: ID!, $s: ID!, $h: String!) {
  requestSignature(formalityId: $f, documentId: $d, signerId: $s, documentSha256: $h) { id status signerId signerName documentSha256 attemptsLeft isMine verificationReference } }`;
const CODE = `mutation($c: ID!, $r: ID!) { requestSignatureCode(companyId: $c, signatureRequestId: $r) { sentTo expiresAt attemptsLeft } }`;
const SIGN = `mutation($c: ID!, $r: ID!, $code: String!, $v: String!, $l: ConsentLocale!) {
  signDocument(companyId: $c, signatureRequestId: $r, code: $code, consentVersion: $v, consentLocale: $l) { id status signedAt signedSha256 verificationReference } }`;
const DECLINE = `mutation($c: ID!, $r: ID!, $why: String!) { declineSignature(companyId: $c, signatureRequestId: $r, reason: $why) { id status declineReason declinedAt } }`;
const CANCEL = `mutation($r: ID!, $why: String!) { cancelSignatureRequest(signatureRequestId: $r, reason: $why) { id status } }`;
const DOC_LINK = `mutation($c: ID!, $r: ID!) { createSignatureDocumentLink(companyId: $c, signatureRequestId: $r) { url expiresAt } }`;
const SIGNED_LINK = `mutation($c: ID!, $r: ID!) { createSignedDocumentLink(companyId: $c, signatureRequestId: $r) { url } }`;
const EVIDENCE = `query($id: ID!) { operatorSignatureRequest(id: $id) { id status evidence { intact brokenAtSeq problem finalHash
  events { seq kind at ip userAgent userId userName companyId detail previousHash hash } } } }`;
const DETAIL = `query($c: ID!, $f: ID!) { company(id: $c) { formality(id: $f) { state turn
  timeline { kind detail actorName }
  signatureRequests { id status isMine attemptsLeft codeExpiresAt documentTitle consent(locale: EN) { version locale text } frConsent: consent { version locale text } } } } }`;

interface Prepared {
  formalityId: string;
  documentId: string;
  sha: string;
  requestId: string;
  pdf: Buffer;
}

describe('electronic signature: request, code, consent, sealed PDF, evidence', () => {
  let app: TestApp;
  let olivia: Client;
  let david: Client;
  let alice: Client;
  let chloe: Client;
  let emma: Client;
  let demoId: string;
  let autreId: string;
  const ids: Record<'david' | 'alice' | 'chloe' | 'bruno', string> = { david: '', alice: '', chloe: '', bruno: '' };
  let n = 0;

  const userId = async (email: string): Promise<string> => {
    const rows: { id: string }[] = await app.db.ds.query('SELECT id FROM users WHERE email = ?', [email]);
    return rows[0]?.id ?? '';
  };

  /** A formality under review with a delivered PDF, and (unless told not to) a signature requested from David. */
  const prepare = async (options: { request?: boolean } = {}): Promise<Prepared> => {
    n += 1;
    const opened = await olivia.gql<{ openFormality: { id: string } }>(OPEN, { c: demoId, title: `Pouvoir ${n}` });
    const formalityId = opened.data?.openFormality.id ?? '';
    expect((await olivia.gql(MOVE, { f: formalityId, to: 'UNDER_REVIEW' })).errors).toBeUndefined();
    const pdf = await samplePdf(`Pouvoir numéro ${n}`);
    const delivered = await olivia.fetch(
      `/files/formality-documents/${demoId}/${formalityId}?title=${encodeURIComponent(`Pouvoir ${n}`)}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/pdf' },
        body: pdf,
      },
    );
    expect(delivered.status).toBe(201);
    const documentId = ((await delivered.json()) as { document: { id: string } }).document.id;
    const sha = createHash('sha256').update(pdf).digest('hex');
    let requestId = '';
    if (options.request !== false) {
      const res = await olivia.gql<{ requestSignature: { id: string } }>(REQUEST, { f: formalityId, d: documentId, s: ids.david, h: sha });
      expect(res.errors).toBeUndefined();
      requestId = res.data?.requestSignature.id ?? '';
    }
    return { formalityId, documentId, sha, requestId, pdf };
  };

  /** The code of the last code email to David (read from the outbox, as the development mailbox shows it). */
  const lastCode = async (): Promise<string> => {
    const rows: { text_body: string }[] = await app.db.ds.query(
      "SELECT text_body FROM outbox_emails WHERE to_address = 'david.bernard@demo-sas.fr' AND kind = 'signature_code' ORDER BY created_at DESC, id DESC LIMIT 1",
    );
    const code = /: (\d{6})\b/.exec(rows[0]?.text_body ?? '')?.[1];
    if (!code) throw new Error('no code email');
    return code;
  };
  const askCode = async (requestId: string): Promise<string> => {
    const res = await david.gql(CODE, { c: demoId, r: requestId });
    expect(res.errors).toBeUndefined();
    return lastCode();
  };
  const sign = (client: Client, requestId: string, code: string, companyId = demoId, version = CONSENT_VERSION) =>
    client.gql<{ signDocument: { id: string; status: string; signedSha256: string; verificationReference: string } }>(SIGN, {
      c: companyId,
      r: requestId,
      code,
      v: version,
      l: 'FR',
    });
  const evidence = async (requestId: string) => {
    const res = await olivia.gql<{
      operatorSignatureRequest: {
        status: string;
        evidence: {
          intact: boolean;
          brokenAtSeq: number | null;
          problem: string | null;
          finalHash: string;
          events: {
            seq: number;
            kind: string;
            detail: string | null;
            ip: string | null;
            userAgent: string | null;
            userName: string | null;
          }[];
        };
      };
    }>(EVIDENCE, { id: requestId });
    expect(res.errors).toBeUndefined();
    const request = res.data?.operatorSignatureRequest;
    if (!request) throw new Error('no request');
    return request;
  };
  const fieldsOf = (res: GraphQLResponse) =>
    res.errors?.[0]?.extensions?.fields as { field: string; code: string; params?: Record<string, string> }[];
  const reasonOf = (res: GraphQLResponse): unknown => res.errors?.[0]?.extensions?.reason;

  beforeAll(async () => {
    app = await startTestApp({ SIGNATURE_CODES_PER_SIGNER_PER_HOUR: '40' });
    demoId = await app.companyId('Demo SAS');
    autreId = await app.companyId('Autre SARL');
    olivia = await app.as('olivia');
    david = await app.as('david');
    alice = await app.as('alice');
    chloe = await app.as('chloe');
    emma = await app.as('emma');
    ids.david = await userId('david.bernard@demo-sas.fr');
    ids.alice = await userId('alice.martin@demo-sas.fr');
    ids.chloe = await userId('chloe.durand@demo-sas.fr');
    ids.bruno = await userId('bruno.petit@demo-sas.fr');
  });
  afterAll(async () => app.close());

  it('runs a signature from the request to the sealed PDF, which pdfsig verifies', async () => {
    const p = await prepare();
    const detail = async () =>
      (
        await david.gql<{
          company: {
            formality: {
              state: string;
              timeline: { kind: string; detail: string | null }[];
              signatureRequests: {
                id: string;
                status: string;
                isMine: boolean;
                attemptsLeft: number;
                codeExpiresAt: string | null;
                consent: { version: string; locale: string; text: string };
                frConsent: { version: string; locale: string; text: string };
              }[];
            };
          };
        }>(DETAIL, { c: demoId, f: p.formalityId })
      ).data?.company.formality;
    const before = await detail();
    expect(before?.state).toBe('AWAITING_SIGNATURE');
    expect(before?.signatureRequests).toEqual([
      expect.objectContaining({ id: p.requestId, status: 'PENDING', isMine: true, attemptsLeft: 5, codeExpiresAt: null }),
    ]);
    const consent = before?.signatureRequests[0]?.frConsent;
    expect(consent).toMatchObject({ version: CONSENT_VERSION, locale: 'FR' });
    expect(consent?.text).toContain(`« Pouvoir ${n} »`);
    expect(before?.signatureRequests[0]?.consent.text).toMatch(/^I have read the whole document/);
    expect(before?.timeline.at(-1)).toMatchObject({ kind: 'SIGNATURE_REQUESTED', detail: `Pouvoir ${n} — David Bernard` });
    // Alice (an administrator) sees it, but it is not hers to sign.
    const aliceView = await alice.gql<{ company: { formality: { signatureRequests: { isMine: boolean }[] } } }>(DETAIL, {
      c: demoId,
      f: p.formalityId,
    });
    expect(aliceView.data?.company.formality.signatureRequests[0]?.isMine).toBe(false);
    // The signer was emailed (David is also the formalities contact: one email, the personal one).
    expect(
      await count(
        app,
        "SELECT COUNT(*) AS n FROM outbox_emails WHERE to_address = 'david.bernard@demo-sas.fr' AND kind = 'signature_requested'",
      ),
    ).toBeGreaterThanOrEqual(1);

    // David opens the document in the page: DOCUMENT_OPENED.
    const link = await david.gql<{ createSignatureDocumentLink: { url: string } }>(DOC_LINK, { c: demoId, r: p.requestId });
    const opened = await david.fetch(local(app, link.data?.createSignatureDocumentLink.url ?? ''));
    expect(opened.status).toBe(200);
    expect(Buffer.from(await opened.arrayBuffer()).equals(p.pdf)).toBe(true);

    const sent = await david.gql<{ requestSignatureCode: { sentTo: string; expiresAt: string; attemptsLeft: number } }>(CODE, {
      c: demoId,
      r: p.requestId,
    });
    expect(sent.data?.requestSignatureCode).toMatchObject({ sentTo: 'd***@demo-sas.fr', attemptsLeft: 5 });
    expect((await detail())?.signatureRequests[0]?.codeExpiresAt).toBe(sent.data?.requestSignatureCode.expiresAt);
    const code = await lastCode();
    // The code is stored hashed, never in clear.
    const stored: { code_hash: string }[] = await app.db.ds.query('SELECT code_hash FROM signature_requests WHERE id = ?', [p.requestId]);
    expect(stored[0]?.code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]?.code_hash).not.toContain(code);

    const signed = await sign(david, p.requestId, code);
    expect(signed.errors).toBeUndefined();
    expect(signed.data?.signDocument).toMatchObject({
      status: 'SIGNED',
      verificationReference: expect.stringMatching(/^GCH(-[0-9A-Z]{4}){3}$/),
    });
    const after = await detail();
    expect(after?.state).toBe('UNDER_REVIEW');
    expect(after?.timeline.map((e) => e.kind)).toEqual(expect.arrayContaining(['SIGNATURE_REQUESTED', 'SIGNED']));
    expect(after?.signatureRequests[0]).toMatchObject({ status: 'SIGNED', codeExpiresAt: null });
    // Signing twice: the request is no longer pending; nor can the signed document be requested again.
    expect(reasonOf(await sign(david, p.requestId, code))).toBe('SIGNATURE_NOT_PENDING');
    expect(reasonOf(await olivia.gql(REQUEST, { f: p.formalityId, d: p.documentId, s: ids.david, h: p.sha }))).toBe(
      'DOCUMENT_ALREADY_SIGNED',
    );
    // The contacts are told (David is the contact of Demo SAS).
    expect(
      await count(
        app,
        "SELECT COUNT(*) AS n FROM outbox_emails WHERE to_address = 'david.bernard@demo-sas.fr' AND kind = 'signature_completed'",
      ),
    ).toBeGreaterThanOrEqual(1);

    const trail = await evidence(p.requestId);
    expect(trail.evidence.intact).toBe(true);
    const kinds = trail.evidence.events.map((e) => e.kind);
    expect(kinds.slice(0, 2)).toEqual(['REQUEST_CREATED', 'EMAIL_SENT']);
    expect(kinds).toEqual(expect.arrayContaining(['DOCUMENT_OPENED', 'CODE_SENT', 'CODE_ACCEPTED', 'CONSENT_GIVEN', 'SIGNED']));
    expect(kinds.indexOf('SIGNED')).toBeGreaterThan(kinds.indexOf('CONSENT_GIVEN'));
    expect(trail.evidence.events.find((e) => e.kind === 'EMAIL_SENT')?.detail).toMatch(/Message-ID <[0-9a-f-]{36}@guichet\.localhost>/);
    const consentEvent = trail.evidence.events.find((e) => e.kind === 'CONSENT_GIVEN');
    expect(consentEvent?.detail).toBe(`version ${CONSENT_VERSION} (FR): ${consent?.text ?? ''}`);
    expect(consentEvent).toMatchObject({ userName: 'David Bernard', ip: expect.any(String), userAgent: expect.any(String) });

    // The sealed PDF: its SHA-256 is the one announced, it is the original plus one page.
    const signedLink = await david.gql<{ createSignedDocumentLink: { url: string } }>(SIGNED_LINK, { c: demoId, r: p.requestId });
    const got = await david.fetch(local(app, signedLink.data?.createSignedDocumentLink.url ?? ''));
    expect(got.status).toBe(200);
    const sealed = Buffer.from(await got.arrayBuffer());
    expect(createHash('sha256').update(sealed).digest('hex')).toBe(signed.data?.signDocument.signedSha256);
    expect(sealed.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sealed.includes(Buffer.from('/ETSI.CAdES.detached'))).toBe(true);
    // Chloé (Facturation) can neither mint a link nor open David's.
    expect(codesOf(await chloe.gql(SIGNED_LINK, { c: demoId, r: p.requestId }))).toEqual(['FORBIDDEN']);
    const stolen = await chloe.fetch(local(app, signedLink.data?.createSignedDocumentLink.url ?? ''));
    expect(stolen.status).toBe(403);
    await stolen.body?.cancel();

    if (hasPdfsig) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guichet-sealed-'));
      try {
        const file = path.join(dir, 'signed.pdf');
        fs.writeFileSync(file, sealed);
        const report = spawnSync('pdfsig', [file], { encoding: 'utf8' });
        expect(report.stdout).toContain('Signature Type: ETSI.CAdES.detached');
        expect(report.stdout).toContain('Signature Validation: Signature is Valid.');
        expect(report.stdout).toContain('Total document signed');
        expect(report.stdout).toMatch(/Certificate Validation: (Certificate issuer is unknown|Certificate is not trusted|Untrusted)/);
        const pages = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
        if (pages.error === undefined) {
          expect(pages.stdout).toContain('Certificat de signature électronique');
          expect(pages.stdout).toContain(signed.data?.signDocument.verificationReference ?? 'missing');
          expect(pages.stdout).toContain(p.sha);
        }
        // One byte changed inside the signed range: the seal no longer verifies.
        const tampered = Buffer.from(sealed);
        const at = tampered.indexOf(Buffer.from('Certificat'));
        const target = at > 0 ? at : 200;
        tampered[target] = (tampered[target] ?? 0) ^ 0x01;
        const changed = path.join(dir, 'changed.pdf');
        fs.writeFileSync(changed, tampered);
        const broken = spawnSync('pdfsig', [changed], { encoding: 'utf8' });
        expect(broken.stdout).not.toContain('Signature is Valid.');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  withPdfsig('pdfsig reports the document as not modified since the seal', async () => {
    const p = await prepare();
    const signed = await sign(david, p.requestId, await askCode(p.requestId));
    expect(signed.errors).toBeUndefined();
    const rows: { signed_file_key: string }[] = await app.db.ds.query('SELECT signed_file_key FROM signature_requests WHERE id = ?', [
      p.requestId,
    ]);
    const file = path.join(app.db.dataDir, 'files', rows[0]?.signed_file_key ?? '');
    const report = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    expect(report.stdout).toContain('Signature is Valid.');
    // poppler says the signed ranges cover the whole file: nothing was added after the seal.
    expect(report.stdout).toContain('Total document signed');
  });

  it('counts wrong codes, refuses an expired one and a replaced one', async () => {
    const p = await prepare();
    const first = await askCode(p.requestId);
    const second = await askCode(p.requestId);
    const wrong = second === '000000' ? '111111' : '000000';
    const res = await sign(david, p.requestId, wrong);
    expect(codesOf(res)).toEqual(['VALIDATION_FAILED']);
    expect(fieldsOf(res)).toEqual([{ field: 'code', code: 'SIGNATURE_CODE_INVALID', params: { attemptsLeft: '4' } }]);
    // A new code replaced the first one: the first no longer works (unless both drew the same digits).
    if (first !== second) {
      expect(fieldsOf(await sign(david, p.requestId, first))?.[0]?.params).toEqual({ attemptsLeft: '3' });
    }
    // Nothing typed, or not asked for: the code is required.
    expect(fieldsOf(await sign(david, p.requestId, '  '))).toEqual([{ field: 'code', code: 'SIGNATURE_CODE_REQUIRED' }]);
    // Expired (the clock moves: the stored expiry is put in the past).
    await app.db.ds.query('UPDATE signature_requests SET code_expires_at = ? WHERE id = ?', [
      app.db.date(new Date(Date.now() - 1000)),
      p.requestId,
    ]);
    expect(fieldsOf(await sign(david, p.requestId, second))).toEqual([{ field: 'code', code: 'SIGNATURE_CODE_EXPIRED' }]);
    const trail = await evidence(p.requestId);
    expect(trail.evidence.events.filter((e) => e.kind === 'CODE_FAILED').length).toBe(first !== second ? 2 : 1);
    expect(trail.status).toBe('PENDING');
  });

  it('locks after 5 wrong codes, tells the operator, and refuses the sixth try', async () => {
    const p = await prepare();
    const code = await askCode(p.requestId);
    const wrong = code === '000000' ? '111111' : '000000';
    const left: string[] = [];
    for (let i = 0; i < 5; i += 1) left.push(fieldsOf(await sign(david, p.requestId, wrong))?.[0]?.params?.attemptsLeft ?? '?');
    expect(left).toEqual(['4', '3', '2', '1', '0']);
    const sixth = await sign(david, p.requestId, code);
    expect(codesOf(sixth)).toEqual(['CONFLICT']);
    expect(reasonOf(sixth)).toBe('SIGNATURE_LOCKED');
    expect(reasonOf(await david.gql(CODE, { c: demoId, r: p.requestId }))).toBe('SIGNATURE_LOCKED');
    expect(
      await count(
        app,
        "SELECT COUNT(*) AS n FROM outbox_emails WHERE to_address = 'formalites@domicile-pro.fr' AND kind = 'signature_locked_operator' AND text_body LIKE ?",
        [`%Pouvoir ${n}%`],
      ),
    ).toBe(1);
    const trail = await evidence(p.requestId);
    expect(trail.status).toBe('LOCKED');
    expect(trail.evidence.events.map((e) => e.kind).filter((k) => k === 'CODE_FAILED' || k === 'LOCKED')).toEqual([
      'CODE_FAILED',
      'CODE_FAILED',
      'CODE_FAILED',
      'CODE_FAILED',
      'CODE_FAILED',
      'LOCKED',
    ]);
    const state = await olivia.gql<{ operatorFormality: { state: string } }>('query($f: ID!) { operatorFormality(id: $f) { state } }', {
      f: p.formalityId,
    });
    expect(state.data?.operatorFormality.state).toBe('UNDER_REVIEW');
    // The operator may withdraw the locked request, then ask again.
    expect((await olivia.gql(CANCEL, { r: p.requestId, why: 'Essais non reconnus par le client' })).errors).toBeUndefined();
  });

  it('refuses a document whose stored bytes changed, and an outdated consent, changing nothing', async () => {
    const p = await prepare();
    const code = await askCode(p.requestId);
    expect(reasonOf(await sign(david, p.requestId, code, demoId, '2020-01-v0'))).toBe('CONSENT_OUTDATED');
    const rows: { file_key: string }[] = await app.db.ds.query('SELECT file_key FROM formality_documents WHERE id = ?', [p.documentId]);
    const file = path.join(app.db.dataDir, 'files', rows[0]?.file_key ?? '');
    fs.writeFileSync(file, await samplePdf('Un autre pouvoir'));
    const changed = await sign(david, p.requestId, code);
    expect(codesOf(changed)).toEqual(['CONFLICT']);
    expect(reasonOf(changed)).toBe('DOCUMENT_CHANGED');
    const trail = await evidence(p.requestId);
    expect(trail.status).toBe('PENDING');
    expect(trail.evidence.events.map((e) => e.kind)).not.toContain('CODE_ACCEPTED');
    // A request for the changed document, under the SHA-256 the operator saw: refused too.
    const again = await prepare({ request: false });
    const other: { file_key: string }[] = await app.db.ds.query('SELECT file_key FROM formality_documents WHERE id = ?', [
      again.documentId,
    ]);
    fs.writeFileSync(path.join(app.db.dataDir, 'files', other[0]?.file_key ?? ''), await samplePdf('Modifié'));
    expect(reasonOf(await olivia.gql(REQUEST, { f: again.formalityId, d: again.documentId, s: ids.david, h: again.sha }))).toBe(
      'DOCUMENT_CHANGED',
    );
    expect(fieldsOf(await olivia.gql(REQUEST, { f: again.formalityId, d: again.documentId, s: ids.david, h: 'abc' }))).toEqual([
      { field: 'documentSha256', code: 'DOCUMENT_HASH_INVALID' },
    ]);
  });

  it('gives exactly one signature to two concurrent confirmations with the right code', async () => {
    const p = await prepare();
    const code = await askCode(p.requestId);
    const [a, b] = await Promise.all([sign(david, p.requestId, code), sign(david, p.requestId, code)]);
    const outcomes = [a, b].map((r) => (r.errors ? String(reasonOf(r)) : (r.data?.signDocument.status ?? '')));
    expect(outcomes.sort()).toEqual(['SIGNATURE_NOT_PENDING', 'SIGNED']);
    const trail = await evidence(p.requestId);
    expect(trail.evidence.intact).toBe(true);
    expect(trail.evidence.events.filter((e) => e.kind === 'SIGNED')).toHaveLength(1);
    const dir = path.join(app.db.dataDir, 'files', demoId, 'formalities', p.formalityId, 'signatures');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith(p.requestId))).toHaveLength(1);
  });

  it('lets only the signer sign: not an API token, not staff, not another member, not another company', async () => {
    const p = await prepare();
    const code = await askCode(p.requestId);
    // An API token, even with every formality permission, cannot sign (formality:sign needs a person).
    const created = await alice.gql<{ createApiToken: { secret: string } }>(
      'mutation($c: ID!, $input: CreateApiTokenInput!) { createApiToken(companyId: $c, input: $input) { secret } }',
      {
        c: demoId,
        input: { name: 'Outil formalités', permissions: API_TOKEN_PRESETS.FORMALITIES.map((x) => x.replace(':', '_').toUpperCase()) },
      },
    );
    const token = Client.withToken(app.url, created.data?.createApiToken.secret ?? '');
    expect(codesOf(await sign(token, p.requestId, code))).toEqual(['FORBIDDEN']);
    expect(codesOf(await token.gql(CODE, { c: demoId, r: p.requestId }))).toEqual(['FORBIDDEN']);
    // Staff: not a member of the client, so the company is not theirs.
    expect(codesOf(await sign(olivia, p.requestId, code))).toEqual(['NOT_FOUND']);
    // Alice holds FORMALITE (as an administrator) but is not the signer.
    const aliceTry = await sign(alice, p.requestId, code);
    expect(codesOf(aliceTry)).toEqual(['FORBIDDEN']);
    expect(reasonOf(aliceTry)).toBe('NOT_THE_SIGNER');
    expect(reasonOf(await alice.gql(DECLINE, { c: demoId, r: p.requestId, why: 'Non' }))).toBe('NOT_THE_SIGNER');
    // Chloé (Facturation) has no formality:sign; Emma's company does not hold the request.
    expect(codesOf(await sign(chloe, p.requestId, code))).toEqual(['FORBIDDEN']);
    expect(codesOf(await sign(emma, p.requestId, code, autreId))).toEqual(['NOT_FOUND']);
    expect(codesOf(await emma.gql(DOC_LINK, { c: autreId, r: p.requestId }))).toEqual(['NOT_FOUND']);
    expect(codesOf(await sign(emma, p.requestId, code))).toEqual(['NOT_FOUND']);
    // None of this spent an attempt; David still signs.
    expect((await sign(david, p.requestId, code)).data?.signDocument.status).toBe('SIGNED');
  });

  it('refuses a signer without FORMALITE, and lists the members who may sign', async () => {
    const p = await prepare({ request: false });
    for (const who of [ids.chloe, ids.bruno]) {
      const res = await olivia.gql(REQUEST, { f: p.formalityId, d: p.documentId, s: who, h: p.sha });
      expect(fieldsOf(res)).toEqual([{ field: 'signerId', code: 'SIGNER_NOT_ALLOWED' }]);
    }
    const staffSigner = await olivia.gql(REQUEST, {
      f: p.formalityId,
      d: p.documentId,
      s: await userId('olivia.robert@domicile-pro.fr'),
      h: p.sha,
    });
    expect(fieldsOf(staffSigner)).toEqual([{ field: 'signerId', code: 'SIGNER_NOT_ALLOWED' }]);
    const signers = await olivia.gql<{ operatorFormalitySigners: { userId: string; name: string; email: string }[] }>(
      'query($c: ID!) { operatorFormalitySigners(companyId: $c) { userId name email } }',
      { c: demoId },
    );
    expect(signers.data?.operatorFormalitySigners.map((s) => s.userId).sort()).toEqual([ids.alice, ids.david].sort());
    // The formality was not moved by the refused requests; a formality in DRAFT cannot await a signature.
    const draft = await olivia.gql<{ openFormality: { id: string } }>(OPEN, { c: demoId, title: 'Brouillon' });
    const state = await olivia.gql<{ operatorFormality: { state: string } }>('query($f: ID!) { operatorFormality(id: $f) { state } }', {
      f: p.formalityId,
    });
    expect(state.data?.operatorFormality.state).toBe('UNDER_REVIEW');
    const draftId = draft.data?.openFormality.id ?? '';
    const draftPdf = await samplePdf('Brouillon');
    const delivered = await olivia.fetch(`/files/formality-documents/${demoId}/${draftId}?title=Brouillon`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: draftPdf,
    });
    const draftDoc = ((await delivered.json()) as { document: { id: string } }).document.id;
    const inDraft = await olivia.gql(REQUEST, {
      f: draftId,
      d: draftDoc,
      s: ids.david,
      h: createHash('sha256').update(draftPdf).digest('hex'),
    });
    expect(reasonOf(inDraft)).toBe('INVALID_TRANSITION');
    // While the client is asked for information, a signature joins what is asked: the state stays.
    expect((await olivia.gql(MOVE, { f: draftId, to: 'INFORMATION_REQUESTED' })).errors).toBeUndefined();
    const asked = await olivia.gql<{ requestSignature: { status: string } }>(REQUEST, {
      f: draftId,
      d: draftDoc,
      s: ids.david,
      h: createHash('sha256').update(draftPdf).digest('hex'),
    });
    expect(asked.data?.requestSignature.status).toBe('PENDING');
    const kept = await olivia.gql<{ operatorFormality: { state: string } }>('query($f: ID!) { operatorFormality(id: $f) { state } }', {
      f: draftId,
    });
    expect(kept.data?.operatorFormality.state).toBe('INFORMATION_REQUESTED');
    // A document delivered on another formality is not this one's.
    const elsewhere = await olivia.gql(REQUEST, { f: draftId, d: p.documentId, s: ids.david, h: p.sha });
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', resource: 'Document' });
    // Only the operator asks for signatures.
    expect(codesOf(await alice.gql(REQUEST, { f: p.formalityId, d: p.documentId, s: ids.david, h: p.sha }))).toEqual(['FORBIDDEN']);
  });

  it('keeps a hash chain that verifies, and says where it breaks when a row is changed', async () => {
    const p = await prepare();
    await askCode(p.requestId);
    const intact = await evidence(p.requestId);
    expect(intact.evidence).toMatchObject({ intact: true, brokenAtSeq: null, problem: null });
    const events = intact.evidence.events;
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(intact.evidence.finalHash).toBe((events.at(-1) as unknown as { hash: string }).hash);
    // Members do not see the evidence (staff only).
    const member = await david.gql<{ company: { formality: { signatureRequests: { evidence: unknown }[] } } }>(
      'query($c: ID!, $f: ID!) { company(id: $c) { formality(id: $f) { signatureRequests { id evidence { intact } } } } }',
      { c: demoId, f: p.formalityId },
    );
    expect(codesOf(member)).toEqual(['FORBIDDEN']);
    expect(member.data?.company.formality.signatureRequests[0]?.evidence).toBeNull();

    await app.db.ds.query("UPDATE signature_events SET detail = 'tampered' WHERE request_id = ? AND seq = 2", [p.requestId]);
    const broken = await evidence(p.requestId);
    expect(broken.evidence).toMatchObject({ intact: false, brokenAtSeq: 2 });
    expect(broken.evidence.problem).toMatch(/does not match its hash/);
    // A removed event breaks the chain at the next one.
    await app.db.ds.query('UPDATE signature_events SET detail = ? WHERE request_id = ? AND seq = 2', [
      events[1]?.detail ?? null,
      p.requestId,
    ]);
    expect((await evidence(p.requestId)).evidence.intact).toBe(true);
    await app.db.ds.query('DELETE FROM signature_events WHERE request_id = ? AND seq = 2', [p.requestId]);
    expect((await evidence(p.requestId)).evidence).toMatchObject({ intact: false, brokenAtSeq: 3 });
  });

  it('declines with a reason and tells the operator; the operator cancels another', async () => {
    const p = await prepare();
    expect(fieldsOf(await david.gql(DECLINE, { c: demoId, r: p.requestId, why: '  ' }))).toEqual([
      { field: 'reason', code: 'SIGNATURE_REASON_REQUIRED' },
    ]);
    const declined = await david.gql<{ declineSignature: { status: string; declineReason: string } }>(DECLINE, {
      c: demoId,
      r: p.requestId,
      why: 'Le mandataire n’est pas le bon',
    });
    expect(declined.data?.declineSignature).toMatchObject({ status: 'DECLINED', declineReason: 'Le mandataire n’est pas le bon' });
    expect(
      await count(
        app,
        "SELECT COUNT(*) AS n FROM outbox_emails WHERE to_address = 'formalites@domicile-pro.fr' AND kind = 'signature_declined_operator' AND text_body LIKE ?",
        ['%Le mandataire n’est pas le bon%'],
      ),
    ).toBe(1);
    expect(reasonOf(await david.gql(CODE, { c: demoId, r: p.requestId }))).toBe('SIGNATURE_NOT_PENDING');
    expect((await evidence(p.requestId)).evidence.events.at(-2)?.kind).toBe('DECLINED');
    // The declined document may be asked for again; then the operator withdraws that request.
    const again = await olivia.gql<{ requestSignature: { id: string } }>(REQUEST, {
      f: p.formalityId,
      d: p.documentId,
      s: ids.david,
      h: p.sha,
    });
    expect(again.errors).toBeUndefined();
    expect(reasonOf(await olivia.gql(REQUEST, { f: p.formalityId, d: p.documentId, s: ids.david, h: p.sha }))).toBe(
      'SIGNATURE_ALREADY_REQUESTED',
    );
    const cancelled = await olivia.gql<{ cancelSignatureRequest: { status: string } }>(CANCEL, {
      r: again.data?.requestSignature.id,
      why: 'Nouveau modèle',
    });
    expect(cancelled.data?.cancelSignatureRequest.status).toBe('CANCELLED');
    expect(codesOf(await david.gql(CANCEL, { r: again.data?.requestSignature.id, why: 'x' }))).toEqual(['FORBIDDEN']);
    expect(
      await count(
        app,
        "SELECT COUNT(*) AS n FROM outbox_emails WHERE to_address = 'david.bernard@demo-sas.fr' AND kind = 'signature_cancelled'",
      ),
    ).toBeGreaterThanOrEqual(1);
  });

  it('opens a client’s file answer through links, for the member and for the operator', async () => {
    const rows: { id: string; file_sha256: string }[] = await app.db.ds.query(
      'SELECT id, file_sha256 FROM information_answers WHERE company_id = ? AND file_key IS NOT NULL ORDER BY id LIMIT 1',
      [demoId],
    );
    const answer = rows[0];
    if (!answer) throw new Error('no seeded file answer');
    const mint = await david.gql<{ createFormalityAnswerLink: { url: string } }>(
      'mutation($c: ID!, $a: ID!) { createFormalityAnswerLink(companyId: $c, answerId: $a) { url } }',
      { c: demoId, a: answer.id },
    );
    const got = await david.fetch(local(app, mint.data?.createFormalityAnswerLink.url ?? ''));
    expect(got.status).toBe(200);
    expect(
      createHash('sha256')
        .update(Buffer.from(await got.arrayBuffer()))
        .digest('hex'),
    ).toBe(answer.file_sha256);
    const stolen = await chloe.fetch(local(app, mint.data?.createFormalityAnswerLink.url ?? ''));
    expect(stolen.status).toBe(403);
    await stolen.body?.cancel();
    expect(
      codesOf(
        await emma.gql('mutation($c: ID!, $a: ID!) { createFormalityAnswerLink(companyId: $c, answerId: $a) { url } }', {
          c: autreId,
          a: answer.id,
        }),
      ),
    ).toEqual(['NOT_FOUND']);

    const staffLink = await olivia.gql<{ operatorAnswerLink: { url: string } }>(
      'mutation($a: ID!) { operatorAnswerLink(answerId: $a) { url } }',
      {
        a: answer.id,
      },
    );
    const staffGot = await olivia.fetch(local(app, staffLink.data?.operatorAnswerLink.url ?? ''));
    expect(staffGot.status).toBe(200);
    await staffGot.body?.cancel();
    // Staff access to a client's file shows in the client's journal.
    expect(
      await count(
        app,
        "SELECT COUNT(*) AS n FROM activity_events WHERE company_id = ? AND action = 'operator.file_opened' AND target_id = ?",
        [demoId, answer.id],
      ),
    ).toBe(1);
    // David cannot use the operator's link, nor mint one.
    const davidTry = await david.fetch(local(app, staffLink.data?.operatorAnswerLink.url ?? ''));
    expect(davidTry.status).toBe(403);
    await davidTry.body?.cancel();
    expect(codesOf(await david.gql('mutation($a: ID!) { operatorAnswerLink(answerId: $a) { url } }', { a: answer.id }))).toEqual([
      'FORBIDDEN',
    ]);
  });

  it('seeds a pending signature of the pouvoir for David on Demo SAS’s transfert de siège', async () => {
    const rows: { id: string; status: string; signer_name: string; document_title: string }[] = await app.db.ds.query(
      `SELECT r.id, r.status, r.signer_name, r.document_title FROM signature_requests r JOIN formalities f ON f.id = r.formality_id
        WHERE f.company_id = ? AND f.title = 'Transfert du siège social à Lyon'`,
      [demoId],
    );
    expect(rows.map((r) => [r.status, r.signer_name, r.document_title])).toEqual([['PENDING', 'David Bernard', 'Pouvoir à signer']]);
    const trail = await evidence(rows[0]?.id ?? '');
    expect(trail.evidence.intact).toBe(true);
    expect(trail.evidence.events.map((e) => e.kind)).toEqual(['REQUEST_CREATED']);
  });

  it('limits the codes a signer may ask for per hour', async () => {
    const p = await prepare();
    let refused: GraphQLResponse | null = null;
    for (let i = 0; i < 41 && !refused; i += 1) {
      const res = await david.gql(CODE, { c: demoId, r: p.requestId });
      if (res.errors) refused = res;
    }
    expect(refused && codesOf(refused)).toEqual(['RATE_LIMITED']);
    expect(refused?.errors?.[0]?.extensions?.retryAfter).toEqual(expect.any(Number));
  });
});
