import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import { localeOf } from '@/lib/i18n';
import type { OperatorFormalityDetailFragment } from '../../api/formalities/generated';
import { useFormalitiesTranslation } from '../../hooks/use-formalities-translation';
import { formatFileSize } from '../../utils/upload-rows';
import { shortHash } from './formality-format';

export type DeliveredDocument = OperatorFormalityDetailFragment['documents'][number];

/** The documents delivered to the client, oldest first, with their SHA-256 (short; whole in a title). */
export function FormalityDocuments({
  documents,
  renderAction,
}: {
  documents: readonly DeliveredDocument[];
  /** The actions of a row (view it). */
  renderAction?: (document: DeliveredDocument) => ReactNode;
}) {
  const { t } = useFormalitiesTranslation();
  const { i18n } = useTranslation();
  const locale = localeOf(i18n);
  const captionId = `documents-${useId()}`;
  if (documents.length === 0) return <p className="muted">{t('documents.empty')}</p>;
  return (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="table formalities-table">
        <caption id={captionId} className="visually-hidden">
          {t('documents.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('documents.columns.title')}</th>
            <th scope="col">{t('documents.columns.deliveredAt')}</th>
            <th scope="col">{t('documents.columns.size')}</th>
            <th scope="col">{t('documents.columns.sha256')}</th>
            {renderAction ? (
              <th scope="col">
                <span className="visually-hidden">{t('documents.view')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {documents.map((document) => (
            <tr key={document.id}>
              <th scope="row">
                <span className="table__name">{document.title}</span>
              </th>
              <td className="formalities-table__date">
                <time dateTime={document.deliveredAt}>{formatDateTime(document.deliveredAt, locale)}</time>
              </td>
              <td className="formalities-table__date">{formatFileSize(document.size, locale)}</td>
              <td>
                <code className="formality-hash" title={document.sha256}>
                  {shortHash(document.sha256)}
                </code>
                <span className="visually-hidden">{t('documents.sha256Label', { hash: document.sha256 })}</span>
              </td>
              {renderAction ? <td className="table__actions">{renderAction(document)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
