import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../graphql/pagination';
import { AddressType } from '../companies/company.type';
import type { InvoiceLineRow, PaymentRow, PlanRow } from './invoices.loader';
import { isOverdue, remainingOf, type InvoiceFilter, type InvoiceRow } from './invoices.queries';
import type { InvoiceTotalsRow } from './invoices.service';
import type { RunItem, RunResult } from './invoicing.service';

export enum InvoiceKindEnum {
  INVOICE = 'INVOICE',
  CREDIT_NOTE = 'CREDIT_NOTE',
}
registerEnumType(InvoiceKindEnum, { name: 'InvoiceKind', description: 'An invoice, or a credit note (avoir) that corrects one.' });

export enum InvoiceStatusEnum {
  DUE = 'DUE',
  PARTIALLY_PAID = 'PARTIALLY_PAID',
  PAID = 'PAID',
  CREDITED = 'CREDITED',
}
registerEnumType(InvoiceStatusEnum, {
  name: 'InvoiceStatus',
  description:
    'Payment state of an invoice: DUE, PARTIALLY_PAID, PAID ("encaissée"), CREDITED (cancelled in full by credit notes). Overdue is derived: see Invoice.overdue.',
});

export enum PlanPeriodEnum {
  MONTHLY = 'MONTHLY',
  YEARLY = 'YEARLY',
}
registerEnumType(PlanPeriodEnum, {
  name: 'PlanPeriod',
  description: 'How often a plan is billed: each month, or once a year (for the calendar year).',
});

export enum PaymentMethodEnum {
  TRANSFER = 'TRANSFER',
  DIRECT_DEBIT = 'DIRECT_DEBIT',
  CARD = 'CARD',
  CHECK = 'CHECK',
  CASH = 'CASH',
  OTHER = 'OTHER',
}
registerEnumType(PaymentMethodEnum, { name: 'PaymentMethod' });

export enum InvoiceFileFormatEnum {
  PDF = 'PDF',
  XML = 'XML',
}
registerEnumType(InvoiceFileFormatEnum, {
  name: 'InvoiceFileFormat',
  description: 'PDF: the Factur-X invoice (PDF/A-3 with its XML embedded). XML: the CII XML (EN 16931) alone.',
});

export enum InvoicesExportFormatEnum {
  CSV = 'CSV',
  ZIP = 'ZIP',
}
registerEnumType(InvoicesExportFormatEnum, {
  name: 'InvoicesExportFormat',
  description:
    'CSV: one line per invoice and VAT rate, for the accountant (UTF-8 with BOM, `;`, decimal comma). ZIP: the Factur-X PDFs and that CSV.',
});

export enum InvoicingOutcomeEnum {
  BILLED = 'BILLED',
  WOULD_BILL = 'WOULD_BILL',
  ALREADY_BILLED = 'ALREADY_BILLED',
  FAILED = 'FAILED',
}
registerEnumType(InvoicingOutcomeEnum, {
  name: 'InvoicingOutcome',
  description:
    'What the run did for a company: billed it, would bill it (dry run), found the period already billed, or could not bill it (see error).',
});

@ObjectType('InvoiceParty', { simpleResolvers: true, description: 'The buyer as printed on the invoice when it was issued.' })
export class InvoicePartyType {
  @Field(() => String)
  name: string;

  @Field(() => String)
  siren: string;

  @Field(() => String, { nullable: true })
  siret: string | null;

  @Field(() => String, { nullable: true, description: 'Intra-community VAT number.' })
  vatNumber: string | null;

  @Field(() => AddressType)
  address: AddressType;
}

@ObjectType('VatBreakdownEntry', { simpleResolvers: true, description: 'The invoice’s amounts at one VAT rate.' })
export class VatBreakdownEntryType {
  @Field(() => String, { description: 'Percent, as a decimal: 20, 10, 5.5, 2.1 or 0.' })
  rate: string;

  @Field(() => Int, { description: 'Amount excluding VAT at this rate, in cents.' })
  basisCents: number;

  @Field(() => Int, { description: 'VAT at this rate, in cents (rounded once per rate).' })
  vatCents: number;

  @Field(() => String, { nullable: true, description: 'For the 0 % rate: the exemption statement printed on the invoice.' })
  exemptionReason: string | null;
}

@ObjectType('InvoiceLine', { simpleResolvers: true })
export class InvoiceLineType {
  @Field(() => Int, { description: 'From 1, in printed order.' })
  position: number;

  @Field(() => String)
  label: string;

  @Field(() => String, { description: 'Decimal, with a dot: "1", "2.5".' })
  quantity: string;

  @Field(() => Int, { description: 'Excluding VAT, in cents.' })
  unitPriceCents: number;

  @Field(() => String, { description: 'Percent: 20, 10, 5.5, 2.1 or 0.' })
  vatRate: string;

  @Field(() => String, { nullable: true })
  exemptionReason: string | null;

  @Field(() => Int, { description: 'Quantity × unit price, rounded half-up to the cent, excluding VAT.' })
  netCents: number;
}

export const toInvoiceLineType = (l: InvoiceLineRow): InvoiceLineType => ({
  position: l.position,
  label: l.label,
  quantity: l.quantity,
  unitPriceCents: l.unitPriceCents,
  vatRate: l.vatRate,
  exemptionReason: l.exemptionReason,
  netCents: l.netCents,
});

@ObjectType('Payment', { simpleResolvers: true, description: 'Money received for an invoice.' })
export class PaymentType {
  @Field(() => ID)
  id: string;

  @Field(() => Int)
  amountCents: number;

  @Field(() => String, { description: 'The day it was received, YYYY-MM-DD.' })
  date: string;

  @Field(() => PaymentMethodEnum)
  method: PaymentMethodEnum;

  @Field(() => String, { nullable: true })
  reference: string | null;

  @Field(() => GraphQLISODateTime)
  recordedAt: Date;
}

export const toPaymentType = (p: PaymentRow): PaymentType => ({
  id: p.id,
  amountCents: p.amountCents,
  date: p.date,
  method: p.method as PaymentMethodEnum,
  reference: p.reference,
  recordedAt: p.recordedAt,
});

@ObjectType('Invoice', {
  description:
    'An issued invoice or credit note. Immutable: a mistake is corrected by a credit note. Its Factur-X PDF and XML are reached through createInvoiceLink. Amounts are integer cents (euros).',
})
export class InvoiceType {
  @Field(() => ID)
  id: string;

  @Field(() => InvoiceKindEnum)
  kind: InvoiceKindEnum;

  @Field(() => String, {
    description: 'As printed, e.g. F2026-000123 (invoices) or A2026-000004 (credit notes): gap-free within its series.',
  })
  number: string;

  @Field(() => String, { description: 'F2026, A2026…' })
  series: string;

  @Field(() => GraphQLISODateTime, { description: 'The instant of issue.' })
  issuedAt: Date;

  @Field(() => String, { description: 'The invoice date, YYYY-MM-DD (Paris).' })
  issueDate: string;

  @Field(() => String, { description: 'YYYY-MM-DD.' })
  dueDate: string;

  @Field(() => String, { description: 'First day of the service period, YYYY-MM-DD.' })
  periodStart: string;

  @Field(() => String, { description: 'Last day of the service period, YYYY-MM-DD.' })
  periodEnd: string;

  @Field(() => String, { description: 'What it is for, as lists show it.' })
  label: string;

  @Field(() => InvoicePartyType, { description: 'The client company as printed on the document.' })
  buyer: InvoicePartyType;

  @Field(() => Int, { description: 'Total excluding VAT (HT).' })
  netCents: number;

  @Field(() => Int, { description: 'Total VAT (TVA).' })
  vatCents: number;

  @Field(() => Int, { description: 'Total including VAT (TTC).' })
  grossCents: number;

  @Field(() => [VatBreakdownEntryType], { description: 'Amounts per VAT rate, highest rate first.' })
  vatBreakdown: VatBreakdownEntryType[];

  @Field(() => InvoiceStatusEnum, { nullable: true, description: 'Null for a credit note (it is applied to the invoice it corrects).' })
  status: InvoiceStatusEnum | null;

  @Field(() => Boolean, { description: 'Unpaid (DUE or PARTIALLY_PAID) and past its due date.' })
  overdue: boolean;

  @Field(() => Int)
  paidCents: number;

  @Field(() => Int, { description: 'Credited by credit notes (including VAT).' })
  creditedCents: number;

  @Field(() => Int, { description: 'Still to be paid: total − paid − credited (0 for a credit note).' })
  remainingCents: number;

  @Field(() => String, { nullable: true, description: 'The day it was paid in full ("encaissée"), YYYY-MM-DD.' })
  paidDate: string | null;

  @Field(() => ID, { nullable: true, description: 'For a credit note: the invoice it corrects.' })
  creditedInvoiceId: string | null;

  @Field(() => String, { nullable: true })
  creditedInvoiceNumber: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'For an invoice of the invoicing run: the month (2026-03) or the year (2026) it bills.',
  })
  billingPeriod: string | null;

  @Field(() => String, { description: 'SHA-256 of the Factur-X PDF (hex), to check a downloaded copy.' })
  pdfSha256: string;

  @Field(() => Int, { description: 'Size of the PDF in bytes.' })
  pdfSize: number;

  @Field(() => String, { description: 'SHA-256 of the CII XML (hex): the bytes embedded in the PDF.' })
  xmlSha256: string;

  // lines, payments, creditNotes: field resolvers batched for the whole page.
  /** Not exposed. */
  companyId: string;
}

export const toInvoiceType = (r: InvoiceRow, today: string): InvoiceType => ({
  id: r.id,
  kind: r.kind as InvoiceKindEnum,
  number: r.number,
  series: r.series,
  issuedAt: r.issuedAt,
  issueDate: r.issueDate,
  dueDate: r.dueDate,
  periodStart: r.periodStart,
  periodEnd: r.periodEnd,
  label: r.label,
  buyer: {
    name: r.buyer.legalName,
    siren: r.buyer.siren,
    siret: r.buyer.siret ?? null,
    vatNumber: r.buyer.vatNumber ?? null,
    address: {
      line1: r.buyer.address.line1,
      line2: r.buyer.address.line2 ?? null,
      postalCode: r.buyer.address.postalCode,
      city: r.buyer.address.city,
      country: r.buyer.address.country,
    },
  },
  netCents: r.netCents,
  vatCents: r.vatCents,
  grossCents: r.grossCents,
  vatBreakdown: r.vatBreakdown.map((v) => ({
    rate: v.rate,
    basisCents: v.basisCents,
    vatCents: v.vatCents,
    exemptionReason: v.exemptionReason ?? null,
  })),
  status: r.status as InvoiceStatusEnum | null,
  overdue: isOverdue(r, today),
  paidCents: r.paidCents,
  creditedCents: r.creditedCents,
  remainingCents: remainingOf(r),
  paidDate: r.paidDate,
  creditedInvoiceId: r.creditedInvoiceId,
  creditedInvoiceNumber: r.creditedInvoiceNumber,
  billingPeriod: r.billingPeriod,
  pdfSha256: r.pdfSha256,
  pdfSize: r.pdfSize,
  xmlSha256: r.xmlSha256,
  companyId: r.companyId,
});

@ObjectType('InvoiceEdge', { simpleResolvers: true })
export class InvoiceEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => InvoiceType)
  node: InvoiceType;
}

@ObjectType('InvoiceConnection', { description: 'A page of invoices and credit notes, newest first.' })
export class InvoiceConnection {
  @Field(() => [InvoiceEdge])
  edges: InvoiceEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  // `totalCount` is a field resolver: counted only when selected.
  /** What totalCount counts (not exposed); null company: every company's (operator). */
  companyId: string | null;
  filter: InvoiceFilter | null;
}

@ObjectType('InvoiceStatusCount', { simpleResolvers: true })
export class InvoiceStatusCountType {
  @Field(() => InvoiceStatusEnum)
  status: InvoiceStatusEnum;

  @Field(() => Int)
  count: number;
}

@ObjectType('InvoiceTotals', {
  simpleResolvers: true,
  description: 'What the company owes. Sums are integer cents (Float only because a sum may exceed 32 bits).',
})
export class InvoiceTotalsType {
  @Field(() => Float, { description: 'Still to be paid on DUE and PARTIALLY_PAID invoices.' })
  dueCents: number;

  @Field(() => Int)
  dueCount: number;

  @Field(() => Float, { description: 'The part of dueCents past its due date.' })
  overdueCents: number;

  @Field(() => Int)
  overdueCount: number;

  @Field(() => [InvoiceStatusCountType], { description: 'Invoices per status (credit notes apart).' })
  byStatus: InvoiceStatusCountType[];
}

export const toInvoiceTotalsType = (t: InvoiceTotalsRow): InvoiceTotalsType => ({
  ...t,
  byStatus: t.byStatus.map((s) => ({ status: s.status as InvoiceStatusEnum, count: s.count })),
});

@ObjectType('InvoicesExport', {
  simpleResolvers: true,
  description: 'A short-lived signed URL to a CSV or a ZIP of invoices, built while it downloads.',
})
export class InvoicesExportType {
  @Field(() => String, { description: 'Open within expiresAt, with the same session or token.' })
  url: string;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;

  @Field(() => Int)
  invoiceCount: number;

  @Field(() => InvoicesExportFormatEnum)
  format: InvoicesExportFormatEnum;
}

@ObjectType('Plan', { simpleResolvers: true, description: 'A company’s subscription, billed once per period by the invoicing run.' })
export class PlanType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  label: string;

  @Field(() => PlanPeriodEnum)
  period: PlanPeriodEnum;

  @Field(() => Int, { description: 'Price per period excluding VAT, in cents.' })
  priceCents: number;

  @Field(() => String, { description: 'Percent: 20, 10, 5.5, 2.1 or 0.' })
  vatRate: string;

  @Field(() => String, { nullable: true })
  exemptionReason: string | null;

  @Field(() => Boolean, { description: 'Only active plans are billed.' })
  active: boolean;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;
}

export const toPlanType = (p: PlanRow): PlanType => ({
  id: p.id,
  label: p.label,
  period: p.period as PlanPeriodEnum,
  priceCents: p.priceCents,
  vatRate: p.vatRate,
  exemptionReason: p.exemptionReason,
  active: p.active,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

@ObjectType('InvoicingRunItem', { simpleResolvers: true })
export class InvoicingRunItemType {
  @Field(() => ID)
  companyId: string;

  @Field(() => String)
  companyName: string;

  @Field(() => String)
  planLabel: string;

  @Field(() => String, { description: 'The month (2026-03) or, for a yearly plan, the year (2026).' })
  billingPeriod: string;

  @Field(() => InvoicingOutcomeEnum)
  outcome: InvoicingOutcomeEnum;

  @Field(() => Int, { nullable: true })
  netCents: number | null;

  @Field(() => Int, { nullable: true })
  vatCents: number | null;

  @Field(() => Int, { nullable: true })
  grossCents: number | null;

  @Field(() => InvoiceType, { nullable: true, description: 'The invoice billed now, or earlier for this period.' })
  invoice: InvoiceType | null;

  @Field(() => String, { nullable: true, description: 'FAILED: the error code (e.g. VALIDATION_FAILED).' })
  errorCode: string | null;

  @Field(() => String, { nullable: true, description: 'FAILED: why, in English.' })
  error: string | null;
}

@ObjectType('InvoicingRun', { simpleResolvers: true, description: 'What an invoicing run did, or would do (dry run), per company.' })
export class InvoicingRunType {
  @Field(() => String, { description: 'YYYY-MM.' })
  period: string;

  @Field(() => Boolean)
  dryRun: boolean;

  @Field(() => [InvoicingRunItemType])
  items: InvoicingRunItemType[];

  @Field(() => Int, { description: 'Companies left to bill beyond this call’s batch: run again (a period is never billed twice).' })
  remaining: number;
}

export const toInvoicingRunType = (r: RunResult, today: string): InvoicingRunType => ({
  period: r.period,
  dryRun: r.dryRun,
  remaining: r.remaining,
  items: r.items.map((i: RunItem): InvoicingRunItemType => ({
    ...i,
    outcome: i.outcome as InvoicingOutcomeEnum,
    invoice: i.invoice ? toInvoiceType(i.invoice, today) : null,
  })),
});
