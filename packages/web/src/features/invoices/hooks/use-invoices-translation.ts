import { useTranslation } from 'react-i18next';
import { addNamespace } from '@/lib/i18n';
import { invoicesEn } from '@/locales/invoices/en';
import { invoicesFr } from '@/locales/invoices/fr';

/**
 * The texts of Factures (`invoices` namespace), added to i18next when the lazily loaded page first
 * renders, so they are not part of the initial bundle.
 */
export function useInvoicesTranslation() {
  const { i18n } = useTranslation();
  addNamespace(i18n, 'invoices', { fr: invoicesFr, en: invoicesEn });
  return useTranslation('invoices');
}
