import { useParams } from 'react-router';
import '../formalities.css';
import { FormalitiesListPage } from './formalities-list-page';
import { FormalityDetailPage } from './formality-detail-page';

/**
 * Services (`/c/:companyId/services`): the company's formalities; `…/services/:formalityId` (also
 * the link of the notification emails) opens one of them.
 */
export function FormalitiesPage() {
  const { formalityId } = useParams();
  return formalityId ? <FormalityDetailPage key={formalityId} formalityId={formalityId} /> : <FormalitiesListPage />;
}
