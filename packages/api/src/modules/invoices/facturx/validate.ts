import { validateSiren, validateSiret } from '@guichet/shared';
import { isIsoDate, lineNet, parseScaled, QUANTITY_SCALE } from './money';
import { VAT_RATES, type FieldError, type InvoiceDocumentInput, type InvoiceValidationCode, type Party, type PostalAddress } from './types';

export const MAX_LINES = 500;
export const MAX_LABEL_LENGTH = 300;
export const MAX_NAME_LENGTH = 200;
export const MAX_NOTE_LENGTH = 2000;
/** 10 000 000 000 € (10^12 cents): far above any invoice here, far below 2^53. */
export const MAX_AMOUNT_CENTS = 1_000_000_000_000;

/**
 * The characters an invoice text may contain: those the shipped font (Liberation Sans) draws —
 * Latin (Basic, Latin-1, Extended-A), Greek, Cyrillic, the usual punctuation, € — plus the line
 * feed. Anything else (control characters, emoji, CJK…) would be invalid XML or an empty glyph in
 * the PDF, which PDF/A forbids. A test checks that both font files have every one of them.
 */
export const PRINTABLE_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0x17f],
  [0x192, 0x192],
  [0x218, 0x21b],
  [0x2c6, 0x2c7],
  [0x2d8, 0x2dd],
  [0x384, 0x38a],
  [0x38c, 0x38c],
  [0x38e, 0x3a1],
  [0x3a3, 0x3ce],
  [0x400, 0x45f],
  [0x1e9e, 0x1e9e],
  [0x2010, 0x2010],
  [0x2012, 0x2015],
  [0x2018, 0x201e],
  [0x2020, 0x2022],
  [0x2026, 0x2026],
  [0x202f, 0x202f],
  [0x2030, 0x2030],
  [0x2039, 0x203a],
  [0x20ac, 0x20ac],
  [0x2116, 0x2116],
  [0x2122, 0x2122],
  [0x2212, 0x2212],
];
const hex = (n: number): string => `\\u{${n.toString(16)}}`;
const PRINTABLE = new RegExp(`^[\\n${PRINTABLE_RANGES.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join('')}]*$`, 'u');

/** Whether every character of `text` can be written in the XML and drawn with the invoice font. */
export function isPrintable(text: string): boolean {
  return PRINTABLE.test(text);
}

function isFrenchVatKeyValid(vat: string): boolean {
  const key = vat.slice(2, 4);
  const siren = vat.slice(4);
  if (!/^\d{2}$/.test(key)) return true; // alphanumeric keys (rare, new-style) are not checked
  return Number(key) === (12 + 3 * (Number(siren) % 97)) % 97;
}

/** ISO 13616 IBAN: country, check digits, and the mod-97 check. Spaces are ignored. */
export function isIbanValid(raw: string): boolean {
  const iban = raw.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const digits = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  }
  return remainder === 1;
}

/**
 * Checks an invoice document before any amount is computed. Returns every problem found (empty
 * array = valid); `field` is a path in the input such as `lines[2].quantity`.
 */
export function validateInvoiceInput(input: InvoiceDocumentInput): FieldError[] {
  const errors: FieldError[] = [];
  const add = (field: string, code: InvoiceValidationCode): void => {
    errors.push({ field, code });
  };
  /** Line feeds are allowed only in the texts printed as wrapped paragraphs (labels, reasons, note). */
  const text = (field: string, value: unknown, max: number, required = true): value is string => {
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (required) add(field, field.endsWith('label') ? 'INVOICE_LABEL_REQUIRED' : 'INVOICE_FIELD_REQUIRED');
      return false;
    }
    if (typeof value !== 'string') {
      add(field, 'INVOICE_FIELD_REQUIRED');
      return false;
    }
    const multiline = /(label|exemptionReason|note)$/.test(field);
    if (!isPrintable(value) || (!multiline && value.includes('\n'))) add(field, 'INVOICE_TEXT_INVALID');
    if (value.length > max) add(field, 'INVOICE_TEXT_TOO_LONG');
    return true;
  };
  const date = (field: string, value: unknown): boolean => {
    if (!isIsoDate(value)) {
      add(field, 'INVOICE_DATE_INVALID');
      return false;
    }
    return true;
  };

  if (input.kind !== 'INVOICE' && input.kind !== 'CREDIT_NOTE') add('kind', 'INVOICE_KIND_INVALID');

  if (typeof input.number !== 'string' || input.number.trim() === '') add('number', 'INVOICE_NUMBER_REQUIRED');
  else if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/.test(input.number)) add('number', 'INVOICE_NUMBER_INVALID');

  const issueOk = date('issueDate', input.issueDate);
  const dueOk = date('dueDate', input.dueDate);
  if (issueOk && dueOk && input.dueDate < input.issueDate) add('dueDate', 'INVOICE_DUE_BEFORE_ISSUE');

  if (input.servicePeriod != null) {
    const startOk = date('servicePeriod.start', input.servicePeriod.start);
    const endOk = date('servicePeriod.end', input.servicePeriod.end);
    if (startOk && endOk && input.servicePeriod.end < input.servicePeriod.start) add('servicePeriod.end', 'INVOICE_PERIOD_INVALID');
  }

  if (input.preceding != null) {
    if (typeof input.preceding.number !== 'string' || input.preceding.number.trim() === '') {
      add('preceding.number', 'INVOICE_CREDIT_NOTE_REFERENCE_REQUIRED');
    } else if (input.preceding.number === input.number) {
      add('preceding.number', 'INVOICE_CREDIT_NOTE_REFERENCE_INVALID');
    }
    if (date('preceding.issueDate', input.preceding.issueDate) && issueOk && input.preceding.issueDate > input.issueDate) {
      add('preceding.issueDate', 'INVOICE_CREDIT_NOTE_REFERENCE_INVALID');
    }
  } else if (input.kind === 'CREDIT_NOTE') {
    add('preceding', 'INVOICE_CREDIT_NOTE_REFERENCE_REQUIRED');
  }

  validateParty('seller', input.seller, add, text);
  validateParty('buyer', input.buyer, add, text);
  if (input.seller) {
    const s = input.seller;
    text('seller.legalForm', s.legalForm, 50);
    text('seller.shareCapital', s.shareCapital, 50);
    text('seller.rcsCity', s.rcsCity, 100);
    text('seller.latePenaltyRate', s.latePenaltyRate, 200);
    if (text('seller.iban', s.iban, 50) && !isIbanValid(s.iban)) add('seller.iban', 'INVOICE_IBAN_INVALID');
    if (text('seller.bic', s.bic, 20) && !/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(s.bic))
      add('seller.bic', 'INVOICE_BIC_INVALID');
    if (typeof s.vatOnDebits !== 'boolean') add('seller.vatOnDebits', 'INVOICE_FIELD_REQUIRED');
    if (s.email != null && text('seller.email', s.email, 254) && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.email)) {
      add('seller.email', 'INVOICE_EMAIL_INVALID');
    }
    // BR-S-02 / BR-E-02: every line is S or E, so the seller's VAT identifier is always needed.
    if (s.vatNumber == null || s.vatNumber.trim() === '') add('seller.vatNumber', 'INVOICE_SELLER_VAT_NUMBER_REQUIRED');
  }
  if (input.deliveryAddress != null) validateAddress('deliveryAddress', input.deliveryAddress, add, text);

  if (input.note != null) text('note', input.note, MAX_NOTE_LENGTH, false);

  const lines = Array.isArray(input.lines) ? input.lines : [];
  if (lines.length === 0) add('lines', 'INVOICE_LINES_REQUIRED');
  if (lines.length > MAX_LINES) add('lines', 'INVOICE_TOO_MANY_LINES');
  const exemptionReasons = new Set<string>();
  let total = 0n;
  lines.forEach((line, i) => {
    const at = `lines[${i}]`;
    text(`${at}.label`, line?.label, MAX_LABEL_LENGTH);
    const quantity = typeof line?.quantity === 'string' ? parseScaled(line.quantity, QUANTITY_SCALE) : null;
    if (quantity === null || quantity <= 0n) add(`${at}.quantity`, 'INVOICE_QUANTITY_INVALID');
    const priceOk = Number.isSafeInteger(line?.unitPriceCents) && line.unitPriceCents >= 0;
    if (!priceOk) add(`${at}.unitPriceCents`, 'INVOICE_UNIT_PRICE_INVALID');
    else if (line.unitPriceCents > MAX_AMOUNT_CENTS) add(`${at}.unitPriceCents`, 'INVOICE_AMOUNT_TOO_LARGE');
    if (quantity !== null && quantity > 0n && priceOk) total += lineNet(quantity, BigInt(line.unitPriceCents));
    if (!VAT_RATES.includes(line?.vatRate)) {
      add(`${at}.vatRate`, 'INVOICE_VAT_RATE_INVALID');
    } else if (line.vatRate === '0') {
      if (text(`${at}.exemptionReason`, line.exemptionReason, MAX_LABEL_LENGTH, false)) exemptionReasons.add(line.exemptionReason!.trim());
      else if (!errors.some((e) => e.field === `${at}.exemptionReason`)) add(`${at}.exemptionReason`, 'INVOICE_EXEMPTION_REASON_REQUIRED');
    } else if (line.exemptionReason != null && line.exemptionReason.trim() !== '') {
      add(`${at}.exemptionReason`, 'INVOICE_EXEMPTION_REASON_UNEXPECTED');
    }
  });
  // BR-E-01: one VAT breakdown for category E, hence one exemption reason for all the 0 % lines.
  if (exemptionReasons.size > 1) add('lines', 'INVOICE_EXEMPTION_REASON_MIXED');
  if (total > BigInt(MAX_AMOUNT_CENTS)) add('lines', 'INVOICE_AMOUNT_TOO_LARGE');

  if (input.paidCents !== undefined) {
    if (!Number.isSafeInteger(input.paidCents) || input.paidCents < 0) add('paidCents', 'INVOICE_PAID_AMOUNT_INVALID');
    // The upper bound (paid ≤ total including VAT) is checked by computeTotals, which knows the total.
  }
  return errors;
}

type Add = (field: string, code: InvoiceValidationCode) => void;
type Text = (field: string, value: unknown, max: number, required?: boolean) => value is string;

function validateAddress(at: string, address: PostalAddress | undefined, add: Add, text: Text): void {
  if (address == null || typeof address !== 'object') {
    add(at, 'INVOICE_FIELD_REQUIRED');
    return;
  }
  text(`${at}.line1`, address.line1, MAX_NAME_LENGTH);
  if (address.line2 != null) text(`${at}.line2`, address.line2, MAX_NAME_LENGTH, false);
  text(`${at}.postalCode`, address.postalCode, 20);
  text(`${at}.city`, address.city, 100);
  if (text(`${at}.country`, address.country, 2) && !/^[A-Z]{2}$/.test(address.country)) add(`${at}.country`, 'INVOICE_COUNTRY_INVALID');
}

function validateParty(at: 'seller' | 'buyer', party: Party | undefined, add: Add, text: Text): void {
  if (party == null || typeof party !== 'object') {
    add(at, 'INVOICE_FIELD_REQUIRED');
    return;
  }
  text(`${at}.legalName`, party.legalName, MAX_NAME_LENGTH);
  const siren = typeof party.siren === 'string' ? validateSiren(party.siren) : null;
  if (!siren?.ok || siren.siren !== party.siren) add(`${at}.siren`, 'INVOICE_SIREN_INVALID');
  if (party.siret != null) {
    const siret = validateSiret(party.siret);
    if (!siret.ok || siret.siret !== party.siret || !party.siret.startsWith(party.siren)) add(`${at}.siret`, 'INVOICE_SIRET_INVALID');
  }
  if (party.vatNumber != null && party.vatNumber !== '') {
    const vat = party.vatNumber;
    const valid = vat.startsWith('FR')
      ? /^FR[0-9A-HJ-NP-Z]{2}\d{9}$/.test(vat) && vat.slice(4) === party.siren && isFrenchVatKeyValid(vat)
      : /^[A-Z]{2}[0-9A-Z+*.]{2,13}$/.test(vat);
    if (!valid) add(`${at}.vatNumber`, 'INVOICE_VAT_NUMBER_INVALID');
  }
  validateAddress(`${at}.address`, party.address, add, text);
}
