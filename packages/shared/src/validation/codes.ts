/**
 * Every validation code, grouped by rule family. The arrays are the source of truth: the message
 * table is typed against them and its tests iterate them, so a new code without a message fails.
 */

export const SCOPE_ERROR_CODES = ['SCOPES_REQUIRED', 'UNKNOWN_SCOPE'] as const;
export type ScopeErrorCode = (typeof SCOPE_ERROR_CODES)[number];

export const EMAIL_ERROR_CODES = [
  'EMAIL_REQUIRED',
  'EMAIL_TOO_LONG',
  'EMAIL_HAS_SPACES',
  'EMAIL_NON_ASCII',
  'EMAIL_MISSING_AT',
  'EMAIL_INVALID_LOCAL_PART',
  'EMAIL_INVALID_DOMAIN',
  'EMAIL_MISSING_TLD',
  'EMAIL_GENERIC_MAILBOX',
] as const;
export type EmailErrorCode = (typeof EMAIL_ERROR_CODES)[number];

/**
 * Warnings, never errors: a likely typo, and domains that are not plain ASCII once decoded
 * (`xn--` punycode labels) or that mix scripts or imitate a Latin name with other letters.
 */
export const EMAIL_WARNING_CODES = ['EMAIL_DOMAIN_TYPO', 'EMAIL_DOMAIN_PUNYCODE', 'EMAIL_DOMAIN_MIXED_SCRIPT'] as const;
export type EmailWarningCode = (typeof EMAIL_WARNING_CODES)[number];

export const SIRET_ERROR_CODES = ['SIRET_REQUIRED', 'SIRET_FORMAT', 'SIRET_CHECKSUM'] as const;
export type SiretErrorCode = (typeof SIRET_ERROR_CODES)[number];

export const SIREN_ERROR_CODES = ['SIREN_REQUIRED', 'SIREN_FORMAT', 'SIREN_CHECKSUM'] as const;
export type SirenErrorCode = (typeof SIREN_ERROR_CODES)[number];

export const PHONE_ERROR_CODES = ['PHONE_INVALID'] as const;
export type PhoneErrorCode = (typeof PHONE_ERROR_CODES)[number];

export const PASSWORD_ERROR_CODES = [
  'PASSWORD_TOO_SHORT',
  'PASSWORD_TOO_LONG',
  'PASSWORD_TOO_COMMON',
  'PASSWORD_CONTAINS_IDENTITY',
] as const;
export type PasswordErrorCode = (typeof PASSWORD_ERROR_CODES)[number];

export const NAME_ERROR_CODES = ['NAME_REQUIRED', 'NAME_TOO_LONG', 'NAME_INVALID'] as const;
export type NameErrorCode = (typeof NAME_ERROR_CODES)[number];

export const COMPANY_NAME_ERROR_CODES = ['COMPANY_NAME_REQUIRED', 'COMPANY_NAME_TOO_LONG'] as const;
export type CompanyNameErrorCode = (typeof COMPANY_NAME_ERROR_CODES)[number];

export const ADDRESS_ERROR_CODES = [
  'ADDRESS_LINE_REQUIRED',
  'POSTAL_CODE_INVALID',
  'CITY_REQUIRED',
  'COUNTRY_INVALID',
  'ADDRESS_TOO_LONG',
] as const;
export type AddressErrorCode = (typeof ADDRESS_ERROR_CODES)[number];

/** Per-row outcomes of an invitation (and of an access-request approval). */
export const TEAM_ERROR_CODES = [
  'ALREADY_MEMBER',
  'ALREADY_INVITED',
  'DUPLICATE_IN_BATCH',
  'CONTACT_FOR_WITHOUT_SCOPE',
  'EMAIL_SEND_LIMIT',
  'JOB_TITLE_TOO_LONG',
] as const;
export type TeamErrorCode = (typeof TEAM_ERROR_CODES)[number];

export const TEAM_WARNING_CODES = ['POSSIBLE_DUPLICATE_MEMBER'] as const;
export type TeamWarningCode = (typeof TEAM_WARNING_CODES)[number];

/** Mail scans, tags and forwarding requests. */
export const MAIL_ERROR_CODES = [
  'MAIL_SENDER_REQUIRED',
  'MAIL_SENDER_TOO_LONG',
  'MAIL_RECIPIENT_TOO_LONG',
  'MAIL_TYPE_INVALID',
  'MAIL_RECEIVED_AT_INVALID',
  'MAIL_RECEIVED_AT_IN_FUTURE',
  'MAIL_FILE_REQUIRED',
  'MAIL_FILE_NOT_PDF',
  'MAIL_FILE_UNREADABLE',
  'MAIL_FILE_TOO_LARGE',
  'TAG_NAME_REQUIRED',
  'TAG_NAME_TOO_LONG',
  'TAG_COLOR_INVALID',
  'IDEMPOTENCY_KEY_INVALID',
] as const;
export type MailErrorCode = (typeof MAIL_ERROR_CODES)[number];

/** Date ranges (filters): the start after the end. */
export const DATE_ERROR_CODES = ['DATE_RANGE_INVERTED'] as const;
export type DateErrorCode = (typeof DATE_ERROR_CODES)[number];

/** API tokens: name, permissions, expiry, rotation grace, IP allow-list. */
export const API_TOKEN_ERROR_CODES = [
  'TOKEN_NAME_REQUIRED',
  'TOKEN_NAME_TOO_LONG',
  'TOKEN_PERMISSIONS_REQUIRED',
  'TOKEN_PERMISSION_NOT_ALLOWED',
  'TOKEN_EXPIRY_OUT_OF_RANGE',
  'TOKEN_GRACE_OUT_OF_RANGE',
  'TOKEN_IP_RANGE_INVALID',
  'TOKEN_TOO_MANY_IP_RANGES',
] as const;

/**
 * Rules of any free text: bidirectional controls and zero-width characters refused in names, tags,
 * senders and token names; a value longer than its column (`TEXT_TOO_LONG`, with `max`).
 */
export const TEXT_ERROR_CODES = ['TEXT_BIDI_CONTROL', 'TEXT_INVISIBLE_CHARACTER', 'TEXT_TOO_LONG'] as const;
export type TextErrorCode = (typeof TEXT_ERROR_CODES)[number];

/**
 * Invoices: the document's own rules (the Factur-X generator's input checks, which name the field
 * at fault), then credit notes, payments and invoicing runs.
 */
export const INVOICE_ERROR_CODES = [
  'INVOICE_KIND_INVALID',
  'INVOICE_NUMBER_REQUIRED',
  'INVOICE_NUMBER_INVALID',
  'INVOICE_DATE_INVALID',
  'INVOICE_DUE_BEFORE_ISSUE',
  'INVOICE_DUE_DATE_TOO_LATE',
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
  'CREDIT_NOTE_TARGET_INVALID',
  'CREDIT_NOTE_LINES_REQUIRED',
  'CREDIT_NOTE_REASON_REQUIRED',
  'CREDIT_NOTE_EXCEEDS_INVOICE',
  'CREDIT_NOTE_RATE_NOT_ON_INVOICE',
  'PAYMENT_AMOUNT_INVALID',
  'PAYMENT_EXCEEDS_DUE',
  'PAYMENT_DATE_INVALID',
  'PAYMENT_DATE_IN_FUTURE',
  'PAYMENT_DATE_BEFORE_ISSUE',
  'PAYMENT_REFERENCE_TOO_LONG',
  'INVOICING_PERIOD_INVALID',
  'INVOICING_PERIOD_OUT_OF_RANGE',
] as const;
export type InvoiceErrorCode = (typeof INVOICE_ERROR_CODES)[number];

/** Formalities: the operator's inputs, the client's answers and the files they upload. */
export const FORMALITY_ERROR_CODES = [
  'FORMALITY_TITLE_REQUIRED',
  'FORMALITY_REASON_REQUIRED',
  'FORMALITY_TRACKING_NUMBER_REQUIRED',
  'FORMALITY_DATE_INVALID',
  'FORMALITY_ANSWER_REQUIRED',
  'FORMALITY_ANSWER_INVALID',
  'FORMALITY_FILE_INVALID',
  'FORMALITY_FILE_TOO_LARGE',
] as const;
export type FormalityErrorCode = (typeof FORMALITY_ERROR_CODES)[number];

/** Electronic signature: the one-time code, the signer chosen by the operator, a decline's reason. */
export const SIGNATURE_ERROR_CODES = [
  'SIGNATURE_CODE_REQUIRED',
  'SIGNATURE_CODE_INVALID',
  'SIGNATURE_CODE_EXPIRED',
  'SIGNATURE_REASON_REQUIRED',
  'SIGNER_NOT_ALLOWED',
  'DOCUMENT_HASH_INVALID',
] as const;
export type SignatureErrorCode = (typeof SIGNATURE_ERROR_CODES)[number];

/**
 * `extensions.reason` of the CONFLICT errors of the signature operations: what stands in the way,
 * so that a client can say it (messages in SIGNATURE_CONFLICT_MESSAGES).
 */
export const SIGNATURE_CONFLICT_REASONS = [
  'SIGNATURE_NOT_PENDING',
  'SIGNATURE_LOCKED',
  'DOCUMENT_CHANGED',
  'CONSENT_OUTDATED',
  'SIGNATURE_ALREADY_REQUESTED',
  'DOCUMENT_ALREADY_SIGNED',
] as const;
export type SignatureConflictReason = (typeof SIGNATURE_CONFLICT_REASONS)[number];

export const VALIDATION_CODES = [
  ...SCOPE_ERROR_CODES,
  ...EMAIL_ERROR_CODES,
  ...EMAIL_WARNING_CODES,
  ...SIRET_ERROR_CODES,
  ...SIREN_ERROR_CODES,
  ...PHONE_ERROR_CODES,
  ...PASSWORD_ERROR_CODES,
  ...NAME_ERROR_CODES,
  ...COMPANY_NAME_ERROR_CODES,
  ...ADDRESS_ERROR_CODES,
  ...TEAM_ERROR_CODES,
  ...TEAM_WARNING_CODES,
  ...MAIL_ERROR_CODES,
  ...DATE_ERROR_CODES,
  ...API_TOKEN_ERROR_CODES,
  ...TEXT_ERROR_CODES,
  ...INVOICE_ERROR_CODES,
  ...FORMALITY_ERROR_CODES,
  ...SIGNATURE_ERROR_CODES,
] as const;
export type ValidationCode = (typeof VALIDATION_CODES)[number];

export function isValidationCode(x: unknown): x is ValidationCode {
  return typeof x === 'string' && (VALIDATION_CODES as readonly string[]).includes(x);
}
