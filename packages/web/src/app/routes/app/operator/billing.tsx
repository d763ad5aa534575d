import { useParams } from 'react-router';
import { NotFound } from '@/components/errors/not-found';
import { BillingPage } from '@/features/operator/components/billing-page';
import { CompanyBillingPage } from '@/features/operator/components/company-billing-page';
import { NewInvoicePage } from '@/features/operator/components/new-invoice-page';

/**
 * `/operator/billing/*`, the operator's billing pages in one chunk (they share the lines editor, the
 * totals and their texts), so the route table of the initial bundle has one entry for them:
 * `/operator/billing` ("Facturation", the invoicing run of a month), `/operator/billing/:companyId`
 * (a company's plan, invoices, payments and credit notes) and `/operator/billing/:companyId/new`
 * (a one-off invoice).
 */
export function Component() {
  const { '*': rest = '' } = useParams();
  const [companyId, page, ...more] = rest.split('/').filter(Boolean);
  if (!companyId) return <BillingPage />;
  if (!page) return <CompanyBillingPage companyId={companyId} />;
  if (page === 'new' && more.length === 0) return <NewInvoicePage companyId={companyId} />;
  return <NotFound />;
}
