import { useTranslation } from 'react-i18next';
import { addNamespace } from '@/lib/i18n';
import { legalEn } from '@/locales/legal/en';
import { legalFr } from '@/locales/legal/fr';

/**
 * The texts of the legal pages (`legal` namespace), added to i18next when these lazily loaded pages
 * first render, so they are not part of the initial bundle.
 */
export function useLegalTranslation() {
  const { i18n } = useTranslation();
  addNamespace(i18n, 'legal', { fr: legalFr, en: legalEn });
  return useTranslation('legal');
}
