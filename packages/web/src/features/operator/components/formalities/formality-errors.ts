import { ERROR_MESSAGES, isErrorCode, isValidationCode, validationMessage, type Locale } from '@guichet/shared';
import { CombinedGraphQLErrors } from '@apollo/client';
import type { TFunction } from 'i18next';
import { describeError, errorCodeOf, errorExtensionOf } from '@/lib/errors';
import { operatorFormalitiesFr, type OperatorFormalitiesMessages } from '@/locales/operator-formalities/fr';

/**
 * The API's refusals on the formalities pages, in the person's language: a field's validation
 * code (the shared message, with its parameters), a CONFLICT's `extensions.reason`
 * (INVALID_TRANSITION, DOCUMENT_CHANGED…), or the shared message of the error code.
 */

type T = TFunction<'operatorFormalities'>;

/** What a form says about a field: a code (shared, or this page's own) and its parameters. */
export interface Issue {
  code: string;
  params?: Readonly<Record<string, string>>;
}

/** One field error as the API lists it in `extensions.fields` (or in an HTTP error body). */
export interface ApiFieldError extends Issue {
  field: string;
}

type LocalIssue = keyof OperatorFormalitiesMessages['issues'];
type KnownCode = keyof OperatorFormalitiesMessages['codes'];
type ConflictReason = keyof OperatorFormalitiesMessages['conflicts'];

/** Whether `key` is one of `record`'s keys (the French texts hold the keys of both languages). */
const has = <K extends string>(record: Readonly<Record<K, string>>, key: string): key is K =>
  Object.prototype.hasOwnProperty.call(record, key);

/** Parses a list of `{ field, code, params? }`, keeping codes this version does not know yet. */
export function parseFieldErrors(raw: unknown): ApiFieldError[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item: unknown) => {
    if (!item || typeof item !== 'object') return [];
    const { field, code, params } = item as { field?: unknown; code?: unknown; params?: unknown };
    if (typeof field !== 'string' || typeof code !== 'string') return [];
    const clean: Record<string, string> = {};
    if (params && typeof params === 'object') {
      for (const [key, value] of Object.entries(params as Record<string, unknown>)) {
        if (typeof value === 'string' || typeof value === 'number') clean[key] = String(value);
      }
    }
    return [{ field, code, ...(Object.keys(clean).length > 0 ? { params: clean } : {}) }];
  });
}

/** The field errors of a GraphQL VALIDATION_FAILED error, parameters included. */
export function apiFieldErrors(error: unknown): ApiFieldError[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  return error.errors.flatMap((graphQLError) => parseFieldErrors(graphQLError.extensions?.fields));
}

/** The sentence for a code: this page's own, a shared validation code, or a code the page knows of. */
export function issueText(issue: Issue | undefined, locale: Locale, t: T): string | undefined {
  if (!issue) return undefined;
  const { code, params } = issue;
  if (has<LocalIssue>(operatorFormalitiesFr.issues, code)) return t(`issues.${code}`);
  if (isValidationCode(code)) return validationMessage(code, locale, params);
  if (has<KnownCode>(operatorFormalitiesFr.codes, code)) return t(`codes.${code}`);
  return ERROR_MESSAGES.VALIDATION_FAILED[locale];
}

/** The sentence for a CONFLICT's reason, when the page knows it. */
export function conflictText(reason: unknown, t: T): string | null {
  if (typeof reason !== 'string') return null;
  return has<ConflictReason>(operatorFormalitiesFr.conflicts, reason) ? t(`conflicts.${reason}`) : null;
}

/** A GraphQL error as a sentence: the conflict's reason, the first field's code, or the error code. */
export function describeFormalityError(error: unknown, locale: Locale, t: T, networkMessage: string): string {
  if (errorCodeOf(error) === 'CONFLICT') {
    const text = conflictText(errorExtensionOf(error, 'reason'), t);
    if (text) return text;
  }
  const field = apiFieldErrors(error)[0];
  if (field) return issueText(field, locale, t) ?? ERROR_MESSAGES.VALIDATION_FAILED[locale];
  return describeError(error, locale, networkMessage);
}

/**
 * The API's field errors on a form's fields (`input.reason` on `reason`, `choices.2` on `choices`);
 * the others are returned apart, for a sentence.
 */
export function issuesFromApi<F extends string>(
  error: unknown,
  fields: Readonly<Record<string, F>>,
): { issues: Partial<Record<F, Issue>>; other: ApiFieldError[] } {
  const issues: Partial<Record<F, Issue>> = {};
  const other: ApiFieldError[] = [];
  for (const found of apiFieldErrors(error)) {
    const name = found.field.replace(/^input\./, '').replace(/[.[].*$/, '');
    const key = fields[name];
    if (key === undefined) other.push(found);
    else if (!issues[key]) issues[key] = { code: found.code, ...(found.params ? { params: found.params } : {}) };
  }
  return { issues, other };
}

/** An HTTP error body's code as a sentence (`{ error: { code, message, fields?, reason? } }`). */
export function describeHttpError(
  body: { code: string | null; fields: readonly ApiFieldError[]; reason: string | null },
  locale: Locale,
  t: T,
): string | null {
  if (body.code === 'CONFLICT') {
    const text = conflictText(body.reason, t);
    if (text) return text;
  }
  const field = body.fields[0];
  if (field) return issueText(field, locale, t) ?? null;
  return isErrorCode(body.code) ? ERROR_MESSAGES[body.code][locale] : null;
}
