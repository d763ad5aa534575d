import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '@/components/layouts';

export function Component() {
  const { t } = useTranslation();
  return <PlaceholderPage title={t('pages.services.title')} body={t('pages.services.body')} next={t('pages.services.next')} />;
}
