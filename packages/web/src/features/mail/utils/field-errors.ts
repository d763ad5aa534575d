import { isValidationCode, validationMessage, type Locale } from '@guichet/shared';
import { CombinedGraphQLErrors } from '@apollo/client';
import { mailEn } from '@/locales/mail/en';
import { mailFr } from '@/locales/mail/fr';

/** One invalid field as the API lists it: a shared validation code or a mail one (TAG_NAME_REQUIRED…). */
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

const MAIL_CODE_MESSAGES = { fr: mailFr.codes, en: mailEn.codes } as const;
type MailCode = keyof typeof mailFr.codes;

const isMailCode = (code: string): code is MailCode => Object.prototype.hasOwnProperty.call(mailFr.codes, code);

/** The sentence for a field error code: shared codes from @guichet/shared, mail codes from the mail texts. */
export function fieldErrorMessage(code: string, locale: Locale): string | null {
  if (isValidationCode(code)) return validationMessage(code, locale);
  if (isMailCode(code)) return MAIL_CODE_MESSAGES[locale][code];
  return null;
}
