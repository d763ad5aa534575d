import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '@/components/layouts';

export function Component() {
  const { t } = useTranslation();
  return <PlaceholderPage title={t('pages.mail.title')} body={t('pages.mail.body')} next={t('pages.mail.next')} />;
}
