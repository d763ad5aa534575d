import { useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, Dialog, Spinner } from '@/components/ui';
import { describeError } from '@/lib/errors';
import type { InvoiceFileFormat } from '@/lib/graphql/schema-types';
import { localeOf } from '@/lib/i18n';
import { formatCalendarDay, formatCents, formatServicePeriod, formatVatRate } from '@/lib/invoice-format';
import { CreateInvoiceLinkDocument, InvoiceDocument, type InvoiceListItemFragment } from '../api/generated';
import { useInvoicesTranslation } from '../hooks/use-invoices-translation';
import { openFileUrl } from '../utils/open-file-url';
import { InvoiceStatusBadge } from './invoice-status-badge';

export interface InvoicePreviewDialogProps {
  companyId: string;
  companyName: string;
  invoiceId: string;
  /** The row from the list, shown at once while the details load (null when opened from a link). */
  listed: InvoiceListItemFragment | null;
  /** invoice:download: the preview and both downloads use signed links to the files. */
  canDownload: boolean;
  /** The URL of another invoice's preview (a credit note and the invoice it corrects link to each other). */
  previewHref: (id: string) => string;
  onClose: () => void;
}

type Frame = { state: 'loading' } | { state: 'ready'; url: string } | { state: 'failed'; message: string };
type Download = { busy: InvoiceFileFormat | null; message: string | null; failed: boolean };

/**
 * One invoice or credit note: its figures, the Factur-X PDF shown in the page (a frame on a
 * short-lived INLINE link) and two downloads, the PDF and its XML alone (ATTACHMENT links). Links
 * are asked for when needed and never kept: they expire in minutes and are bound to this session.
 */
export function InvoicePreviewDialog({
  companyId,
  companyName,
  invoiceId,
  listed,
  canDownload,
  previewHref,
  onClose,
}: InvoicePreviewDialogProps) {
  const { t } = useInvoicesTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const { data, loading, error } = useQuery(InvoiceDocument, { variables: { companyId, id: invoiceId } });
  const details = data?.company?.invoice ?? null;
  const invoice = details ?? listed;
  const [createLink] = useMutation(CreateInvoiceLinkDocument);
  const [frame, setFrame] = useState<Frame>({ state: 'loading' });
  const [download, setDownload] = useState<Download>({ busy: null, message: null, failed: false });
  // Focus starts at the top of the figures (not on a footer button, which would scroll past them on a phone).
  const factsRef = useRef<HTMLDListElement>(null);

  const loadFrame = useCallback(() => {
    setFrame({ state: 'loading' });
    createLink({ variables: { companyId, invoiceId, format: 'PDF', disposition: 'INLINE' } }).then(
      ({ data: link }) => {
        const url = link?.createInvoiceLink?.url;
        setFrame(url ? { state: 'ready', url } : { state: 'failed', message: t('preview.failed') });
      },
      (cause: unknown) => setFrame({ state: 'failed', message: describeError(cause, locale, tApp('errors.network')) }),
    );
  }, [companyId, createLink, invoiceId, locale, t, tApp]);

  // The frame waits for the invoice: a wrong or foreign id asks for no link.
  const found = details !== null;
  useEffect(() => {
    if (canDownload && found) loadFrame();
  }, [canDownload, found, loadFrame]);

  const startDownload = async (format: InvoiceFileFormat) => {
    setDownload({ busy: format, message: null, failed: false });
    try {
      const { data: link } = await createLink({ variables: { companyId, invoiceId, format, disposition: 'ATTACHMENT' } });
      const url = link?.createInvoiceLink?.url;
      if (!url) throw new Error('No link');
      openFileUrl(url);
      setDownload({ busy: null, message: t('preview.downloadStarted'), failed: false });
    } catch (cause) {
      setDownload({
        busy: null,
        message: `${t('preview.downloadFailed')} ${describeError(cause, locale, tApp('errors.network'))}`,
        failed: true,
      });
    }
  };

  const notFound = !details && !loading;
  const title = !invoice
    ? t('preview.details')
    : invoice.kind === 'CREDIT_NOTE'
      ? t('preview.titleCreditNote', { number: invoice.number })
      : t('preview.titleInvoice', { number: invoice.number });
  const money = (cents: number) => formatCents(cents, locale);
  const day = (value: string) => formatCalendarDay(value, locale);

  return (
    <Dialog
      open
      onClose={onClose}
      size="lg"
      className="invoice-preview"
      title={title}
      initialFocusRef={factsRef}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {tApp('form.close')}
          </Button>
          {canDownload && details ? (
            <>
              <Button
                variant="secondary"
                isLoading={download.busy === 'XML'}
                aria-label={t('preview.downloadXmlLabel', { number: details.number })}
                onClick={() => void startDownload('XML')}
              >
                {t('preview.downloadXml')}
              </Button>
              <Button
                isLoading={download.busy === 'PDF'}
                aria-label={t('preview.downloadPdfLabel', { number: details.number })}
                onClick={() => void startDownload('PDF')}
              >
                {t('preview.downloadPdf')}
              </Button>
            </>
          ) : null}
        </>
      }
    >
      {notFound ? (
        <Alert tone="error">
          {error ? describeError(error, locale, tApp('errors.network')) : t('preview.notFound', { company: companyName })}
        </Alert>
      ) : !invoice ? (
        <Spinner label={t('preview.loadingDetails')} />
      ) : (
        <div className="invoice-preview__layout">
          <div className="invoice-preview__aside">
            <dl ref={factsRef} tabIndex={-1} className="facts invoice-preview__facts">
              <div>
                <dt>{t('preview.fields.label')}</dt>
                <dd>{invoice.label}</dd>
              </div>
              <div>
                <dt>{t('preview.fields.issueDate')}</dt>
                <dd>
                  <time dateTime={invoice.issueDate}>{day(invoice.issueDate)}</time>
                </dd>
              </div>
              <div>
                <dt>{t('preview.fields.period')}</dt>
                <dd>{formatServicePeriod(invoice.periodStart, invoice.periodEnd, locale)}</dd>
              </div>
              {invoice.kind === 'INVOICE' ? (
                <div>
                  <dt>{t('preview.fields.dueDate')}</dt>
                  <dd>
                    <time dateTime={invoice.dueDate}>{day(invoice.dueDate)}</time>
                  </dd>
                </div>
              ) : null}
              <div>
                <dt>{t('preview.fields.status')}</dt>
                <dd>
                  <InvoiceStatusBadge invoice={invoice} />
                  {details?.paidDate ? <span className="facts__meta">{t('preview.paidOn', { date: day(details.paidDate) })}</span> : null}
                </dd>
              </div>
              <div>
                <dt>{t('preview.fields.net')}</dt>
                <dd className="invoice-preview__amount">{money(invoice.netCents)}</dd>
              </div>
              <div>
                <dt>{t('preview.fields.vat')}</dt>
                <dd className="invoice-preview__amount">
                  {money(invoice.vatCents)}
                  {details?.vatBreakdown.map((entry) => (
                    <span key={entry.rate} className="facts__meta">
                      {t('preview.vatAt', { rate: formatVatRate(entry.rate, locale) })} : {money(entry.vatCents)}
                    </span>
                  ))}
                </dd>
              </div>
              <div>
                <dt>{t('preview.fields.gross')}</dt>
                <dd className="invoice-preview__amount invoice-preview__gross">{money(invoice.grossCents)}</dd>
              </div>
              {details && details.kind === 'INVOICE' && details.paidCents > 0 ? (
                <div>
                  <dt>{t('preview.fields.paid')}</dt>
                  <dd className="invoice-preview__amount">{money(details.paidCents)}</dd>
                </div>
              ) : null}
              {invoice.kind === 'INVOICE' && invoice.status !== 'PAID' && invoice.status !== 'CREDITED' ? (
                <div>
                  <dt>{t('preview.fields.remaining')}</dt>
                  <dd className="invoice-preview__amount">{money(invoice.remainingCents)}</dd>
                </div>
              ) : null}
              {details && details.creditNotes.length > 0 ? (
                <div>
                  <dt>{t('preview.fields.creditNotes')}</dt>
                  <dd>
                    {details.creditNotes.map((note) => (
                      <Link key={note.id} className="link facts__line" to={previewHref(note.id)} replace>
                        {t('preview.creditNote', { number: note.number, date: day(note.issueDate), amount: money(note.grossCents) })}
                      </Link>
                    ))}
                  </dd>
                </div>
              ) : null}
              {invoice.kind === 'CREDIT_NOTE' && invoice.creditedInvoiceId && invoice.creditedInvoiceNumber ? (
                <div>
                  <dt>{t('preview.fields.corrects')}</dt>
                  <dd>
                    <Link className="link" to={previewHref(invoice.creditedInvoiceId)} replace>
                      {invoice.creditedInvoiceNumber}
                    </Link>
                  </dd>
                </div>
              ) : null}
            </dl>
            {canDownload ? <p className="invoice-preview__note">{t('preview.facturx')}</p> : null}
          </div>
          <div className="invoice-preview__document">
            <div role="status" className="page-notice">
              {download.message ? (
                <Alert tone={download.failed ? 'error' : 'success'} live="off">
                  {download.message}
                </Alert>
              ) : null}
            </div>
            {!canDownload ? (
              <Alert tone="info">{t('preview.noDownload')}</Alert>
            ) : frame.state === 'ready' ? (
              <iframe className="invoice-preview__frame" src={frame.url} title={t('preview.frameTitle', { number: invoice.number })} />
            ) : frame.state === 'failed' ? (
              <Alert tone="error" title={t('preview.failed')}>
                <p>{frame.message}</p>
                <Button variant="secondary" size="sm" onClick={loadFrame}>
                  {t('preview.retry')}
                </Button>
              </Alert>
            ) : (
              <div className="invoice-preview__placeholder">
                <Spinner label={t('preview.loading')} />
              </div>
            )}
          </div>
        </div>
      )}
    </Dialog>
  );
}
