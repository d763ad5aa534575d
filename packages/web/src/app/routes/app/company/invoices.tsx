import { InvoicesPage } from '@/features/invoices/components/invoices-page';

/** `/c/:companyId/invoices` and `/c/:companyId/invoices/:invoiceId` (invoice:read, checked by the route's permission guard). */
export function Component() {
  return <InvoicesPage />;
}
