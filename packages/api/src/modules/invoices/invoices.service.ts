import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { notFound } from '../../common/domain-error';
import { isId, newId } from '../../common/ids';
import { dbDate } from '../../db/columns';
import { withTransaction, type ServiceContext, type TransactionalContext } from '../../db/with-transaction';
import type { FileStorage } from '../../storage/storage';
import type { ActivityService } from '../activity/activity.service';
import { CompanyEntity } from '../companies/company.entity';
import type { OutboxService } from '../mailer/outbox.service';
import { notificationRecipients } from '../team/notification-recipients';
import { addDays, parisDay, parisYearBounds } from './calendar';
import {
  computeTotals,
  generateFacturX,
  type InvoiceLineInput,
  type InvoiceTotals,
  type SellerIdentity,
  type VatBreakdown,
} from './facturx';
import { buyerOf, documentInput, DRAFT_NUMBER } from './invoice-document';
import { InvoiceEntity, InvoiceLineEntity, type InvoiceKind, type InvoiceStatus } from './invoice.entity';
import { allocateNumber, seriesOf } from './invoice-numbering';
import { invoiceIssuedEmail, invoiceOverdueEmail, type InvoiceEmailParams } from './invoices.emails';
import {
  decodeInvoiceCursor,
  INVOICE_COLUMNS,
  invoiceCountQuery,
  invoiceCursor,
  invoicePageQuery,
  invoiceSearchText,
  normaliseFilter,
  remainingOf,
  toInvoiceRow,
  type InvoiceFilter,
  type InvoiceRow,
  type RawInvoice,
} from './invoices.queries';
import {
  asDomainError,
  checkDueDate,
  checkPayment,
  checkPeriod,
  invoiceValidationFailed,
  MAX_AMOUNT_CENTS,
  MAX_INVOICE_LABEL_LENGTH,
  MAX_REASON_LENGTH,
  optionalText,
  toDocumentLines,
  type LineInput,
} from './invoices.validation';
import { InvoicePaymentEntity, type PaymentMethod } from './payment.entity';
import { loadCreditNotes, loadLines, loadPayments, placeholders, type InvoiceLineRow, type PaymentRow } from './invoices.loader';

/** What invoices need from the configuration. */
export interface InvoiceSettings {
  /** Base of the links in emails (the invoice's page in the client space). */
  publicUrl: string;
  seller: SellerIdentity;
  /** Payment terms of the invoicing run's invoices, in days. */
  paymentDays: number;
}

export interface IssueInvoiceInput {
  lines: LineInput[];
  periodStart: string;
  periodEnd: string;
  /** Default: the issue date plus the configured payment terms. */
  dueDate?: string | null;
  /** What lists show; default: the first line's label. */
  label?: string | null;
  /** Printed on the invoice (a free note). */
  note?: string | null;
}

export interface CreditNoteInput {
  /** Omitted: the whole invoice, line by line (only while nothing of it has been credited). */
  lines?: LineInput[] | null;
  /** Why the invoice is corrected; printed on the credit note. */
  reason: string;
}

export interface PaymentInput {
  amountCents: number;
  /** `YYYY-MM-DD`, the day the money was received. */
  date: string;
  method: PaymentMethod | string;
  reference?: string | null;
}

export interface InvoicePage {
  rows: InvoiceRow[];
  hasNextPage: boolean;
  cursorOf: (row: InvoiceRow) => string;
}

export interface InvoiceTotalsRow {
  /** Still to be paid on DUE and PARTIALLY_PAID invoices, and how many there are. */
  dueCents: number;
  dueCount: number;
  /** The part of it past its due date. */
  overdueCents: number;
  overdueCount: number;
  byStatus: { status: InvoiceStatus; count: number }[];
}

/** Everything an issue needs, once the caller has checked its own rules. */
export interface IssueDraft {
  company: CompanyEntity;
  kind: InvoiceKind;
  lines: InvoiceLineInput[];
  periodStart: string;
  periodEnd: string;
  /** Null: the issue date plus the payment terms (a credit note is "due" the day it is issued). */
  dueDate: string | null;
  label: string;
  note: string | null;
  /** A credit note's invoice, read under its lock in the same transaction. */
  credited: InvoiceRow | null;
  /** The invoicing run's key (`2026-03`, `2026`): one invoice per company and period. */
  billingPeriod: string | null;
}

export interface IssueOptions {
  /** Email the company's billing contacts (false only for historical imports such as the demo seed). */
  notify: boolean;
}

const UNPAID: InvoiceStatus[] = ['DUE', 'PARTIALLY_PAID'];
const REMINDER_BATCH = 100;

/** The payment state that amounts imply. */
export function statusOf(grossCents: number, paidCents: number, creditedCents: number): InvoiceStatus {
  if (creditedCents >= grossCents) return 'CREDITED';
  if (paidCents + creditedCents >= grossCents) return 'PAID';
  return paidCents > 0 ? 'PARTIALLY_PAID' : 'DUE';
}

export const invoiceFileKey = (companyId: string, invoiceId: string, format: 'pdf' | 'xml'): string =>
  `${companyId}/invoices/${invoiceId}.${format}`;

/**
 * Invoices and credit notes: issue (number, Factur-X, files, rows, emails in one unit), payments,
 * lists and totals, overdue reminders. No GraphQL here: resolvers, HTTP routes and jobs call these
 * methods after the access check.
 */
export class InvoicesService {
  constructor(
    private readonly ds: DataSource,
    private readonly settings: InvoiceSettings,
    private readonly storage: FileStorage,
    private readonly activity: ActivityService,
    private readonly outbox: OutboxService,
  ) {}

  private get kind(): string {
    return this.ds.options.type;
  }

  private reader(ctx: ServiceContext): EntityManager {
    return ctx.em ?? this.ds.manager;
  }

  // ---------------------------------------------------------------- reading

  /** Newest first, keyset on (issued_at, id); `companyId` null lists every company's (operator). */
  async list(
    ctx: ServiceContext,
    companyId: string | null,
    first: number,
    after: string | null | undefined,
    filter: InvoiceFilter | null | undefined,
  ): Promise<InvoicePage> {
    const f = normaliseFilter(filter);
    const position = after ? decodeInvoiceCursor(after) : null;
    const q = invoicePageQuery(this.kind, companyId, f, parisDay(ctx.now), position, first + 1);
    const rows = ((await this.reader(ctx).query(q.sql, q.params)) as RawInvoice[]).map(toInvoiceRow);
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first, cursorOf: invoiceCursor };
  }

  async count(ctx: ServiceContext, companyId: string | null, filter: InvoiceFilter | null | undefined): Promise<number> {
    const q = invoiceCountQuery(this.kind, companyId, normaliseFilter(filter), parisDay(ctx.now));
    const rows: { n: number | string }[] = await this.reader(ctx).query(q.sql, q.params);
    return Number(rows[0]?.n ?? 0);
  }

  /** One invoice of the company; another company's id is simply not found. */
  async find(ctx: ServiceContext, companyId: string, id: string): Promise<InvoiceRow | null> {
    if (!isId(id)) return null;
    const rows: RawInvoice[] = await this.reader(ctx).query(
      `SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.id = ? AND i.company_id = ?`,
      [id, companyId],
    );
    return rows[0] ? toInvoiceRow(rows[0]) : null;
  }

  /** Invoices by id, whatever their company (for loaders behind an authorized parent). */
  async byIds(ctx: ServiceContext, ids: readonly string[]): Promise<InvoiceRow[]> {
    const out: InvoiceRow[] = [];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows: RawInvoice[] = await this.reader(ctx).query(
        `SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.id IN (${placeholders(chunk.length)})`,
        chunk,
      );
      out.push(...rows.map(toInvoiceRow));
    }
    return out;
  }

  /**
   * What the company owes: counts per status (from the (company, status) index alone), and the
   * amounts still due and overdue (read from the unpaid invoices only). Credit notes have no status.
   */
  async totals(ctx: ServiceContext, companyId: string, year: number | null | undefined): Promise<InvoiceTotalsRow> {
    const today = parisDay(ctx.now);
    const f = normaliseFilter({ year });
    const range = f.year ? parisYearBounds(f.year) : null;
    const yearSql = range ? ' AND i.issued_at >= ? AND i.issued_at < ?' : '';
    const yearParams = range ? [dbDate(this.kind, range.from), dbDate(this.kind, range.to)] : [];
    const from = this.kind === 'mysql' ? 'invoices i FORCE INDEX (ix_invoices_company_status)' : 'invoices i';
    const db = this.reader(ctx);
    const counts: { status: InvoiceStatus; n: number | string }[] = await db.query(
      `SELECT i.status, COUNT(*) AS n FROM ${from} WHERE i.company_id = ? AND i.status IS NOT NULL${yearSql} GROUP BY i.status`,
      [companyId, ...yearParams],
    );
    const unpaid: { late: number | string; n: number | string; remaining: number | string | null }[] = await db.query(
      `SELECT CASE WHEN i.due_date < ? THEN 1 ELSE 0 END AS late, COUNT(*) AS n, SUM(i.gross_cents - i.paid_cents - i.credited_cents) AS remaining
         FROM ${from} WHERE i.company_id = ? AND i.status IN ('DUE', 'PARTIALLY_PAID')${yearSql} GROUP BY late`,
      [today, companyId, ...yearParams],
    );
    const out: InvoiceTotalsRow = { dueCents: 0, dueCount: 0, overdueCents: 0, overdueCount: 0, byStatus: [] };
    for (const u of unpaid) {
      out.dueCents += Number(u.remaining ?? 0);
      out.dueCount += Number(u.n);
      if (Number(u.late) === 1) {
        out.overdueCents += Number(u.remaining ?? 0);
        out.overdueCount += Number(u.n);
      }
    }
    const byStatus = new Map(counts.map((c) => [c.status, Number(c.n)]));
    out.byStatus = (['DUE', 'PARTIALLY_PAID', 'PAID', 'CREDITED'] as const).map((status) => ({ status, count: byStatus.get(status) ?? 0 }));
    return out;
  }

  /** Lines of many invoices in one statement, in printed order. */
  linesOf(ctx: ServiceContext, invoiceIds: readonly string[]): Promise<Map<string, InvoiceLineRow[]>> {
    return loadLines(this.reader(ctx), invoiceIds);
  }

  /** Payments of many invoices in one statement, oldest first. */
  paymentsOf(ctx: ServiceContext, invoiceIds: readonly string[]): Promise<Map<string, PaymentRow[]>> {
    return loadPayments(this.reader(ctx), invoiceIds);
  }

  /** Credit notes of many invoices in one statement, oldest first. */
  creditNotesOf(ctx: ServiceContext, invoiceIds: readonly string[]): Promise<Map<string, InvoiceRow[]>> {
    return loadCreditNotes(this.reader(ctx), invoiceIds);
  }

  // ---------------------------------------------------------------- issuing

  /**
   * The document's amounts before anything is allocated, with every check of the generator (a
   * placeholder number, today's date): bad input is refused here, before a number is taken.
   */
  preview(ctx: ServiceContext, draft: Omit<IssueDraft, 'billingPeriod'>): InvoiceTotals {
    const issueDate = parisDay(ctx.now);
    let totals: InvoiceTotals;
    try {
      totals = computeTotals(
        documentInput({
          kind: draft.kind,
          number: DRAFT_NUMBER,
          issueDate,
          dueDate: draft.kind === 'CREDIT_NOTE' ? issueDate : (draft.dueDate ?? addDays(issueDate, this.settings.paymentDays)),
          periodStart: draft.periodStart,
          periodEnd: draft.periodEnd,
          seller: this.settings.seller,
          buyer: buyerOf(draft.company),
          lines: draft.lines,
          preceding: draft.credited ? { number: draft.credited.number, issueDate: draft.credited.issueDate } : null,
          note: draft.note,
        }),
      );
    } catch (error) {
      throw asDomainError(error);
    }
    if (totals.grandTotalCents > MAX_AMOUNT_CENTS) throw invoiceValidationFailed([{ field: 'lines', code: 'INVOICE_AMOUNT_TOO_LARGE' }]);
    return totals;
  }

  /** One transaction of this module (one at a time on SQLite: see `transaction` in db/with-transaction.ts). */
  transaction<T>(ctx: ServiceContext, work: (tx: TransactionalContext) => Promise<T>): Promise<T> {
    return withTransaction(this.ds, ctx, work);
  }

  /**
   * Runs `work` in one transaction that may issue documents: on SQLite one at a time, and when it
   * fails, the files it stored are deleted again (the rows, the sequence's increment and the emails
   * roll back with the transaction).
   */
  async withIssuing<T>(ctx: ServiceContext, work: (tx: TransactionalContext, stored: string[]) => Promise<T>): Promise<T> {
    const stored: string[] = [];
    try {
      return await this.transaction(ctx, (tx) => work(tx, stored));
    } catch (error) {
      await Promise.all(stored.map((key) => this.storage.delete(key).catch(() => undefined)));
      throw error;
    }
  }

  /**
   * Issues one document inside the caller's transaction: allocates the number, generates the
   * Factur-X PDF and XML once (the number is in them), stores both with their SHA-256, writes the
   * rows, the journal entry and the emails. The stored keys are pushed to `stored` before each
   * write, so the caller can delete them if the transaction fails.
   */
  async issueIn(
    tx: TransactionalContext,
    draft: IssueDraft,
    stored: string[],
    options: IssueOptions = { notify: true },
  ): Promise<InvoiceRow> {
    const { company } = draft;
    const allocated = await allocateNumber(tx.em, this.kind, seriesOf(draft.kind, parisDay(tx.now).slice(0, 4)), tx.now);
    const issueDate = parisDay(allocated.issuedAt);
    const dueDate = draft.kind === 'CREDIT_NOTE' ? issueDate : (draft.dueDate ?? addDays(issueDate, this.settings.paymentDays));
    if (dueDate < issueDate) throw invoiceValidationFailed([{ field: 'dueDate', code: 'INVOICE_DUE_BEFORE_ISSUE' }]);
    const buyer = buyerOf(company);
    const input = documentInput({
      kind: draft.kind,
      number: allocated.number,
      issueDate,
      dueDate,
      periodStart: draft.periodStart,
      periodEnd: draft.periodEnd,
      seller: this.settings.seller,
      buyer,
      lines: draft.lines,
      preceding: draft.credited ? { number: draft.credited.number, issueDate: draft.credited.issueDate } : null,
      note: draft.note,
    });
    let document: Awaited<ReturnType<typeof generateFacturX>>;
    try {
      document = await generateFacturX(input, { createdAt: allocated.issuedAt });
    } catch (error) {
      throw asDomainError(error);
    }
    const { totals } = document;
    const id = newId(tx.now.getTime());
    const pdfKey = invoiceFileKey(company.id, id, 'pdf');
    const xmlKey = invoiceFileKey(company.id, id, 'xml');
    stored.push(pdfKey);
    const pdf = await this.storage.put(pdfKey, document.pdf);
    stored.push(xmlKey);
    const xml = await this.storage.put(xmlKey, Buffer.from(document.xml, 'utf8'));
    if (pdf.sha256 !== document.sha256Pdf || xml.sha256 !== document.sha256Xml)
      throw new Error(`invoice ${allocated.number}: stored bytes differ`);

    const entity: InvoiceEntity = {
      id,
      companyId: company.id,
      kind: draft.kind,
      series: allocated.series,
      sequenceNumber: allocated.sequenceNumber,
      number: allocated.number,
      creditedInvoiceId: draft.credited?.id ?? null,
      creditedInvoiceNumber: draft.credited?.number ?? null,
      issuedAt: allocated.issuedAt,
      issueDate,
      dueDate,
      periodStart: draft.periodStart,
      periodEnd: draft.periodEnd,
      label: draft.label.slice(0, MAX_INVOICE_LABEL_LENGTH),
      buyerJson: JSON.stringify(buyer),
      buyerName: buyer.legalName,
      netCents: totals.taxBasisTotalCents,
      vatCents: totals.vatTotalCents,
      grossCents: totals.grandTotalCents,
      vatBreakdownJson: JSON.stringify(totals.vatBreakdown),
      status: draft.kind === 'INVOICE' ? statusOf(totals.grandTotalCents, 0, 0) : null,
      paidCents: 0,
      creditedCents: 0,
      paidDate: null,
      pdfKey,
      pdfSize: pdf.size,
      pdfSha256: pdf.sha256,
      xmlKey,
      xmlSize: xml.size,
      xmlSha256: xml.sha256,
      billingPeriod: draft.billingPeriod,
      searchText: invoiceSearchText(allocated.number, draft.label, draft.credited?.number ?? null),
      overdueReminderSentAt: null,
      issuedById: tx.actor?.userId ?? null,
      createdAt: tx.now,
    };
    await tx.em.insert(InvoiceEntity, entity);
    await tx.em.insert(
      InvoiceLineEntity,
      totals.lines.map((line, i) => ({
        invoiceId: id,
        position: i + 1,
        companyId: company.id,
        label: line.label,
        quantity: line.quantity,
        unitPriceCents: line.unitPriceCents,
        vatRate: line.vatRate,
        exemptionReason: line.vatRate === '0' ? (draft.lines[i]?.exemptionReason ?? null) : null,
        netCents: line.netCents,
      })),
    );
    if (draft.credited) {
      const c = draft.credited;
      const creditedCents = c.creditedCents + totals.grandTotalCents;
      await tx.em.update(
        InvoiceEntity,
        { id: c.id, companyId: company.id },
        { creditedCents, status: statusOf(c.grossCents, c.paidCents, creditedCents) },
      );
    }
    await this.activity.record(
      tx.em,
      {
        companyId: company.id,
        actorUserId: tx.actor?.userId ?? null,
        actorApiTokenId: tx.actor?.apiTokenId ?? null,
        action: draft.kind === 'INVOICE' ? 'invoice.issued' : 'invoice.credit_note_issued',
        targetType: 'invoice',
        targetId: id,
        details: {
          number: allocated.number,
          grossCents: totals.grandTotalCents,
          ...(draft.credited ? { creditedInvoice: draft.credited.number } : {}),
          ...(draft.billingPeriod ? { billingPeriod: draft.billingPeriod } : {}),
        },
        ip: tx.ip ?? null,
      },
      tx.now,
    );
    const row: InvoiceRow = {
      ...entity,
      buyer,
      vatBreakdown: totals.vatBreakdown,
    };
    if (options.notify) await this.notify(tx.em, company, row, 'issued', tx.now);
    return row;
  }

  private async company(ctx: ServiceContext, companyId: string): Promise<CompanyEntity> {
    const company = isId(companyId) ? await this.reader(ctx).findOne(CompanyEntity, { where: { id: companyId } }) : null;
    if (!company) throw notFound('Company');
    return company;
  }

  /** A one-off invoice (operator, or its billing tool). Bad input is refused before a number is taken. */
  async issueInvoice(ctx: ServiceContext, companyId: string, input: IssueInvoiceInput, options?: IssueOptions): Promise<InvoiceRow> {
    const company = await this.company(ctx, companyId);
    const period = checkPeriod(input.periodStart, input.periodEnd);
    const dueDate = input.dueDate ? checkDueDate(input.dueDate, parisDay(ctx.now), this.settings.paymentDays) : null;
    const note = optionalText('note', input.note, MAX_REASON_LENGTH);
    const lines = toDocumentLines(input.lines);
    const label = optionalText('label', input.label, MAX_INVOICE_LABEL_LENGTH) ?? lines[0]?.label ?? '';
    const draft: IssueDraft = {
      company,
      kind: 'INVOICE',
      lines,
      periodStart: period.start,
      periodEnd: period.end,
      dueDate,
      label,
      note,
      credited: null,
      billingPeriod: null,
    };
    this.preview(ctx, draft);
    return this.withIssuing(ctx, (tx, stored) => this.issueIn(tx, draft, stored, options));
  }

  /**
   * A credit note (avoir) that corrects an invoice, in full or in part: never more than what remains
   * to be credited, in total and at each VAT rate. Checked under the invoice's lock, so two credit
   * notes at once cannot both take the same remainder.
   */
  async issueCreditNote(
    ctx: ServiceContext,
    companyId: string,
    invoiceId: string,
    input: CreditNoteInput,
    options?: IssueOptions,
  ): Promise<InvoiceRow> {
    const company = await this.company(ctx, companyId);
    const reason = optionalText('reason', input.reason, MAX_REASON_LENGTH);
    if (!reason) throw invoiceValidationFailed([{ field: 'reason', code: 'CREDIT_NOTE_REASON_REQUIRED' }]);
    const invoice = await this.find(ctx, companyId, invoiceId);
    if (!invoice) throw notFound('Invoice');
    if (invoice.kind !== 'INVOICE') throw invoiceValidationFailed([{ field: 'invoiceId', code: 'CREDIT_NOTE_TARGET_INVALID' }]);
    let lines: InvoiceLineInput[];
    if (input.lines) {
      lines = toDocumentLines(input.lines);
    } else {
      if (invoice.creditedCents > 0) throw invoiceValidationFailed([{ field: 'lines', code: 'CREDIT_NOTE_LINES_REQUIRED' }]);
      lines = ((await this.linesOf(ctx, [invoice.id])).get(invoice.id) ?? []).map((l) => ({
        label: l.label,
        quantity: l.quantity,
        unitPriceCents: l.unitPriceCents,
        vatRate: l.vatRate as InvoiceLineInput['vatRate'],
        ...(l.exemptionReason ? { exemptionReason: l.exemptionReason } : {}),
      }));
    }
    const draft: IssueDraft = {
      company,
      kind: 'CREDIT_NOTE',
      lines,
      periodStart: invoice.periodStart,
      periodEnd: invoice.periodEnd,
      dueDate: null,
      label: `Avoir sur ${invoice.number}`,
      note: reason,
      credited: invoice,
      billingPeriod: null,
    };
    const totals = this.preview(ctx, draft);
    return this.withIssuing(ctx, async (tx, stored) => {
      const locked = await this.lockInvoice(tx, companyId, invoice.id);
      await this.checkCreditable(tx, locked, totals);
      return this.issueIn(tx, { ...draft, credited: locked }, stored, options);
    });
  }

  /** The invoice's row under an exclusive lock (MySQL/MariaDB; SQLite has one writer). */
  private async lockInvoice(tx: TransactionalContext, companyId: string, invoiceId: string): Promise<InvoiceRow> {
    const lock = this.kind === 'mysql' ? ' FOR UPDATE' : '';
    const rows: RawInvoice[] = await tx.em.query(`SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.id = ? AND i.company_id = ?${lock}`, [
      invoiceId,
      companyId,
    ]);
    if (!rows[0]) throw notFound('Invoice');
    return toInvoiceRow(rows[0]);
  }

  /** What the invoice still bears, in total and per VAT rate, against the earlier credit notes and this one. */
  private async checkCreditable(tx: TransactionalContext, invoice: InvoiceRow, totals: InvoiceTotals): Promise<void> {
    const creditable = invoice.grossCents - invoice.creditedCents;
    if (totals.grandTotalCents > creditable) {
      throw invoiceValidationFailed(
        [{ field: 'lines', code: 'CREDIT_NOTE_EXCEEDS_INVOICE' }],
        `The credit note (${totals.grandTotalCents} cents) exceeds what remains to be credited on ${invoice.number} (${creditable} cents).`,
        { creditableCents: creditable },
      );
    }
    const earlier = (await this.creditNotesOf(tx, [invoice.id])).get(invoice.id) ?? [];
    const basisAt = (breakdown: readonly VatBreakdown[], rate: string): number =>
      breakdown.filter((b) => b.rate === rate).reduce((sum, b) => sum + b.basisCents, 0);
    for (const entry of totals.vatBreakdown) {
      const credited = earlier.reduce((sum, note) => sum + basisAt(note.vatBreakdown, entry.rate), 0);
      if (credited + entry.basisCents > basisAt(invoice.vatBreakdown, entry.rate)) {
        throw invoiceValidationFailed(
          [{ field: 'lines', code: 'CREDIT_NOTE_RATE_NOT_ON_INVOICE' }],
          `At ${entry.rate} % VAT, ${invoice.number} has ${basisAt(invoice.vatBreakdown, entry.rate) - credited} cents excluding VAT left to credit.`,
        );
      }
    }
  }

  /**
   * Records money received for an invoice: never more than what is still due. The invoice's status
   * follows (PARTIALLY_PAID, PAID with the day it was paid in full).
   */
  async recordPayment(ctx: ServiceContext, companyId: string, invoiceId: string, input: PaymentInput): Promise<InvoiceRow> {
    const payment = checkPayment(input, parisDay(ctx.now));
    if (!isId(invoiceId)) throw notFound('Invoice');
    return this.transaction(ctx, async (tx) => {
      const invoice = await this.lockInvoice(tx, companyId, invoiceId);
      const remaining = remainingOf(invoice);
      if (payment.date < invoice.issueDate) throw invoiceValidationFailed([{ field: 'date', code: 'PAYMENT_DATE_BEFORE_ISSUE' }]);
      if (invoice.kind !== 'INVOICE' || payment.amountCents > remaining) {
        throw invoiceValidationFailed(
          [{ field: 'amountCents', code: 'PAYMENT_EXCEEDS_DUE' }],
          `The payment exceeds what remains due on ${invoice.number} (${remaining} cents).`,
          { remainingCents: remaining },
        );
      }
      await tx.em.insert(InvoicePaymentEntity, {
        id: newId(tx.now.getTime()),
        invoiceId,
        companyId,
        amountCents: payment.amountCents,
        paidOn: payment.date,
        method: payment.method,
        reference: payment.reference,
        recordedById: tx.actor?.userId ?? null,
        recordedAt: tx.now,
      });
      const paidCents = invoice.paidCents + payment.amountCents;
      const status = statusOf(invoice.grossCents, paidCents, invoice.creditedCents);
      let paidDate: string | null = null;
      if (status === 'PAID') {
        const latest: { d: string | null }[] = await tx.em.query('SELECT MAX(paid_on) AS d FROM invoice_payments WHERE invoice_id = ?', [
          invoiceId,
        ]);
        paidDate = latest[0]?.d ?? payment.date;
      }
      await tx.em.update(InvoiceEntity, { id: invoiceId, companyId }, { paidCents, status, paidDate });
      await this.activity.record(
        tx.em,
        {
          companyId,
          actorUserId: tx.actor?.userId ?? null,
          actorApiTokenId: tx.actor?.apiTokenId ?? null,
          action: 'invoice.payment_recorded',
          targetType: 'invoice',
          targetId: invoiceId,
          details: { number: invoice.number, amountCents: payment.amountCents, date: payment.date, method: payment.method },
          ip: tx.ip ?? null,
        },
        tx.now,
      );
      return { ...invoice, paidCents, status, paidDate };
    });
  }

  // ---------------------------------------------------------------- notifications

  /**
   * To the members tagged "contact for" FACTURATION who hold invoice:read, or the administrators
   * when nobody is: a link to the invoice's page in the client space (never the PDF itself).
   */
  private async notify(em: EntityManager, company: CompanyEntity, row: InvoiceRow, what: 'issued' | 'overdue', now: Date): Promise<void> {
    const { reason, recipients } = await notificationRecipients(em, company.id, 'FACTURATION', 'invoice:read');
    const url = `${this.settings.publicUrl}/c/${encodeURIComponent(company.id)}/invoices/${encodeURIComponent(row.id)}`;
    for (const r of recipients) {
      const params: InvoiceEmailParams = {
        firstName: r.firstName,
        companyName: company.name,
        kind: row.kind,
        number: row.number,
        grossCents: row.grossCents,
        remainingCents: remainingOf(row),
        dueDate: row.dueDate,
        periodStart: row.periodStart,
        periodEnd: row.periodEnd,
        creditedNumber: row.creditedInvoiceNumber,
        url,
        reason,
        publicUrl: this.settings.publicUrl,
      };
      await this.outbox.enqueue(
        em,
        r.email,
        what === 'issued' ? invoiceIssuedEmail(r.locale, params) : invoiceOverdueEmail(r.locale, params),
        now,
      );
    }
  }

  /**
   * One reminder per invoice once it is past its due date and still unpaid. Each invoice is claimed
   * by a conditional update (`overdue_reminder_sent_at IS NULL`), so several instances running the
   * job at once send it once; the emails commit with the claim.
   */
  async sendOverdueReminders(ctx: ServiceContext): Promise<number> {
    const today = parisDay(ctx.now);
    const due: { id: string }[] = await this.reader(ctx).query(
      `SELECT i.id FROM invoices i WHERE i.status IN ('DUE', 'PARTIALLY_PAID') AND i.due_date < ? AND i.overdue_reminder_sent_at IS NULL
        ORDER BY i.due_date, i.id LIMIT ${REMINDER_BATCH}`,
      [today],
    );
    let sent = 0;
    for (const { id } of due) {
      await this.transaction(ctx, async (tx) => {
        const claimed = await tx.em.update(
          InvoiceEntity,
          { id, overdueReminderSentAt: IsNull(), status: In(UNPAID) },
          { overdueReminderSentAt: tx.now },
        );
        if (claimed.affected !== 1) return;
        const rows: RawInvoice[] = await tx.em.query(`SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.id = ?`, [id]);
        const row = rows[0] ? toInvoiceRow(rows[0]) : null;
        const company = row ? await tx.em.findOne(CompanyEntity, { where: { id: row.companyId } }) : null;
        if (!row || !company || row.dueDate >= today) return;
        await this.notify(tx.em, company, row, 'overdue', tx.now);
        sent += 1;
      });
    }
    return sent;
  }
}
