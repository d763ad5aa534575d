import { useTranslation } from 'react-i18next';
import { addNamespace } from '@/lib/i18n';
import { formalitiesEn } from '@/locales/formalities/en';
import { formalitiesFr } from '@/locales/formalities/fr';

/**
 * The texts of Services (`formalities` namespace), added to i18next when the lazily loaded page
 * first renders, so they are not part of the initial bundle.
 */
export function useFormalitiesTranslation() {
  const { i18n } = useTranslation();
  addNamespace(i18n, 'formalities', { fr: formalitiesFr, en: formalitiesEn });
  return useTranslation('formalities');
}
