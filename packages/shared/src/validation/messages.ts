import type { Labels, Locale } from '../i18n/labels';
import type { ValidationCode } from './codes';
import { EMAIL_LOCAL_PART_MAX_LENGTH, EMAIL_MAX_LENGTH } from './email';
import { COMPANY_NAME_MAX_LENGTH, PERSON_NAME_MAX_LENGTH } from './names';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password';

/*
 * French strings use a no-break space (U+00A0) before "?", ":" and "!", as French typography
 * requires, so the punctuation never wraps onto a line of its own.
 */

/** User-facing text for every validation code; each message says which rule failed. */
export const VALIDATION_MESSAGES: Readonly<Record<ValidationCode, Labels>> = {
  SCOPES_REQUIRED: {
    fr: 'Choisissez au moins un accès.',
    en: 'Choose at least one access level.',
  },
  UNKNOWN_SCOPE: {
    fr: 'Accès inconnu\u00a0: choisissez parmi Administrateur, Courrier, Facturation et Formalités.',
    en: 'Unknown access level: choose among Administrator, Mail, Billing and Formalities.',
  },
  EMAIL_REQUIRED: {
    fr: 'Saisissez une adresse e-mail.',
    en: 'Enter an email address.',
  },
  EMAIL_TOO_LONG: {
    fr: `L’adresse e-mail est trop longue (${EMAIL_MAX_LENGTH} caractères au maximum, dont ${EMAIL_LOCAL_PART_MAX_LENGTH} avant le @).`,
    en: `The email address is too long (at most ${EMAIL_MAX_LENGTH} characters, ${EMAIL_LOCAL_PART_MAX_LENGTH} of them before the @).`,
  },
  EMAIL_HAS_SPACES: {
    fr: 'L’adresse e-mail ne doit pas contenir d’espaces.',
    en: 'The email address must not contain spaces.',
  },
  EMAIL_NON_ASCII: {
    fr: 'L’adresse ne doit pas contenir d’accents ni de caractères spéciaux.',
    en: 'The address must not contain accents or special characters.',
  },
  EMAIL_MISSING_AT: {
    fr: 'L’adresse e-mail doit contenir un seul @, comme dans prenom.nom@exemple.fr.',
    en: 'The email address must contain exactly one @, as in firstname.lastname@example.com.',
  },
  EMAIL_INVALID_LOCAL_PART: {
    fr: 'La partie avant le @ n’est pas valide\u00a0: lettres, chiffres et . _ % + - uniquement, sans point au début, à la fin ni deux points de suite.',
    en: 'The part before the @ is not valid: letters, digits and . _ % + - only, with no dot at the start or end and no two dots in a row.',
  },
  EMAIL_INVALID_DOMAIN: {
    fr: 'Le domaine après le @ n’est pas valide\u00a0: lettres, chiffres, points et tirets uniquement, comme dans exemple.fr.',
    en: 'The domain after the @ is not valid: letters, digits, dots and hyphens only, as in example.com.',
  },
  EMAIL_MISSING_TLD: {
    fr: 'Le domaine doit se terminer par une extension comme .fr ou .com.',
    en: 'The domain must end with an extension such as .com or .fr.',
  },
  EMAIL_GENERIC_MAILBOX: {
    fr: 'Cette adresse est une boîte de service (contact@, compta@…)\u00a0: invitez une personne, pas un service.',
    en: 'This is a department mailbox (contact@, billing@…): invite a person, not a department.',
  },
  EMAIL_DOMAIN_TYPO: {
    fr: 'Vouliez-vous dire {suggestion}\u00a0?',
    en: 'Did you mean {suggestion}?',
  },
  SIRET_REQUIRED: {
    fr: 'Saisissez le numéro SIRET.',
    en: 'Enter the SIRET number.',
  },
  SIRET_FORMAT: {
    fr: 'Le SIRET doit comporter exactement 14 chiffres (les espaces sont acceptés).',
    en: 'The SIRET must have exactly 14 digits (spaces are accepted).',
  },
  SIRET_CHECKSUM: {
    fr: 'Ce numéro SIRET n’est pas valide (la clé de contrôle ne correspond pas)\u00a0: vérifiez les chiffres.',
    en: 'This SIRET number is not valid (its check digit does not match): check the digits.',
  },
  SIREN_REQUIRED: {
    fr: 'Saisissez le numéro SIREN.',
    en: 'Enter the SIREN number.',
  },
  SIREN_FORMAT: {
    fr: 'Le SIREN doit comporter exactement 9 chiffres (les espaces sont acceptés).',
    en: 'The SIREN must have exactly 9 digits (spaces are accepted).',
  },
  SIREN_CHECKSUM: {
    fr: 'Ce numéro SIREN n’est pas valide (la clé de contrôle ne correspond pas)\u00a0: vérifiez les chiffres.',
    en: 'This SIREN number is not valid (its check digit does not match): check the digits.',
  },
  PHONE_INVALID: {
    fr: 'Ce numéro de téléphone n’est pas valide. Pour un numéro étranger, commencez par l’indicatif du pays (+44…).',
    en: 'This phone number is not valid. For a number outside France, start with the country code (+44…).',
  },
  PASSWORD_TOO_SHORT: {
    fr: `Le mot de passe doit comporter au moins ${PASSWORD_MIN_LENGTH} caractères.`,
    en: `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`,
  },
  PASSWORD_TOO_LONG: {
    fr: `Le mot de passe doit comporter au plus ${PASSWORD_MAX_LENGTH} caractères.`,
    en: `The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`,
  },
  PASSWORD_TOO_COMMON: {
    fr: 'Ce mot de passe est trop courant et facile à deviner\u00a0: choisissez-en un autre, par exemple une phrase de plusieurs mots.',
    en: 'This password is too common and easy to guess: choose another one, such as a phrase of several words.',
  },
  PASSWORD_CONTAINS_IDENTITY: {
    fr: 'Le mot de passe ne doit contenir ni votre nom ni votre adresse e-mail.',
    en: 'The password must not contain your name or your email address.',
  },
  NAME_REQUIRED: {
    fr: 'Saisissez un nom.',
    en: 'Enter a name.',
  },
  NAME_TOO_LONG: {
    fr: `Le nom est trop long (${PERSON_NAME_MAX_LENGTH} caractères au maximum).`,
    en: `The name is too long (at most ${PERSON_NAME_MAX_LENGTH} characters).`,
  },
  NAME_INVALID: {
    fr: 'Le nom ne peut contenir que des lettres, des espaces, des apostrophes, des tirets et des points.',
    en: 'The name may only contain letters, spaces, apostrophes, hyphens and dots.',
  },
  COMPANY_NAME_REQUIRED: {
    fr: 'Saisissez la raison sociale.',
    en: 'Enter the company name.',
  },
  COMPANY_NAME_TOO_LONG: {
    fr: `La raison sociale est trop longue (${COMPANY_NAME_MAX_LENGTH} caractères au maximum).`,
    en: `The company name is too long (at most ${COMPANY_NAME_MAX_LENGTH} characters).`,
  },
  ADDRESS_LINE_REQUIRED: {
    fr: 'Saisissez l’adresse (numéro et voie).',
    en: 'Enter the street address.',
  },
  POSTAL_CODE_INVALID: {
    fr: 'Le code postal n’est pas valide (5 chiffres en France).',
    en: 'The postal code is not valid (5 digits in France).',
  },
  CITY_REQUIRED: {
    fr: 'Saisissez la ville.',
    en: 'Enter the city.',
  },
  COUNTRY_INVALID: {
    fr: 'Choisissez un pays valide (code ISO à deux lettres, par exemple FR).',
    en: 'Choose a valid country (two-letter ISO code, e.g. FR).',
  },
  ALREADY_MEMBER: {
    fr: 'Cette personne fait déjà partie de l’équipe.',
    en: 'This person is already a member of the team.',
  },
  ALREADY_INVITED: {
    fr: 'Une invitation est déjà en attente pour cette adresse : renvoyez-la depuis la liste des invitations.',
    en: 'An invitation is already pending for this address: resend it from the invitations list.',
  },
  DUPLICATE_IN_BATCH: {
    fr: 'Cette adresse figure déjà plus haut dans la liste.',
    en: 'This address already appears earlier in the list.',
  },
  CONTACT_FOR_WITHOUT_SCOPE: {
    fr: 'On ne peut être contact que pour un domaine auquel on a accès.',
    en: 'A person can only be the contact for an area they have access to.',
  },
  EMAIL_SEND_LIMIT: {
    fr: 'Trop d’e-mails d’invitation ont été envoyés à cette adresse cette semaine. Réessayez plus tard.',
    en: 'Too many invitation emails were sent to this address this week. Try again later.',
  },
  JOB_TITLE_TOO_LONG: {
    fr: 'La fonction est trop longue (100 caractères au maximum).',
    en: 'The job title is too long (at most 100 characters).',
  },
  POSSIBLE_DUPLICATE_MEMBER: {
    fr: 'Un membre porte déjà ce nom ({name}) : vérifiez qu’il ne s’agit pas de la même personne.',
    en: 'A member already has this name ({name}): check that this is not the same person.',
  },
  MAIL_SENDER_REQUIRED: {
    fr: 'Indiquez l’expéditeur.',
    en: 'Enter the sender.',
  },
  MAIL_SENDER_TOO_LONG: {
    fr: 'L’expéditeur est trop long (200 caractères au maximum).',
    en: 'The sender is too long (at most 200 characters).',
  },
  MAIL_RECIPIENT_TOO_LONG: {
    fr: 'Le destinataire est trop long (200 caractères au maximum).',
    en: 'The recipient is too long (at most 200 characters).',
  },
  MAIL_TYPE_INVALID: {
    fr: 'Choisissez un type de courrier.',
    en: 'Choose a type of mail.',
  },
  MAIL_RECEIVED_AT_INVALID: {
    fr: 'Indiquez une date de réception valide.',
    en: 'Enter a valid date of receipt.',
  },
  MAIL_RECEIVED_AT_IN_FUTURE: {
    fr: 'La date de réception ne peut pas être dans le futur.',
    en: 'The date of receipt cannot be in the future.',
  },
  MAIL_FILE_REQUIRED: {
    fr: 'Le fichier est vide.',
    en: 'The file is empty.',
  },
  MAIL_FILE_NOT_PDF: {
    fr: 'Ce fichier n’est pas un PDF.',
    en: 'This file is not a PDF.',
  },
  MAIL_FILE_UNREADABLE: {
    fr: 'Ce PDF est illisible ou endommagé.',
    en: 'This PDF is unreadable or damaged.',
  },
  MAIL_FILE_TOO_LARGE: {
    fr: 'Ce fichier est trop volumineux.',
    en: 'This file is too large.',
  },
  TAG_NAME_REQUIRED: {
    fr: 'Donnez un nom à l’étiquette.',
    en: 'Give the tag a name.',
  },
  TAG_NAME_TOO_LONG: {
    fr: 'Le nom est trop long (50 caractères au maximum).',
    en: 'The name is too long (at most 50 characters).',
  },
  TAG_COLOR_INVALID: {
    fr: 'Choisissez une couleur.',
    en: 'Choose a colour.',
  },
  IDEMPOTENCY_KEY_INVALID: {
    fr: 'La demande n’a pas pu être identifiée. Fermez le formulaire et recommencez.',
    en: 'The request could not be identified. Close the form and start again.',
  },
  ADDRESS_TOO_LONG: {
    fr: 'Cette ligne est trop longue.',
    en: 'This line is too long.',
  },
  TOKEN_NAME_REQUIRED: {
    fr: 'Donnez un nom au jeton (par exemple le nom du logiciel qui l’utilisera).',
    en: 'Give the token a name (for instance the name of the software that will use it).',
  },
  TOKEN_NAME_TOO_LONG: {
    fr: 'Le nom est trop long (80 caractères au maximum).',
    en: 'The name is too long (at most 80 characters).',
  },
  TOKEN_PERMISSIONS_REQUIRED: {
    fr: 'Choisissez au moins une permission.',
    en: 'Choose at least one permission.',
  },
  TOKEN_PERMISSION_NOT_ALLOWED: {
    fr: 'Un jeton ne peut pas gérer l’équipe, les jetons ni l’entreprise, ni signer\u00a0: ces actions demandent une personne connectée.',
    en: 'A token cannot manage the team, tokens or the company, nor sign: those actions need a signed-in person.',
  },
  TOKEN_EXPIRY_OUT_OF_RANGE: {
    fr: 'La durée de validité va de 1 à 366 jours.',
    en: 'The validity period must be between 1 and 366 days.',
  },
  TOKEN_GRACE_OUT_OF_RANGE: {
    fr: 'Le délai de grâce va de 0 à 168 heures (7 jours).',
    en: 'The grace period must be between 0 and 168 hours (7 days).',
  },
  TOKEN_IP_RANGE_INVALID: {
    fr: 'Adresse IP ou plage CIDR non valide (exemples\u00a0: 203.0.113.7, 203.0.113.0/24, 2001:db8::/32).',
    en: 'Invalid IP address or CIDR range (for example 203.0.113.7, 203.0.113.0/24, 2001:db8::/32).',
  },
  TOKEN_TOO_MANY_IP_RANGES: {
    fr: 'Au plus 20 adresses ou plages.',
    en: 'At most 20 addresses or ranges.',
  },
};

const FALLBACK_MESSAGE: Labels = {
  fr: 'Cette valeur n’est pas valide.',
  en: 'This value is not valid.',
};

/**
 * The message for a validation code in the given locale, with `{name}` placeholders replaced
 * from `params` (e.g. `{ suggestion: 'jean@gmail.com' }`). A code this version does not know
 * (sent by a newer server) falls back to a generic message rather than showing nothing.
 */
export function validationMessage(code: ValidationCode, locale: Locale, params?: Readonly<Record<string, string | number>>): string {
  const labels: Labels | undefined = VALIDATION_MESSAGES[code];
  const template = (labels ?? FALLBACK_MESSAGE)[locale] ?? (labels ?? FALLBACK_MESSAGE).fr;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined ? placeholder : String(value);
  });
}
