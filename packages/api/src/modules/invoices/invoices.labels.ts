import type { Locale } from '@guichet/shared';
import type { InvoiceKind, InvoiceStatus } from './invoice.entity';
import type { PaymentMethod } from './payment.entity';

/** Labels used in emails and in the accountant's CSV (the SPA has its own copy of the UI texts). */
export const INVOICE_STATUS_LABELS: Readonly<Record<InvoiceStatus | 'OVERDUE', Record<Locale, string>>> = {
  DUE: { fr: 'À payer', en: 'Due' },
  PARTIALLY_PAID: { fr: 'Partiellement payée', en: 'Partially paid' },
  PAID: { fr: 'Payée', en: 'Paid' },
  CREDITED: { fr: 'Annulée par avoir', en: 'Cancelled by credit note' },
  OVERDUE: { fr: 'En retard', en: 'Overdue' },
};

export const INVOICE_KIND_LABELS: Readonly<Record<InvoiceKind, Record<Locale, string>>> = {
  INVOICE: { fr: 'Facture', en: 'Invoice' },
  CREDIT_NOTE: { fr: 'Avoir', en: 'Credit note' },
};

export const PAYMENT_METHOD_LABELS: Readonly<Record<PaymentMethod, Record<Locale, string>>> = {
  TRANSFER: { fr: 'Virement', en: 'Bank transfer' },
  DIRECT_DEBIT: { fr: 'Prélèvement', en: 'Direct debit' },
  CARD: { fr: 'Carte bancaire', en: 'Card' },
  CHECK: { fr: 'Chèque', en: 'Cheque' },
  CASH: { fr: 'Espèces', en: 'Cash' },
  OTHER: { fr: 'Autre', en: 'Other' },
};

const EUROS: Record<Locale, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }),
  en: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }),
};

/** `1 234,56 €` / `€1,234.56`. */
export const formatAmount = (cents: number, locale: Locale): string => EUROS[locale].format(cents / 100);

/** Cents with a decimal comma and no grouping, as Excel FR reads a number: `-1234,56`. */
export function decimalComma(cents: number): string {
  const negative = cents < 0;
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)},${digits.slice(-2)}`;
}

/** `5.5` → `5,5`. */
export const rateComma = (rate: string): string => rate.replace('.', ',');

/** File names of an invoice's documents: `F2026-000123.pdf`, `F2026-000123.xml`. */
export const invoiceFileName = (number: string, format: 'pdf' | 'xml'): string => `${number}.${format}`;
