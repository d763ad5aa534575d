import fs from 'node:fs';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { startTestApp, type Client, type TestApp } from '../../../test/harness';
import { isPutObject, startFaultProxy, startS3Peer, type FaultProxy, type S3Peer } from '../../../test/s3-peer';
import { count, local, samplePdf, upload } from '../../modules/mail/__tests__/mail-test-helpers';
import { readZip } from '../../modules/mail/__tests__/zip-reader';
import { issue, oneOff } from '../../modules/invoices/__tests__/invoice-test-helpers';
import { sha256 } from './storage-contract';

const LINK = `mutation($c: ID!, $m: ID!) { createMailItemLink(companyId: $c, mailItemId: $m) { url } }`;
const EXPORT = `mutation($c: ID!) { createMailExport(companyId: $c) { url itemCount } }`;

/** The whole API on FILE_STORAGE=s3, against s3rver on loopback behind a proxy that can make it fail. */
describe('files on S3, through the API', () => {
  let peer: S3Peer;
  let proxy: FaultProxy;
  let app: TestApp;
  let olivia: Client;
  let bruno: Client;
  let demoId: string;

  const objectBytes = async (objectKey: string): Promise<Buffer> => {
    const out = await peer.client.send(new GetObjectCommand({ Bucket: peer.bucket, Key: objectKey }));
    return Buffer.from((await out.Body?.transformToByteArray()) ?? []);
  };
  const errorOf = async (res: Response): Promise<{ status: number; code: string; retryAfter: string | null }> => ({
    status: res.status,
    code: ((await res.json()) as { error: { code: string } }).error.code,
    retryAfter: res.headers.get('retry-after'),
  });

  beforeAll(async () => {
    peer = await startS3Peer('guichet-files');
    proxy = await startFaultProxy(peer.endpoint);
    app = await startTestApp({
      FILE_STORAGE: 's3',
      S3_BUCKET: peer.bucket,
      S3_ENDPOINT: proxy.endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_CHECKSUMS: 'when_required',
      S3_PREFIX: 'guichet',
      S3_REQUEST_TIMEOUT_MS: '1000',
      S3_MAX_ATTEMPTS: '2',
    });
    olivia = await app.as('olivia');
    bruno = await app.as('bruno');
    demoId = await app.companyId('Demo SAS');
  });
  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await peer?.close();
  });
  beforeEach(() => {
    proxy.rule = () => 'pass';
  });

  it('keeps the demo’s files in the bucket, under the prefix, and none on disk', async () => {
    const rows: { file_key: string }[] = await app.db.ds.query('SELECT file_key FROM mail_items');
    expect(rows.length).toBeGreaterThan(0);
    const keys = new Set(await peer.keys('guichet/'));
    expect(rows.filter((r) => !keys.has(`guichet/${r.file_key}`))).toEqual([]);
    expect(fs.existsSync(path.join(app.env.dataDir, 'files'))).toBe(false);
  });

  it('an operator uploads a scan; a member downloads the same bytes; the ZIP export holds them', async () => {
    const pdf = await samplePdf('Greffe du tribunal de commerce', 3);
    const up = await upload(app, olivia, { companyId: demoId, sender: 'Greffe du tribunal de commerce' }, pdf);
    expect(up.status).toBe(201);
    const id = up.body.mailItem?.id as string;
    expect(up.body.mailItem?.sha256).toBe(sha256(pdf));
    expect((await objectBytes(`guichet/${demoId}/mail/${id}.pdf`)).equals(pdf)).toBe(true);

    const link = await bruno.gql<{ createMailItemLink: { url: string } }>(LINK, { c: demoId, m: id });
    expect(link.errors).toBeUndefined();
    const res = await bruno.fetch(local(app, link.data?.createMailItemLink.url as string));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(pdf.length));
    expect(Buffer.from(await res.arrayBuffer()).equals(pdf)).toBe(true);

    const rows: { id: string; file_sha256: string }[] = await app.db.ds.query(
      'SELECT id, file_sha256 FROM mail_items WHERE company_id = ?',
      [demoId],
    );
    const exp = await bruno.gql<{ createMailExport: { url: string; itemCount: number } }>(EXPORT, { c: demoId });
    expect(exp.data?.createMailExport.itemCount).toBe(rows.length);
    const zip = await bruno.fetch(local(app, exp.data?.createMailExport.url as string));
    expect(zip.status).toBe(200);
    const entries = await readZip(Buffer.from(await zip.arrayBuffer()));
    const pdfs = entries.filter((e) => e.name.endsWith('.pdf'));
    expect(pdfs).toHaveLength(rows.length);
    expect(pdfs.map((e) => sha256(e.data)).sort()).toEqual(rows.map((r) => r.file_sha256).sort());
    expect(pdfs.some((e) => e.data.equals(pdf))).toBe(true);
  });

  it('S3 failing: an upload answers 503 STORAGE_UNAVAILABLE, and no row claims a file', async () => {
    const items = await count(app, 'SELECT COUNT(*) AS n FROM mail_items');
    const keys = await peer.keys();
    for (const action of ['fail', 'stall'] as const) {
      proxy.rule = (r) => (isPutObject(r) ? action : 'pass');
      const started = Date.now();
      const res = await fetch(`${app.url}/files/mail?companyId=${demoId}&sender=Banque`, {
        method: 'POST',
        headers: { 'content-type': 'application/pdf', ...olivia.authHeaders() },
        body: await samplePdf('Banque'),
      });
      expect([action, await errorOf(res)]).toEqual([action, { status: 503, code: 'STORAGE_UNAVAILABLE', retryAfter: '5' }]);
      // Two attempts of at most 1 s each, then the clean-up.
      expect(Date.now() - started).toBeLessThan(5000);
    }
    expect(await count(app, 'SELECT COUNT(*) AS n FROM mail_items')).toBe(items);
    expect(await peer.keys()).toEqual(keys);
  });

  it('S3 failing: issueInvoice answers STORAGE_UNAVAILABLE with Retry-After, no invoice is issued; it works again afterwards', async () => {
    const invoices = await count(app, 'SELECT COUNT(*) AS n FROM invoices');
    const keys = await peer.keys();
    proxy.rule = (r) => (isPutObject(r) ? 'fail' : 'pass');
    const failed = await issue(olivia, demoId, oneOff());
    // The answer has data (`issueInvoice: null`), so its status stays 200 as GraphQL over HTTP asks;
    // the code says what happened, and Retry-After when to try again.
    expect(failed.status).toBe(200);
    expect(failed.data).toEqual({ issueInvoice: null });
    expect(failed.headers.get('retry-after')).toBe('5');
    expect(failed.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['STORAGE_UNAVAILABLE', 'The file storage is temporarily unavailable: nothing was changed. Retry in a few seconds.'],
    ]);
    expect(await count(app, 'SELECT COUNT(*) AS n FROM invoices')).toBe(invoices);
    expect(await peer.keys()).toEqual(keys);
    proxy.rule = () => 'pass';
    const ok = await issue(olivia, demoId, oneOff());
    expect(ok.errors).toBeUndefined();
    const row: { pdf_key: string; pdf_sha256: string }[] = await app.db.ds.query('SELECT pdf_key, pdf_sha256 FROM invoices WHERE id = ?', [
      ok.data?.issueInvoice.id,
    ]);
    expect(sha256(await objectBytes(`guichet/${row[0]?.pdf_key}`))).toBe(row[0]?.pdf_sha256);
  });

  it('S3 failing: delivering a formality document answers 503, no document row', async () => {
    const formalities: { id: string }[] = await app.db.ds.query(
      "SELECT id FROM formalities WHERE company_id = ? AND state NOT IN ('CANCELLED', 'REJECTED', 'COMPLETED') LIMIT 1",
      [demoId],
    );
    const formalityId = formalities[0]?.id as string;
    expect(formalityId).toBeDefined();
    const documents = await count(app, 'SELECT COUNT(*) AS n FROM formality_documents');
    proxy.rule = (r) => (isPutObject(r) ? 'fail' : 'pass');
    const res = await olivia.fetch(`/files/formality-documents/${demoId}/${formalityId}?title=Kbis`, {
      method: 'POST',
      headers: { 'content-type': 'application/pdf' },
      body: await samplePdf('Greffe'),
    });
    expect(await errorOf(res)).toEqual({ status: 503, code: 'STORAGE_UNAVAILABLE', retryAfter: '5' });
    expect(await count(app, 'SELECT COUNT(*) AS n FROM formality_documents')).toBe(documents);
  });

  it('S3 failing: a download answers 503 STORAGE_UNAVAILABLE, not 404 or 500', async () => {
    const rows: { id: string }[] = await app.db.ds.query('SELECT id FROM mail_items WHERE company_id = ? LIMIT 1', [demoId]);
    const link = await bruno.gql<{ createMailItemLink: { url: string } }>(LINK, { c: demoId, m: rows[0]?.id });
    proxy.rule = (r) => (r.method === 'GET' ? 'fail' : 'pass');
    expect(await errorOf(await bruno.fetch(local(app, link.data?.createMailItemLink.url as string)))).toEqual({
      status: 503,
      code: 'STORAGE_UNAVAILABLE',
      retryAfter: '5',
    });
  });
});
