import { isValidationCode, type FieldError, type ValidationCode } from '@guichet/shared';
import { DomainError } from '../../common/domain-error';
import { addDays, isDay, isPeriod, monthOf, monthsBetween } from './calendar';
import { FacturXError, VAT_RATES, type FieldError as DocumentFieldError, type InvoiceLineInput, type VatRate } from './facturx';
import { PAYMENT_METHODS, type PaymentMethod } from './payment.entity';
import { PLAN_PERIODS, type PlanPeriod } from './plan.entity';

/** GraphQL Int: amounts are integer cents, an invoice's total including VAT stays within it. */
export const MAX_AMOUNT_CENTS = 2_147_483_647;
/** Payment terms between businesses in France: at most 60 days after issue (Code de commerce, L441-10). */
export const MAX_PAYMENT_DAYS = 60;
export const MAX_REASON_LENGTH = 500;
export const MAX_REFERENCE_LENGTH = 100;
export const MAX_PLAN_LABEL_LENGTH = 200;
export const MAX_INVOICE_LABEL_LENGTH = 300;
/** How far back an invoicing run may bill: the current month and the twelve before. */
export const MAX_RUN_MONTHS_BACK = 12;

export function invoiceValidationFailed(fields: FieldError[], message?: string, extra?: Record<string, unknown>): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    message ?? `Invalid input: ${fields.map((f) => `${f.field} (${f.code})`).join(', ')}.`,
    fields,
    extra,
  );
}

const failed = (field: string, code: ValidationCode, message?: string, extra?: Record<string, unknown>): DomainError =>
  invoiceValidationFailed([{ field, code }], message, extra);

/** A line as an operator types it (GraphQL input). */
export interface LineInput {
  label: string;
  quantity: string;
  unitPriceCents: number;
  vatRate: string;
  exemptionReason?: string | null;
}

/** Lines as the Factur-X generator reads them; the generator's own checks then name any field at fault. */
export function toDocumentLines(lines: readonly LineInput[]): InvoiceLineInput[] {
  return lines.map((l) => ({
    label: l.label.replace(/\s+/g, ' ').trim(),
    quantity: l.quantity.trim(),
    unitPriceCents: l.unitPriceCents,
    vatRate: l.vatRate.trim() as VatRate,
    ...(l.exemptionReason != null && l.exemptionReason.trim() !== '' ? { exemptionReason: l.exemptionReason.trim() } : {}),
  }));
}

/**
 * The generator's field paths, as the API's inputs name them: `servicePeriod.start` is
 * `periodStart`, the buyer is the company (its SIRET is where a bad SIREN comes from).
 */
function apiField(field: string): string {
  if (field === 'servicePeriod.start') return 'periodStart';
  if (field === 'servicePeriod.end') return 'periodEnd';
  if (field === 'note') return 'reason';
  if (field.startsWith('buyer.siren') || field.startsWith('buyer.siret')) return 'company.siret';
  if (field.startsWith('buyer.')) return `company.${field.slice('buyer.'.length)}`;
  return field;
}

/** The generator's field errors as a VALIDATION_FAILED with the shared codes. */
export function documentErrors(errors: readonly DocumentFieldError[]): DomainError {
  return invoiceValidationFailed(
    errors.map((e) => ({ field: apiField(e.field), code: isValidationCode(e.code) ? e.code : 'INVOICE_FIELD_REQUIRED' })),
  );
}

/** Rethrows a generator's refusal of its input as VALIDATION_FAILED; anything else as it is. */
export function asDomainError(error: unknown): unknown {
  if (error instanceof FacturXError && error.code === 'INVOICE_INPUT_INVALID') return documentErrors(error.fields);
  return error;
}

/**
 * The due date of a one-off invoice: given (not before the issue date, at most 60 days after),
 * or the configured payment terms.
 */
export function checkDueDate(dueDate: string | null | undefined, issueDate: string, paymentDays: number): string {
  if (dueDate === null || dueDate === undefined || dueDate === '') return addDays(issueDate, paymentDays);
  const due = dueDate.trim();
  if (!isDay(due)) throw failed('dueDate', 'INVOICE_DATE_INVALID');
  if (due < issueDate) throw failed('dueDate', 'INVOICE_DUE_BEFORE_ISSUE');
  if (due > addDays(issueDate, MAX_PAYMENT_DAYS)) throw failed('dueDate', 'INVOICE_DUE_DATE_TOO_LATE');
  return due;
}

/** The service period of a one-off invoice: two days, the end not before the start. */
export function checkPeriod(start: string, end: string): { start: string; end: string } {
  const fields: FieldError[] = [];
  const s = start.trim();
  const e = end.trim();
  if (!isDay(s)) fields.push({ field: 'periodStart', code: 'INVOICE_DATE_INVALID' });
  if (!isDay(e)) fields.push({ field: 'periodEnd', code: 'INVOICE_DATE_INVALID' });
  if (fields.length === 0 && e < s) fields.push({ field: 'periodEnd', code: 'INVOICE_PERIOD_INVALID' });
  if (fields.length > 0) throw invoiceValidationFailed(fields);
  return { start: s, end: e };
}

/** A free text of at most `max` characters (trimmed, inner whitespace collapsed), or null when empty. */
export function optionalText(field: string, value: string | null | undefined, max: number): string | null {
  const text = (value ?? '').replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) throw failed(field, 'INVOICE_TEXT_INVALID');
  if (text.length > max) throw failed(field, 'INVOICE_TEXT_TOO_LONG');
  return text;
}

/** `YYYY-MM`, the current month or one of the twelve before. */
export function checkRunPeriod(period: string, now: Date): string {
  const p = period.trim();
  if (!isPeriod(p)) throw failed('period', 'INVOICING_PERIOD_INVALID');
  const back = monthsBetween(p, monthOf(now));
  if (back < 0 || back > MAX_RUN_MONTHS_BACK) throw failed('period', 'INVOICING_PERIOD_OUT_OF_RANGE');
  return p;
}

export interface PlanValues {
  label: string;
  period: PlanPeriod;
  priceCents: number;
  vatRate: VatRate;
  exemptionReason: string | null;
}

/** A plan's values; every invalid field is reported at once. */
export function checkPlan(input: {
  label: string;
  period: string;
  priceCents: number;
  vatRate: string;
  exemptionReason?: string | null;
}): PlanValues {
  const fields: FieldError[] = [];
  const label = input.label.replace(/\s+/g, ' ').trim();
  if (label === '') fields.push({ field: 'label', code: 'INVOICE_LABEL_REQUIRED' });
  else if (label.length > MAX_PLAN_LABEL_LENGTH) fields.push({ field: 'label', code: 'INVOICE_TEXT_TOO_LONG' });
  if (!(PLAN_PERIODS as readonly string[]).includes(input.period)) fields.push({ field: 'period', code: 'INVOICING_PERIOD_INVALID' });
  if (!Number.isInteger(input.priceCents) || input.priceCents < 0) fields.push({ field: 'priceCents', code: 'INVOICE_UNIT_PRICE_INVALID' });
  else if (input.priceCents > MAX_AMOUNT_CENTS / 2) fields.push({ field: 'priceCents', code: 'INVOICE_AMOUNT_TOO_LARGE' });
  const vatRate = input.vatRate.trim();
  const reason = (input.exemptionReason ?? '').replace(/\s+/g, ' ').trim();
  if (!(VAT_RATES as readonly string[]).includes(vatRate)) fields.push({ field: 'vatRate', code: 'INVOICE_VAT_RATE_INVALID' });
  else if (vatRate === '0' && reason === '') fields.push({ field: 'exemptionReason', code: 'INVOICE_EXEMPTION_REASON_REQUIRED' });
  else if (vatRate !== '0' && reason !== '') fields.push({ field: 'exemptionReason', code: 'INVOICE_EXEMPTION_REASON_UNEXPECTED' });
  if (reason.length > MAX_INVOICE_LABEL_LENGTH) fields.push({ field: 'exemptionReason', code: 'INVOICE_TEXT_TOO_LONG' });
  if (fields.length > 0) throw invoiceValidationFailed(fields);
  return {
    label,
    period: input.period as PlanPeriod,
    priceCents: input.priceCents,
    vatRate: vatRate as VatRate,
    exemptionReason: reason || null,
  };
}

export interface PaymentValues {
  amountCents: number;
  date: string;
  method: PaymentMethod;
  reference: string | null;
}

/** A payment's own values (what it may not exceed is checked against the invoice, under its lock). */
export function checkPayment(
  input: { amountCents: number; date: string; method: string; reference?: string | null },
  today: string,
): PaymentValues {
  const fields: FieldError[] = [];
  if (!Number.isInteger(input.amountCents) || input.amountCents <= 0) fields.push({ field: 'amountCents', code: 'PAYMENT_AMOUNT_INVALID' });
  const date = input.date.trim();
  if (!isDay(date)) fields.push({ field: 'date', code: 'PAYMENT_DATE_INVALID' });
  else if (date > today) fields.push({ field: 'date', code: 'PAYMENT_DATE_IN_FUTURE' });
  const reference = (input.reference ?? '').replace(/\s+/g, ' ').trim();
  if (reference.length > MAX_REFERENCE_LENGTH) fields.push({ field: 'reference', code: 'PAYMENT_REFERENCE_TOO_LONG' });
  if (fields.length > 0) throw invoiceValidationFailed(fields);
  if (!(PAYMENT_METHODS as readonly string[]).includes(input.method)) throw new DomainError('BAD_USER_INPUT', 'Unknown payment method.');
  return { amountCents: input.amountCents, date, method: input.method as PaymentMethod, reference: reference || null };
}
