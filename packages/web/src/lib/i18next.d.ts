import 'i18next';
import type { apiAccessFr } from '@/locales/api-access/fr';
import type { devMailboxFr } from '@/locales/dev-mailbox/fr';
import type { formalitiesFr } from '@/locales/formalities/fr';
import type { fr } from '@/locales/fr';
import type { invoicesFr } from '@/locales/invoices/fr';
import type { legalFr } from '@/locales/legal/fr';
import type { mailFr } from '@/locales/mail/fr';
import type { operatorBillingFr } from '@/locales/operator-billing/fr';
import type { operatorFormalitiesFr } from '@/locales/operator-formalities/fr';
import type { operatorFr } from '@/locales/operator/fr';
import type { teamFr } from '@/locales/team/fr';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    /** `translation` is bundled; the others are added by their (lazily loaded) pages. */
    resources: {
      translation: typeof fr;
      team: typeof teamFr;
      devMailbox: typeof devMailboxFr;
      mail: typeof mailFr;
      operator: typeof operatorFr;
      apiAccess: typeof apiAccessFr;
      invoices: typeof invoicesFr;
      formalities: typeof formalitiesFr;
      operatorBilling: typeof operatorBillingFr;
      operatorFormalities: typeof operatorFormalitiesFr;
      legal: typeof legalFr;
    };
  }
}
