import { useTranslation } from 'react-i18next';
import { Alert, Button } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';

export interface LoadFailedProps {
  /** What could not be loaded, e.g. "Impossible de charger l’équipe". */
  title: string;
  error: unknown;
  onRetry: () => void;
}

/** A query that failed: what, why (network or coded error, in the interface's language), and a retry. */
export function LoadFailed({ title, error, onRetry }: LoadFailedProps) {
  const { t, i18n } = useTranslation();
  return (
    <Alert tone="error" title={title}>
      <p>{describeError(error, localeOf(i18n), t('errors.network'))}</p>
      <Button variant="secondary" size="sm" onClick={onRetry}>
        {t('errors.generic.retry')}
      </Button>
    </Alert>
  );
}
