import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/layouts';
import { Card } from '@/components/ui';

/** A signed-in person who belongs to no company yet (e.g. all access withdrawn). */
export function NoCompany() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('home.noCompany.title')} />
      <Card className="notice-card">
        <p>{t('home.noCompany.body')}</p>
        <p className="muted">{t('home.noCompany.next')}</p>
      </Card>
    </>
  );
}
