import { CompaniesPage } from '@/features/operator/components/companies-page';

/** `/operator/companies`: "Sociétés", and their first administrator's invitation. */
export function Component() {
  return <CompaniesPage />;
}
