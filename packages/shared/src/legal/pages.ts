import type { Labels } from '../i18n/labels';

/**
 * The legal pages of the web app (mentions légales, terms of use, privacy notice). Their paths are
 * the same in every language; the footer of the web app and the footer of every email link to them.
 */
export const LEGAL_PAGES = ['notice', 'terms', 'privacy'] as const;
export type LegalPage = (typeof LEGAL_PAGES)[number];

export const LEGAL_PAGE_PATHS: Readonly<Record<LegalPage, string>> = {
  notice: '/legal/mentions-legales',
  terms: '/legal/cgu',
  privacy: '/legal/confidentialite',
};

export const LEGAL_PAGE_LABELS: Readonly<Record<LegalPage, Labels>> = {
  notice: { fr: 'Mentions légales', en: 'Legal notice' },
  terms: { fr: 'Conditions générales d’utilisation', en: 'Terms of use' },
  privacy: { fr: 'Politique de confidentialité', en: 'Privacy notice' },
};
