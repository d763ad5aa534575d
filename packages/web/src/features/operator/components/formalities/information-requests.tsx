import { useMutation } from '@apollo/client/react';
import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, type BadgeTone } from '@/components/ui';
import { formatDateTime } from '@/lib/format';
import type { AnswerReview } from '@/lib/graphql/schema-types';
import { localeOf } from '@/lib/i18n';
import { formatCalendarDay } from '@/lib/invoice-format';
import { ReviewAnswerDocument, type OperatorInformationRequestFragment } from '../../api/formalities/generated';
import { useFormalitiesTranslation } from '../../hooks/use-formalities-translation';
import { formatFileSize } from '../../utils/upload-rows';
import { describeFormalityError } from './formality-errors';
import { REQUEST_STATUS_TONES } from './formality-format';
import { ReasonDialog } from './reason-dialog';

type Answer = OperatorInformationRequestFragment['answers'][number];

const REVIEW_TONES: Readonly<Record<AnswerReview, BadgeTone>> = {
  PENDING: 'info',
  ACCEPTED: 'success',
  REJECTED: 'danger',
  REPLACED: 'neutral',
};

const FILE_TYPES: Readonly<Record<string, string>> = { 'application/pdf': 'PDF', 'image/png': 'PNG', 'image/jpeg': 'JPEG' };

export interface InformationRequestsProps {
  requests: readonly OperatorInformationRequestFragment[];
  /** Whether the formality is over (nothing to review any more). */
  over: boolean;
  /** Says what was done (the page's notice). */
  onDone: (message: string) => void;
  /** Opens a client's file answer (a link the API makes for staff); absent while the API has none. */
  renderFileAction?: (answer: Answer, request: OperatorInformationRequestFragment) => ReactNode;
}

/**
 * The information requests, in order, each with every answer given (rejected and replaced ones
 * stay, as in the client's history): text values shown, files opened; an answer waiting for review
 * is accepted, or rejected with a reason (the client is asked again).
 */
export function InformationRequests({ requests, over, onDone, renderFileAction }: InformationRequestsProps) {
  const { t } = useFormalitiesTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [rejecting, setRejecting] = useState<{ answer: Answer; question: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const [review] = useMutation(ReviewAnswerDocument, { refetchQueries: ['OperatorFormality'] });
  const rejectButtons = useRef(new Map<string, HTMLButtonElement>());

  const accept = async (answer: Answer) => {
    setBusy(answer.id);
    setRowError(null);
    try {
      await review({ variables: { answerId: answer.id, accept: true, reason: null } });
      onDone(t('requests.accepted'));
    } catch (cause) {
      setRowError({
        id: answer.id,
        message: `${t('requests.reviewFailed')} ${describeFormalityError(cause, locale, t, tApp('errors.network'))}`,
      });
    } finally {
      setBusy(null);
    }
  };

  const valueOf = (request: OperatorInformationRequestFragment, answer: Answer): ReactNode => {
    if (answer.value === null) {
      const type = answer.fileType ? (FILE_TYPES[answer.fileType] ?? answer.fileType) : '';
      return (
        <span className="formality-answer__file">
          {t('requests.file', { type, size: answer.fileSize === null ? '—' : formatFileSize(answer.fileSize, locale) })}
          {renderFileAction ? renderFileAction(answer, request) : null}
        </span>
      );
    }
    if (request.kind === 'DATE' && /^\d{4}-\d{2}-\d{2}$/.test(answer.value)) {
      return <time dateTime={answer.value}>{formatCalendarDay(answer.value, locale, 'long')}</time>;
    }
    return <span className="formality-answer__text">{answer.value}</span>;
  };

  if (requests.length === 0) return <p className="muted">{t('requests.empty')}</p>;

  return (
    <>
      <ol className="formality-requests">
        {requests.map((request) => (
          <li key={request.id} className="formality-request">
            <div className="formality-request__head">
              <h3 className="formality-request__question">{request.question}</h3>
              <Badge tone={REQUEST_STATUS_TONES[request.status]}>{t(`labels.requestStatuses.${request.status}`)}</Badge>
            </div>
            <p className="formality-request__meta muted small">
              {t(`labels.kinds.${request.kind}`)} · {request.required ? t('requests.required') : t('requests.optional')}
              {request.dueDate ? ` · ${t('requests.dueDate', { date: formatCalendarDay(request.dueDate, locale) })}` : null}
            </p>
            {request.kind === 'CHOICE' && request.choices.length > 0 ? (
              <p className="muted small">{t('requests.choices', { choices: request.choices.join(' · ') })}</p>
            ) : null}
            {request.answers.length === 0 ? (
              <p className="muted">{t('requests.noAnswer')}</p>
            ) : (
              <ul className="formality-answers" aria-label={t('requests.answers')}>
                {request.answers.map((answer) => (
                  <li key={answer.id} className={`formality-answer formality-answer--${answer.review.toLowerCase()}`}>
                    <div className="formality-answer__body">
                      <div className="formality-answer__value">{valueOf(request, answer)}</div>
                      <p className="muted small">
                        {t('requests.answeredAt', { date: formatDateTime(answer.answeredAt, locale) })}
                        {answer.reviewedAt ? ` · ${t('requests.reviewedAt', { date: formatDateTime(answer.reviewedAt, locale) })}` : null}
                      </p>
                      {answer.reviewReason ? <p className="small">{t('requests.reviewReason', { reason: answer.reviewReason })}</p> : null}
                      {rowError?.id === answer.id ? <Alert tone="error">{rowError.message}</Alert> : null}
                    </div>
                    <div className="formality-answer__side">
                      <Badge tone={REVIEW_TONES[answer.review]}>{t(`labels.reviews.${answer.review}`)}</Badge>
                      {answer.review === 'PENDING' && !over ? (
                        <div className="queue__actions">
                          <Button
                            size="sm"
                            isLoading={busy === answer.id}
                            aria-label={t('requests.acceptLabel', { question: request.question })}
                            onClick={() => void accept(answer)}
                          >
                            {t('requests.accept')}
                          </Button>
                          <Button
                            ref={(element) => {
                              if (element) rejectButtons.current.set(answer.id, element);
                              else rejectButtons.current.delete(answer.id);
                            }}
                            size="sm"
                            variant="secondary"
                            disabled={busy === answer.id}
                            aria-label={t('requests.rejectLabel', { question: request.question })}
                            onClick={() => {
                              setRowError(null);
                              setRejecting({ answer, question: request.question });
                            }}
                          >
                            {t('requests.reject')}
                          </Button>
                        </div>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {rejecting ? (
        <RejectAnswerDialog
          answer={rejecting.answer}
          question={rejecting.question}
          onClose={() => setRejecting(null)}
          onRejected={() => {
            setRejecting(null);
            onDone(t('requests.rejected'));
          }}
          returnFocusRef={{ current: rejectButtons.current.get(rejecting.answer.id) ?? null }}
        />
      ) : null}
    </>
  );
}

/** Rejects one answer with the reason the client will read (required). */
function RejectAnswerDialog({
  answer,
  question,
  onClose,
  onRejected,
  returnFocusRef,
}: {
  answer: Answer;
  question: string;
  onClose: () => void;
  onRejected: () => void;
  returnFocusRef: { current: HTMLElement | null };
}) {
  const { t } = useFormalitiesTranslation();
  const id = useId();
  const [review, { loading }] = useMutation(ReviewAnswerDocument, { refetchQueries: ['OperatorFormality'] });

  return (
    <ReasonDialog
      title={t('requests.rejectTitle')}
      description={
        <>
          <p>
            <strong id={`${id}-question`}>{question}</strong>
          </p>
          <p>{t('requests.rejectDescription')}</p>
        </>
      }
      label={t('requests.rejectReason')}
      hint={t('requests.rejectHint')}
      submitLabel={t('requests.rejectSubmit')}
      submittingLabel={t('requests.reviewing')}
      failedLabel={t('requests.reviewFailed')}
      loading={loading}
      onSubmit={async (reason) => {
        const { data } = await review({ variables: { answerId: answer.id, accept: false, reason } });
        if (data?.reviewAnswer) onRejected();
      }}
      onClose={onClose}
      returnFocusRef={returnFocusRef}
    />
  );
}
