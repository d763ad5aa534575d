import { useTranslation } from 'react-i18next';
import { addNamespace } from '@/lib/i18n';
import { apiAccessEn } from '@/locales/api-access/en';
import { apiAccessFr } from '@/locales/api-access/fr';

/**
 * The texts of Paramètres › Accès API (`apiAccess` namespace), added to i18next when the lazily
 * loaded settings page first renders, so they are not part of the initial bundle.
 */
export function useApiAccessTranslation() {
  const { i18n } = useTranslation();
  addNamespace(i18n, 'apiAccess', { fr: apiAccessFr, en: apiAccessEn });
  return useTranslation('apiAccess');
}
