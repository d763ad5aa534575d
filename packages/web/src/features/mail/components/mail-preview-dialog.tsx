import { useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, Spinner } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';
import { CreateMailItemLinkDocument, MailItemDocument, type MailListItemFragment } from '../api/generated';
import { useMailTranslation } from '../hooks/use-mail-translation';
import { formatDay, formatFileSize, formatShortDate } from '../utils/format';
import { openFileUrl } from '../utils/open-file-url';
import { MailStatusBadge } from './status-badges';
import { TagList } from './tag-chip';

export interface MailPreviewDialogProps {
  companyId: string;
  itemId: string;
  /** The row from the list, shown at once while the details load (null when opened from a link). */
  item: MailListItemFragment | null;
  /** mail:download: the preview and the download both use a signed link to the PDF. */
  canDownload: boolean;
  onClose: () => void;
}

type Frame = { state: 'loading' } | { state: 'ready'; url: string } | { state: 'failed'; message: string };

/**
 * One item: its details, the PDF shown in the page (a frame on a short-lived INLINE link) and a
 * "Télécharger" button (ATTACHMENT link). Both links are made on demand: they expire in minutes.
 */
export function MailPreviewDialog({ companyId, itemId, item: listed, canDownload, onClose }: MailPreviewDialogProps) {
  const { t } = useMailTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const { data, loading, error } = useQuery(MailItemDocument, { variables: { companyId, id: itemId } });
  const item = data?.company?.mailItem ?? listed;
  const details = data?.company?.mailItem ?? null;
  const [createLink] = useMutation(CreateMailItemLinkDocument);
  const [frame, setFrame] = useState<Frame>({ state: 'loading' });
  const [download, setDownload] = useState<{ busy: boolean; message: string | null; failed: boolean }>({
    busy: false,
    message: null,
    failed: false,
  });

  const loadFrame = useCallback(() => {
    setFrame({ state: 'loading' });
    createLink({ variables: { companyId, mailItemId: itemId, disposition: 'INLINE' } }).then(
      ({ data: link }) => {
        const url = link?.createMailItemLink?.url;
        setFrame(url ? { state: 'ready', url } : { state: 'failed', message: t('preview.failed') });
      },
      (cause: unknown) => setFrame({ state: 'failed', message: describeError(cause, locale, tApp('errors.network')) }),
    );
  }, [companyId, createLink, itemId, locale, t, tApp]);

  useEffect(() => {
    if (canDownload) loadFrame();
  }, [canDownload, loadFrame]);

  const startDownload = async () => {
    setDownload({ busy: true, message: null, failed: false });
    try {
      const { data: link } = await createLink({ variables: { companyId, mailItemId: itemId, disposition: 'ATTACHMENT' } });
      const url = link?.createMailItemLink?.url;
      if (!url) throw new Error('No link');
      openFileUrl(url);
      setDownload({ busy: false, message: t('preview.downloadStarted'), failed: false });
    } catch (cause) {
      setDownload({
        busy: false,
        message: `${t('preview.downloadFailed')} ${describeError(cause, locale, tApp('errors.network'))}`,
        failed: true,
      });
    }
  };

  const notFound = !item && !loading;
  const day = item ? formatDay(item.receivedAt, locale) : '';
  return (
    <Dialog
      open
      onClose={onClose}
      size="lg"
      className="mail-preview"
      title={item ? t('preview.title', { sender: item.sender }) : t('preview.details')}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            {tApp('form.close')}
          </Button>
          {canDownload && item ? (
            <Button
              isLoading={download.busy}
              aria-label={t('preview.downloadLabel', { sender: item.sender, date: day })}
              onClick={() => void startDownload()}
            >
              {t('preview.download')}
            </Button>
          ) : null}
        </>
      }
    >
      {notFound ? (
        <Alert tone="error">{error ? describeError(error, locale, tApp('errors.network')) : t('preview.notFound')}</Alert>
      ) : !item ? (
        <Spinner label={t('page.loading')} />
      ) : (
        <div className="mail-preview__layout">
          <dl className="facts mail-preview__facts">
            <div>
              <dt>{t('preview.fields.receivedAt')}</dt>
              <dd>
                <time dateTime={item.receivedAt}>{formatShortDate(item.receivedAt, locale)}</time>
              </dd>
            </div>
            <div>
              <dt>{t('preview.fields.sender')}</dt>
              <dd>{item.sender}</dd>
            </div>
            <div>
              <dt>{t('preview.fields.recipient')}</dt>
              <dd>{item.recipient}</dd>
            </div>
            <div>
              <dt>{t('preview.fields.type')}</dt>
              <dd>{t(`types.${item.type}`)}</dd>
            </div>
            <div>
              <dt>{t('preview.fields.pages')}</dt>
              <dd>
                {item.pageCount}
                {details ? <span className="facts__meta">{formatFileSize(details.fileSize, locale)}</span> : null}
              </dd>
            </div>
            <div>
              <dt>{t('preview.fields.status')}</dt>
              <dd>
                <MailStatusBadge status={item.status} />
              </dd>
            </div>
            <div>
              <dt>{t('preview.fields.tags')}</dt>
              <dd>
                <TagList tags={item.tags} emptyLabel={t('list.noTags')} />
              </dd>
            </div>
          </dl>
          <div className="mail-preview__document">
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
              <iframe className="mail-preview__frame" src={frame.url} title={t('preview.frameTitle', { sender: item.sender, date: day })} />
            ) : frame.state === 'failed' ? (
              <Alert tone="error" title={t('preview.failed')}>
                <p>{frame.message}</p>
                <Button variant="secondary" size="sm" onClick={loadFrame}>
                  {t('preview.retry')}
                </Button>
              </Alert>
            ) : (
              <div className="mail-preview__placeholder">
                <Spinner label={t('preview.loading')} />
              </div>
            )}
          </div>
        </div>
      )}
    </Dialog>
  );
}
