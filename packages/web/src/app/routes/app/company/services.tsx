import { FormalitiesPage } from '@/features/formalities/components/formalities-page';

/** `/c/:companyId/services` and `/c/:companyId/services/:formalityId` (formality:read, checked by the route's permission guard). */
export function Component() {
  return <FormalitiesPage />;
}
