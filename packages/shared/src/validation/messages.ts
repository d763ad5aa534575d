import type { Labels, Locale } from '../i18n/labels';
import type { SignatureConflictReason, ValidationCode } from './codes';
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
  EMAIL_DOMAIN_PUNYCODE: {
    fr: 'Le domaine de cette adresse est internationalisé (il s’écrit {domain})\u00a0: vérifiez que c’est bien celui de la personne.',
    en: 'The domain of this address is internationalised (it reads {domain}): check that it really is this person’s.',
  },
  EMAIL_DOMAIN_MIXED_SCRIPT: {
    fr: 'Le domaine de cette adresse mélange des alphabets ou imite un nom en lettres latines ({domain})\u00a0: vérifiez-le lettre par lettre.',
    en: 'The domain of this address mixes alphabets or imitates a name in Latin letters ({domain}): check it letter by letter.',
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
  ADDRESS_TOO_LONG: {
    fr: 'Cette ligne est trop longue (200 caractères au maximum pour l’adresse, 100 pour la ville).',
    en: 'This line is too long (at most 200 characters for the address, 100 for the city).',
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
  DATE_RANGE_INVERTED: {
    fr: 'La date de fin ne peut pas précéder la date de début.',
    en: 'The end date cannot be before the start date.',
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
  TEXT_BIDI_CONTROL: {
    fr: 'Ce texte contient un caractère invisible qui change le sens d’affichage (U+202E…)\u00a0: retapez-le au lieu de le coller.',
    en: 'This text contains an invisible character that changes the display direction (U+202E…): type it instead of pasting it.',
  },
  TEXT_INVISIBLE_CHARACTER: {
    fr: 'Ce texte contient un caractère invisible (espace sans largeur…)\u00a0: retapez-le au lieu de le coller.',
    en: 'This text contains an invisible character (zero-width space…): type it instead of pasting it.',
  },
  TEXT_TOO_LONG: {
    fr: 'Ce texte est trop long ({max} caractères au maximum).',
    en: 'This text is too long (at most {max} characters).',
  },
  INVOICE_KIND_INVALID: {
    fr: 'Type de document inconnu\u00a0: facture ou avoir.',
    en: 'Unknown kind of document: invoice or credit note.',
  },
  INVOICE_NUMBER_REQUIRED: {
    fr: 'Le numéro de facture manque.',
    en: 'The invoice number is missing.',
  },
  INVOICE_NUMBER_INVALID: {
    fr: 'Numéro de facture non valide (lettres, chiffres et . _ / -, 40 caractères au plus).',
    en: 'Invalid invoice number (letters, digits and . _ / -, at most 40 characters).',
  },
  INVOICE_DATE_INVALID: {
    fr: 'Date non valide\u00a0: écrivez-la AAAA-MM-JJ (par exemple 2026-03-31).',
    en: 'Invalid date: write it YYYY-MM-DD (for example 2026-03-31).',
  },
  INVOICE_DUE_BEFORE_ISSUE: {
    fr: 'La date d’échéance ne peut pas précéder la date d’émission de la facture.',
    en: 'The due date cannot be before the invoice’s issue date.',
  },
  INVOICE_DUE_DATE_TOO_LATE: {
    fr: 'L’échéance dépasse 60 jours après l’émission, le délai maximal entre professionnels (article L441-10 du Code de commerce).',
    en: 'The due date is more than 60 days after issue, the legal maximum between businesses in France (Code de commerce, L441-10).',
  },
  INVOICE_PERIOD_INVALID: {
    fr: 'La fin de la période de service précède son début.',
    en: 'The end of the service period is before its start.',
  },
  INVOICE_CREDIT_NOTE_REFERENCE_REQUIRED: {
    fr: 'Un avoir doit indiquer la facture qu’il corrige.',
    en: 'A credit note must name the invoice it corrects.',
  },
  INVOICE_CREDIT_NOTE_REFERENCE_INVALID: {
    fr: 'La facture corrigée par l’avoir n’est pas valide (même numéro, ou émise après l’avoir).',
    en: 'The invoice the credit note corrects is not valid (same number, or issued after the credit note).',
  },
  INVOICE_LINES_REQUIRED: {
    fr: 'Ajoutez au moins une ligne.',
    en: 'Add at least one line.',
  },
  INVOICE_TOO_MANY_LINES: {
    fr: 'Trop de lignes\u00a0: 500 au plus par facture.',
    en: 'Too many lines: at most 500 per invoice.',
  },
  INVOICE_LABEL_REQUIRED: {
    fr: 'Saisissez un libellé.',
    en: 'Enter a label.',
  },
  INVOICE_TEXT_TOO_LONG: {
    fr: 'Ce texte est trop long pour une facture.',
    en: 'This text is too long for an invoice.',
  },
  INVOICE_TEXT_INVALID: {
    fr: 'Ce texte contient des caractères de contrôle qu’une facture électronique ne peut pas porter.',
    en: 'This text contains control characters that an electronic invoice cannot carry.',
  },
  INVOICE_QUANTITY_INVALID: {
    fr: 'La quantité doit être un nombre positif, non nul, avec 4 décimales au plus et un point comme séparateur (par exemple 1.5).',
    en: 'The quantity must be a positive, non-zero number with at most 4 decimals and a dot as separator (for example 1.5).',
  },
  INVOICE_UNIT_PRICE_INVALID: {
    fr: 'Le prix unitaire HT doit être un nombre entier de centimes, positif ou nul.',
    en: 'The unit price excluding VAT must be a whole number of cents, zero or more.',
  },
  INVOICE_AMOUNT_TOO_LARGE: {
    fr: 'Montant trop élevé\u00a0: une facture est limitée à 21\u00a0474\u00a0836,47\u00a0€ TTC.',
    en: 'Amount too large: one invoice is limited to €21,474,836.47 including VAT.',
  },
  INVOICE_VAT_RATE_INVALID: {
    fr: 'Taux de TVA non valide\u00a0: choisissez 20, 10, 5.5, 2.1 ou 0.',
    en: 'Invalid VAT rate: choose 20, 10, 5.5, 2.1 or 0.',
  },
  INVOICE_EXEMPTION_REASON_REQUIRED: {
    fr: 'Une ligne à 0\u00a0% de TVA doit porter la mention de l’exonération (par exemple «\u00a0Exonération de TVA, article 261 C du CGI\u00a0»).',
    en: 'A line at 0% VAT needs the exemption statement (for example “Exonération de TVA, article 261 C du CGI”).',
  },
  INVOICE_EXEMPTION_REASON_UNEXPECTED: {
    fr: 'Une mention d’exonération ne s’applique qu’à une ligne à 0\u00a0% de TVA.',
    en: 'An exemption statement applies only to a line at 0% VAT.',
  },
  INVOICE_EXEMPTION_REASON_MIXED: {
    fr: 'Toutes les lignes à 0\u00a0% de TVA d’une facture doivent porter la même mention d’exonération.',
    en: 'Every 0% VAT line of an invoice must carry the same exemption statement.',
  },
  INVOICE_PAID_AMOUNT_INVALID: {
    fr: 'Le montant déjà payé doit être compris entre zéro et le total TTC.',
    en: 'The amount already paid must be between zero and the total including VAT.',
  },
  INVOICE_FIELD_REQUIRED: {
    fr: 'Cette information est obligatoire sur une facture.',
    en: 'This information is required on an invoice.',
  },
  INVOICE_SIREN_INVALID: {
    fr: 'Le SIREN (les 9 premiers chiffres du SIRET) n’est pas valide\u00a0: corrigez le SIRET de l’entreprise avant de la facturer.',
    en: 'The SIREN (the first 9 digits of the SIRET) is not valid: correct the company’s SIRET before invoicing it.',
  },
  INVOICE_SIRET_INVALID: {
    fr: 'Le SIRET n’est pas valide ou ne commence pas par le SIREN.',
    en: 'The SIRET is not valid or does not start with the SIREN.',
  },
  INVOICE_VAT_NUMBER_INVALID: {
    fr: 'Le numéro de TVA intracommunautaire n’est pas valide (FR, une clé de 2 caractères, puis le SIREN).',
    en: 'The intra-community VAT number is not valid (FR, a 2-character key, then the SIREN).',
  },
  INVOICE_SELLER_VAT_NUMBER_REQUIRED: {
    fr: 'Le numéro de TVA du vendeur est obligatoire sur une facture soumise à TVA.',
    en: 'The seller’s VAT number is required on an invoice subject to VAT.',
  },
  INVOICE_COUNTRY_INVALID: {
    fr: 'Code pays non valide\u00a0: deux lettres majuscules (FR).',
    en: 'Invalid country code: two capital letters (FR).',
  },
  INVOICE_IBAN_INVALID: {
    fr: 'L’IBAN n’est pas valide (clé de contrôle incorrecte).',
    en: 'The IBAN is not valid (wrong check digits).',
  },
  INVOICE_BIC_INVALID: {
    fr: 'Le BIC n’est pas valide (8 ou 11 caractères, par exemple BNPAFRPP).',
    en: 'The BIC is not valid (8 or 11 characters, for example BNPAFRPP).',
  },
  INVOICE_EMAIL_INVALID: {
    fr: 'L’adresse e-mail de facturation n’est pas valide.',
    en: 'The billing email address is not valid.',
  },
  CREDIT_NOTE_TARGET_INVALID: {
    fr: 'Un avoir corrige une facture, jamais un autre avoir.',
    en: 'A credit note corrects an invoice, never another credit note.',
  },
  CREDIT_NOTE_LINES_REQUIRED: {
    fr: 'Cette facture a déjà un avoir\u00a0: indiquez les lignes du nouvel avoir.',
    en: 'This invoice already has a credit note: give the lines of the new one.',
  },
  CREDIT_NOTE_REASON_REQUIRED: {
    fr: 'Indiquez le motif de l’avoir (il est imprimé sur le document).',
    en: 'Give the reason for the credit note (it is printed on the document).',
  },
  CREDIT_NOTE_EXCEEDS_INVOICE: {
    fr: 'L’avoir dépasse ce qui reste à créditer sur la facture.',
    en: 'The credit note exceeds what remains to be credited on the invoice.',
  },
  CREDIT_NOTE_RATE_NOT_ON_INVOICE: {
    fr: 'L’avoir crédite un taux de TVA au-delà de ce que la facture porte à ce taux.',
    en: 'The credit note credits a VAT rate beyond what the invoice bears at that rate.',
  },
  PAYMENT_AMOUNT_INVALID: {
    fr: 'Le montant du paiement doit être un nombre entier de centimes supérieur à zéro.',
    en: 'The payment amount must be a whole number of cents greater than zero.',
  },
  PAYMENT_EXCEEDS_DUE: {
    fr: 'Le paiement dépasse le reste à payer de la facture.',
    en: 'The payment exceeds what remains due on the invoice.',
  },
  PAYMENT_DATE_INVALID: {
    fr: 'Date de paiement non valide\u00a0: écrivez-la AAAA-MM-JJ.',
    en: 'Invalid payment date: write it YYYY-MM-DD.',
  },
  PAYMENT_DATE_IN_FUTURE: {
    fr: 'La date de paiement ne peut pas être dans le futur.',
    en: 'The payment date cannot be in the future.',
  },
  PAYMENT_DATE_BEFORE_ISSUE: {
    fr: 'La date de paiement ne peut pas précéder la date d’émission de la facture.',
    en: 'The payment date cannot be before the invoice’s issue date.',
  },
  PAYMENT_REFERENCE_TOO_LONG: {
    fr: 'La référence du paiement est trop longue (100 caractères au maximum).',
    en: 'The payment reference is too long (at most 100 characters).',
  },
  INVOICING_PERIOD_INVALID: {
    fr: 'Période non valide\u00a0: écrivez-la AAAA-MM (par exemple 2026-03).',
    en: 'Invalid period: write it YYYY-MM (for example 2026-03).',
  },
  INVOICING_PERIOD_OUT_OF_RANGE: {
    fr: 'Seuls le mois en cours et les douze mois précédents peuvent être facturés.',
    en: 'Only the current month and the twelve months before it can be invoiced.',
  },
  FORMALITY_TITLE_REQUIRED: {
    fr: 'Donnez un intitulé à la formalité.',
    en: 'Give the formality a title.',
  },
  FORMALITY_REASON_REQUIRED: {
    fr: 'Indiquez le motif.',
    en: 'Give the reason.',
  },
  FORMALITY_TRACKING_NUMBER_REQUIRED: {
    fr: 'Indiquez le numéro de suivi du dépôt au registre.',
    en: 'Give the register’s tracking number of the filing.',
  },
  FORMALITY_DATE_INVALID: {
    fr: 'Date non valide\u00a0: écrivez-la AAAA-MM-JJ.',
    en: 'Invalid date: write it YYYY-MM-DD.',
  },
  FORMALITY_ANSWER_REQUIRED: {
    fr: 'Cette réponse est obligatoire.',
    en: 'This answer is required.',
  },
  FORMALITY_ANSWER_INVALID: {
    fr: 'Cette réponse ne correspond pas à ce qui est demandé.',
    en: 'This answer does not match what is asked.',
  },
  FORMALITY_FILE_INVALID: {
    fr: 'Le fichier doit être un PDF, un PNG ou un JPEG.',
    en: 'The file must be a PDF, a PNG or a JPEG.',
  },
  FORMALITY_FILE_TOO_LARGE: {
    fr: 'Le fichier est trop volumineux.',
    en: 'The file is too large.',
  },
  SIGNATURE_CODE_REQUIRED: {
    fr: 'Demandez un code, puis saisissez les 6 chiffres reçus par e-mail.',
    en: 'Ask for a code, then type the 6 digits received by email.',
  },
  SIGNATURE_CODE_INVALID: {
    fr: 'Code incorrect. Il vous reste {attemptsLeft} essai(s).',
    en: 'Wrong code. {attemptsLeft} attempt(s) left.',
  },
  SIGNATURE_CODE_EXPIRED: {
    fr: 'Ce code a expiré (il est valable 10 minutes)\u00a0: demandez-en un nouveau.',
    en: 'This code has expired (it is valid 10 minutes): ask for a new one.',
  },
  SIGNATURE_REASON_REQUIRED: {
    fr: 'Indiquez pourquoi vous refusez de signer.',
    en: 'Say why you decline to sign.',
  },
  SIGNER_NOT_ALLOWED: {
    fr: 'Le signataire doit être un membre actif de l’entreprise ayant l’accès «\u00a0Gestion de formalité\u00a0».',
    en: 'The signer must be an active member of the company with the “Formalities” access.',
  },
  DOCUMENT_HASH_INVALID: {
    fr: 'L’empreinte du document doit être un SHA-256 en hexadécimal (64 caractères).',
    en: 'The document’s fingerprint must be a hexadecimal SHA-256 (64 characters).',
  },
};

/** What each CONFLICT reason of the signature operations means, for the person who hit it. */
export const SIGNATURE_CONFLICT_MESSAGES: Readonly<Record<SignatureConflictReason, Labels>> = {
  SIGNATURE_NOT_PENDING: {
    fr: 'Cette demande de signature n’est plus en attente (signée, refusée ou annulée).',
    en: 'This signature request is no longer pending (signed, declined or cancelled).',
  },
  SIGNATURE_LOCKED: {
    fr: 'Trop de codes erronés\u00a0: la demande de signature est bloquée. Votre conseiller a été prévenu.',
    en: 'Too many wrong codes: the signature request is locked. Your adviser has been told.',
  },
  DOCUMENT_CHANGED: {
    fr: 'Le document a changé depuis la demande de signature\u00a0: il ne peut pas être signé sous cette demande.',
    en: 'The document has changed since the signature was requested: it cannot be signed under this request.',
  },
  CONSENT_OUTDATED: {
    fr: 'La formule de consentement a été mise à jour\u00a0: rechargez la page pour lire la nouvelle.',
    en: 'The consent statement has been updated: reload the page to read the new one.',
  },
  SIGNATURE_ALREADY_REQUESTED: {
    fr: 'Une signature de ce document est déjà demandée.',
    en: 'A signature of this document is already requested.',
  },
  DOCUMENT_ALREADY_SIGNED: {
    fr: 'Ce document est déjà signé\u00a0: il ne peut pas l’être une seconde fois.',
    en: 'This document is already signed: it cannot be signed a second time.',
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
