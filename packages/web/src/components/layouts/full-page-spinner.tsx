import { useTranslation } from 'react-i18next';
import { Spinner } from '@/components/ui';

/** The first paint while the signed-in user loads; the same picture as index.html's, so nothing jumps. */
export function FullPageSpinner() {
  const { t } = useTranslation();
  return (
    <div className="boot">
      <span className="brand" aria-hidden="true">
        <span className="brand__mark">G</span>
        <span className="brand__name">{t('app.name')}</span>
      </span>
      <Spinner size="lg" label={t('app.loading')} />
    </div>
  );
}
