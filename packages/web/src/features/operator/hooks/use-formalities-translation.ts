import { useTranslation } from 'react-i18next';
import { addNamespace } from '@/lib/i18n';
import { operatorFormalitiesEn } from '@/locales/operator-formalities/en';
import { operatorFormalitiesFr } from '@/locales/operator-formalities/fr';
import { useOperatorTranslation } from './use-operator-translation';

/**
 * The texts of the operator's formalities pages (`operatorFormalities` namespace), added when these
 * pages first render (with the `operator` namespace, for the company search).
 */
export function useFormalitiesTranslation() {
  useOperatorTranslation();
  const { i18n } = useTranslation();
  addNamespace(i18n, 'operatorFormalities', { fr: operatorFormalitiesFr, en: operatorFormalitiesEn });
  return useTranslation('operatorFormalities');
}
