import { createHash } from 'node:crypto';
import { INVOICE_VALIDATION_CODES } from '../facturx';
import { isValidationCode } from '@guichet/shared';
import { codesOf, startTestApp, type Client, type GraphQLResponse, type TestApp } from '../../../../test/harness';
import type { FileStorage } from '../../../storage/storage';
import { InvoicesService } from '../invoices.service';
import { callContext } from '../../mail/__tests__/mail-test-helpers';
import {
  CREDIT,
  createCompany,
  fieldsOf,
  footprint,
  issue,
  issued,
  line,
  oneOff,
  PAY,
  storedFile,
  storedInvoiceFiles,
  userId,
  xmlAmount,
  xmlBreakdown,
  type IssuedInvoice,
} from './invoice-test-helpers';

interface StoredRow {
  pdf_key: string;
  xml_key: string;
  pdf_sha256: string;
  xml_sha256: string;
  gross_cents: number | string;
}

describe('invoices: issue, numbering, credit notes, payments', () => {
  let app: TestApp;
  let olivia: Client;
  let demoId: string;
  let autreId: string;

  const stored = async (id: string): Promise<StoredRow> =>
    (
      (await app.db.ds.query('SELECT pdf_key, xml_key, pdf_sha256, xml_sha256, gross_cents FROM invoices WHERE id = ?', [
        id,
      ])) as StoredRow[]
    )[0] as StoredRow;
  const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
  const sequence = (n: string): number => Number(n.split('-')[1]);

  beforeAll(async () => {
    app = await startTestApp();
    olivia = await app.as('olivia');
    demoId = await app.companyId('Demo SAS');
    autreId = await app.companyId('Autre SARL');
  });
  afterAll(async () => app.close());

  it('names every field code of the Factur-X generator among the shared validation codes (FR/EN messages)', () => {
    expect(INVOICE_VALIDATION_CODES.filter((code) => !isValidationCode(code))).toEqual([]);
  });

  describe('issue', () => {
    let invoice: IssuedInvoice;

    beforeAll(async () => {
      invoice = await issued(olivia, demoId, {
        lines: [
          line({ label: 'Réexpédition hebdomadaire', quantity: '4', unitPriceCents: 650 }),
          line({ label: 'Numérisation de colis', quantity: '2.5', unitPriceCents: 333, vatRate: '10' }),
          line({
            label: 'Affranchissement (débours)',
            quantity: '1',
            unitPriceCents: 1290,
            vatRate: '0',
            exemptionReason: 'Débours, article 267-II-2° du CGI',
          }),
        ],
        periodStart: '2026-03-01',
        periodEnd: '2026-03-31',
        label: 'Services de mars',
        note: 'Merci de votre confiance.',
      });
    });

    it('numbers it in the F<year> series, computes the totals once per rate, and snapshots the buyer', () => {
      const year = new Date().toISOString().slice(0, 4);
      expect(invoice.number).toMatch(new RegExp(`^F${year}-\\d{6}$`));
      expect(invoice.series).toBe(`F${year}`);
      expect(invoice.kind).toBe('INVOICE');
      expect(invoice.status).toBe('DUE');
      expect(invoice.label).toBe('Services de mars');
      // 4 × 6.50 = 26.00 at 20 %; 2.5 × 3.33 = 8.325 → 8.33 at 10 %; 12.90 at 0 %.
      expect(invoice.lines.map((l) => [l.quantity, l.netCents])).toEqual([
        ['4', 2600],
        ['2.5', 833],
        ['1', 1290],
      ]);
      expect(invoice.vatBreakdown).toEqual([
        { rate: '20', basisCents: 2600, vatCents: 520, exemptionReason: null },
        { rate: '10', basisCents: 833, vatCents: 83, exemptionReason: null },
        { rate: '0', basisCents: 1290, vatCents: 0, exemptionReason: 'Débours, article 267-II-2° du CGI' },
      ]);
      expect([invoice.netCents, invoice.vatCents, invoice.grossCents, invoice.remainingCents]).toEqual([4723, 603, 5326, 5326]);
      expect(invoice.buyer).toEqual({ name: 'Demo SAS', siren: '912345675', siret: '91234567500017', vatNumber: 'FR65912345675' });
      // Default payment terms: 30 days.
      const issue = new Date(`${invoice.issueDate}T00:00:00Z`).getTime();
      expect((new Date(`${invoice.dueDate}T00:00:00Z`).getTime() - issue) / 86_400_000).toBe(30);
    });

    it('stores the Factur-X PDF and its XML once, with their SHA-256, and the XML says what the database says', async () => {
      const row = await stored(invoice.id);
      const pdf = storedFile(app, row.pdf_key);
      const xml = storedFile(app, row.xml_key).toString('utf8');
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(sha256(pdf)).toBe(row.pdf_sha256);
      expect(sha256(Buffer.from(xml, 'utf8'))).toBe(row.xml_sha256);
      expect([invoice.pdfSha256, invoice.xmlSha256, invoice.pdfSize]).toEqual([row.pdf_sha256, row.xml_sha256, pdf.length]);
      expect(xml).toContain(`<ram:ID>${invoice.number}</ram:ID>`);
      expect(xml).toContain('<ram:TypeCode>380</ram:TypeCode>');
      expect(xmlAmount(xml, 'TaxBasisTotalAmount')).toBe(invoice.netCents);
      expect(xmlAmount(xml, 'TaxTotalAmount')).toBe(invoice.vatCents);
      expect(xmlAmount(xml, 'GrandTotalAmount')).toBe(invoice.grossCents);
      expect(xmlAmount(xml, 'DuePayableAmount')).toBe(invoice.grossCents);
      expect(xmlBreakdown(xml)).toEqual(invoice.vatBreakdown.map(({ rate, basisCents, vatCents }) => ({ rate, basisCents, vatCents })));
    });

    it('never regenerates the files: a payment or a credit note leaves them byte for byte', async () => {
      const before = await stored(invoice.id);
      const bytes = [storedFile(app, before.pdf_key), storedFile(app, before.xml_key)];
      const paid = await olivia.gql(PAY, {
        c: demoId,
        inv: invoice.id,
        i: { amountCents: 1000, date: invoice.issueDate, method: 'TRANSFER' },
      });
      expect(paid.errors).toBeUndefined();
      const after = await stored(invoice.id);
      expect(after).toEqual(before);
      expect([storedFile(app, after.pdf_key), storedFile(app, after.xml_key)]).toEqual(bytes);
    });

    it('journals the issue', async () => {
      const rows: { n: number | string }[] = await app.db.ds.query(
        "SELECT COUNT(*) AS n FROM activity_events WHERE action = 'invoice.issued' AND target_id = ? AND company_id = ?",
        [invoice.id, demoId],
      );
      expect(Number(rows[0]?.n)).toBe(1);
    });
  });

  describe('numbering', () => {
    it('gives 20 concurrent issues 20 consecutive numbers: no gap, no duplicate', async () => {
      const [before] = (await app.db.ds.query("SELECT last_number FROM invoice_sequences WHERE series LIKE 'F%' ORDER BY series DESC")) as {
        last_number: number | string;
      }[];
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          issue(olivia, i % 2 === 0 ? demoId : autreId, oneOff({ lines: [line({ unitPriceCents: 100 + i })] })),
        ),
      );
      expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
      const numbers = results.map((r) => sequence(r.data?.issueInvoice.number ?? '')).sort((a, b) => a - b);
      const start = Number(before?.last_number ?? 0) + 1;
      expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => start + i));
      // Chronological: in the series, a later number is never dated before an earlier one.
      const rows: { sequence_number: number | string; issued_at: unknown }[] = await app.db.ds.query(
        "SELECT sequence_number, issued_at FROM invoices WHERE kind = 'INVOICE' ORDER BY sequence_number",
      );
      const times = rows.map((r) =>
        new Date(r.issued_at instanceof Date ? r.issued_at : `${String(r.issued_at).replace(' ', 'T')}Z`).getTime(),
      );
      expect(times).toEqual([...times].sort((a, b) => a - b));
    });

    it('takes no number when an issue fails, even after the number was given (the sequence rolls back, the files are deleted)', async () => {
      const files = storedInvoiceFiles(app).length;
      const last = (await issued(olivia, demoId, oneOff())).number;
      const real = app.server.services.storage;
      // Stores the PDF and the XML, then fails: what a full disk or a lost bucket looks like.
      const failing: FileStorage = {
        put: async (key, content) => {
          const done = await real.put(key, content);
          if (key.endsWith('.xml')) throw new Error('disk full');
          return done;
        },
        get: (key) => real.get(key),
        getVerified: (key, sha) => real.getVerified(key, sha),
        delete: (key) => real.delete(key),
        exists: (key) => real.exists(key),
      };
      const env = app.env;
      const broken = new InvoicesService(
        app.db.ds,
        { publicUrl: env.publicUrl, seller: env.seller, paymentDays: env.INVOICE_PAYMENT_DAYS },
        failing,
        app.server.services.activity,
        app.server.services.outbox,
      );
      await expect(
        broken.issueInvoice(
          callContext(new Date(), { userId: await userId(app, 'olivia.robert@domicile-pro.fr'), ip: null }),
          demoId,
          oneOff(),
        ),
      ).rejects.toThrow('disk full');
      expect(storedInvoiceFiles(app).length).toBe(files + 2);
      const next = (await issued(olivia, demoId, oneOff())).number;
      expect(sequence(next)).toBe(sequence(last) + 1);
    });
  });

  describe('bad input: a coded error, and nothing changes', () => {
    let target: IssuedInvoice;

    beforeAll(async () => {
      target = await issued(
        olivia,
        demoId,
        oneOff({ lines: [line({ quantity: '2', unitPriceCents: 5000 }), line({ vatRate: '10', unitPriceCents: 1000 })] }),
      );
    });

    const expectRefused = async (run: () => Promise<GraphQLResponse>, codes: string[], fields: string[]) => {
      const before = await footprint(app);
      const res = await run();
      expect(codesOf(res)).toEqual(codes);
      expect(fieldsOf(res)).toEqual(fields);
      expect(await footprint(app)).toEqual(before);
    };

    it('a wrong VAT rate', () =>
      expectRefused(
        () => issue(olivia, demoId, oneOff({ lines: [line({ vatRate: '19.6' })] })),
        ['VALIDATION_FAILED'],
        ['lines[0].vatRate:INVOICE_VAT_RATE_INVALID'],
      ));

    it('a zero or negative quantity, every line at once', () =>
      expectRefused(
        () => issue(olivia, demoId, oneOff({ lines: [line({ quantity: '0' }), line({ quantity: '-1' }), line({ quantity: '1,5' })] })),
        ['VALIDATION_FAILED'],
        [
          'lines[0].quantity:INVOICE_QUANTITY_INVALID',
          'lines[1].quantity:INVOICE_QUANTITY_INVALID',
          'lines[2].quantity:INVOICE_QUANTITY_INVALID',
        ],
      ));

    it('a 0 % line without its exemption statement, and a statement on a 20 % line', () =>
      expectRefused(
        () => issue(olivia, demoId, oneOff({ lines: [line({ vatRate: '0' }), line({ exemptionReason: 'Exonéré' })] })),
        ['VALIDATION_FAILED'],
        ['lines[0].exemptionReason:INVOICE_EXEMPTION_REASON_REQUIRED', 'lines[1].exemptionReason:INVOICE_EXEMPTION_REASON_UNEXPECTED'],
      ));

    it('no line', () =>
      expectRefused(() => issue(olivia, demoId, oneOff({ lines: [] })), ['VALIDATION_FAILED'], ['lines:INVOICE_LINES_REQUIRED']));

    it('a due date before the issue date, or more than 60 days after it', async () => {
      await expectRefused(
        () => issue(olivia, demoId, oneOff({ dueDate: '2020-01-01' })),
        ['VALIDATION_FAILED'],
        ['dueDate:INVOICE_DUE_BEFORE_ISSUE'],
      );
      await expectRefused(
        () => issue(olivia, demoId, oneOff({ dueDate: '2099-01-01' })),
        ['VALIDATION_FAILED'],
        ['dueDate:INVOICE_DUE_DATE_TOO_LATE'],
      );
      await expectRefused(
        () => issue(olivia, demoId, oneOff({ dueDate: '31/12/2026' })),
        ['VALIDATION_FAILED'],
        ['dueDate:INVOICE_DATE_INVALID'],
      );
    });

    it('a service period that ends before it starts', () =>
      expectRefused(
        () => issue(olivia, demoId, oneOff({ periodStart: '2026-02-10', periodEnd: '2026-02-01' })),
        ['VALIDATION_FAILED'],
        ['periodEnd:INVOICE_PERIOD_INVALID'],
      ));

    it('a client whose SIRET carries an invalid SIREN (the invoice would not be a valid e-invoice)', async () => {
      // Luhn-valid as a SIRET, but its first nine digits are not a valid SIREN.
      const broken = await createCompany(olivia, 'Siren Invalide SARL', '91234567800011');
      await expectRefused(() => issue(olivia, broken, oneOff()), ['VALIDATION_FAILED'], ['company.siret:INVOICE_SIREN_INVALID']);
    });

    it('an unknown company', () => expectRefused(() => issue(olivia, '01234567-89ab-7def-8123-456789abcdef', oneOff()), ['NOT_FOUND'], []));

    it('a credit note larger than what its invoice has left, in total or at a rate', async () => {
      await expectRefused(
        () =>
          olivia.gql(CREDIT, { c: demoId, inv: target.id, i: { reason: 'Trop', lines: [line({ quantity: '3', unitPriceCents: 5000 })] } }),
        ['VALIDATION_FAILED'],
        ['lines:CREDIT_NOTE_EXCEEDS_INVOICE'],
      );
      await expectRefused(
        () =>
          olivia.gql(CREDIT, {
            c: demoId,
            inv: target.id,
            i: { reason: 'Mauvais taux', lines: [line({ vatRate: '5.5', unitPriceCents: 500 })] },
          }),
        ['VALIDATION_FAILED'],
        ['lines:CREDIT_NOTE_RATE_NOT_ON_INVOICE'],
      );
      await expectRefused(
        () => olivia.gql(CREDIT, { c: demoId, inv: target.id, i: { reason: '  ' } }),
        ['VALIDATION_FAILED'],
        ['reason:CREDIT_NOTE_REASON_REQUIRED'],
      );
    });

    it('a payment larger than what is due, in the future, or before the invoice', async () => {
      const pay = (i: Record<string, unknown>) => () =>
        olivia.gql(PAY, { c: demoId, inv: target.id, i: { method: 'TRANSFER', date: target.issueDate, ...i } });
      await expectRefused(pay({ amountCents: target.grossCents + 1 }), ['VALIDATION_FAILED'], ['amountCents:PAYMENT_EXCEEDS_DUE']);
      await expectRefused(pay({ amountCents: 0 }), ['VALIDATION_FAILED'], ['amountCents:PAYMENT_AMOUNT_INVALID']);
      await expectRefused(pay({ amountCents: 100, date: '2099-01-01' }), ['VALIDATION_FAILED'], ['date:PAYMENT_DATE_IN_FUTURE']);
      await expectRefused(pay({ amountCents: 100, date: '2020-01-01' }), ['VALIDATION_FAILED'], ['date:PAYMENT_DATE_BEFORE_ISSUE']);
    });

    it('an invoice of another company: NOT_FOUND, for a credit note and for a payment', async () => {
      await expectRefused(() => olivia.gql(CREDIT, { c: autreId, inv: target.id, i: { reason: 'Erreur' } }), ['NOT_FOUND'], []);
      await expectRefused(
        () => olivia.gql(PAY, { c: autreId, inv: target.id, i: { amountCents: 100, date: target.issueDate, method: 'TRANSFER' } }),
        ['NOT_FOUND'],
        [],
      );
    });
  });

  describe('credit notes', () => {
    it('credit part of an invoice, then the rest line by line, never beyond; the invoice ends CREDITED', async () => {
      const invoice = await issued(
        olivia,
        demoId,
        oneOff({ lines: [line({ quantity: '2', unitPriceCents: 5000 }), line({ vatRate: '10', unitPriceCents: 1000 })] }),
      );
      expect(invoice.grossCents).toBe(12000 + 1100);
      const first = await olivia.gql<{ issueCreditNote: Record<string, unknown> }>(CREDIT, {
        c: demoId,
        inv: invoice.id,
        i: { reason: 'Geste commercial', lines: [line({ unitPriceCents: 5000 })] },
      });
      const note = first.data?.issueCreditNote;
      expect(note).toMatchObject({
        kind: 'CREDIT_NOTE',
        status: null,
        grossCents: 6000,
        creditedInvoiceId: invoice.id,
        creditedInvoiceNumber: invoice.number,
      });
      const year = new Date().toISOString().slice(0, 4);
      expect(String(note?.number)).toMatch(new RegExp(`^A${year}-\\d{6}$`));
      const row = await stored(String(note?.id));
      const xml = storedFile(app, row.xml_key).toString('utf8');
      expect(xml).toContain('<ram:TypeCode>381</ram:TypeCode>');
      expect(xml).toContain(`<ram:IssuerAssignedID>${invoice.number}</ram:IssuerAssignedID>`);
      expect(xmlAmount(xml, 'GrandTotalAmount')).toBe(6000);

      const state = async () =>
        (await app.db.ds.query('SELECT status, credited_cents FROM invoices WHERE id = ?', [invoice.id]))[0] as {
          status: string;
          credited_cents: number | string;
        };
      expect(await state()).toMatchObject({ status: 'DUE' });
      // "The whole invoice" is refused once part of it is credited: the lines must be given.
      expect(fieldsOf(await olivia.gql(CREDIT, { c: demoId, inv: invoice.id, i: { reason: 'Tout' } }))).toEqual([
        'lines:CREDIT_NOTE_LINES_REQUIRED',
      ]);
      // Two credit notes for the same remainder at once: one passes, the other is refused.
      const rest = {
        reason: 'Annulation du solde',
        lines: [line({ unitPriceCents: 5000 }), line({ vatRate: '10', unitPriceCents: 1000 })],
      };
      const both = await Promise.all([
        olivia.gql(CREDIT, { c: demoId, inv: invoice.id, i: rest }),
        olivia.gql(CREDIT, { c: demoId, inv: invoice.id, i: rest }),
      ]);
      expect(both.map((r) => (r.errors ? fieldsOf(r).join() : 'ok')).sort()).toEqual(['lines:CREDIT_NOTE_EXCEEDS_INVOICE', 'ok']);
      expect(await state()).toEqual({ status: 'CREDITED', credited_cents: expect.anything() });
      expect(Number((await state()).credited_cents)).toBe(invoice.grossCents);
      // A credit note cannot itself be credited.
      expect(fieldsOf(await olivia.gql(CREDIT, { c: demoId, inv: String(note?.id), i: { reason: 'Non' } }))).toEqual([
        'invoiceId:CREDIT_NOTE_TARGET_INVALID',
      ]);
    });

    it('credit a whole invoice when the lines are omitted', async () => {
      const invoice = await issued(olivia, autreId, oneOff({ lines: [line({ quantity: '3' })] }));
      const res = await olivia.gql<{ issueCreditNote: { grossCents: number } }>(CREDIT, {
        c: autreId,
        inv: invoice.id,
        i: { reason: 'Facturée par erreur' },
      });
      expect(res.data?.issueCreditNote.grossCents).toBe(invoice.grossCents);
    });
  });

  describe('payments', () => {
    it('go from DUE to PARTIALLY_PAID to PAID (with the day it was paid in full), never beyond', async () => {
      const invoice = await issued(olivia, demoId, oneOff({ lines: [line({ unitPriceCents: 10000 })] }));
      const pay = (amountCents: number) =>
        olivia.gql<{
          recordPayment: { status: string; paidCents: number; remainingCents: number; paidDate: string | null; payments: unknown[] };
        }>(PAY, {
          c: demoId,
          inv: invoice.id,
          i: { amountCents, date: invoice.issueDate, method: 'TRANSFER', reference: 'VIR 123' },
        });
      const part = await pay(5000);
      expect(part.data?.recordPayment).toMatchObject({ status: 'PARTIALLY_PAID', paidCents: 5000, remainingCents: 7000, paidDate: null });
      expect(fieldsOf(await pay(7001))).toEqual(['amountCents:PAYMENT_EXCEEDS_DUE']);
      const all = await pay(7000);
      expect(all.data?.recordPayment).toMatchObject({ status: 'PAID', paidCents: 12000, remainingCents: 0, paidDate: invoice.issueDate });
      expect(all.data?.recordPayment.payments).toHaveLength(2);
      expect(fieldsOf(await pay(1))).toEqual(['amountCents:PAYMENT_EXCEEDS_DUE']);
    });

    it('nothing is paid on a credit note', async () => {
      const invoice = await issued(olivia, demoId, oneOff());
      const note = await olivia.gql<{ issueCreditNote: { id: string } }>(CREDIT, { c: demoId, inv: invoice.id, i: { reason: 'Erreur' } });
      const res = await olivia.gql(PAY, {
        c: demoId,
        inv: note.data?.issueCreditNote.id,
        i: { amountCents: 100, date: invoice.issueDate, method: 'CARD' },
      });
      expect(fieldsOf(res)).toEqual(['amountCents:PAYMENT_EXCEEDS_DUE']);
    });
  });

  describe('operator tokens (a billing tool)', () => {
    it('issue invoices and record payments with invoice:issue, and nothing else of the operator’s', async () => {
      const created = await olivia.gql<{ createOperatorToken: { secret: string } }>(
        'mutation { createOperatorToken(input: { name: "Facturation", capabilities: [INVOICE_ISSUE] }) { secret } }',
      );
      const tool = app.client();
      tool.bearer = created.data?.createOperatorToken.secret ?? '';
      const invoice = await issued(tool, demoId, oneOff());
      const paid = await tool.gql(PAY, {
        c: demoId,
        inv: invoice.id,
        i: { amountCents: 500, date: invoice.issueDate, method: 'TRANSFER' },
      });
      expect(paid.errors).toBeUndefined();
      expect(codesOf(await tool.gql(CREDIT, { c: demoId, inv: invoice.id, i: { reason: 'Non' } }))).toEqual(['FORBIDDEN']);
      expect(codesOf(await tool.gql('mutation { runInvoicing(period: "2026-01", dryRun: true) { period } }'))).toEqual(['FORBIDDEN']);
      expect(
        codesOf(await tool.gql('query($c: ID!) { company(id: $c) { invoices(first: 1) { edges { cursor } } } }', { c: demoId })),
      ).toEqual(['NOT_FOUND']);
      // The journal names the token beside its creator.
      const rows: { actor_api_token_id: string | null }[] = await app.db.ds.query(
        "SELECT actor_api_token_id FROM activity_events WHERE action = 'invoice.issued' AND target_id = ?",
        [invoice.id],
      );
      expect(rows[0]?.actor_api_token_id).toBeTruthy();
    });

    it('a scanning station’s token cannot issue', async () => {
      const created = await olivia.gql<{ createOperatorToken: { secret: string } }>(
        'mutation { createOperatorToken(input: { name: "Scanner", capabilities: [SCAN_UPLOAD] }) { secret } }',
      );
      const scanner = app.client();
      scanner.bearer = created.data?.createOperatorToken.secret ?? '';
      expect(codesOf(await issue(scanner, demoId, oneOff()))).toEqual(['FORBIDDEN']);
    });
  });

  describe('notifications', () => {
    /** The emails to `to` whose subject names the invoice `number`. */
    const emailsAbout = async (to: string, number: string): Promise<{ subject: string; text_body: string; kind: string }[]> =>
      app.db.ds.query(
        'SELECT subject, text_body, kind FROM outbox_emails WHERE to_address = ? AND subject LIKE ? ORDER BY created_at, id',
        [to, `%${number}%`],
      );

    it('email the billing contacts on issue, with a link to the invoice’s page (not the PDF); the administrators when nobody is', async () => {
      const invoice = await issued(olivia, demoId, oneOff());
      const chloe = await emailsAbout('chloe.durand@demo-sas.fr', invoice.number);
      expect(chloe.map((e) => e.kind)).toEqual(['invoice_issued']);
      expect(chloe[0]?.text_body).toContain(`/c/${demoId}/invoices/${invoice.id}`);
      expect(chloe[0]?.text_body).not.toContain('/files/');
      expect(await emailsAbout('alice.martin@demo-sas.fr', invoice.number)).toEqual([]);

      await app.db.ds.query("UPDATE memberships SET contact_for = '' WHERE user_id = ?", [await userId(app, 'chloe.durand@demo-sas.fr')]);
      try {
        const next = await issued(olivia, demoId, oneOff());
        expect((await emailsAbout('alice.martin@demo-sas.fr', next.number)).map((e) => e.kind)).toEqual(['invoice_issued']);
        expect(await emailsAbout('chloe.durand@demo-sas.fr', next.number)).toEqual([]);
      } finally {
        await app.db.ds.query("UPDATE memberships SET contact_for = 'FACTURATION' WHERE user_id = ?", [
          await userId(app, 'chloe.durand@demo-sas.fr'),
        ]);
      }
    });

    it('remind once of an invoice past its due date, by a job several instances may run at once', async () => {
      const invoice = await issued(olivia, demoId, oneOff());
      const inFuture = new Date(Date.now() + 40 * 86_400_000);
      const services = app.server.services.invoices;
      const sent = await Promise.all([
        services.sendOverdueReminders(callContext(inFuture)),
        services.sendOverdueReminders(callContext(inFuture)),
      ]);
      const reminders = (await emailsAbout('chloe.durand@demo-sas.fr', invoice.number)).filter((e) => e.kind === 'invoice_overdue');
      expect(reminders).toHaveLength(1);
      expect(reminders[0]?.text_body).toContain(`/c/${demoId}/invoices/${invoice.id}`);
      expect(sent[0] + sent[1]).toBeGreaterThan(0);
      expect(await services.sendOverdueReminders(callContext(inFuture))).toBe(0);
    });
  });
});
