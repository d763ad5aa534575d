import type { Locale } from '@guichet/shared';
import { formatDateTime, layoutEmail, type RenderedEmail } from '../mailer/templates';

interface Common {
  firstName: string;
  companyName: string;
  formalityTitle: string;
  documentTitle: string;
  /** The formality's page in the client space. */
  url: string;
  /** PUBLIC_URL: the footer links to the legal pages there. */
  publicUrl: string;
}

const hello = (locale: Locale, firstName: string): string => (locale === 'en' ? `Hello ${firstName},` : `Bonjour ${firstName},`);
const open = (locale: Locale): string => (locale === 'en' ? 'Open the formality' : 'Voir la formalité');

/** To the signer: a document awaits their signature. */
export function signatureRequestedEmail(locale: Locale, p: Common): RenderedEmail {
  if (locale === 'en') {
    return layoutEmail(
      'signature_requested',
      `Your signature is requested: “${p.documentTitle}”`,
      [
        hello(locale, p.firstName),
        `The document “${p.documentTitle}” of the formality “${p.formalityTitle}” of ${p.companyName} awaits your electronic signature.`,
        'Open it in your client space and read it; then ask for a code: it is sent to this address and confirms your signature.',
      ],
      { label: 'Read and sign', url: p.url },
      'Only you can sign this document: nobody can do it for you, and nobody will ask you for your code.',
      { locale, publicUrl: p.publicUrl },
    );
  }
  return layoutEmail(
    'signature_requested',
    `Votre signature est demandée : « ${p.documentTitle} »`,
    [
      hello(locale, p.firstName),
      `Le document « ${p.documentTitle} » de la formalité « ${p.formalityTitle} » de ${p.companyName} attend votre signature électronique.`,
      'Ouvrez-le dans votre espace client et lisez-le, puis demandez un code : il est envoyé à cette adresse et confirme votre signature.',
    ],
    { label: 'Lire et signer', url: p.url },
    'Vous seul pouvez signer ce document : personne ne peut le faire à votre place, et personne ne vous demandera votre code.',
    { locale, publicUrl: p.publicUrl },
  );
}

/** To the signer: the one-time code (the only place it ever appears). */
export function signatureCodeEmail(locale: Locale, p: Common & { code: string; expiresAt: Date }): RenderedEmail {
  const until = formatDateTime(p.expiresAt, locale);
  if (locale === 'en') {
    return layoutEmail(
      'signature_code',
      'Your Guichet signature code',
      [
        hello(locale, p.firstName),
        `Your code to sign “${p.documentTitle}” (${p.companyName}): ${p.code}`,
        `It works once, until ${until} (Paris time). A new code replaces this one.`,
        'Never give this code to anyone: typing it signs the document in your name. If you did not ask for it, do not use it and tell your adviser.',
      ],
      { label: open(locale), url: p.url },
      'Guichet — electronic signature.',
      { locale, publicUrl: p.publicUrl },
    );
  }
  return layoutEmail(
    'signature_code',
    'Votre code de signature Guichet',
    [
      hello(locale, p.firstName),
      `Votre code pour signer « ${p.documentTitle} » (${p.companyName}) : ${p.code}`,
      `Il ne sert qu’une fois, jusqu’au ${until} (heure de Paris). Un nouveau code remplace celui-ci.`,
      'Ne communiquez ce code à personne : le saisir signe le document en votre nom. Si vous ne l’avez pas demandé, ne l’utilisez pas et prévenez votre conseiller.',
    ],
    { label: open(locale), url: p.url },
    'Guichet — signature électronique.',
    { locale, publicUrl: p.publicUrl },
  );
}

/** To the FORMALITE contacts: the document is signed (a link to the page, never the file). */
export function signatureCompletedEmail(
  locale: Locale,
  p: Common & { signerName: string; reason: 'contact' | 'admin_fallback' },
): RenderedEmail {
  if (locale === 'en') {
    return layoutEmail(
      'signature_completed',
      `Signed: “${p.documentTitle}”`,
      [
        hello(locale, p.firstName),
        `${p.signerName} signed “${p.documentTitle}” (formality “${p.formalityTitle}” of ${p.companyName}). The sealed PDF, with its signature certificate, is in your client space.`,
      ],
      { label: open(locale), url: p.url },
      p.reason === 'contact'
        ? `You receive this email because you are the formalities contact of ${p.companyName}.`
        : `You receive this email as an administrator of ${p.companyName}, because no member is set as the formalities contact.`,
      { locale, publicUrl: p.publicUrl },
    );
  }
  return layoutEmail(
    'signature_completed',
    `Document signé : « ${p.documentTitle} »`,
    [
      hello(locale, p.firstName),
      `${p.signerName} a signé « ${p.documentTitle} » (formalité « ${p.formalityTitle} » de ${p.companyName}). Le PDF scellé, avec son certificat de signature, est dans votre espace client.`,
    ],
    { label: open(locale), url: p.url },
    p.reason === 'contact'
      ? `Vous recevez cet e-mail parce que vous êtes le contact formalités de ${p.companyName}.`
      : `Vous recevez cet e-mail en tant qu’administrateur de ${p.companyName}, car aucun membre n’est désigné contact formalités.`,
    { locale, publicUrl: p.publicUrl },
  );
}

/** To the signer: the operator withdrew the request. */
export function signatureCancelledEmail(locale: Locale, p: Common & { reason: string }): RenderedEmail {
  if (locale === 'en') {
    return layoutEmail(
      'signature_cancelled',
      `Signature request withdrawn: “${p.documentTitle}”`,
      [
        hello(locale, p.firstName),
        `The request to sign “${p.documentTitle}” (${p.companyName}) was withdrawn by your adviser: you have nothing to sign. Reason: ${p.reason}`,
      ],
      { label: open(locale), url: p.url },
      'Guichet — electronic signature.',
      { locale, publicUrl: p.publicUrl },
    );
  }
  return layoutEmail(
    'signature_cancelled',
    `Demande de signature annulée : « ${p.documentTitle} »`,
    [
      hello(locale, p.firstName),
      `La demande de signature de « ${p.documentTitle} » (${p.companyName}) a été annulée par votre conseiller : vous n’avez rien à signer. Motif : ${p.reason}`,
    ],
    { label: open(locale), url: p.url },
    'Guichet — signature électronique.',
    { locale, publicUrl: p.publicUrl },
  );
}

export type OperatorAlert = 'locked' | 'declined';

/** To the operator (OPERATOR_EMAIL), in French: a signature needs them. */
export function operatorSignatureAlertEmail(
  alert: OperatorAlert,
  p: {
    companyName: string;
    formalityTitle: string;
    documentTitle: string;
    signerName: string;
    reason: string | null;
    url: string;
    publicUrl: string;
  },
): RenderedEmail {
  const what =
    alert === 'locked'
      ? `La demande de signature de « ${p.documentTitle} » est bloquée : ${p.signerName} a saisi 5 codes erronés. Vérifiez auprès du client qu’il est bien à l’origine de ces essais avant d’annuler la demande et d’en faire une nouvelle.`
      : `${p.signerName} a refusé de signer « ${p.documentTitle} ». Motif : ${p.reason ?? ''}`;
  return layoutEmail(
    `signature_${alert}_operator`,
    alert === 'locked'
      ? `Signature bloquée — ${p.companyName} — ${p.formalityTitle}`
      : `Signature refusée — ${p.companyName} — ${p.formalityTitle}`,
    [`Formalité « ${p.formalityTitle} » de ${p.companyName}.`, what],
    { label: 'Ouvrir la formalité', url: p.url },
    'Guichet — message automatique au service formalités.',
    { locale: 'fr', publicUrl: p.publicUrl },
  );
}
