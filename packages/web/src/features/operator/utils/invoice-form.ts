import type { FieldError, ValidationCode } from '@guichet/shared';
import type { InvoiceLineInput, IssueInvoiceInput } from '@/lib/graphql/schema-types';
import { addDaysTo } from '@/lib/invoice-format';
import { computeInvoiceTotals, isVatRate, type InvoiceTotals, type TotalsLine, type VatRate } from './invoice-totals';
import { parseEuros, parseQuantity } from './money-input';

/**
 * The operator's invoice forms (a one-off invoice, the lines of a partial credit note): the values
 * as typed, the checks the API applies (run as they are typed, so nothing is sent that it would
 * refuse), the input it expects, and its field errors put back on the fields.
 */

/** What a form says about a field: a shared validation code (same message as the API's), or one of its own. */
export type LocalIssue = 'QUANTITY_INVALID' | 'PRICE_INVALID' | 'AMOUNT_REQUIRED' | 'AMOUNT_ZERO' | 'DATE_REQUIRED';
export type Issue = ValidationCode | LocalIssue;
export const LOCAL_ISSUES: readonly LocalIssue[] = ['QUANTITY_INVALID', 'PRICE_INVALID', 'AMOUNT_REQUIRED', 'AMOUNT_ZERO', 'DATE_REQUIRED'];

export function isLocalIssue(issue: Issue): issue is LocalIssue {
  return (LOCAL_ISSUES as readonly string[]).includes(issue);
}

/** The API's limits (invoices.validation.ts, facturx/validate.ts). */
export const MAX_LINE_LABEL = 300;
export const MAX_LINES = 500;
export const MAX_NOTE = 500;
export const MAX_PAYMENT_DAYS = 60;

export const LINE_FIELDS = ['label', 'quantity', 'unitPrice', 'vatRate', 'exemptionReason'] as const;
export type LineField = (typeof LINE_FIELDS)[number];

export interface LineValues {
  /** Stable across edits and removals (React key, field names). */
  key: string;
  label: string;
  quantity: string;
  /** Euros as typed (`49,90`). */
  unitPrice: string;
  vatRate: VatRate;
  exemptionReason: string;
}

/** A field of the form: `periodStart`, `lines` (the lines as a whole), or `line:<key>:<field>`. */
export type FieldKey = string;
export const lineField = (key: string, field: LineField): FieldKey => `line:${key}:${field}`;

let lineSequence = 0;
export function newLine(values: Partial<Omit<LineValues, 'key'>> = {}): LineValues {
  lineSequence += 1;
  return { key: `l${lineSequence}`, label: '', quantity: '1', unitPrice: '', vatRate: '20', exemptionReason: '', ...values };
}

export interface CheckedLines {
  issues: Record<FieldKey, Issue>;
  /** What the API expects, when every line is valid. */
  input: InvoiceLineInput[] | null;
  /** The live totals of the lines that can be computed (the others count for nothing). */
  totals: InvoiceTotals;
  /** Each line's net, or null while its quantity or price is not a number. */
  lineNets: (number | null)[];
  /** Some line could not be counted yet. */
  incomplete: boolean;
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The rules of the API's lines, on every line at once. */
export function checkLines(lines: readonly LineValues[]): CheckedLines {
  const issues: Record<FieldKey, Issue> = {};
  const input: InvoiceLineInput[] = [];
  const counted: TotalsLine[] = [];
  const countedIndex: number[] = [];
  if (lines.length === 0) issues.lines = 'INVOICE_LINES_REQUIRED';
  if (lines.length > MAX_LINES) issues.lines = 'INVOICE_TOO_MANY_LINES';
  const reasons = new Set<string>();
  lines.forEach((line, index) => {
    const label = clean(line.label);
    if (label === '') issues[lineField(line.key, 'label')] = 'INVOICE_LABEL_REQUIRED';
    else if (label.length > MAX_LINE_LABEL) issues[lineField(line.key, 'label')] = 'INVOICE_TEXT_TOO_LONG';
    const quantity = parseQuantity(line.quantity);
    if (quantity === null) issues[lineField(line.key, 'quantity')] = 'QUANTITY_INVALID';
    const unitPriceCents = parseEuros(line.unitPrice);
    if (unitPriceCents === null) issues[lineField(line.key, 'unitPrice')] = line.unitPrice.trim() ? 'PRICE_INVALID' : 'AMOUNT_REQUIRED';
    const reason = clean(line.exemptionReason);
    if (!isVatRate(line.vatRate)) issues[lineField(line.key, 'vatRate')] = 'INVOICE_VAT_RATE_INVALID';
    else if (line.vatRate === '0') {
      if (reason === '') issues[lineField(line.key, 'exemptionReason')] = 'INVOICE_EXEMPTION_REASON_REQUIRED';
      else if (reason.length > MAX_LINE_LABEL) issues[lineField(line.key, 'exemptionReason')] = 'INVOICE_TEXT_TOO_LONG';
      else reasons.add(reason);
    }
    if (quantity !== null && unitPriceCents !== null && isVatRate(line.vatRate)) {
      counted.push({ quantity, unitPriceCents, vatRate: line.vatRate });
      countedIndex.push(index);
      input.push({
        label,
        quantity,
        unitPriceCents,
        vatRate: line.vatRate,
        ...(line.vatRate === '0' ? { exemptionReason: reason } : {}),
      });
    }
  });
  // One exemption statement per invoice (a single VAT breakdown for the 0 % rate).
  if (reasons.size > 1) {
    const [first] = reasons;
    for (const line of lines) {
      if (line.vatRate === '0' && clean(line.exemptionReason) !== first && !issues[lineField(line.key, 'exemptionReason')]) {
        issues[lineField(line.key, 'exemptionReason')] = 'INVOICE_EXEMPTION_REASON_MIXED';
      }
    }
  }
  const totals = computeInvoiceTotals(counted);
  const lineNets: (number | null)[] = lines.map(() => null);
  countedIndex.forEach((index, position) => {
    lineNets[index] = totals.lineNets[position] ?? null;
  });
  const ok = Object.keys(issues).length === 0;
  return { issues, input: ok ? input : null, totals, lineNets, incomplete: counted.length < lines.length };
}

export interface InvoiceFormValues {
  lines: LineValues[];
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  label: string;
  note: string;
}

/** The fields of the form in page order (the first one in error gets the focus). */
export function fieldOrder(values: InvoiceFormValues): FieldKey[] {
  return [
    'lines',
    ...values.lines.flatMap((line) => LINE_FIELDS.map((field) => lineField(line.key, field))),
    'periodStart',
    'periodEnd',
    'dueDate',
    'label',
    'note',
  ];
}

/** A new form: one line, this month as the service period. */
export function initialInvoiceForm(today: string): InvoiceFormValues {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const ym = today.slice(0, 7);
  return {
    lines: [newLine()],
    periodStart: `${ym}-01`,
    periodEnd: `${ym}-${String(lastDay).padStart(2, '0')}`,
    dueDate: '',
    label: '',
    note: '',
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface CheckedInvoiceForm extends Omit<CheckedLines, 'input'> {
  /** What `issueInvoice` expects, when every field is valid. */
  invoice: IssueInvoiceInput | null;
}

/** Every rule of `issueInvoice` the browser can check; `today` is the issue date. */
export function checkInvoiceForm(values: InvoiceFormValues, today: string): CheckedInvoiceForm {
  const lines = checkLines(values.lines);
  const issues = { ...lines.issues };
  if (!DAY.test(values.periodStart)) issues.periodStart = values.periodStart ? 'INVOICE_DATE_INVALID' : 'DATE_REQUIRED';
  if (!DAY.test(values.periodEnd)) issues.periodEnd = values.periodEnd ? 'INVOICE_DATE_INVALID' : 'DATE_REQUIRED';
  else if (DAY.test(values.periodStart) && values.periodEnd < values.periodStart) issues.periodEnd = 'INVOICE_PERIOD_INVALID';
  if (values.dueDate) {
    if (!DAY.test(values.dueDate)) issues.dueDate = 'INVOICE_DATE_INVALID';
    else if (values.dueDate < today) issues.dueDate = 'INVOICE_DUE_BEFORE_ISSUE';
    else if (values.dueDate > addDaysTo(today, MAX_PAYMENT_DAYS)) issues.dueDate = 'INVOICE_DUE_DATE_TOO_LATE';
  }
  const label = clean(values.label);
  if (label.length > MAX_LINE_LABEL) issues.label = 'INVOICE_TEXT_TOO_LONG';
  const note = values.note.trim();
  if (note.length > MAX_NOTE) issues.note = 'INVOICE_TEXT_TOO_LONG';
  const ok = Object.keys(issues).length === 0 && lines.input !== null;
  return {
    issues,
    totals: lines.totals,
    lineNets: lines.lineNets,
    incomplete: lines.incomplete,
    invoice:
      ok && lines.input
        ? {
            lines: lines.input,
            periodStart: values.periodStart,
            periodEnd: values.periodEnd,
            ...(values.dueDate ? { dueDate: values.dueDate } : {}),
            ...(label ? { label } : {}),
            ...(note ? { note } : {}),
          }
        : null,
  };
}

const API_LINE_FIELDS: Record<string, LineField> = {
  label: 'label',
  quantity: 'quantity',
  unitPriceCents: 'unitPrice',
  vatRate: 'vatRate',
  exemptionReason: 'exemptionReason',
};

/**
 * The API's field errors on the form's fields: `lines[2].quantity` on the third line's quantity,
 * `periodStart` on its field; others (the company's SIRET…) are returned apart, for a sentence.
 */
export function issuesFromApi(
  fields: readonly FieldError[],
  lines: readonly Pick<LineValues, 'key'>[],
  known: readonly string[] = ['periodStart', 'periodEnd', 'dueDate', 'label', 'note', 'lines', 'reason'],
): { issues: Record<FieldKey, Issue>; other: FieldError[] } {
  const issues: Record<FieldKey, Issue> = {};
  const other: FieldError[] = [];
  for (const error of fields) {
    const match = /^(?:input\.)?lines\[(\d+)\]\.(\w+)$/.exec(error.field);
    const name = error.field.replace(/^input\./, '');
    let key: FieldKey | null = null;
    if (match) {
      const line = lines[Number(match[1])];
      const field = API_LINE_FIELDS[match[2] ?? ''];
      if (line && field) key = lineField(line.key, field);
    } else if (known.includes(name)) {
      key = name;
    }
    if (key === null) other.push(error);
    else if (!issues[key]) issues[key] = error.code;
  }
  return { issues, other };
}
