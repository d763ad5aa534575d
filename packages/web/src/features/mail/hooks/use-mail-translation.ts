import { useTranslation } from 'react-i18next';
import { addNamespace } from '@/lib/i18n';
import { mailEn } from '@/locales/mail/en';
import { mailFr } from '@/locales/mail/fr';

/**
 * The texts of Mes courriers (`mail` namespace), added to i18next when these lazily loaded pages
 * first render, so they are not part of the initial bundle.
 */
export function useMailTranslation() {
  const { i18n } = useTranslation();
  addNamespace(i18n, 'mail', { fr: mailFr, en: mailEn });
  return useTranslation('mail');
}
