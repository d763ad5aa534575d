import { createHash } from 'node:crypto';
import { codesOf, startTestApp, type Client, type TestApp } from '../../../../test/harness';
import { local } from '../../mail/__tests__/mail-test-helpers';
import { readZip } from '../../mail/__tests__/zip-reader';
import { parisDay } from '../calendar';
import { issued, oneOff, storedFile, userId } from './invoice-test-helpers';

const LIST = `query($c: ID!, $first: Int, $after: String, $f: InvoiceFilter) { company(id: $c) {
  invoices(first: $first, after: $after, filter: $f) { totalCount edges { cursor node { id number kind status overdue grossCents remainingCents issueDate label } }
  pageInfo { endCursor hasNextPage } } } }`;
const LINK = `mutation($c: ID!, $i: ID!, $f: InvoiceFileFormat, $d: FileDisposition) {
  createInvoiceLink(companyId: $c, invoiceId: $i, format: $f, disposition: $d) { url expiresAt } }`;
const EXPORT = `mutation($c: ID!, $f: InvoiceFilter, $x: InvoicesExportFormat!) {
  createInvoicesExport(companyId: $c, filter: $f, format: $x) { url invoiceCount format expiresAt } }`;

interface Node {
  id: string;
  number: string;
  kind: string;
  status: string | null;
  overdue: boolean;
  grossCents: number;
  remainingCents: number;
  issueDate: string;
  label: string;
}
type ListResult = {
  company: {
    invoices: {
      totalCount: number;
      edges: { cursor: string; node: Node }[];
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
    } | null;
  } | null;
};
interface DbInvoice {
  id: string;
  number: string;
  kind: string;
  status: string | null;
  issue_date: string;
  due_date: string;
  pdf_key: string;
  xml_key: string;
  pdf_sha256: string;
  xml_sha256: string;
}

describe('the Factures space: lists, totals, files and exports', () => {
  let app: TestApp;
  let chloe: Client;
  let demoId: string;
  let autreId: string;
  let all: DbInvoice[];
  let autreInvoice: string;
  const today = parisDay(new Date());

  const list = async (client: Client, variables: Record<string, unknown>) => {
    const res = await client.gql<ListResult>(LIST, { c: demoId, ...variables });
    return { res, conn: res.data?.company?.invoices };
  };
  const numbers = async (filter: Record<string, unknown>): Promise<string[]> => {
    const { res, conn } = await list(chloe, { first: 100, f: filter });
    expect(res.errors).toBeUndefined();
    return (conn?.edges ?? []).map((e) => e.node.number);
  };
  const newestFirst = (rows: DbInvoice[]): string[] => rows.map((r) => r.number).reverse();
  const link = async (client: Client, invoiceId: string, format = 'PDF', company = demoId) => {
    const res = await client.gql<{ createInvoiceLink: { url: string } }>(LINK, { c: company, i: invoiceId, f: format });
    return { res, url: res.data?.createInvoiceLink?.url };
  };
  const token = async (alice: Client, permissions: string[]): Promise<string> => {
    const res = await alice.gql<{ createApiToken: { secret: string } }>(
      'mutation($c: ID!, $p: [Permission!]!) { createApiToken(companyId: $c, input: { name: "Comptable", permissions: $p }) { secret } }',
      { c: demoId, p: permissions },
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.createApiToken.secret;
  };
  const errorOf = async (res: Response): Promise<[number, string]> => [
    res.status,
    ((await res.json()) as { error: { code: string } }).error.code,
  ];

  beforeAll(async () => {
    app = await startTestApp({}, { invoices: true });
    chloe = await app.as('chloe');
    demoId = await app.companyId('Demo SAS');
    autreId = await app.companyId('Autre SARL');
    const olivia = await app.as('olivia');
    autreInvoice = (await issued(olivia, autreId, oneOff())).id;
    all = await app.db.ds.query(
      'SELECT id, number, kind, status, issue_date, due_date, pdf_key, xml_key, pdf_sha256, xml_sha256 FROM invoices WHERE company_id = ? ORDER BY issued_at, id',
      [demoId],
    );
  });
  afterAll(async () => app.close());

  it('holds the demo year: twelve monthly invoices, one overdue, one partially paid, and a credit note', () => {
    const invoices = all.filter((r) => r.kind === 'INVOICE');
    expect(invoices).toHaveLength(13);
    expect(all.filter((r) => r.kind === 'CREDIT_NOTE')).toHaveLength(1);
    expect(invoices.filter((r) => r.status === 'PARTIALLY_PAID')).toHaveLength(1);
    expect(invoices.filter((r) => r.status === 'CREDITED')).toHaveLength(1);
    expect(
      invoices.filter((r) => (r.status === 'DUE' || r.status === 'PARTIALLY_PAID') && r.due_date < today).length,
    ).toBeGreaterThanOrEqual(1);
  });

  describe('the list', () => {
    it('pages newest first with keyset cursors, and counts only when asked', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const { res, conn } = await list(chloe, { first: 5, after });
        expect(res.errors).toBeUndefined();
        seen.push(...(conn?.edges ?? []).map((e) => e.node.number));
        expect(conn?.totalCount).toBe(14);
        if (!conn?.pageInfo.hasNextPage) break;
        after = conn.pageInfo.endCursor;
      }
      expect(seen).toEqual(newestFirst(all));
      expect(codesOf((await list(chloe, { after: 'garbage' })).res)).toEqual(['BAD_USER_INPUT']);
      expect(codesOf((await list(chloe, { first: 500 })).res)).toEqual(['BAD_USER_INPUT']);
    });

    it('filters by status, overdue, kind, year and text (number, label, the corrected invoice), combined', async () => {
      expect(await numbers({ status: 'PAID' })).toEqual(newestFirst(all.filter((r) => r.status === 'PAID')));
      expect(await numbers({ overdue: true })).toEqual(
        newestFirst(all.filter((r) => (r.status === 'DUE' || r.status === 'PARTIALLY_PAID') && r.due_date < today)),
      );
      expect(await numbers({ kind: 'CREDIT_NOTE' })).toEqual(newestFirst(all.filter((r) => r.kind === 'CREDIT_NOTE')));
      const year = Number(today.slice(0, 4));
      expect(await numbers({ year })).toEqual(newestFirst(all.filter((r) => r.issue_date.startsWith(String(year)))));
      expect(await numbers({ year: year - 1, status: 'PAID' })).toEqual(
        newestFirst(all.filter((r) => r.issue_date.startsWith(String(year - 1)) && r.status === 'PAID')),
      );
      const credited = all.find((r) => r.status === 'CREDITED') as DbInvoice;
      // The credit note is found by the number of the invoice it corrects.
      expect((await numbers({ search: credited.number })).sort()).toEqual(
        all
          .filter((r) => r.kind === 'CREDIT_NOTE')
          .map((r) => r.number)
          .concat(credited.number)
          .sort(),
      );
      expect(await numbers({ search: 'REEXPEDITION de COLIS' })).toEqual([credited.number]);
      expect(codesOf((await list(chloe, { f: { year: 1900 } })).res)).toEqual(['BAD_USER_INPUT']);
    });

    it('shows one invoice with its lines, payments and credit notes', async () => {
      const partial = all.find((r) => r.status === 'PARTIALLY_PAID') as DbInvoice;
      const res = await chloe.gql<{ company: { invoice: Record<string, unknown> } }>(
        `query($c: ID!, $i: ID!) { company(id: $c) { invoice(id: $i) { number status remainingCents paidCents lines { label netCents } payments { amountCents method }
          creditNotes { number } } } }`,
        { c: demoId, i: partial.id },
      );
      expect(res.data?.company.invoice).toMatchObject({
        number: partial.number,
        status: 'PARTIALLY_PAID',
        paidCents: 2000,
        remainingCents: 3880,
      });
      expect(res.data?.company.invoice.payments).toEqual([{ amountCents: 2000, method: 'TRANSFER' }]);
      const credited = all.find((r) => r.status === 'CREDITED') as DbInvoice;
      const withNote = await chloe.gql<{ company: { invoice: { creditNotes: { number: string }[] } } }>(
        'query($c: ID!, $i: ID!) { company(id: $c) { invoice(id: $i) { creditNotes { number } } } }',
        { c: demoId, i: credited.id },
      );
      expect(withNote.data?.company.invoice.creditNotes.map((n) => n.number)).toEqual(
        all.filter((r) => r.kind === 'CREDIT_NOTE').map((r) => r.number),
      );
    });

    it('totals what is due, overdue, and the count per status', async () => {
      const res = await chloe.gql<{
        company: {
          invoiceTotals: { dueCents: number; dueCount: number; overdueCount: number; byStatus: { status: string; count: number }[] };
        };
      }>('query($c: ID!) { company(id: $c) { invoiceTotals { dueCents dueCount overdueCents overdueCount byStatus { status count } } } }', {
        c: demoId,
      });
      const totals = res.data?.company.invoiceTotals;
      // This month's (5 880), last month's partly paid (3 880) and the overdue one (5 880).
      expect(totals).toMatchObject({ dueCents: 5880 + 3880 + 5880, dueCount: 3 });
      expect(totals?.overdueCount).toBe(
        all.filter((r) => (r.status === 'DUE' || r.status === 'PARTIALLY_PAID') && r.due_date < today).length,
      );
      expect(totals?.byStatus).toEqual(
        ['DUE', 'PARTIALLY_PAID', 'PAID', 'CREDITED'].map((status) => ({ status, count: all.filter((r) => r.status === status).length })),
      );
    });

    it('is refused to other scopes and other companies; another company’s invoice id is not found', async () => {
      const bruno = await app.as('bruno');
      const refused = await list(bruno, { first: 1 });
      expect(codesOf(refused.res)).toEqual(['FORBIDDEN']);
      expect(refused.conn).toBeNull();
      const emma = await app.as('emma');
      expect(codesOf((await list(emma, { first: 1 })).res)).toEqual(['NOT_FOUND']);
      const other = await chloe.gql<{ company: { invoice: unknown } }>(
        'query($c: ID!, $i: ID!) { company(id: $c) { invoice(id: $i) { id } } }',
        {
          c: demoId,
          i: autreInvoice,
        },
      );
      expect(other.data?.company.invoice).toBeNull();
    });
  });

  describe('files', () => {
    it('a member downloads the Factur-X PDF and the XML through links bound to her session, and it is journaled', async () => {
      const invoice = all[all.length - 1] as DbInvoice;
      const { url } = await link(chloe, invoice.id);
      const res = await chloe.fetch(local(app, url as string));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe(
        `inline; filename="${invoice.number}.pdf"; filename*=UTF-8''${invoice.number}.pdf`,
      );
      const pdf = Buffer.from(await res.arrayBuffer());
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(invoice.pdf_sha256);
      const xml = await chloe.fetch(local(app, (await link(chloe, invoice.id, 'XML')).url as string));
      expect(xml.headers.get('content-type')).toBe('application/xml; charset=utf-8');
      expect(Buffer.from(await xml.arrayBuffer()).equals(storedFile(app, invoice.xml_key))).toBe(true);
      const rows: { n: number | string }[] = await app.db.ds.query(
        "SELECT COUNT(*) AS n FROM activity_events WHERE action = 'invoice.downloaded' AND target_id = ? AND actor_user_id = ?",
        [invoice.id, await userId(app, 'chloe.durand@demo-sas.fr')],
      );
      expect(Number(rows[0]?.n)).toBe(2);
    });

    it('refuses a link opened by someone else, anonymously, tampered with, or minted for another company’s invoice', async () => {
      const invoice = all[0] as DbInvoice;
      const { url } = await link(chloe, invoice.id);
      const alice = await app.as('alice');
      expect(await errorOf(await alice.fetch(local(app, url as string)))).toEqual([403, 'FORBIDDEN']);
      expect(await errorOf(await fetch(local(app, url as string)))).toEqual([403, 'FORBIDDEN']);
      const tampered = new URL(local(app, url as string));
      tampered.pathname = tampered.pathname.replace('/pdf', '/xml');
      expect(await errorOf(await chloe.fetch(tampered))).toEqual([403, 'INVALID_TOKEN']);
      const { res } = await link(chloe, autreInvoice);
      expect(codesOf(res)).toEqual(['NOT_FOUND']);
      expect(res.errors?.[0]?.extensions?.resource).toBe('Invoice');
      // Bruno (Courrier) can neither mint one nor use one minted for Chloé.
      const bruno = await app.as('bruno');
      expect(codesOf((await link(bruno, invoice.id)).res)).toEqual(['FORBIDDEN']);
      expect(await errorOf(await bruno.fetch(local(app, url as string)))).toEqual([403, 'FORBIDDEN']);
    });

    it('an API token with INVOICE_DOWNLOAD fetches directly; without it, or for another company, it is refused', async () => {
      const alice = await app.as('alice');
      const invoice = all[1] as DbInvoice;
      const accountant = new (chloe.constructor as new (url: string) => Client)(app.url);
      accountant.bearer = await token(alice, ['INVOICE_READ', 'INVOICE_DOWNLOAD']);
      const res = await accountant.fetch(`/files/invoices/${demoId}/${invoice.id}/xml`);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(storedFile(app, invoice.xml_key))).toBe(true);
      expect(await errorOf(await accountant.fetch(`/files/invoices/${autreId}/${autreInvoice}/pdf`))).toEqual([404, 'NOT_FOUND']);
      expect(await errorOf(await accountant.fetch(`/files/invoices/${demoId}/${autreInvoice}/pdf`))).toEqual([404, 'NOT_FOUND']);
      expect(await errorOf(await accountant.fetch(`/files/invoices/${demoId}/${invoice.id}/docx`))).toEqual([404, 'NOT_FOUND']);
      const reader = new (chloe.constructor as new (url: string) => Client)(app.url);
      reader.bearer = await token(alice, ['INVOICE_READ']);
      expect(await errorOf(await reader.fetch(`/files/invoices/${demoId}/${invoice.id}/pdf`))).toEqual([403, 'FORBIDDEN']);
      // The token lists invoices too.
      const listed = await reader.gql<ListResult>(LIST, { c: demoId, first: 2 });
      expect(listed.data?.company?.invoices?.edges).toHaveLength(2);
    });
  });

  describe('exports', () => {
    const download = async (client: Client, format: 'CSV' | 'ZIP', filter?: Record<string, unknown>) => {
      const res = await client.gql<{ createInvoicesExport: { url: string; invoiceCount: number; format: string } }>(EXPORT, {
        c: demoId,
        f: filter,
        x: format,
      });
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      const file = await client.fetch(local(app, res.data.createInvoicesExport.url));
      return { link: res.data.createInvoicesExport, file };
    };

    it('the CSV for the accountant: UTF-8 with BOM, `;`, decimal comma, one line per invoice and VAT rate, credit notes negative', async () => {
      const { link: made, file } = await download(chloe, 'CSV');
      expect(made).toMatchObject({ invoiceCount: 14, format: 'CSV' });
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="factures_demo-sas_\d{4}-\d{2}-\d{2}\.csv"/);
      const bytes = Buffer.from(await file.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'Date;Numéro;Type;Client;SIREN client;Libellé;Début de période;Fin de période;Taux TVA (%);Montant HT;Montant TVA;Montant TTC;Statut;Échéance;Date de paiement;Facture d’origine',
      );
      // 12 monthly invoices (one rate) + the forwarding invoice and its credit note (two rates each).
      expect(lines).toHaveLength(1 + 12 + 2 + 2);
      const note = all.find((r) => r.kind === 'CREDIT_NOTE') as DbInvoice;
      const credited = all.find((r) => r.status === 'CREDITED') as DbInvoice;
      const noteLines = lines.filter((l) => l.split(';')[1] === note.number);
      expect(noteLines.map((l) => l.split(';').slice(8, 13))).toEqual([
        ['20', '-17,00', '-3,40', '-20,40', 'Avoir'],
        ['0', '-12,90', '0,00', '-12,90', 'Avoir'],
      ]);
      expect(noteLines[0]?.split(';')[15]).toBe(credited.number);
      const paid = all.find((r) => r.status === 'PAID') as DbInvoice;
      const paidLine = lines.find((l) => l.split(';')[1] === paid.number)?.split(';');
      expect(paidLine?.slice(2, 5)).toEqual(['Facture', 'Demo SAS', '912345675']);
      expect(paidLine?.slice(8, 13)).toEqual(['20', '49,00', '9,80', '58,80', 'Payée']);
      expect(paidLine?.[0]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      expect(paidLine?.[14]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
      const overdue = lines.filter((l) => l.split(';')[12] === 'En retard');
      expect(overdue.length).toBeGreaterThanOrEqual(1);
    });

    it('the ZIP: the Factur-X PDFs as stored (not recompressed) and the CSV, for a filter', async () => {
      const { link: made, file } = await download(chloe, 'ZIP', { status: 'PAID' });
      const paid = all.filter((r) => r.status === 'PAID');
      expect(made.invoiceCount).toBe(paid.length);
      expect(file.headers.get('content-type')).toBe('application/zip');
      const entries = await readZip(Buffer.from(await file.arrayBuffer()));
      expect(entries.map((e) => e.name)).toEqual([...newestFirst(paid).map((n) => `${n}.pdf`), 'factures.csv']);
      for (const row of paid) {
        const entry = entries.find((e) => e.name === `${row.number}.pdf`);
        expect(entry?.compressionMethod).toBe(0);
        expect(entry?.data.equals(storedFile(app, row.pdf_key))).toBe(true);
      }
      const csv = entries.at(-1)?.data.toString('utf8') ?? '';
      expect(csv.startsWith('\uFEFFDate;Numéro;')).toBe(true);
      expect(csv.trimEnd().split('\r\n')).toHaveLength(1 + paid.length);
    });

    it('opens only for the member (or token) it was made for, while she still holds the permission', async () => {
      const res = await chloe.gql<{ createInvoicesExport: { url: string } }>(EXPORT, { c: demoId, x: 'CSV' });
      const url = local(app, res.data?.createInvoicesExport.url as string);
      const alice = await app.as('alice');
      expect(await errorOf(await alice.fetch(url))).toEqual([403, 'FORBIDDEN']);
      expect(await errorOf(await fetch(url))).toEqual([403, 'FORBIDDEN']);
      const tampered = url.replace(/\.([^.]+)$/, '.AAAA$1');
      expect(await errorOf(await chloe.fetch(tampered))).toEqual([403, 'INVALID_TOKEN']);
      const chloeId = await userId(app, 'chloe.durand@demo-sas.fr');
      await app.db.ds.query("UPDATE memberships SET scopes = 'COURRIER', contact_for = '' WHERE user_id = ?", [chloeId]);
      try {
        expect(await errorOf(await chloe.fetch(url))).toEqual([403, 'FORBIDDEN']);
      } finally {
        await app.db.ds.query("UPDATE memberships SET scopes = 'FACTURATION', contact_for = 'FACTURATION' WHERE user_id = ?", [chloeId]);
      }
      expect((await chloe.fetch(url)).status).toBe(200);
    });
  });

  it('reads a page’s relations in one statement each, whatever its size (count only when asked)', async () => {
    const logger = app.db.ds.logger;
    const original = logger.logQuery.bind(logger);
    const statements: string[] = [];
    logger.logQuery = (query, parameters, runner) => {
      statements.push(query);
      original(query, parameters, runner);
    };
    const measure = async (first: number, withCount: boolean): Promise<string[]> => {
      statements.length = 0;
      const res = await chloe.gql(
        `query($c: ID!, $n: Int!) { company(id: $c) { invoices(first: $n) { ${withCount ? 'totalCount' : ''}
          edges { node { number lines { label } payments { amountCents } creditNotes { number } } } } } }`,
        { c: demoId, n: first },
      );
      expect(res.errors).toBeUndefined();
      return [...statements];
    };
    try {
      await measure(2, true); // warm-up
      const small = await measure(2, true);
      const large = await measure(14, true);
      const noCount = await measure(14, false);
      expect(large.length).toBe(small.length);
      // session + company + page + lines + payments + credit notes + count
      expect(large.length).toBeLessThanOrEqual(7);
      expect(noCount.length).toBe(large.length - 1);
    } finally {
      logger.logQuery = original;
    }
  });
});
