import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { newId } from '../../../common/ids';
import { startTestApp, type Client, type TestApp } from '../../../../test/harness';
import { callContext, count, samplePdf, upload } from './mail-test-helpers';

describe('mail upload (POST /files/mail)', () => {
  let app: TestApp;
  let olivia: Client;
  let demoId: string;
  let autreId: string;
  let filesDir: string;

  const filesOf = (companyId: string): string[] => {
    const dir = path.join(filesDir, companyId, 'mail');
    return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  };
  const snapshot = async (): Promise<{ rows: number; files: number; emails: number; events: number }> => ({
    rows: await count(app, 'SELECT COUNT(*) AS n FROM mail_items'),
    files: filesOf(demoId).length + filesOf(autreId).length,
    emails: await count(app, "SELECT COUNT(*) AS n FROM outbox_emails WHERE kind = 'mail_received'"),
    events: await count(app, "SELECT COUNT(*) AS n FROM activity_events WHERE action = 'mail.received'"),
  });

  beforeAll(async () => {
    app = await startTestApp();
    olivia = await app.as('olivia');
    demoId = await app.companyId('Demo SAS');
    autreId = await app.companyId('Autre SARL');
    filesDir = app.env.filesDir;
  });
  afterAll(async () => app.close());

  it('stores a real PDF, creates the item, journals it and notifies the mail contact', async () => {
    const before = await snapshot();
    const pdf = await samplePdf('Greffe du Tribunal de commerce de Paris', 3);
    const res = await upload(
      app,
      olivia,
      {
        companyId: demoId,
        sender: '  Greffe du Tribunal\nde commerce de Paris ',
        type: 'registered',
        receivedAt: '2025-03-14T09:30:00+01:00',
      },
      pdf,
    );
    expect(res.status).toBe(201);
    const item = res.body.mailItem;
    expect(item).toMatchObject({
      companyId: demoId,
      sender: 'Greffe du Tribunal de commerce de Paris',
      type: 'REGISTERED',
      pageCount: 3,
      fileSize: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
    expect(res.body).toMatchObject({ mailItem: { recipient: 'Demo SAS', receivedAt: '2025-03-14T08:30:00.000Z', status: 'SCANNED' } });
    const id = item?.id as string;
    expect(fs.readFileSync(path.join(filesDir, demoId, 'mail', `${id}.pdf`)).equals(pdf)).toBe(true);
    const after = await snapshot();
    expect(after).toEqual({ rows: before.rows + 1, files: before.files + 1, emails: before.emails + 1, events: before.events + 1 });
    // Bruno is the mail contact (COURRIER scope, contact for COURRIER); Alice is an admin, not a contact.
    const emails: { to_address: string; subject: string; text_body: string }[] = await app.db.ds.query(
      "SELECT to_address, subject, text_body FROM outbox_emails WHERE kind = 'mail_received' ORDER BY created_at DESC, id DESC LIMIT 1",
    );
    expect(emails[0]?.to_address).toBe('bruno.petit@demo-sas.fr');
    expect(emails[0]?.subject).toBe('Nouveau courrier pour Demo SAS : Greffe du Tribunal de commerce de Paris');
    expect(emails[0]?.text_body).toContain('3 pages');
    expect(emails[0]?.text_body).toContain(`/c/${demoId}/mail?item=${id}`);
    const events: { actor_user_id: string; company_id: string; target_id: string }[] = await app.db.ds.query(
      "SELECT actor_user_id, company_id, target_id FROM activity_events WHERE action = 'mail.received' AND target_id = ?",
      [id],
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.company_id).toBe(demoId);
    // No temporary file is left behind.
    expect(filesOf(demoId).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('sends the email in each recipient’s language, only to active contacts who can read mail', async () => {
    await app.db.ds.query("UPDATE users SET locale = 'en' WHERE email = 'bruno.petit@demo-sas.fr'");
    // Chloé is tagged contact for COURRIER but her scope (FACTURATION) does not grant mail:read.
    await app.db.ds.query(
      "UPDATE memberships SET contact_for = 'FACTURATION,COURRIER' WHERE user_id = (SELECT id FROM users WHERE email = 'chloe.durand@demo-sas.fr')",
    );
    try {
      const res = await upload(app, olivia, { companyId: demoId, sender: 'EDF Entreprises' }, await samplePdf());
      expect(res.status).toBe(201);
      const emails: { to_address: string; subject: string }[] = await app.db.ds.query(
        "SELECT to_address, subject FROM outbox_emails WHERE kind = 'mail_received' AND subject LIKE '%EDF Entreprises%'",
      );
      expect(emails).toEqual([{ to_address: 'bruno.petit@demo-sas.fr', subject: 'New mail for Demo SAS: EDF Entreprises' }]);
    } finally {
      await app.db.ds.query("UPDATE users SET locale = 'fr' WHERE email = 'bruno.petit@demo-sas.fr'");
      await app.db.ds.query(
        "UPDATE memberships SET contact_for = 'FACTURATION' WHERE user_id = (SELECT id FROM users WHERE email = 'chloe.durand@demo-sas.fr')",
      );
    }
  });

  it('notifies the administrators when nobody is the mail contact (and not a suspended contact)', async () => {
    const res = await upload(app, olivia, { companyId: autreId, sender: 'URSSAF Provence-Alpes-Côte d’Azur' }, await samplePdf());
    expect(res.status).toBe(201);
    const emails: { to_address: string; text_body: string }[] = await app.db.ds.query(
      "SELECT to_address, text_body FROM outbox_emails WHERE kind = 'mail_received' AND subject LIKE '%Autre SARL%'",
    );
    expect(emails.map((e) => e.to_address)).toEqual(['emma.leroy@autre-sarl.fr']);
    expect(emails[0]?.text_body).toContain('aucun membre n’est désigné contact courrier');

    // Bruno suspended: Demo SAS has no active contact any more, so its administrator is told.
    await app.db.ds.query(
      "UPDATE memberships SET status = 'SUSPENDED' WHERE user_id = (SELECT id FROM users WHERE email = 'bruno.petit@demo-sas.fr')",
    );
    try {
      const again = await upload(app, olivia, { companyId: demoId, sender: 'Orange Business' }, await samplePdf());
      expect(again.status).toBe(201);
      const to: { to_address: string }[] = await app.db.ds.query(
        "SELECT to_address FROM outbox_emails WHERE kind = 'mail_received' AND subject LIKE '%Orange Business%'",
      );
      expect(to.map((e) => e.to_address)).toEqual(['alice.martin@demo-sas.fr']);
    } finally {
      await app.db.ds.query(
        "UPDATE memberships SET status = 'ACTIVE' WHERE user_id = (SELECT id FROM users WHERE email = 'bruno.petit@demo-sas.fr')",
      );
    }
  });

  describe('refusals leave nothing behind', () => {
    const refusals: [string, () => Promise<{ status: number; code: string; fields?: string[] }>][] = [
      [
        'not a PDF',
        async () => {
          const r = await upload(app, olivia, { companyId: demoId, sender: 'X' }, 'Hello, this is plain text, not a PDF at all.');
          return { status: r.status, code: r.body.error?.code ?? '', fields: r.body.error?.fields?.map((f) => `${f.field}:${f.code}`) };
        },
      ],
      [
        'a %PDF- header that does not parse',
        async () => {
          const r = await upload(app, olivia, { companyId: demoId, sender: 'X' }, '%PDF-1.7\n1 0 obj garbage\n%%EOF\n');
          return { status: r.status, code: r.body.error?.code ?? '', fields: r.body.error?.fields?.map((f) => `${f.field}:${f.code}`) };
        },
      ],
      [
        'an empty body',
        async () => {
          const r = await upload(app, olivia, { companyId: demoId, sender: 'X' }, '');
          return { status: r.status, code: r.body.error?.code ?? '', fields: r.body.error?.fields?.map((f) => `${f.field}:${f.code}`) };
        },
      ],
    ];
    const expected: Record<string, { status: number; code: string; fields?: string[] }> = {
      'not a PDF': { status: 400, code: 'VALIDATION_FAILED', fields: ['file:MAIL_FILE_NOT_PDF'] },
      'a %PDF- header that does not parse': { status: 400, code: 'VALIDATION_FAILED', fields: ['file:MAIL_FILE_UNREADABLE'] },
      'an empty body': { status: 400, code: 'VALIDATION_FAILED', fields: ['file:MAIL_FILE_REQUIRED'] },
    };
    it.each(refusals)('%s', async (name, run) => {
      const before = await snapshot();
      expect(await run()).toEqual(expected[name]);
      expect(await snapshot()).toEqual(before);
    });

    it('a file over the size limit, declared or streamed (413)', async () => {
      const before = await snapshot();
      const limit = app.env.MAIL_UPLOAD_MAX_MB * 1024 * 1024;
      const big = Buffer.concat([await samplePdf(), Buffer.alloc(limit)]);
      const declared = await upload(app, olivia, { companyId: demoId, sender: 'X' }, big);
      expect(declared.status).toBe(413);
      expect(declared.body.error?.fields).toEqual([{ field: 'file', code: 'MAIL_FILE_TOO_LARGE' }]);
      // Without Content-Length (chunked): counted while it arrives.
      let sent = 0;
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === 0) controller.enqueue(Buffer.from('%PDF-1.7\n'));
          if (sent > limit) {
            controller.close();
            return;
          }
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      const streamed = await upload(app, olivia, { companyId: demoId, sender: 'X' }, stream);
      expect(streamed.status).toBe(413);
      expect(await snapshot()).toEqual(before);
    });

    it('an unknown or malformed company (404), and bad metadata with every field error (400)', async () => {
      const before = await snapshot();
      const pdf = await samplePdf();
      for (const companyId of [newId(), 'not-an-id', undefined]) {
        const r = await upload(app, olivia, { companyId, sender: 'X' }, pdf);
        expect({ companyId, status: r.status, code: r.body.error?.code }).toEqual({ companyId, status: 404, code: 'NOT_FOUND' });
      }
      const bad = await upload(
        app,
        olivia,
        { companyId: demoId, sender: '   ', recipient: 'R'.repeat(201), type: 'POSTCARD', receivedAt: '14/03/2025' },
        pdf,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error?.code).toBe('VALIDATION_FAILED');
      expect(bad.body.error?.fields?.map((f) => `${f.field}:${f.code}`).sort()).toEqual(
        [
          'receivedAt:MAIL_RECEIVED_AT_INVALID',
          'recipient:MAIL_RECIPIENT_TOO_LONG',
          'sender:MAIL_SENDER_REQUIRED',
          'type:MAIL_TYPE_INVALID',
        ].sort(),
      );
      const future = await upload(
        app,
        olivia,
        { companyId: demoId, sender: 'X', receivedAt: new Date(Date.now() + 86_400_000).toISOString() },
        pdf,
      );
      expect(future.body.error?.fields).toEqual([{ field: 'receivedAt', code: 'MAIL_RECEIVED_AT_IN_FUTURE' }]);
      const wrongType = await upload(app, olivia, { companyId: demoId, sender: 'X' }, pdf, 'multipart/form-data; boundary=x');
      expect(wrongType.status).toBe(415);
      expect(await snapshot()).toEqual(before);
    });

    it('a caller who is not staff: anonymous (401), expired session (401), a member (403)', async () => {
      const before = await snapshot();
      const pdf = await samplePdf();
      const anonymous = await upload(app, null, { companyId: demoId, sender: 'X' }, pdf);
      expect([anonymous.status, anonymous.body.error?.code]).toEqual([401, 'UNAUTHENTICATED']);
      const stale = app.client();
      stale.cookie = 'guichet_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
      const expired = await upload(app, stale, { companyId: demoId, sender: 'X' }, pdf);
      expect([expired.status, expired.body.error?.code]).toEqual([401, 'SESSION_EXPIRED']);
      for (const persona of ['alice', 'bruno', 'emma'] as const) {
        const member = await upload(app, await app.as(persona), { companyId: demoId, sender: 'X' }, pdf);
        expect([persona, member.status, member.body.error?.code]).toEqual([persona, 403, 'FORBIDDEN']);
      }
      expect(await snapshot()).toEqual(before);
    });
  });

  it('deletes the stored file again when the row cannot be written', async () => {
    const before = await snapshot();
    const prepared = await app.server.services.mail.prepareUpload(callContext(), { companyId: demoId, sender: 'Test' });
    // A company that vanished between the check and the insert: the foreign key refuses the row.
    const ghost = { ...prepared, company: { ...prepared.company, id: newId() } };
    await expect(
      app.server.services.mail.ingest(callContext(new Date(), { userId: newId(), ip: null }), ghost, await samplePdf()),
    ).rejects.toThrow();
    expect(filesOf(ghost.company.id)).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });
});
