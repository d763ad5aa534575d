import type { Locale } from '@guichet/shared';
import { layoutEmail, type RenderedEmail } from '../mailer/templates';

export type FormalityNotice = 'requests_waiting' | 'signature_awaited' | 'regularisation' | 'document_delivered' | 'completed';

export interface FormalityEmailParams {
  firstName: string;
  companyName: string;
  title: string;
  /** The formality's page in the client space. */
  url: string;
  reason: 'contact' | 'admin_fallback';
  /** PUBLIC_URL: the footer links to the legal pages there. */
  publicUrl: string;
}

function footer(locale: Locale, p: FormalityEmailParams): string {
  if (locale === 'en') {
    return p.reason === 'contact'
      ? `You receive this email because you are the formalities contact of ${p.companyName}. An administrator can change who is notified in Team settings.`
      : `You receive this email as an administrator of ${p.companyName}, because no member is set as the formalities contact. You can choose one in Team settings.`;
  }
  return p.reason === 'contact'
    ? `Vous recevez cet e-mail parce que vous êtes le contact formalités de ${p.companyName}. Un administrateur peut changer les personnes notifiées dans « Mon équipe ».`
    : `Vous recevez cet e-mail en tant qu’administrateur de ${p.companyName}, car aucun membre n’est désigné contact formalités. Vous pouvez en choisir un dans « Mon équipe ».`;
}

const TEXT: Record<
  FormalityNotice,
  Record<Locale, { subject: (p: FormalityEmailParams) => string; body: (p: FormalityEmailParams) => string }>
> = {
  requests_waiting: {
    fr: {
      subject: (p) => `Formalité « ${p.title} » : des informations vous sont demandées`,
      body: (p) =>
        `Pour avancer sur la formalité « ${p.title} » de ${p.companyName}, nous avons besoin d’informations ou de documents de votre part.`,
    },
    en: {
      subject: (p) => `Formality “${p.title}”: information is requested`,
      body: (p) => `To move forward with the formality “${p.title}” of ${p.companyName}, we need information or documents from you.`,
    },
  },
  signature_awaited: {
    fr: {
      subject: (p) => `Formalité « ${p.title} » : une signature est attendue`,
      body: (p) => `Un document de la formalité « ${p.title} » de ${p.companyName} attend votre signature.`,
    },
    en: {
      subject: (p) => `Formality “${p.title}”: a signature is awaited`,
      body: (p) => `A document of the formality “${p.title}” of ${p.companyName} awaits your signature.`,
    },
  },
  regularisation: {
    fr: {
      subject: (p) => `Formalité « ${p.title} » : le greffe demande une régularisation`,
      body: (p) =>
        `Le registre demande une régularisation du dossier « ${p.title} » de ${p.companyName}. Le motif est indiqué dans votre espace.`,
    },
    en: {
      subject: (p) => `Formality “${p.title}”: the registry asks for a regularisation`,
      body: (p) =>
        `The registry asks for the file “${p.title}” of ${p.companyName} to be regularised. The reason is shown in your client space.`,
    },
  },
  document_delivered: {
    fr: {
      subject: (p) => `Formalité « ${p.title} » : un document est disponible`,
      body: (p) => `Un document de la formalité « ${p.title} » de ${p.companyName} est disponible dans votre espace client.`,
    },
    en: {
      subject: (p) => `Formality “${p.title}”: a document is available`,
      body: (p) => `A document of the formality “${p.title}” of ${p.companyName} is available in your client space.`,
    },
  },
  completed: {
    fr: {
      subject: (p) => `Formalité « ${p.title} » terminée`,
      body: (p) => `La formalité « ${p.title} » de ${p.companyName} est terminée.`,
    },
    en: {
      subject: (p) => `Formality “${p.title}” completed`,
      body: (p) => `The formality “${p.title}” of ${p.companyName} is completed.`,
    },
  },
};

/** A step of a formality that concerns the client: a link to its page, never a document itself. */
export function formalityEmail(notice: FormalityNotice, locale: Locale, p: FormalityEmailParams): RenderedEmail {
  const t = TEXT[notice][locale];
  return layoutEmail(
    `formality_${notice}`,
    t.subject(p),
    [locale === 'en' ? `Hello ${p.firstName},` : `Bonjour ${p.firstName},`, t.body(p)],
    { label: locale === 'en' ? 'Open the formality' : 'Voir la formalité', url: p.url },
    footer(locale, p),
    { locale, publicUrl: p.publicUrl },
  );
}
