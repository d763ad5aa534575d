import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '@/components/layouts';

export function Component() {
  const { t } = useTranslation();
  return <PlaceholderPage title={t('pages.invoices.title')} body={t('pages.invoices.body')} next={t('pages.invoices.next')} />;
}
