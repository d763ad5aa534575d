import { useMutation } from '@apollo/client/react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, VisuallyHidden } from '@/components/ui';
import { describeError } from '@/lib/errors';
import type { InvoiceFilter, InvoicesExportFormat } from '@/lib/graphql/schema-types';
import { localeOf } from '@/lib/i18n';
import { CreateInvoicesExportDocument } from '../api/generated';
import { useInvoicesTranslation } from '../hooks/use-invoices-translation';
import { openFileUrl } from '../utils/open-file-url';

export interface InvoicesExportProps {
  companyId: string;
  /** The list's filter: both exports hold exactly what the list shows. */
  filter: InvoiceFilter | null;
  /** While the list is empty or loading another filter, there is nothing (sure) to export. */
  disabled: boolean;
}

type ExportState =
  | { phase: 'idle' }
  | { phase: 'preparing'; format: InvoicesExportFormat }
  | { phase: 'started'; count: number }
  | { phase: 'empty' }
  | { phase: 'failed'; message: string };

/**
 * "Export comptable (CSV)" and "Tous les PDF (ZIP)" of the current filter: the API signs a link
 * (10 minutes, bound to this session) to a file it builds while it downloads; the browser is sent
 * to it. The page says while the link is being prepared, then that the download starts.
 */
export function InvoicesExport({ companyId, filter, disabled }: InvoicesExportProps) {
  const { t } = useInvoicesTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const hintId = `invoices-export-${useId()}`;
  const [createExport] = useMutation(CreateInvoicesExportDocument);
  const [state, setState] = useState<ExportState>({ phase: 'idle' });
  const preparing = state.phase === 'preparing' ? state.format : null;

  const start = async (format: InvoicesExportFormat) => {
    if (preparing) return;
    setState({ phase: 'preparing', format });
    try {
      const { data } = await createExport({ variables: { companyId, filter, format } });
      const link = data?.createInvoicesExport;
      if (!link) throw new Error('No export link');
      if (link.invoiceCount === 0) {
        setState({ phase: 'empty' });
        return;
      }
      openFileUrl(link.url);
      setState({ phase: 'started', count: link.invoiceCount });
    } catch (cause) {
      setState({ phase: 'failed', message: `${t('export.failed')} ${describeError(cause, locale, tApp('errors.network'))}` });
    }
  };

  return (
    <div className="invoice-export">
      <div className="invoice-export__buttons" role="group" aria-label={t('export.label')} aria-describedby={`${hintId}-scope`}>
        <Button
          variant="secondary"
          isLoading={preparing === 'CSV'}
          disabled={disabled || preparing === 'ZIP'}
          aria-describedby={`${hintId}-csv`}
          onClick={() => void start('CSV')}
        >
          {t('export.csv')}
        </Button>
        <Button
          variant="secondary"
          isLoading={preparing === 'ZIP'}
          disabled={disabled || preparing === 'CSV'}
          aria-describedby={`${hintId}-zip`}
          onClick={() => void start('ZIP')}
        >
          {t('export.zip')}
        </Button>
      </div>
      <p id={`${hintId}-scope`} className="invoice-export__hint">
        {t('export.scope')}
      </p>
      <VisuallyHidden id={`${hintId}-csv`}>{t('export.csvHint')}</VisuallyHidden>
      <VisuallyHidden id={`${hintId}-zip`}>{t('export.zipHint')}</VisuallyHidden>
      <div role="status" className="invoice-export__status">
        {state.phase === 'preparing' ? (
          <span className="muted">{state.format === 'CSV' ? t('export.preparingCsv') : t('export.preparingZip')}</span>
        ) : state.phase === 'started' ? (
          <span>{t('export.started', { count: state.count })}</span>
        ) : state.phase === 'empty' ? (
          <span>{t('export.empty')}</span>
        ) : null}
      </div>
      {state.phase === 'failed' ? <Alert tone="error">{state.message}</Alert> : null}
    </div>
  );
}
