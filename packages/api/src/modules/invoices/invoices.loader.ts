import DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import { toDate } from '../../common/dates';
import { INVOICE_COLUMNS, toInvoiceRow, type InvoiceRow, type RawInvoice } from './invoices.queries';
import type { PaymentMethod } from './payment.entity';
import { InvoicePlanEntity, type PlanPeriod } from './plan.entity';

export interface InvoiceLineRow {
  invoiceId: string;
  position: number;
  label: string;
  quantity: string;
  unitPriceCents: number;
  vatRate: string;
  exemptionReason: string | null;
  netCents: number;
}

export interface PaymentRow {
  id: string;
  invoiceId: string;
  amountCents: number;
  date: string;
  method: PaymentMethod;
  reference: string | null;
  recordedAt: Date;
}

export interface PlanRow {
  id: string;
  companyId: string;
  label: string;
  period: PlanPeriod;
  priceCents: number;
  vatRate: string;
  exemptionReason: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

type Db = DataSource | EntityManager;

export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(key(r)) ?? [];
    list.push(r);
    out.set(key(r), list);
  }
  return out;
}

export const toPlanRow = (p: InvoicePlanEntity): PlanRow => ({
  id: p.id,
  companyId: p.companyId,
  label: p.label,
  period: p.period,
  priceCents: p.priceCents,
  vatRate: p.vatRate,
  exemptionReason: p.exemptionReason,
  active: Boolean(p.active),
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

/** Lines of many invoices in one statement, in printed order. */
export async function loadLines(db: Db, invoiceIds: readonly string[]): Promise<Map<string, InvoiceLineRow[]>> {
  if (invoiceIds.length === 0) return new Map();
  const rows: {
    invoice_id: string;
    position: number | string;
    label: string;
    quantity: string;
    unit_price_cents: number | string;
    vat_rate: string;
    exemption_reason: string | null;
    net_cents: number | string;
  }[] = await db.query(
    `SELECT invoice_id, position, label, quantity, unit_price_cents, vat_rate, exemption_reason, net_cents
       FROM invoice_lines WHERE invoice_id IN (${placeholders(invoiceIds.length)}) ORDER BY invoice_id, position`,
    [...invoiceIds],
  );
  return groupBy(
    rows.map((r) => ({
      invoiceId: r.invoice_id,
      position: Number(r.position),
      label: r.label,
      quantity: r.quantity,
      unitPriceCents: Number(r.unit_price_cents),
      vatRate: r.vat_rate,
      exemptionReason: r.exemption_reason,
      netCents: Number(r.net_cents),
    })),
    (r) => r.invoiceId,
  );
}

/** Payments of many invoices in one statement, oldest first. */
export async function loadPayments(db: Db, invoiceIds: readonly string[]): Promise<Map<string, PaymentRow[]>> {
  if (invoiceIds.length === 0) return new Map();
  const rows: {
    id: string;
    invoice_id: string;
    amount_cents: number | string;
    paid_on: string;
    method: string;
    reference: string | null;
    recorded_at: unknown;
  }[] = await db.query(
    `SELECT id, invoice_id, amount_cents, paid_on, method, reference, recorded_at
       FROM invoice_payments WHERE invoice_id IN (${placeholders(invoiceIds.length)}) ORDER BY invoice_id, paid_on, id`,
    [...invoiceIds],
  );
  return groupBy(
    rows.map((r) => ({
      id: r.id,
      invoiceId: r.invoice_id,
      amountCents: Number(r.amount_cents),
      date: r.paid_on,
      method: r.method as PaymentMethod,
      reference: r.reference,
      recordedAt: toDate(r.recorded_at),
    })),
    (r) => r.invoiceId,
  );
}

/** Credit notes of many invoices in one statement, oldest first. */
export async function loadCreditNotes(db: Db, invoiceIds: readonly string[]): Promise<Map<string, InvoiceRow[]>> {
  if (invoiceIds.length === 0) return new Map();
  const rows: RawInvoice[] = await db.query(
    `SELECT ${INVOICE_COLUMNS} FROM invoices i WHERE i.credited_invoice_id IN (${placeholders(invoiceIds.length)}) ORDER BY i.issued_at, i.id`,
    [...invoiceIds],
  );
  return groupBy(rows.map(toInvoiceRow), (r) => r.creditedInvoiceId ?? '');
}

/** The plans of many companies in one statement. */
export async function loadPlans(db: Db, companyIds: readonly string[]): Promise<Map<string, PlanRow>> {
  if (companyIds.length === 0) return new Map();
  const plans = await db
    .getRepository(InvoicePlanEntity)
    .createQueryBuilder('p')
    .where('p.company_id IN (:...ids)', { ids: [...companyIds] })
    .getMany();
  return new Map(plans.map((p) => [p.companyId, toPlanRow(p)]));
}

/** Per-request loaders of the invoices module: one statement per relation for a whole page. */
export interface InvoiceLoaders {
  linesOfInvoice: DataLoader<string, InvoiceLineRow[]>;
  paymentsOfInvoice: DataLoader<string, PaymentRow[]>;
  creditNotesOfInvoice: DataLoader<string, InvoiceRow[]>;
  planOfCompany: DataLoader<string, PlanRow | null>;
}

/**
 * Built per request (nothing outlives it). Each loader reads rows under parents already reached
 * through an authorized field, so it needs no check of its own.
 */
export function createInvoiceLoaders(ds: DataSource): InvoiceLoaders {
  const many = <T>(load: (db: Db, ids: readonly string[]) => Promise<Map<string, T[]>>) =>
    new DataLoader<string, T[]>(async (ids) => {
      const map = await load(ds, ids);
      return ids.map((id) => map.get(id) ?? []);
    });
  return {
    linesOfInvoice: many(loadLines),
    paymentsOfInvoice: many(loadPayments),
    creditNotesOfInvoice: many(loadCreditNotes),
    planOfCompany: new DataLoader<string, PlanRow | null>(async (ids) => {
      const map = await loadPlans(ds, ids);
      return ids.map((id) => map.get(id) ?? null);
    }),
  };
}
