import { useTranslation } from 'react-i18next';
import { addNamespace } from '@/lib/i18n';
import { mailEn } from '@/locales/mail/en';
import { mailFr } from '@/locales/mail/fr';
import { operatorEn } from '@/locales/operator/en';
import { operatorFr } from '@/locales/operator/fr';

/**
 * The texts of the operator pages (`operator` namespace), plus the `mail` namespace for the mail
 * type labels and the messages of the mail validation codes; added when these pages first render.
 */
export function useOperatorTranslation() {
  const { i18n } = useTranslation();
  addNamespace(i18n, 'operator', { fr: operatorFr, en: operatorEn });
  addNamespace(i18n, 'mail', { fr: mailFr, en: mailEn });
  return useTranslation('operator');
}

/** The `mail` namespace (types, statuses, validation codes), for the operator pages. */
export function useMailLabels() {
  useOperatorTranslation();
  return useTranslation('mail');
}
