import type { Labels, Locale } from '../i18n/labels';
import type { ValidationCode } from '../validation/codes';

/** Codes the API puts in `extensions.code` of GraphQL errors (and in HTTP error bodies). */
export const ERROR_CODES = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  SESSION_EXPIRED: 'SESSION_EXPIRED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  INVALID_TOKEN: 'INVALID_TOKEN',
  RATE_LIMITED: 'RATE_LIMITED',
  CONFLICT: 'CONFLICT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  LAST_ADMIN: 'LAST_ADMIN',
  SIGN_IN_REQUIRED: 'SIGN_IN_REQUIRED',
  INVITATION_EMAIL_MISMATCH: 'INVITATION_EMAIL_MISMATCH',
  INVITATION_EXPIRED: 'INVITATION_EXPIRED',
  INVITATION_REVOKED: 'INVITATION_REVOKED',
  INVITATION_ALREADY_ACCEPTED: 'INVITATION_ALREADY_ACCEPTED',
  BATCH_TOO_LARGE: 'BATCH_TOO_LARGE',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  STORAGE_UNAVAILABLE: 'STORAGE_UNAVAILABLE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export function isErrorCode(x: unknown): x is ErrorCode {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, x);
}

/**
 * One invalid field, as listed in `extensions.fields` of a VALIDATION_FAILED error. `params` fill
 * the message's placeholders (`TEXT_TOO_LONG` carries `{ max }`).
 */
export type FieldError = { field: string; code: ValidationCode; params?: Readonly<Record<string, string>> };

export const ERROR_MESSAGES: Readonly<Record<ErrorCode, Labels>> = {
  UNAUTHENTICATED: {
    fr: 'Veuillez vous connecter pour continuer.',
    en: 'Please sign in to continue.',
  },
  SESSION_EXPIRED: {
    fr: 'Votre session a expiré. Veuillez vous reconnecter.',
    en: 'Your session has expired. Please sign in again.',
  },
  FORBIDDEN: {
    fr: 'Vous n’avez pas l’accès nécessaire pour cette action. Demandez-le à un administrateur de l’entreprise.',
    en: 'You do not have the access needed for this action. Ask an administrator of the company.',
  },
  NOT_FOUND: {
    fr: 'Introuvable ou vous n’y avez pas accès.',
    en: 'Not found, or you do not have access to it.',
  },
  VALIDATION_FAILED: {
    fr: 'Certains champs sont à corriger.',
    en: 'Some fields need to be corrected.',
  },
  INVALID_CREDENTIALS: {
    fr: 'Adresse e-mail ou mot de passe incorrect.',
    en: 'Incorrect email address or password.',
  },
  ACCOUNT_DISABLED: {
    fr: 'Ce compte est désactivé. Contactez le support si vous pensez qu’il s’agit d’une erreur.',
    en: 'This account is disabled. Contact support if you think this is a mistake.',
  },
  INVALID_TOKEN: {
    fr: 'Ce lien ou ce jeton n’est pas valide, a expiré ou a déjà été utilisé.',
    en: 'This link or token is not valid, has expired or has already been used.',
  },
  RATE_LIMITED: {
    fr: 'Trop de tentatives. Patientez quelques minutes avant de réessayer.',
    en: 'Too many attempts. Please wait a few minutes before trying again.',
  },
  CONFLICT: {
    fr: 'Cette action entre en conflit avec une modification récente. Rechargez la page et réessayez.',
    en: 'This action conflicts with a recent change. Reload the page and try again.',
  },
  INTERNAL_SERVER_ERROR: {
    fr: 'Une erreur inattendue s’est produite. Réessayez dans un instant.',
    en: 'Something went wrong on our side. Please try again in a moment.',
  },
  BAD_USER_INPUT: {
    fr: 'La requête contient une valeur non valide.',
    en: 'The request contains an invalid value.',
  },
  LAST_ADMIN: {
    fr: 'C’est le dernier administrateur de l’entreprise\u00a0: nommez d’abord un autre administrateur.',
    en: 'This is the company’s last administrator: make someone else an administrator first.',
  },
  SIGN_IN_REQUIRED: {
    fr: 'Un compte existe déjà pour cette adresse\u00a0: connectez-vous pour accepter l’invitation.',
    en: 'An account already exists for this address: sign in to accept the invitation.',
  },
  INVITATION_EMAIL_MISMATCH: {
    fr: 'Cette invitation est destinée à une autre adresse e-mail que celle de votre session.',
    en: 'This invitation is for another email address than the one you are signed in with.',
  },
  INVITATION_EXPIRED: {
    fr: 'Cette invitation a expiré. Demandez un nouveau lien aux administrateurs de l’entreprise.',
    en: 'This invitation has expired. Ask the company’s administrators for a new link.',
  },
  INVITATION_REVOKED: {
    fr: 'Cette invitation a été annulée. Demandez un nouveau lien aux administrateurs de l’entreprise.',
    en: 'This invitation was withdrawn. Ask the company’s administrators for a new link.',
  },
  INVITATION_ALREADY_ACCEPTED: {
    fr: 'Cette invitation a déjà été acceptée\u00a0: connectez-vous pour accéder à l’entreprise.',
    en: 'This invitation has already been accepted: sign in to reach the company.',
  },
  BATCH_TOO_LARGE: {
    fr: 'Trop de lignes en une fois\u00a0: envoyez au plus 50 invitations par envoi.',
    en: 'Too many rows at once: send at most 50 invitations per batch.',
  },
  QUERY_TOO_COMPLEX: {
    fr: 'Cette requête est trop lourde (profondeur, alias ou nombre d’éléments demandés)\u00a0: découpez-la.',
    en: 'This query is too heavy (depth, aliases or number of items asked for): split it.',
  },
  SERVICE_UNAVAILABLE: {
    fr: 'Le service est momentanément indisponible. Réessayez dans un instant.',
    en: 'The service is temporarily unavailable. Please try again in a moment.',
  },
  STORAGE_UNAVAILABLE: {
    fr: 'Le stockage des fichiers est momentanément indisponible\u00a0: rien n’a été enregistré ni modifié. Réessayez dans un instant.',
    en: 'File storage is temporarily unavailable: nothing was saved or changed. Please try again in a moment.',
  },
  PAYLOAD_TOO_LARGE: {
    fr: 'La requête est trop volumineuse.',
    en: 'The request is too large.',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    fr: 'Format de requête non pris en charge\u00a0: envoyez du JSON (Content-Type: application/json).',
    en: 'Unsupported request format: send JSON (Content-Type: application/json).',
  },
};

/** The message for an error code; unknown codes get the generic internal-error text. */
export function errorMessage(code: ErrorCode, locale: Locale): string {
  const labels: Labels | undefined = ERROR_MESSAGES[code];
  return (labels ?? ERROR_MESSAGES.INTERNAL_SERVER_ERROR)[locale];
}
