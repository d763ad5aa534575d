import type { MailErrorCode } from './codes';
import { foldForComparison, TEXT_LIMITS, textLength, unsafeTextCode, type UnsafeTextCode } from './text';

export const TAG_NAME_MAX_LENGTH = TEXT_LIMITS.tagName;
export const MAIL_SENDER_MAX_LENGTH = TEXT_LIMITS.mailSender;

type Checked<T> = { ok: true; value: T } | { ok: false; error: MailErrorCode | UnsafeTextCode };

/** One line of text: control characters and runs of whitespace become one space, trimmed, composed (NFC). */
export function cleanLine(value: string | null | undefined): string {
  return (value ?? '')
    .normalize('NFC')
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * What makes two tag names the same tag: case, accents, compatibility forms, invisible characters
 * and Cyrillic/Greek look-alikes ignored, so "Urgent", "URGENT", "Urgеnt" (Cyrillic е) and
 * "Ｕｒｇｅｎｔ" are one name. Cut to the 50 characters of the `name_key` column.
 */
export function tagNameKey(name: string): string {
  return [...foldForComparison(name)].slice(0, TAG_NAME_MAX_LENGTH).join('');
}

/** A tag's name: required, at most 50 characters, without bidirectional controls or zero-width characters. */
export function validateTagName(raw: string | null | undefined): Checked<{ name: string; key: string }> {
  const unsafe = unsafeTextCode(raw);
  if (unsafe) return { ok: false, error: unsafe };
  const name = cleanLine(raw);
  if (name === '') return { ok: false, error: 'TAG_NAME_REQUIRED' };
  if (textLength(name) > TAG_NAME_MAX_LENGTH) return { ok: false, error: 'TAG_NAME_TOO_LONG' };
  return { ok: true, value: { name, key: tagNameKey(name) } };
}

/**
 * The sender or the recipient of a scanned letter: at most 200 characters, without bidirectional
 * controls or zero-width characters. The sender is required; an empty recipient gives ''.
 */
export function validateMailParty(raw: string | null | undefined, which: 'sender' | 'recipient'): Checked<string> {
  const unsafe = unsafeTextCode(raw);
  if (unsafe) return { ok: false, error: unsafe };
  const value = cleanLine(raw);
  if (value === '' && which === 'sender') return { ok: false, error: 'MAIL_SENDER_REQUIRED' };
  if (textLength(value) > MAIL_SENDER_MAX_LENGTH) {
    return { ok: false, error: which === 'sender' ? 'MAIL_SENDER_TOO_LONG' : 'MAIL_RECIPIENT_TOO_LONG' };
  }
  return { ok: true, value };
}
