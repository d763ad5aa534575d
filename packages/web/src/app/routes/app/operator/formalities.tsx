import { useParams } from 'react-router';
import { NotFound } from '@/components/errors/not-found';
import { CompanyFormalitiesPage } from '@/features/operator/components/formalities/company-formalities-page';
import { FormalitiesHomePage } from '@/features/operator/components/formalities/formalities-home-page';
import { FormalityPage } from '@/features/operator/components/formalities/formality-page';

/**
 * `/operator/formalities/*`, the operator's formalities pages in one chunk:
 * `/operator/formalities` (choose a company), `/operator/formalities/:companyId` (its formalities,
 * open one) and `/operator/formalities/:companyId/:formalityId` (one formality).
 */
export function Component() {
  const { '*': rest = '' } = useParams();
  const [companyId, formalityId, ...more] = rest.split('/').filter(Boolean);
  if (!companyId) return <FormalitiesHomePage />;
  if (!formalityId) return <CompanyFormalitiesPage key={companyId} companyId={companyId} />;
  if (more.length === 0) return <FormalityPage key={formalityId} companyId={companyId} formalityId={formalityId} />;
  return <NotFound />;
}
