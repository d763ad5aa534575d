import { isValidationCode, validationMessage, type Locale } from '@guichet/shared';
import type { MailType } from '@/lib/graphql/schema-types';

export const MAIL_TYPES: readonly MailType[] = ['LETTER', 'REGISTERED', 'ADMINISTRATIVE', 'PARCEL', 'ADVERTISING'];

export type RowStatus = 'pending' | 'uploading' | 'done' | 'failed';
export type RowField = 'receivedAt' | 'sender' | 'recipient' | 'type';

/** One file of the upload form: its metadata, and what happened to it. */
export interface UploadRow {
  key: string;
  file: File;
  receivedAt: string;
  sender: string;
  recipient: string;
  type: MailType;
  status: RowStatus;
  /** Field messages (from the form's check or from the API). */
  errors: Partial<Record<RowField, string>>;
  /** What went wrong with the file itself, or the request. */
  error: string | null;
  pageCount: number | null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today as `YYYY-MM-DD` in the browser's time zone. */
export function today(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The instant sent for a day of receipt: now when it is today (the API refuses the future), else
 * noon of that day in the browser's time zone (the same calendar day in any European zone).
 */
export function receivedAtInstant(day: string, now: Date = new Date()): string {
  if (day === today(now)) return now.toISOString();
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date, 12).toISOString();
}

export function isPdf(file: File): boolean {
  return file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
}

let sequence = 0;

export function newRow(file: File, now: Date = new Date()): UploadRow {
  sequence += 1;
  return {
    key: `${sequence}-${file.name}-${file.size}`,
    file,
    receivedAt: today(now),
    sender: '',
    recipient: '',
    type: 'LETTER',
    status: 'pending',
    errors: {},
    error: null,
    pageCount: null,
  };
}

/** The sentence for a field error code of the upload route (codes and messages from @guichet/shared). */
export function uploadCodeMessage(code: string, locale: Locale): string | null {
  if (isValidationCode(code)) return validationMessage(code, locale);
  return null;
}

/** The form's own check before sending (the API checks again): the sender is required, the date real and not in the future. */
export function checkRow(row: UploadRow, locale: Locale, now: Date = new Date()): Partial<Record<RowField, string>> {
  const errors: Partial<Record<RowField, string>> = {};
  if (!row.sender.trim()) errors.sender = uploadCodeMessage('MAIL_SENDER_REQUIRED', locale) ?? undefined;
  else if (row.sender.trim().length > 200) errors.sender = uploadCodeMessage('MAIL_SENDER_TOO_LONG', locale) ?? undefined;
  if (row.recipient.trim().length > 200) errors.recipient = uploadCodeMessage('MAIL_RECIPIENT_TOO_LONG', locale) ?? undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(row.receivedAt)) errors.receivedAt = uploadCodeMessage('MAIL_RECEIVED_AT_INVALID', locale) ?? undefined;
  else if (row.receivedAt > today(now)) errors.receivedAt = uploadCodeMessage('MAIL_RECEIVED_AT_IN_FUTURE', locale) ?? undefined;
  return errors;
}

const intlLocale = (locale: Locale) => (locale === 'fr' ? 'fr-FR' : 'en-GB');

export function formatFileSize(bytes: number, locale: Locale): string {
  const [value, unit] = bytes >= 1_000_000 ? [bytes / 1_000_000, 'megabyte'] : [Math.max(bytes / 1000, 1), 'kilobyte'];
  return new Intl.NumberFormat(intlLocale(locale), { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}
