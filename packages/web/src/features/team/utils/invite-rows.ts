import {
  isValidationCode,
  validateEmail,
  validatePersonName,
  validatePhone,
  type ContactSubject,
  type EmailDomainWarning,
  type ValidationCode,
} from '@guichet/shared';
import type { InvitationInput } from '@/lib/graphql/schema-types';
import { foldName } from './names';
import { EMPTY_CHOICE, keepGranted, scopesOfChoice, type ScopeChoice } from './scopes';

/** At most this many rows per `inviteMembers` call (the API refuses more with BATCH_TOO_LARGE). */
export const MAX_INVITE_ROWS = 50;
export const JOB_TITLE_MAX_LENGTH = 100;

export const INVITE_FIELDS = ['email', 'firstName', 'lastName', 'phone', 'jobTitle', 'scopes', 'contactFor'] as const;
export type InviteField = (typeof INVITE_FIELDS)[number];

export function isInviteField(value: string): value is InviteField {
  return (INVITE_FIELDS as readonly string[]).includes(value);
}

/** A problem on a field: a shared validation code (its message comes from shared). */
export interface FieldIssue {
  code: ValidationCode;
  params?: Record<string, string>;
}

export interface InviteRowDraft {
  key: string;
  email: string;
  firstName: string;
  lastName: string;
  phone: string;
  jobTitle: string;
  choice: ScopeChoice;
  contactFor: ContactSubject[];
  /** Errors the API gave this row on the last send; a field's error goes away once it is edited. */
  serverErrors: Partial<Record<InviteField, FieldIssue>>;
  /**
   * Fields left once after being typed in, or holding a value (their errors show from then on, not
   * while typing the first time). Leaving a field nobody typed in does not count: an empty row
   * stays quiet until it is sent.
   */
  touched: Partial<Record<InviteField, boolean>>;
  /** Fields the person changed at least once. */
  edited: Partial<Record<InviteField, boolean>>;
}

let sequence = 0;

export function newRow(values: Partial<Pick<InviteRowDraft, 'email' | 'firstName' | 'lastName' | 'choice'>> = {}): InviteRowDraft {
  sequence += 1;
  return {
    key: `row-${sequence}`,
    email: values.email ?? '',
    firstName: values.firstName ?? '',
    lastName: values.lastName ?? '',
    phone: '',
    jobTitle: '',
    choice: values.choice ?? EMPTY_CHOICE,
    contactFor: [],
    serverErrors: {},
    touched: {},
    edited: {},
  };
}

/** Whether leaving `field` should start showing its errors: it was typed in, or it holds a value. */
export function countsAsLeft(row: InviteRowDraft, field: InviteField): boolean {
  if (row.edited[field]) return true;
  switch (field) {
    case 'email':
    case 'firstName':
    case 'lastName':
    case 'phone':
    case 'jobTitle':
      return row[field].trim() !== '';
    case 'scopes':
      return row.choice.role !== '';
    case 'contactFor':
      return row.contactFor.length > 0;
  }
}

export function isBlankRow(row: InviteRowDraft): boolean {
  return [row.email, row.firstName, row.lastName, row.phone, row.jobTitle].every((value) => value.trim() === '') && row.choice.role === '';
}

export interface RowCheck {
  errors: Partial<Record<InviteField, FieldIssue>>;
  /** The corrected address when the domain looks like a typo (`gmail.con`). */
  suggestion: string | null;
  /** An internationalised (`xn--`) or look-alike domain, as it reads once decoded: a warning, never an error. */
  domainWarning: EmailDomainWarning | null;
  /** The existing member with the same first and last name (likely the same person). */
  sameNameAs: string | null;
  /** What to send when the row has no error. */
  input: InvitationInput | null;
}

export interface RowCheckContext {
  /** Folded "first last" of each member → their name as shown. */
  memberNames: ReadonlyMap<string, string>;
  /** The row's address already appears in an earlier row. */
  duplicate: boolean;
}

/** The shared rules the API applies, checked before sending (the API checks them again). */
export function checkRow(row: InviteRowDraft, context: RowCheckContext): RowCheck {
  const errors: Partial<Record<InviteField, FieldIssue>> = {};
  const email = validateEmail(row.email);
  if (!email.ok) errors.email = { code: email.error };
  else if (context.duplicate) errors.email = { code: 'DUPLICATE_IN_BATCH' };
  const firstName = validatePersonName(row.firstName);
  if (!firstName.ok) errors.firstName = { code: firstName.error };
  const lastName = validatePersonName(row.lastName);
  if (!lastName.ok) errors.lastName = { code: lastName.error };
  const phone = validatePhone(row.phone);
  if (!phone.ok) errors.phone = { code: phone.error };
  const jobTitle = row.jobTitle.trim().replace(/\s+/g, ' ');
  if (jobTitle.length > JOB_TITLE_MAX_LENGTH) errors.jobTitle = { code: 'JOB_TITLE_TOO_LONG' };
  const scopes = scopesOfChoice(row.choice);
  if (scopes.length === 0) errors.scopes = { code: 'SCOPES_REQUIRED' };
  const contactFor = keepGranted(row.contactFor, scopes);

  const sameNameAs =
    firstName.ok && lastName.ok ? (context.memberNames.get(foldName(`${firstName.value} ${lastName.value}`)) ?? null) : null;
  const suggestion = email.ok ? (email.warning?.suggestion ?? null) : null;
  const domainWarning = email.ok ? (email.domainWarning ?? null) : null;
  const ok = Object.keys(errors).length === 0;
  return {
    errors,
    suggestion,
    domainWarning,
    sameNameAs,
    input:
      ok && email.ok && firstName.ok && lastName.ok && phone.ok
        ? {
            email: email.email,
            firstName: firstName.value,
            lastName: lastName.value,
            phone: phone.phone,
            jobTitle: jobTitle || null,
            scopes,
            contactFor,
          }
        : null,
  };
}

/** Checks every row; an address that appears twice is an error on its second row. */
export function checkRows(rows: readonly InviteRowDraft[], memberNames: ReadonlyMap<string, string>): RowCheck[] {
  const seen = new Set<string>();
  return rows.map((row) => {
    const normalised = row.email.trim().toLowerCase();
    const duplicate = normalised !== '' && seen.has(normalised);
    if (normalised) seen.add(normalised);
    return checkRow(row, { memberNames, duplicate });
  });
}

/** The API's per-row problems, as field issues (codes this version does not know get a generic message). */
export function issuesFromApi(problems: ReadonlyArray<{ field: string; code: string }>): Partial<Record<InviteField, FieldIssue>> {
  const issues: Partial<Record<InviteField, FieldIssue>> = {};
  for (const problem of problems) {
    const field: InviteField = isInviteField(problem.field) ? problem.field : 'email';
    if (issues[field]) continue;
    issues[field] = { code: isValidationCode(problem.code) ? problem.code : ('UNKNOWN' as ValidationCode) };
  }
  return issues;
}
