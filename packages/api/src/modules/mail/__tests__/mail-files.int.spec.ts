import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { insertBulkMail } from '../../../seed/bulk-mail';
import { LocalFileStorage } from '../../../storage/local-storage';
import { codesOf, startTestApp, type Client, type TestApp } from '../../../../test/harness';
import { callContext, count, local, samplePdf, upload } from './mail-test-helpers';
import { readZip } from './zip-reader';

const LINK = `mutation($c: ID!, $m: ID!, $d: FileDisposition) { createMailItemLink(companyId: $c, mailItemId: $m, disposition: $d) { url expiresAt } }`;
const EXPORT = `mutation($c: ID!, $f: MailFilter) { createMailExport(companyId: $c, filter: $f) { url expiresAt itemCount } }`;

interface ItemRow {
  id: string;
  sender: string;
  file_key: string;
  file_sha256: string;
  type: string;
}

describe('mail files: signed links and ZIP exports', () => {
  let app: TestApp;
  let bruno: Client;
  let demoId: string;
  let autreId: string;
  let item: ItemRow;
  let brunoId: string;

  const userId = async (email: string): Promise<string> =>
    ((await app.db.ds.query('SELECT id FROM users WHERE email = ?', [email])) as { id: string }[])[0]?.id as string;
  const setMembership = (email: string, set: string): Promise<unknown> =>
    app.db.ds.query(`UPDATE memberships SET ${set} WHERE user_id = (SELECT id FROM users WHERE email = ?)`, [email]);
  const linkFor = async (client: Client, mailItemId: string, disposition?: string): Promise<string> => {
    const res = await client.gql<{ createMailItemLink: { url: string; expiresAt: string } }>(LINK, {
      c: demoId,
      m: mailItemId,
      d: disposition,
    });
    expect(res.errors).toBeUndefined();
    return res.data?.createMailItemLink.url as string;
  };
  const fileBytes = (key: string): Buffer => fs.readFileSync(path.join(app.env.filesDir, ...key.split('/')));
  const errorOf = async (res: Response): Promise<[number, string]> => [
    res.status,
    ((await res.json()) as { error: { code: string } }).error.code,
  ];

  beforeAll(async () => {
    app = await startTestApp();
    bruno = await app.as('bruno');
    demoId = await app.companyId('Demo SAS');
    autreId = await app.companyId('Autre SARL');
    brunoId = await userId('bruno.petit@demo-sas.fr');
    const rows: ItemRow[] = await app.db.ds.query(
      "SELECT id, sender, file_key, file_sha256, type FROM mail_items WHERE company_id = ? AND sender LIKE 'impots.gouv%' LIMIT 1",
      [demoId],
    );
    item = rows[0] as ItemRow;
  });
  afterAll(async () => app.close());

  describe('a link to one scan', () => {
    it('streams the PDF with the right headers, and journals the download', async () => {
      const url = await linkFor(bruno, item.id);
      const res = await bruno.fetch(local(app, url));
      expect(res.status).toBe(200);
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.equals(fileBytes(item.file_key))).toBe(true);
      expect(createHash('sha256').update(body).digest('hex')).toBe(item.file_sha256);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-length')).toBe(String(body.length));
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const disposition = res.headers.get('content-disposition') ?? '';
      expect(disposition).toMatch(/^inline; filename="\d{4}-\d{2}-\d{2}_impots-gouv-dgfip-sie-paris_[0-9a-f]{8}\.pdf"; filename\*=UTF-8''/);
      expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toMatch(
        /^\d{4}-\d{2}-\d{2}_impots\.gouv — DGFiP, SIE Paris_[0-9a-f]{8}\.pdf$/,
      );
      const attachment = await bruno.fetch(local(app, await linkFor(bruno, item.id, 'ATTACHMENT')));
      expect(attachment.headers.get('content-disposition')).toMatch(/^attachment; /);
      await attachment.arrayBuffer();
      expect(
        await count(
          app,
          "SELECT COUNT(*) AS n FROM activity_events WHERE action = 'mail.downloaded' AND target_id = ? AND actor_user_id = ?",
          [item.id, brunoId],
        ),
      ).toBe(2);
    });

    it('refuses a tampered link (signature, item, user, disposition, expiry)', async () => {
      const url = new URL(local(app, await linkFor(bruno, item.id)));
      const other: { id: string }[] = await app.db.ds.query('SELECT id FROM mail_items WHERE company_id = ? AND id <> ? LIMIT 1', [
        demoId,
        item.id,
      ]);
      const alice = await userId('alice.martin@demo-sas.fr');
      const variants: [string, (u: URL) => void][] = [
        ['signature', (u) => u.searchParams.set('s', `${u.searchParams.get('s')?.slice(0, -2)}AA`)],
        ['item', (u) => (u.pathname = u.pathname.replace(item.id, other[0]?.id as string))],
        ['company', (u) => (u.pathname = u.pathname.replace(demoId, autreId))],
        ['user', (u) => u.searchParams.set('u', alice)],
        ['disposition', (u) => u.searchParams.set('d', 'attachment')],
        ['expiry', (u) => u.searchParams.set('e', String(Number(u.searchParams.get('e')) + 3600))],
        ['no signature', (u) => u.searchParams.delete('s')],
      ];
      for (const [name, tamper] of variants) {
        const u = new URL(url.toString());
        tamper(u);
        expect([name, ...(await errorOf(await bruno.fetch(u)))]).toEqual([name, 403, 'INVALID_TOKEN']);
      }
    });

    it('refuses an expired link', async () => {
      const { url } = await app.server.services.mailFiles.createItemLink(
        callContext(new Date(Date.now() - 6 * 60_000)),
        demoId,
        item.id,
        brunoId,
        'inline',
      );
      const res = await bruno.fetch(local(app, url));
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect([res.status, body.error.code]).toEqual([403, 'INVALID_TOKEN']);
      expect(body.error.message).toMatch(/expired/);
    });

    it('stops working as soon as the member’s access goes (suspension, scope change, disabled account)', async () => {
      const url = local(app, await linkFor(bruno, item.id));
      const email = 'bruno.petit@demo-sas.fr';
      await setMembership(email, "status = 'SUSPENDED'");
      // A suspended member is no longer a member: the company answers as one that does not exist.
      expect(await errorOf(await bruno.fetch(url))).toEqual([404, 'NOT_FOUND']);
      await setMembership(email, "status = 'ACTIVE', scopes = 'FACTURATION'");
      expect(await errorOf(await bruno.fetch(url))).toEqual([403, 'FORBIDDEN']);
      await setMembership(email, "scopes = 'COURRIER'");
      await app.db.ds.query('UPDATE users SET disabled = 1 WHERE email = ?', [email]);
      expect(await errorOf(await bruno.fetch(url))).toEqual([403, 'FORBIDDEN']);
      await app.db.ds.query('UPDATE users SET disabled = 0 WHERE email = ?', [email]);
      // Disabling the account ended his sessions: he signs in again, and the same link opens.
      bruno = await app.as('bruno');
      expect((await bruno.fetch(url)).status).toBe(200);
      // …in his session only: anonymous, or in someone else's session, it is refused.
      expect(await errorOf(await fetch(url))).toEqual([403, 'FORBIDDEN']);
      expect(await errorOf(await (await app.as('alice')).fetch(url))).toEqual([403, 'FORBIDDEN']);
    });

    it('is made only for a member who may download, and only for the company’s own items', async () => {
      const chloe = await app.as('chloe');
      expect(codesOf(await chloe.gql(LINK, { c: demoId, m: item.id }))).toEqual(['FORBIDDEN']);
      // A link signed for someone without mail:download is refused on use as well.
      const { url } = await app.server.services.mailFiles.createItemLink(
        callContext(),
        demoId,
        item.id,
        await userId('chloe.durand@demo-sas.fr'),
        'inline',
      );
      expect(await errorOf(await bruno.fetch(local(app, url)))).toEqual([403, 'FORBIDDEN']);
      const foreign: { id: string }[] = await app.db.ds.query('SELECT id FROM mail_items WHERE company_id = ? LIMIT 1', [autreId]);
      expect(codesOf(await bruno.gql(LINK, { c: demoId, m: foreign[0]?.id }))).toEqual(['NOT_FOUND']);
    });

    it('aborts the response when the stored file no longer matches its SHA-256 (small and multi-chunk files)', async () => {
      const olivia = await app.as('olivia');
      const big = await upload(app, olivia, { companyId: demoId, sender: 'Gros dossier' }, await samplePdf('Gros dossier', 400));
      expect(big.body.mailItem?.fileSize).toBeGreaterThan(100_000);
      const victims: ItemRow[] = await app.db.ds.query(
        'SELECT id, sender, file_key, file_sha256, type FROM mail_items WHERE company_id = ? AND id IN (?, ?)',
        [demoId, item.id, big.body.mailItem?.id],
      );
      expect(victims).toHaveLength(2);
      for (const v of victims) {
        const file = path.join(app.env.filesDir, ...v.file_key.split('/'));
        const original = fs.readFileSync(file);
        const corrupted = Buffer.from(original);
        const at = corrupted.length - 10;
        corrupted.writeUInt8(corrupted.readUInt8(at) ^ 0xff, at);
        fs.writeFileSync(file, corrupted);
        try {
          // The last bytes are held back until the digest is known: the transfer never completes.
          const outcome = await bruno
            .fetch(local(app, await linkFor(bruno, v.id)))
            .then((res) => res.arrayBuffer())
            .then(
              () => 'complete',
              () => 'aborted',
            );
          expect({ size: original.length, outcome }).toEqual({ size: original.length, outcome: 'aborted' });
        } finally {
          fs.writeFileSync(file, original);
        }
        expect((await bruno.fetch(local(app, await linkFor(bruno, v.id)))).status).toBe(200);
      }
    });
  });

  describe('a ZIP export', () => {
    type ExportData = { createMailExport: { url: string; expiresAt: string; itemCount: number } };

    it('streams the PDFs (stored, not recompressed) and a manifest.csv for Excel', async () => {
      const olivia = await app.as('olivia');
      const injected = await upload(
        app,
        olivia,
        { companyId: demoId, sender: '=HYPERLINK("http://x";"clic")', recipient: 'Service; achats' },
        await samplePdf(),
      );
      expect(injected.status).toBe(201);
      const rows: (ItemRow & { page_count: number })[] = await app.db.ds.query(
        'SELECT id, sender, file_key, file_sha256, type, page_count FROM mail_items WHERE company_id = ?',
        [demoId],
      );
      const res = await bruno.gql<ExportData>(EXPORT, { c: demoId });
      expect(res.data?.createMailExport.itemCount).toBe(rows.length);
      const zipRes = await bruno.fetch(local(app, res.data?.createMailExport.url as string));
      expect(zipRes.status).toBe(200);
      expect(zipRes.headers.get('content-type')).toBe('application/zip');
      expect(zipRes.headers.get('content-disposition')).toMatch(/^attachment; filename="courrier_demo-sas_\d{4}-\d{2}-\d{2}\.zip"/);
      const entries = await readZip(Buffer.from(await zipRes.arrayBuffer()));
      const pdfs = entries.filter((e) => e.name.endsWith('.pdf'));
      expect(pdfs).toHaveLength(rows.length);
      expect(entries.at(-1)?.name).toBe('manifest.csv');
      for (const e of pdfs) {
        expect(e.name).toMatch(/^\d{4}-\d{2}-\d{2}_[a-z0-9-]+_[0-9a-f]{8}\.pdf$/);
        expect(e.compressionMethod).toBe(0);
        const row = rows.find((r) => r.id.replace(/-/g, '').endsWith(e.name.slice(-12, -4)));
        expect(row).toBeDefined();
        expect(e.data.equals(fileBytes(row?.file_key as string))).toBe(true);
      }
      const manifest = entries.at(-1)?.data.toString('utf8') ?? '';
      expect(manifest.startsWith('\uFEFFDate;Expéditeur;Destinataire;Type;Statut;Étiquettes;Pages;Fichier\r\n')).toBe(true);
      const lines = manifest.slice(1).trimEnd().split('\r\n');
      expect(lines).toHaveLength(rows.length + 1);
      expect(
        lines
          .slice(1)
          .map((l) => l.split(';').at(-1))
          .sort(),
      ).toEqual(pdfs.map((p) => p.name).sort());
      const injectedLine = lines.find((l) => l.includes('HYPERLINK')) ?? '';
      expect(injectedLine).toContain(`;"'=HYPERLINK(""http://x"";""clic"")";"Service; achats";Lettre;Numérisé;;1;`);
      expect(lines.some((l) => /;Banque(, [^;]+)?;/.test(l))).toBe(true);
      expect(
        await count(app, "SELECT COUNT(*) AS n FROM activity_events WHERE action = 'mail.exported' AND actor_user_id = ?", [brunoId]),
      ).toBe(1);
    });

    it('applies the filter and leaves out mail that arrived after the link was made', async () => {
      const res = await bruno.gql<ExportData>(EXPORT, { c: demoId, f: { type: 'REGISTERED' } });
      const registered = await count(app, "SELECT COUNT(*) AS n FROM mail_items WHERE company_id = ? AND type = 'REGISTERED'", [demoId]);
      expect(res.data?.createMailExport.itemCount).toBe(registered);
      const olivia = await app.as('olivia');
      expect((await upload(app, olivia, { companyId: demoId, sender: 'Arrivé après', type: 'REGISTERED' }, await samplePdf())).status).toBe(
        201,
      );
      const entries = await readZip(
        Buffer.from(await (await bruno.fetch(local(app, res.data?.createMailExport.url as string))).arrayBuffer()),
      );
      expect(entries.filter((e) => e.name.endsWith('.pdf'))).toHaveLength(registered);
      expect(entries.some((e) => e.name.includes('arrive-apres'))).toBe(false);
    });

    it('reads large exports in batches, one file open at a time, with unique names', async () => {
      const emma = await app.as('emma');
      await insertBulkMail(app.db.ds, new LocalFileStorage(app.env.filesDir), autreId, 1234, { rowsPerStatement: 300 });
      const total = await count(app, 'SELECT COUNT(*) AS n FROM mail_items WHERE company_id = ?', [autreId]);
      const res = await emma.gql<ExportData>(EXPORT, { c: autreId });
      expect(res.data?.createMailExport.itemCount).toBe(total);
      const entries = await readZip(
        Buffer.from(await (await emma.fetch(local(app, res.data?.createMailExport.url as string))).arrayBuffer()),
      );
      const names = entries.map((e) => e.name);
      expect(names).toHaveLength(total + 1);
      expect(new Set(names).size).toBe(names.length);
    });

    it('aborts the ZIP when a stored file no longer matches its SHA-256', async () => {
      const olivia = await app.as('olivia');
      const up = await upload(app, olivia, { companyId: demoId, sender: 'Fichier abîmé' }, await samplePdf('Fichier abîmé', 30));
      const key = `${demoId}/mail/${up.body.mailItem?.id}.pdf`;
      const file = path.join(app.env.filesDir, ...key.split('/'));
      const original = fs.readFileSync(file);
      const corrupted = Buffer.from(original);
      corrupted.writeUInt8(corrupted.readUInt8(100) ^ 0xff, 100);
      fs.writeFileSync(file, corrupted);
      try {
        const res = await bruno.gql<ExportData>(EXPORT, { c: demoId, f: { search: 'fichier abime' } });
        expect(res.data?.createMailExport.itemCount).toBe(1);
        const outcome = await bruno
          .fetch(local(app, res.data?.createMailExport.url as string))
          .then((r) => r.arrayBuffer())
          .then(
            () => 'complete',
            () => 'aborted',
          );
        expect(outcome).toBe('aborted');
      } finally {
        fs.writeFileSync(file, original);
      }
    });

    it('is refused once the member’s access is gone, and for tampered or expired links', async () => {
      const res = await bruno.gql<ExportData>(EXPORT, { c: demoId });
      const url = local(app, res.data?.createMailExport.url as string);
      const email = 'bruno.petit@demo-sas.fr';
      await setMembership(email, "status = 'SUSPENDED'");
      // A suspended member is no longer a member: the company answers as one that does not exist.
      expect(await errorOf(await bruno.fetch(url))).toEqual([404, 'NOT_FOUND']);
      await setMembership(email, "status = 'ACTIVE', scopes = 'FORMALITE'");
      expect(await errorOf(await bruno.fetch(url))).toEqual([403, 'FORBIDDEN']);
      await setMembership(email, "scopes = 'COURRIER'");
      const ok = await bruno.fetch(url);
      expect(ok.status).toBe(200);
      await ok.arrayBuffer();
      await app.db.ds.query('DELETE FROM memberships WHERE user_id = ? AND company_id = ?', [brunoId, demoId]);
      // No longer a member: the company answers as one that does not exist.
      expect(await errorOf(await bruno.fetch(url))).toEqual([404, 'NOT_FOUND']);

      const [body, sig] = url.split('/files/exports/')[1]?.split('.') ?? [];
      const payload = JSON.parse(Buffer.from(body as string, 'base64url').toString('utf8')) as { c: string };
      const forged = Buffer.from(JSON.stringify({ ...payload, c: autreId }), 'utf8').toString('base64url');
      expect(await errorOf(await bruno.fetch(`${app.url}/files/exports/${forged}.${sig}`))).toEqual([403, 'INVALID_TOKEN']);
      expect(await errorOf(await bruno.fetch(`${app.url}/files/exports/garbage`))).toEqual([403, 'INVALID_TOKEN']);
      const alice = await app.as('alice');
      const old = await app.server.services.mailFiles.createExport(
        callContext(new Date(Date.now() - 11 * 60_000)),
        demoId,
        null,
        await userId('alice.martin@demo-sas.fr'),
      );
      expect(await errorOf(await bruno.fetch(local(app, old.url)))).toEqual([403, 'INVALID_TOKEN']);
      expect(codesOf(await alice.gql(EXPORT, { c: demoId }))).toEqual([]);
    });
  });
});
