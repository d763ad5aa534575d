/**
 * Input and output shapes of the Factur-X (EN 16931) document generator.
 * Amounts are integer cents (euros only); quantities and rates are decimal strings, so that no
 * binary floating point ever touches an amount.
 */

/** The French VAT rates, as strings (percent). `'0'` needs an exemption reason (category E). */
export type VatRate = '20' | '10' | '5.5' | '2.1' | '0';
export const VAT_RATES: readonly VatRate[] = ['20', '10', '5.5', '2.1', '0'];

export interface PostalAddress {
  line1: string;
  line2?: string | null;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2, e.g. `FR`. */
  country: string;
}

export interface Party {
  legalName: string;
  /** 9 digits (Luhn). Mandatory for both parties on a French B2B invoice. */
  siren: string;
  /** 14 digits; when given it must start with the SIREN. */
  siret?: string;
  /** Intra-community VAT number, e.g. `FR32732829320`. */
  vatNumber?: string | null;
  address: PostalAddress;
}

export interface SellerIdentity extends Party {
  /** e.g. `SAS`. */
  legalForm: string;
  /** As printed, e.g. `10 000 €`. */
  shareCapital: string;
  /** City of the RCS registry, e.g. `Paris`. */
  rcsCity: string;
  iban: string;
  bic: string;
  /** Printed as is after "pénalités de retard au taux de", e.g. `3 fois le taux d'intérêt légal` or `10 %`. */
  latePenaltyRate: string;
  /** "Option pour le paiement de la TVA d'après les débits". */
  vatOnDebits: boolean;
  email?: string;
}

export interface InvoiceLineInput {
  label: string;
  /** Decimal with `.` as separator, at most 4 decimals, > 0 (e.g. `1`, `2.5`, `0.3333`). */
  quantity: string;
  /** Integer, excluding VAT, ≥ 0. */
  unitPriceCents: number;
  vatRate: VatRate;
  /** Required when `vatRate` is `'0'` (e.g. "Exonération de TVA, article 261 C du CGI"); refused otherwise. */
  exemptionReason?: string;
}

export type InvoiceKind = 'INVOICE' | 'CREDIT_NOTE';

export interface InvoiceDocumentInput {
  kind: InvoiceKind;
  number: string;
  /** YYYY-MM-DD */
  issueDate: string;
  /** YYYY-MM-DD, not before `issueDate`. */
  dueDate: string;
  servicePeriod?: { start: string; end: string };
  /** The invoice a credit note corrects (required for `CREDIT_NOTE`). */
  preceding?: { number: string; issueDate: string };
  seller: SellerIdentity;
  buyer: Party;
  /** Where the service is delivered, when it differs from the buyer's address. */
  deliveryAddress?: PostalAddress | null;
  lines: InvoiceLineInput[];
  /** Amount already paid (BT-113), integer cents, 0 ≤ paid ≤ total including VAT. */
  paidCents?: number;
  /** Free text printed on the invoice and carried as a note (BT-22). */
  note?: string;
}

/** EN 16931 VAT category codes this generator emits: standard rate, or exempt (with a reason). */
export type VatCategoryCode = 'S' | 'E';

export interface LineTotals {
  /** BT-126, `1`, `2`, … in input order. */
  lineId: string;
  label: string;
  /** Canonical decimal (no trailing zeros), as written in the XML (BT-129). */
  quantity: string;
  /** BT-146 */
  unitPriceCents: number;
  vatRate: VatRate;
  categoryCode: VatCategoryCode;
  /** BT-131 = round half-up (quantity × unit price), in cents. */
  netCents: number;
}

export interface VatBreakdown {
  /** BT-119 */
  rate: VatRate;
  /** BT-118 */
  categoryCode: VatCategoryCode;
  /** BT-116 = sum of the line nets of this rate. */
  basisCents: number;
  /** BT-117 = round half-up (basis × rate / 100), in cents. */
  vatCents: number;
  /** BT-120, for category E only. */
  exemptionReason?: string;
}

export interface InvoiceTotals {
  currency: 'EUR';
  lines: LineTotals[];
  /** One entry per rate present, highest rate first. */
  vatBreakdown: VatBreakdown[];
  /** BT-106 sum of line nets. */
  lineTotalCents: number;
  /** BT-109 (no document-level allowances or charges: equals BT-106). */
  taxBasisTotalCents: number;
  /** BT-110 */
  vatTotalCents: number;
  /** BT-112 */
  grandTotalCents: number;
  /** BT-113 */
  paidCents: number;
  /** BT-115 */
  dueCents: number;
}

export interface RuleViolation {
  /** An EN 16931 rule id (BR-…, BR-CO-…, BR-S-…, BR-DEC-…) or a project check (FX-…, FR-…). */
  rule: string;
  message: string;
}

export interface FieldError {
  /** Path in the input, e.g. `lines[2].quantity`. */
  field: string;
  code: InvoiceValidationCode;
}

export const INVOICE_VALIDATION_CODES = [
  'INVOICE_KIND_INVALID',
  'INVOICE_NUMBER_REQUIRED',
  'INVOICE_NUMBER_INVALID',
  'INVOICE_DATE_INVALID',
  'INVOICE_DUE_BEFORE_ISSUE',
  'INVOICE_PERIOD_INVALID',
  'INVOICE_CREDIT_NOTE_REFERENCE_REQUIRED',
  'INVOICE_CREDIT_NOTE_REFERENCE_INVALID',
  'INVOICE_LINES_REQUIRED',
  'INVOICE_TOO_MANY_LINES',
  'INVOICE_LABEL_REQUIRED',
  'INVOICE_TEXT_TOO_LONG',
  'INVOICE_TEXT_INVALID',
  'INVOICE_QUANTITY_INVALID',
  'INVOICE_UNIT_PRICE_INVALID',
  'INVOICE_AMOUNT_TOO_LARGE',
  'INVOICE_VAT_RATE_INVALID',
  'INVOICE_EXEMPTION_REASON_REQUIRED',
  'INVOICE_EXEMPTION_REASON_UNEXPECTED',
  'INVOICE_EXEMPTION_REASON_MIXED',
  'INVOICE_PAID_AMOUNT_INVALID',
  'INVOICE_FIELD_REQUIRED',
  'INVOICE_SIREN_INVALID',
  'INVOICE_SIRET_INVALID',
  'INVOICE_VAT_NUMBER_INVALID',
  'INVOICE_SELLER_VAT_NUMBER_REQUIRED',
  'INVOICE_COUNTRY_INVALID',
  'INVOICE_IBAN_INVALID',
  'INVOICE_BIC_INVALID',
  'INVOICE_EMAIL_INVALID',
] as const;
export type InvoiceValidationCode = (typeof INVOICE_VALIDATION_CODES)[number];
