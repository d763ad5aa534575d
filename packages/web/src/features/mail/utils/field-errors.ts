import { isValidationCode, validationMessage, type Locale } from '@guichet/shared';
import { CombinedGraphQLErrors } from '@apollo/client';

/** One invalid field as the API lists it (a validation code of @guichet/shared). */
export interface ApiFieldError {
  field: string;
  code: string;
}

/** The `extensions.fields` of a VALIDATION_FAILED error, whatever module the codes come from. */
export function apiFieldErrors(error: unknown): ApiFieldError[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  const fields: ApiFieldError[] = [];
  for (const graphQLError of error.errors) {
    const raw = graphQLError.extensions?.fields;
    if (!Array.isArray(raw)) continue;
    for (const item of raw as unknown[]) {
      if (!item || typeof item !== 'object') continue;
      const { field, code } = item as { field?: unknown; code?: unknown };
      if (typeof field === 'string' && typeof code === 'string') fields.push({ field, code });
    }
  }
  return fields;
}

/** The sentence for a field error code (every module's codes and messages live in @guichet/shared). */
export function fieldErrorMessage(code: string, locale: Locale): string | null {
  return isValidationCode(code) ? validationMessage(code, locale) : null;
}
