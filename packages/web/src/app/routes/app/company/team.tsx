import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '@/components/layouts';

export function Component() {
  const { t } = useTranslation();
  return <PlaceholderPage title={t('pages.team.title')} body={t('pages.team.body')} next={t('pages.team.next')} />;
}
