import {
  ERROR_MESSAGES,
  isErrorCode,
  SIGNATURE_CONFLICT_MESSAGES,
  SIGNATURE_CONFLICT_REASONS,
  type Locale,
  type SignatureConflictReason,
} from '@guichet/shared';
import { fieldMessage, type ApiFailure } from './errors';

export type SignatureConflict = SignatureConflictReason;

/** What went wrong, and where the page says it. */
export type SignatureProblem =
  /** About the code typed (wrong, expired, missing): under the code field. `attemptsLeft` when the API says it. */
  | { target: 'code'; code: string; message: string; attemptsLeft: number | null }
  /** The consent statement changed: under the consent box, which is unticked (the new one is loaded). */
  | { target: 'consent'; message: string }
  /** Anything else (locked, no longer pending, document changed, rate limit, access): above the form. */
  | { target: 'form'; reason: SignatureConflict | null; message: string };

export interface SignatureTexts {
  locale: Locale;
  /** Sentences for the rate limit (of codes) and the access refusal (not the signer). */
  reasons: Readonly<Record<'RATE_LIMITED' | 'FORBIDDEN', string>>;
  /** "Il vous reste 3 essais." */
  attemptsLeft: (count: number) => string;
  /** For a field code whose message @guichet/shared does not have (yet). */
  generic: string;
}

const isConflict = (reason: string | null): reason is SignatureConflict =>
  reason !== null && (SIGNATURE_CONFLICT_REASONS as readonly string[]).includes(reason);

/** The sentence of @guichet/shared for a CONFLICT reason of signing. */
export function signatureConflictMessage(reason: SignatureConflict, locale: Locale): string {
  return SIGNATURE_CONFLICT_MESSAGES[reason][locale];
}

/**
 * Reads the API's refusal of `requestSignatureCode` or `signDocument`: each coded error gets a
 * clear sentence in the person's language, and says which part of the form it belongs to.
 */
export function describeSignatureFailure(failure: ApiFailure, texts: SignatureTexts): SignatureProblem {
  const { locale, reasons } = texts;
  if (isConflict(failure.reason)) {
    const message = signatureConflictMessage(failure.reason, locale);
    if (failure.reason === 'CONSENT_OUTDATED') return { target: 'consent', message };
    return { target: 'form', reason: failure.reason, message };
  }
  if (failure.code === 'RATE_LIMITED' || failure.code === 'TOO_MANY_REQUESTS' || failure.reason === 'TOO_MANY_REQUESTS') {
    return { target: 'form', reason: null, message: reasons.RATE_LIMITED };
  }
  if (failure.code === 'FORBIDDEN') return { target: 'form', reason: null, message: reasons.FORBIDDEN };
  const field = failure.fields.find((item) => item.code.startsWith('SIGNATURE_CODE_')) ?? failure.fields[0];
  if (field) {
    const raw = field.params?.attemptsLeft;
    const attemptsLeft = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : null;
    let message = fieldMessage(field, locale, texts.generic);
    // The count matters most after a wrong code: said once, whether or not the shared message has it.
    if (attemptsLeft !== null && !message.includes(String(attemptsLeft))) message = `${message} ${texts.attemptsLeft(attemptsLeft)}`;
    return { target: 'code', code: field.code, message, attemptsLeft };
  }
  const message = isErrorCode(failure.code) ? ERROR_MESSAGES[failure.code][locale] : ERROR_MESSAGES.INTERNAL_SERVER_ERROR[locale];
  return { target: 'form', reason: null, message };
}
