import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../db/columns';

export const INVOICE_KINDS = ['INVOICE', 'CREDIT_NOTE'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

/** The payment state of an invoice. OVERDUE is derived (unpaid and past its due date), never stored. */
export const INVOICE_STATUSES = ['DUE', 'PARTIALLY_PAID', 'PAID', 'CREDITED'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

/** Calendar dates (issue, due, service period) are `YYYY-MM-DD` strings in Paris time. */
const DAY = { type: 'varchar', length: 10 } as const;

/**
 * An issued invoice or credit note. Immutable once issued, except for what payments and credit
 * notes change (status, paid and credited amounts, paid date) and the overdue reminder's date.
 * The Factur-X PDF and its XML live in file storage under `pdfKey` / `xmlKey`, with their SHA-256.
 */
@Entity({ name: 'invoices' })
export class InvoiceEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: InvoiceKind;

  /** `F2026` (invoices) or `A2026` (credit notes): one gap-free sequence per series. */
  @Column({ type: 'varchar', length: 16 })
  series: string;

  /** Position in the series, from 1. */
  @Column({ name: 'sequence_number', type: 'int' })
  sequenceNumber: number;

  /** As printed: `F2026-000123`. */
  @Column({ type: 'varchar', length: 40 })
  number: string;

  /** The invoice a credit note corrects. */
  @Column({ name: 'credited_invoice_id', type: 'varchar', length: 36, nullable: true })
  creditedInvoiceId: string | null;

  @Column({ name: 'credited_invoice_number', type: 'varchar', length: 40, nullable: true })
  creditedInvoiceNumber: string | null;

  /** The instant of issue (chronological within a series); the legal date is its Paris day. */
  @Column({ name: 'issued_at', ...DATETIME })
  issuedAt: Date;

  @Column({ name: 'issue_date', ...DAY })
  issueDate: string;

  @Column({ name: 'due_date', ...DAY })
  dueDate: string;

  @Column({ name: 'period_start', ...DAY })
  periodStart: string;

  @Column({ name: 'period_end', ...DAY })
  periodEnd: string;

  /** What the invoice is for, as lists show it (the plan and month, or the first line). */
  @Column({ type: 'varchar', length: 300 })
  label: string;

  /** The buyer as printed on the document (JSON of a Factur-X `Party`): the company at the time of issue. */
  @Column({ name: 'buyer_json', type: 'text' })
  buyerJson: string;

  @Column({ name: 'buyer_name', type: 'varchar', length: 200 })
  buyerName: string;

  @Column({ name: 'net_cents', type: 'int' })
  netCents: number;

  @Column({ name: 'vat_cents', type: 'int' })
  vatCents: number;

  @Column({ name: 'gross_cents', type: 'int' })
  grossCents: number;

  /** JSON: the document's VAT breakdown, `[{ rate, categoryCode, basisCents, vatCents, exemptionReason? }]`. */
  @Column({ name: 'vat_breakdown_json', type: 'text' })
  vatBreakdownJson: string;

  /** Null for a credit note: it is applied to the invoice it corrects, nothing is paid on it. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  status: InvoiceStatus | null;

  @Column({ name: 'paid_cents', type: 'int', default: 0 })
  paidCents: number;

  /** Sum of the credit notes issued against this invoice (including VAT). */
  @Column({ name: 'credited_cents', type: 'int', default: 0 })
  creditedCents: number;

  /** The day the invoice became PAID ("encaissée"). */
  @Column({ name: 'paid_date', ...DAY, nullable: true })
  paidDate: string | null;

  @Column({ name: 'pdf_key', type: 'varchar', length: 255 })
  pdfKey: string;

  @Column({ name: 'pdf_size', type: 'int' })
  pdfSize: number;

  @Column({ name: 'pdf_sha256', type: 'varchar', length: 64 })
  pdfSha256: string;

  @Column({ name: 'xml_key', type: 'varchar', length: 255 })
  xmlKey: string;

  @Column({ name: 'xml_size', type: 'int' })
  xmlSize: number;

  @Column({ name: 'xml_sha256', type: 'varchar', length: 64 })
  xmlSha256: string;

  /** `2026-03` (monthly plan) or `2026` (yearly plan) for an invoice of the invoicing run; unique per company. */
  @Column({ name: 'billing_period', type: 'varchar', length: 7, nullable: true })
  billingPeriod: string | null;

  /** Number, label and credited number, lower-cased without accents, for search. */
  @Column({ name: 'search_text', type: 'varchar', length: 250 })
  searchText: string;

  @Column({ name: 'overdue_reminder_sent_at', ...DATETIME, nullable: true })
  overdueReminderSentAt: Date | null;

  /** The operator (or the creator of the operator token) who issued it; null for the scheduled run. */
  @Column({ name: 'issued_by_id', type: 'varchar', length: 36, nullable: true })
  issuedById: string | null;

  @Column({ name: 'created_at', ...DATETIME })
  createdAt: Date;
}

/** A line of an invoice, as printed (position from 1). */
@Entity({ name: 'invoice_lines' })
export class InvoiceLineEntity {
  @PrimaryColumn({ name: 'invoice_id', type: 'varchar', length: 36 })
  invoiceId: string;

  @PrimaryColumn({ type: 'int' })
  position: number;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ type: 'varchar', length: 300 })
  label: string;

  /** Canonical decimal string, e.g. `1`, `2.5`. */
  @Column({ type: 'varchar', length: 24 })
  quantity: string;

  @Column({ name: 'unit_price_cents', type: 'int' })
  unitPriceCents: number;

  /** `20`, `10`, `5.5`, `2.1` or `0`. */
  @Column({ name: 'vat_rate', type: 'varchar', length: 5 })
  vatRate: string;

  @Column({ name: 'exemption_reason', type: 'varchar', length: 300, nullable: true })
  exemptionReason: string | null;

  @Column({ name: 'net_cents', type: 'int' })
  netCents: number;
}
