import { CombinedGraphQLErrors } from '@apollo/client';
import { ERROR_MESSAGES, isErrorCode, isValidationCode, validationMessage, type Locale } from '@guichet/shared';

/**
 * The API's coded refusals, from GraphQL (`extensions`) or from a file route (`{ error }`), read
 * the same way: the code, the reason of a CONFLICT, and the invalid fields with their parameters
 * (`SIGNATURE_CODE_INVALID` carries `attemptsLeft`).
 */
export interface ApiFailure {
  code: string | null;
  reason: string | null;
  fields: ApiFieldFailure[];
}

export interface ApiFieldFailure {
  field: string;
  code: string;
  params?: Readonly<Record<string, string>>;
}

function readFields(raw: unknown): ApiFieldFailure[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item: unknown): ApiFieldFailure[] => {
    if (!item || typeof item !== 'object') return [];
    const { field, code, params } = item as { field?: unknown; code?: unknown; params?: unknown };
    if (typeof field !== 'string' || typeof code !== 'string') return [];
    if (!params || typeof params !== 'object') return [{ field, code }];
    const strings = Object.fromEntries(Object.entries(params as Record<string, unknown>).map(([key, value]) => [key, String(value)]));
    return [{ field, code, params: strings }];
  });
}

/** The first coded GraphQL error; null for anything that is not a GraphQL answer (network). */
export function graphQLFailure(error: unknown): ApiFailure | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  for (const graphQLError of error.errors) {
    const extensions = graphQLError.extensions ?? {};
    if (typeof extensions.code !== 'string') continue;
    return {
      code: extensions.code,
      reason: typeof extensions.reason === 'string' ? extensions.reason : null,
      fields: readFields(extensions.fields),
    };
  }
  return { code: null, reason: null, fields: [] };
}

/** A field error's sentence from @guichet/shared; `fallback` for a code this version does not know. */
export function fieldMessage(field: ApiFieldFailure, locale: Locale, fallback: string): string {
  return isValidationCode(field.code) ? validationMessage(field.code, locale, field.params) : fallback;
}

export interface DescribeOptions {
  locale: Locale;
  /** Sentences for the reasons of a CONFLICT this page knows (e.g. FORMALITY_OVER). */
  reasons?: Readonly<Record<string, string>>;
  /** For a field code without a message. */
  generic: string;
}

/** One sentence for a coded refusal: the conflict's reason, else the fields' messages, else the code's. */
export function describeFailure(failure: ApiFailure, { locale, reasons = {}, generic }: DescribeOptions): string {
  if (failure.reason && reasons[failure.reason]) return reasons[failure.reason] as string;
  if (failure.fields.length > 0) {
    return [...new Set(failure.fields.map((field) => fieldMessage(field, locale, generic)))].join(' ');
  }
  if (isErrorCode(failure.code)) return ERROR_MESSAGES[failure.code][locale];
  return ERROR_MESSAGES.INTERNAL_SERVER_ERROR[locale];
}
