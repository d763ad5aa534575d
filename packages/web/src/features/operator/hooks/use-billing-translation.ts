import { useTranslation } from 'react-i18next';
import { addNamespace } from '@/lib/i18n';
import { invoicesEn } from '@/locales/invoices/en';
import { invoicesFr } from '@/locales/invoices/fr';
import { operatorBillingEn } from '@/locales/operator-billing/en';
import { operatorBillingFr } from '@/locales/operator-billing/fr';
import { useOperatorTranslation } from './use-operator-translation';

/**
 * The texts of the operator's billing pages (`operatorBilling` namespace), plus the `invoices`
 * namespace for the invoice statuses the client sees; added when these pages first render.
 */
export function useBillingTranslation() {
  useOperatorTranslation();
  const { i18n } = useTranslation();
  addNamespace(i18n, 'operatorBilling', { fr: operatorBillingFr, en: operatorBillingEn });
  addNamespace(i18n, 'invoices', { fr: invoicesFr, en: invoicesEn });
  return useTranslation('operatorBilling');
}

/** The `invoices` namespace (statuses as the client sees them), for the billing pages. */
export function useInvoiceLabels() {
  useBillingTranslation();
  return useTranslation('invoices');
}
