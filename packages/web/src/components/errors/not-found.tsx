import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/layouts';
import { Card, Link } from '@/components/ui';
import { paths } from '@/config/paths';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('errors.notFound.title')} />
      <Card className="notice-card">
        <p>{t('errors.notFound.body')}</p>
        <p>
          <Link to={paths.home.getHref()}>{t('app.backHome')}</Link>
        </p>
      </Card>
    </>
  );
}
