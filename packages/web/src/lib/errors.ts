import { ERROR_MESSAGES, isErrorCode, isValidationCode, type ErrorCode, type FieldError, type Locale } from '@guichet/shared';
import { CombinedGraphQLErrors, ServerError, ServerParseError, type ErrorLike } from '@apollo/client';

/** The `extensions.code` of the first GraphQL error that carries a known one. */
export function errorCodeOf(error: unknown): ErrorCode | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  for (const graphQLError of error.errors) {
    const code = graphQLError.extensions?.code;
    if (isErrorCode(code)) return code;
  }
  return null;
}

/** Field errors of a VALIDATION_FAILED error (`extensions.fields`). */
export function fieldErrorsOf(error: unknown): FieldError[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  const fields: FieldError[] = [];
  for (const graphQLError of error.errors) {
    const raw = graphQLError.extensions?.fields;
    if (!Array.isArray(raw)) continue;
    for (const item of raw as unknown[]) {
      if (!item || typeof item !== 'object') continue;
      const { field, code } = item as { field?: unknown; code?: unknown };
      if (typeof field === 'string' && isValidationCode(code)) fields.push({ field, code });
    }
  }
  return fields;
}

/** A value from the `extensions` of the first GraphQL error that has it (e.g. `invitationEmail`). */
export function errorExtensionOf(error: unknown, key: string): unknown {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  for (const graphQLError of error.errors) {
    const value = graphQLError.extensions?.[key];
    if (value !== undefined) return value;
  }
  return undefined;
}

export const SESSION_ERROR_CODES: readonly ErrorCode[] = ['UNAUTHENTICATED', 'SESSION_EXPIRED'];
export const ACCESS_ERROR_CODES: readonly ErrorCode[] = ['FORBIDDEN', 'NOT_FOUND'];

export function isSessionError(error: unknown): boolean {
  const code = errorCodeOf(error);
  return code !== null && SESSION_ERROR_CODES.includes(code);
}

export function isAccessError(error: unknown): boolean {
  const code = errorCodeOf(error);
  return code !== null && ACCESS_ERROR_CODES.includes(code);
}

/** The server could not be reached, or answered with something that is not GraphQL. */
export function isNetworkError(error: unknown): boolean {
  if (ServerError.is(error) || ServerParseError.is(error)) return true;
  return error instanceof TypeError && /fetch|network|load failed/i.test(error.message);
}

/**
 * A sentence for the person, in their language: the shared message of the API error code,
 * or `networkMessage` when the server could not be reached or answered something unexpected.
 */
export function describeError(error: ErrorLike | unknown, locale: Locale, networkMessage: string): string {
  const code = errorCodeOf(error);
  if (code) return ERROR_MESSAGES[code][locale];
  if (CombinedGraphQLErrors.is(error)) return ERROR_MESSAGES.INTERNAL_SERVER_ERROR[locale];
  return networkMessage;
}
