import { validateTagName, type FieldError } from '@guichet/shared';
import { DomainError, notFound } from '../../common/domain-error';
import { isId } from '../../common/ids';
import { MAIL_STATUSES, MAIL_TYPES, type MailStatus, type MailType } from './mail-item.entity';

/** Field errors of the mail module use the shared codes (MAIL_*, TAG_*, …), like every other module. */
export type MailFieldError = FieldError;

export function mailValidationFailed(fields: MailFieldError[], message?: string): DomainError {
  return new DomainError(
    'VALIDATION_FAILED',
    message ?? `Invalid input: ${fields.map((f) => `${f.field} (${f.code})`).join(', ')}.`,
    fields,
  );
}

/** Lower-case, without accents, single spaces: what search compares, the same on every database. */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function searchTextOf(sender: string, recipient: string): string {
  return foldText(`${sender} ${recipient}`).slice(0, 512);
}

/** Trims, collapses inner whitespace and drops control characters. */
export function cleanLine(value: string | null | undefined): string {
  return (value ?? '')
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export const MAX_SENDER_LENGTH = 200;
export const MAX_TAG_NAME_LENGTH = 50;
export const MAX_SEARCH_LENGTH = 100;

export function parseMailType(value: string | null | undefined): MailType | null {
  return (MAIL_TYPES as readonly string[]).includes(value ?? '') ? (value as MailType) : null;
}

export function parseMailStatus(value: string | null | undefined): MailStatus | null {
  return (MAIL_STATUSES as readonly string[]).includes(value ?? '') ? (value as MailStatus) : null;
}

/** Distinct ids in input order; a malformed id is reported like an unknown one (NOT_FOUND). */
export function distinctIds(ids: readonly string[], what: 'Mail item' | 'Tag', max: number): string[] {
  const out = [...new Set(ids)];
  if (out.length === 0) throw new DomainError('BAD_USER_INPUT', `Pass at least one ${what.toLowerCase()} id.`);
  if (out.length > max) throw new DomainError('BAD_USER_INPUT', `At most ${max} ${what.toLowerCase()} ids at once.`);
  if (!out.every(isId)) throw notFound(what);
  return out;
}

const COLOR_RE = /^#[0-9a-fA-F]{6}$/;

export function validateTag(
  input: { name?: string | null; color?: string | null },
  partial: boolean,
): { name?: string; nameKey?: string; color?: string } {
  const errors: MailFieldError[] = [];
  const out: { name?: string; nameKey?: string; color?: string } = {};
  if (input.name !== undefined && input.name !== null) {
    // Refuses bidirectional controls and zero-width characters; the key folds look-alikes, so a
    // tag that looks like an existing one is a duplicate (CONFLICT).
    const name = validateTagName(input.name);
    if (!name.ok) errors.push({ field: 'name', code: name.error });
    else {
      out.name = name.value.name;
      out.nameKey = name.value.key;
    }
  } else if (!partial) errors.push({ field: 'name', code: 'TAG_NAME_REQUIRED' });
  if (input.color !== undefined && input.color !== null) {
    const color = input.color.trim();
    if (!COLOR_RE.test(color)) errors.push({ field: 'color', code: 'TAG_COLOR_INVALID' });
    else out.color = color.toLowerCase();
  } else if (!partial) errors.push({ field: 'color', code: 'TAG_COLOR_INVALID' });
  if (errors.length > 0) throw mailValidationFailed(errors);
  return out;
}
