import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '@/components/layouts';

export function Component() {
  const { t } = useTranslation();
  return <PlaceholderPage title={t('pages.settings.title')} body={t('pages.settings.body')} next={t('pages.settings.next')} />;
}
