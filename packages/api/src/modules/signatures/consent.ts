/**
 * The consent statement a signer confirms, versioned: `signDocument` must name the current
 * version and the language shown, and the exact sentence goes into the evidence and onto the
 * certificate page. A new wording gets a new version; requests then need the new one.
 */
export const CONSENT_VERSION = '2026-12-v1';

export const CONSENT_LOCALES = ['FR', 'EN'] as const;
export type ConsentLocale = (typeof CONSENT_LOCALES)[number];

const TEMPLATES: Record<ConsentLocale, (documentTitle: string) => string> = {
  FR: (title) =>
    `J’ai lu l’intégralité du document « ${title} » et je le signe électroniquement. Je reconnais que le code à usage unique reçu sur mon adresse e-mail m’identifie, et que cette signature électronique exprime mon consentement au contenu du document et m’engage.`,
  EN: (title) =>
    `I have read the whole document “${title}” and I sign it electronically. I acknowledge that the one-time code received at my email address identifies me, and that this electronic signature expresses my consent to the document’s content and binds me.`,
};

export interface Consent {
  version: string;
  locale: ConsentLocale;
  text: string;
}

/** The current consent statement for a document, in the language shown to the signer. */
export function consentFor(documentTitle: string, locale: ConsentLocale): Consent {
  return { version: CONSENT_VERSION, locale, text: TEMPLATES[locale](documentTitle) };
}
