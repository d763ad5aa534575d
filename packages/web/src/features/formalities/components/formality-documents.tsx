import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { localeOf } from '@/lib/i18n';
import { CreateFormalityDocumentLinkDocument, type FormalityQuery } from '../api/generated';
import { useFormalitiesTranslation } from '../hooks/use-formalities-translation';
import { formatFileSize } from '../utils/format';
import { openFileUrl } from '../utils/open-file-url';
import { FileFrame } from './file-frame';

type FormalityDocumentItem = NonNullable<NonNullable<FormalityQuery['company']>['formality']>['documents'][number];

export interface FormalityDocumentsProps {
  companyId: string;
  documents: readonly FormalityDocumentItem[];
  /** formality:download: the preview and the download both use signed links. */
  canDownload: boolean;
}

/**
 * The documents the operator delivered (Kbis, receipt, deeds): each one shown in a preview (a frame
 * on a short-lived INLINE link) or downloaded (ATTACHMENT link). Links are made on demand.
 */
export function FormalityDocuments({ companyId, documents, canDownload }: FormalityDocumentsProps) {
  const { t, i18n } = useFormalitiesTranslation();
  const { t: tApp } = useTranslation();
  const locale = localeOf(i18n);
  const [createLink] = useMutation(CreateFormalityDocumentLinkDocument);
  const [previewId, setPreviewId] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);

  const linkFor = async (documentId: string, disposition: 'INLINE' | 'ATTACHMENT') => {
    const { data } = await createLink({ variables: { companyId, documentId, disposition } });
    return data?.createFormalityDocumentLink?.url ?? null;
  };

  const download = async (documentId: string) => {
    setBusyId(documentId);
    setMessage(null);
    try {
      const url = await linkFor(documentId, 'ATTACHMENT');
      if (!url) throw new Error('No link');
      openFileUrl(url);
      setMessage({ text: t('documents.downloadStarted'), failed: false });
    } catch (cause) {
      setMessage({ text: `${t('documents.downloadFailed')} ${describeError(cause, locale, tApp('errors.network'))}`, failed: true });
    } finally {
      setBusyId(null);
    }
  };

  if (documents.length === 0) return <p className="muted">{t('documents.empty')}</p>;
  const previewed = documents.find((document) => document.id === previewId) ?? null;

  return (
    <>
      {!canDownload ? <p className="muted">{t('documents.noDownload')}</p> : null}
      <ul className="formality-documents">
        {documents.map((document) => (
          <li key={document.id} className="formality-document">
            <span className="formality-document__icon" aria-hidden="true">
              PDF
            </span>
            <div className="formality-document__text">
              <p className="formality-document__title">{document.title}</p>
              <p className="formality-document__meta">
                {t('documents.deliveredOn', { date: formatDate(document.deliveredAt, locale) })} · {formatFileSize(document.size, locale)}
              </p>
            </div>
            {canDownload ? (
              <div className="formality-document__actions">
                <Button
                  variant="secondary"
                  size="sm"
                  aria-label={t('documents.viewLabel', { title: document.title })}
                  onClick={() => setPreviewId(document.id)}
                >
                  {t('documents.view')}
                </Button>
                <Button
                  variant="secondary"
                  size="sm"
                  isLoading={busyId === document.id}
                  aria-label={t('documents.downloadLabel', { title: document.title })}
                  onClick={() => void download(document.id)}
                >
                  {t('documents.download')}
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <div role="status" className="page-notice">
        {message ? (
          <Alert tone={message.failed ? 'error' : 'success'} live="off">
            {message.text}
          </Alert>
        ) : null}
      </div>

      {previewed ? (
        <Dialog
          open
          size="lg"
          className="formality-preview"
          title={previewed.title}
          onClose={() => setPreviewId(null)}
          footer={
            <>
              <Button variant="secondary" onClick={() => setPreviewId(null)}>
                {tApp('form.close')}
              </Button>
              <Button
                isLoading={busyId === previewed.id}
                aria-label={t('documents.downloadLabel', { title: previewed.title })}
                onClick={() => void download(previewed.id)}
              >
                {t('documents.download')}
              </Button>
            </>
          }
        >
          <FileFrame
            loadUrl={() => linkFor(previewed.id, 'INLINE')}
            title={t('documents.frameTitle', { title: previewed.title })}
            loadingLabel={t('documents.loading')}
            failedLabel={t('documents.failed')}
            retryLabel={t('documents.retry')}
          />
        </Dialog>
      ) : null}
    </>
  );
}
