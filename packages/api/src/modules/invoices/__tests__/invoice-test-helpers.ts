import fs from 'node:fs';
import path from 'node:path';
import type { Client, GraphQLResponse, TestApp } from '../../../../test/harness';

export const ISSUE = `mutation($c: ID!, $i: IssueInvoiceInput!) { issueInvoice(companyId: $c, input: $i) {
  id number series kind status issueDate dueDate periodStart periodEnd label netCents vatCents grossCents remainingCents
  vatBreakdown { rate basisCents vatCents exemptionReason } lines { position label quantity unitPriceCents vatRate netCents }
  pdfSha256 xmlSha256 pdfSize buyer { name siren siret vatNumber } } }`;

export const CREDIT = `mutation($c: ID!, $inv: ID!, $i: CreditNoteInput!) { issueCreditNote(companyId: $c, invoiceId: $inv, input: $i) {
  id number kind status grossCents netCents vatCents creditedInvoiceId creditedInvoiceNumber vatBreakdown { rate basisCents vatCents } } }`;

export const PAY = `mutation($c: ID!, $inv: ID!, $i: PaymentInput!) { recordPayment(companyId: $c, invoiceId: $inv, input: $i) {
  id status paidCents remainingCents paidDate payments { amountCents date method reference } } }`;

export interface IssuedInvoice {
  id: string;
  number: string;
  series: string;
  kind: string;
  status: string | null;
  issueDate: string;
  dueDate: string;
  label: string;
  netCents: number;
  vatCents: number;
  grossCents: number;
  remainingCents: number;
  vatBreakdown: { rate: string; basisCents: number; vatCents: number; exemptionReason: string | null }[];
  lines: { position: number; label: string; quantity: string; unitPriceCents: number; vatRate: string; netCents: number }[];
  pdfSha256: string;
  xmlSha256: string;
  pdfSize: number;
  buyer: { name: string; siren: string; siret: string; vatNumber: string | null };
}

export const line = (extra: Record<string, unknown> = {}) => ({
  label: 'Réexpédition de courrier',
  quantity: '1',
  unitPriceCents: 1250,
  vatRate: '20',
  ...extra,
});

export const oneOff = (extra: Record<string, unknown> = {}) => ({
  lines: [line()],
  periodStart: '2026-01-01',
  periodEnd: '2026-01-31',
  ...extra,
});

export async function issue(
  client: Client,
  companyId: string,
  input: Record<string, unknown>,
): Promise<GraphQLResponse<{ issueInvoice: IssuedInvoice }>> {
  return client.gql<{ issueInvoice: IssuedInvoice }>(ISSUE, { c: companyId, i: input });
}

export async function issued(client: Client, companyId: string, input: Record<string, unknown>): Promise<IssuedInvoice> {
  const res = await issue(client, companyId, input);
  if (!res.data?.issueInvoice) throw new Error(`issueInvoice failed: ${JSON.stringify(res.errors)}`);
  return res.data.issueInvoice;
}

export const fieldsOf = (res: GraphQLResponse): string[] =>
  (res.errors ?? []).flatMap((e) => (e.extensions?.fields ?? []).map((f) => `${f.field}:${f.code}`));

/** Everything an issue or a payment may write, and the files stored: equal before and after a refusal. */
export async function footprint(app: TestApp): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of ['invoices', 'invoice_lines', 'invoice_payments', 'invoice_plans', 'outbox_emails', 'activity_events']) {
    const rows: { n: number | string }[] = await app.db.ds.query(`SELECT COUNT(*) AS n FROM ${table}`);
    out[table] = Number(rows[0]?.n);
  }
  out.sequences = await app.db.ds.query('SELECT series, last_number FROM invoice_sequences ORDER BY series');
  out.invoiceState = await app.db.ds.query('SELECT id, status, paid_cents, credited_cents FROM invoices ORDER BY id');
  out.files = storedInvoiceFiles(app).length;
  return out;
}

/** Every invoice file in the test app's storage. */
export function storedInvoiceFiles(app: TestApp): string[] {
  const root = app.env.filesDir;
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .flatMap((company) => {
      const dir = path.join(root, company, 'invoices');
      return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
    })
    .sort();
}

export function storedFile(app: TestApp, key: string): Buffer {
  return fs.readFileSync(path.join(app.env.filesDir, ...key.split('/')));
}

/** An amount of the CII XML, in cents (`<ram:GrandTotalAmount>58.80</…>` → 5880). */
export function xmlAmount(xml: string, tag: string): number {
  const m = new RegExp(`<ram:${tag}[^>]*>([^<]+)</ram:${tag}>`).exec(xml);
  if (!m?.[1]) throw new Error(`no ${tag} in the XML`);
  return Math.round(Number(m[1]) * 100);
}

/** Every (rate, basis, VAT) of the XML's document-level VAT breakdown. */
export function xmlBreakdown(xml: string): { rate: string; basisCents: number; vatCents: number }[] {
  const settlement = xml.slice(xml.indexOf('<ram:ApplicableHeaderTradeSettlement>'));
  return [...settlement.matchAll(/<ram:ApplicableTradeTax>([\s\S]*?)<\/ram:ApplicableTradeTax>/g)].map((m) => {
    const block = m[1] ?? '';
    return {
      rate: /<ram:RateApplicablePercent>([^<]+)</.exec(block)?.[1] ?? '',
      basisCents: xmlAmount(block, 'BasisAmount'),
      vatCents: xmlAmount(block, 'CalculatedAmount'),
    };
  });
}

export async function userId(app: TestApp, email: string): Promise<string> {
  const rows: { id: string }[] = await app.db.ds.query('SELECT id FROM users WHERE email = ?', [email]);
  return rows[0]?.id as string;
}

/** A company created by the operator (its first administrator invited), with a Luhn-valid SIREN and SIRET. */
export async function createCompany(olivia: Client, name: string, siret: string): Promise<string> {
  const res = await olivia.gql<{ createCompany: { id: string } }>('mutation($i: CreateCompanyInput!) { createCompany(input: $i) { id } }', {
    i: {
      name,
      siret,
      address: { line1: '3 rue des Tests', postalCode: '69002', city: 'Lyon', country: 'FR' },
      firstAdmin: { email: `admin.${siret}@exemple.fr`, firstName: 'Camille', lastName: 'Premier' },
    },
  });
  if (!res.data?.createCompany) throw new Error(JSON.stringify(res.errors));
  return res.data.createCompany.id;
}

/** SIRETs whose SIREN and SIRET both pass Luhn (as real ones do), from a 7-digit stem. */
export function validSiret(stem: number): string {
  const luhn = (digits: string): boolean => {
    let sum = 0;
    [...digits].reverse().forEach((c, i) => {
      let v = Number(c);
      if (i % 2 === 1) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
      sum += v;
    });
    return sum % 10 === 0;
  };
  for (let a = 0; a < 100; a += 1) {
    const siren = `${String(stem).padStart(7, '0')}${String(a).padStart(2, '0')}`;
    if (!luhn(siren)) continue;
    for (let n = 0; n < 100; n += 1) {
      const siret = `${siren}000${String(n).padStart(2, '0')}`;
      if (luhn(siret)) return siret;
    }
  }
  throw new Error('unreachable');
}
