import { NewCompanyPage } from '@/features/operator/components/new-company-page';

/** `/operator/companies/new`: "Nouvelle société" and its first administrator. */
export function Component() {
  return <NewCompanyPage />;
}
