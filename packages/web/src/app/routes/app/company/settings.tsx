import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/layouts';
import { Badge, Card } from '@/components/ui';
import { ApiAccessSection } from '@/features/api-access/components/api-access-section';
import { useCan } from '@/lib/authorization';

/**
 * `/c/:companyId/settings`, opened by apiToken:manage or company:update (the route's permission
 * guard): Accès API for those who manage tokens; the company's details are still to come.
 */
export function Component() {
  const { t } = useTranslation();
  const allowed = useCan();
  return (
    <>
      <PageHeader title={t('pages.settings.title')} description={t('pages.settings.body')} />
      {allowed('apiToken:manage') ? <ApiAccessSection /> : null}
      {allowed('company:update') ? (
        <Card className="placeholder" aria-labelledby="settings-company-title">
          <h2 id="settings-company-title" className="card__title">
            {t('pages.settings.company')}
          </h2>
          <Badge tone="info">{t('pages.comingSoon')}</Badge>
          <p className="muted">{t('pages.settings.next')}</p>
        </Card>
      ) : null}
    </>
  );
}
