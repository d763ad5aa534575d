import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { PageHeader } from '@/components/layouts';
import { Card } from '@/components/ui';
import { firstAllowedPage, useCurrentMembership } from '@/lib/authorization';

/** `/c/:companyId`: straight to the first section the member may open. */
export function Component() {
  const { t } = useTranslation();
  const membership = useCurrentMembership();
  if (!membership) return null;
  const page = firstAllowedPage(membership.scopes);
  if (page) return <Navigate replace to={page.getHref(membership.company.id)} />;
  return (
    <>
      <PageHeader title={t('pages.noPage.title')} />
      <Card className="notice-card">
        <p>{t('pages.noPage.body', { company: membership.company.name })}</p>
      </Card>
    </>
  );
}
