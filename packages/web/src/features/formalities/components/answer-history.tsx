import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, Dialog, type BadgeTone } from '@/components/ui';
import { formatDate } from '@/lib/format';
import type { AnswerReview, InformationRequestKind } from '@/lib/graphql/schema-types';
import { localeOf } from '@/lib/i18n';
import { formatCalendarDay } from '@/lib/invoice-format';
import { CreateFormalityAnswerLinkDocument, type InformationRequestFieldsFragment } from '../api/generated';
import { useFormalitiesTranslation } from '../hooks/use-formalities-translation';
import { fileTypeLabel, formatFileSize } from '../utils/format';
import { FileFrame } from './file-frame';

type Answer = InformationRequestFieldsFragment['answers'][number];

const REVIEW_TONES: Record<AnswerReview, BadgeTone> = {
  PENDING: 'info',
  ACCEPTED: 'success',
  REJECTED: 'danger',
  REPLACED: 'neutral',
};

export interface AnswerHistoryProps {
  companyId: string;
  kind: InformationRequestKind;
  /** Oldest first, as the API gives them. */
  answers: readonly Answer[];
  /** formality:read: a file answer can be opened again. */
  canViewFiles: boolean;
}

/** Every answer given to a request, newest first: the value or file, its review, and why it was rejected. */
export function AnswerHistory({ companyId, kind, answers, canViewFiles }: AnswerHistoryProps) {
  const { t, i18n } = useFormalitiesTranslation();
  const { t: tApp } = useTranslation();
  const locale = localeOf(i18n);
  const [createLink] = useMutation(CreateFormalityAnswerLinkDocument);
  const [viewed, setViewed] = useState<Answer | null>(null);
  const newestFirst = [...answers].reverse();

  const valueOf = (answer: Answer) => {
    if (answer.value === null) {
      return t('requests.history.file', { type: fileTypeLabel(answer.fileType), size: formatFileSize(answer.fileSize ?? 0, locale) });
    }
    return kind === 'DATE' ? formatCalendarDay(answer.value, locale) : answer.value;
  };

  return (
    <details className="formality-history">
      <summary>{t('requests.history.title', { count: answers.length })}</summary>
      <ol className="formality-history__list">
        {newestFirst.map((answer) => (
          <li key={answer.id} className="formality-history__item">
            <div className="formality-history__line">
              <span className="formality-history__value">{valueOf(answer)}</span>
              <Badge tone={REVIEW_TONES[answer.review]}>{t(`requests.history.reviews.${answer.review}`)}</Badge>
            </div>
            <p className="formality-history__meta">
              {t('requests.history.sentOn', { date: formatDate(answer.answeredAt, locale) })}
              {answer.value === null && canViewFiles ? (
                <>
                  {' · '}
                  <Button
                    variant="link"
                    aria-label={t('requests.history.viewLabel', { date: formatDate(answer.answeredAt, locale) })}
                    onClick={() => setViewed(answer)}
                  >
                    {t('requests.history.view')}
                  </Button>
                </>
              ) : null}
            </p>
            {answer.review === 'REJECTED' && answer.reviewReason ? (
              <p className="formality-history__reason">{t('requests.history.reason', { reason: answer.reviewReason })}</p>
            ) : null}
          </li>
        ))}
      </ol>
      {viewed ? (
        <Dialog
          open
          size="lg"
          className="formality-preview"
          title={t('requests.history.viewLabel', { date: formatDate(viewed.answeredAt, locale) })}
          onClose={() => setViewed(null)}
          footer={
            <Button variant="secondary" onClick={() => setViewed(null)}>
              {tApp('form.close')}
            </Button>
          }
        >
          <FileFrame
            loadUrl={async () => {
              const { data } = await createLink({ variables: { companyId, answerId: viewed.id, disposition: 'INLINE' } });
              return data?.createFormalityAnswerLink?.url ?? null;
            }}
            title={t('requests.history.viewLabel', { date: formatDate(viewed.answeredAt, locale) })}
            loadingLabel={t('documents.loading')}
            failedLabel={t('requests.history.viewFailed')}
            retryLabel={t('documents.retry')}
          />
        </Dialog>
      ) : null}
    </details>
  );
}
