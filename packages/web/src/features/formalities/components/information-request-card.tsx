import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TEXT_LIMITS } from '@guichet/shared';
import { Alert, Badge, Button, Checkbox, TextAreaField, TextField, type BadgeTone } from '@/components/ui';
import type { InformationRequestStatus } from '@/lib/graphql/schema-types';
import { localeOf } from '@/lib/i18n';
import { formatCalendarDay } from '@/lib/invoice-format';
import { AnswerInformationRequestDocument, type InformationRequestFieldsFragment } from '../api/generated';
import { useFormalitiesTranslation } from '../hooks/use-formalities-translation';
import { describeFailure, fieldMessage, graphQLFailure } from '../utils/errors';
import { AnswerHistory } from './answer-history';
import { FileAnswerForm } from './file-answer-form';

const STATUS_TONES: Record<InformationRequestStatus, BadgeTone> = {
  OPEN: 'warning',
  ANSWERED: 'info',
  ACCEPTED: 'success',
};

export interface InformationRequestCardProps {
  companyId: string;
  request: InformationRequestFieldsFragment;
  /** formality:respond, and the formality is not over. */
  canAnswer: boolean;
  /** formality:read (to open a file answer again). */
  canViewFiles: boolean;
  /** After an answer was saved: the page asks for the formality again (status, timeline). */
  onAnswered: () => void;
}

/**
 * One information request: the question, what kind of answer it takes, its status and due date,
 * the form to answer it (saved on its own), and every answer given, rejected ones with their reason.
 */
export function InformationRequestCard({ companyId, request, canAnswer, canViewFiles, onAnswered }: InformationRequestCardProps) {
  const { t, i18n } = useFormalitiesTranslation();
  const locale = localeOf(i18n);
  const questionId = `request-${useId()}`;
  const latest = request.answers.at(-1) ?? null;
  const pending = request.answers.find((answer) => answer.review === 'PENDING') ?? null;
  const answerable = canAnswer && request.status !== 'ACCEPTED';

  let note: ReactNode = null;
  if (request.status === 'OPEN' && latest?.review === 'REJECTED') {
    note = (
      <Alert tone="warning" live="off">
        {latest.reviewReason ? t('requests.rejected', { reason: latest.reviewReason }) : t('requests.rejectedNoReason')}
      </Alert>
    );
  } else if (request.status === 'ANSWERED') {
    note = <p className="formality-request__note">{t('requests.pending')}</p>;
  } else if (request.status === 'ACCEPTED') {
    note = <p className="formality-request__note formality-request__note--done">{t('requests.accepted')}</p>;
  }

  return (
    <article className={`formality-request formality-request--${request.status.toLowerCase()}`} aria-labelledby={questionId}>
      <div className="formality-request__head">
        <h3 id={questionId} className="formality-request__question">
          {request.question}
        </h3>
        <Badge tone={STATUS_TONES[request.status]}>{t(`requests.statuses.${request.status}`)}</Badge>
      </div>
      <p className="formality-request__meta">
        <span>{t(`requests.kinds.${request.kind}`)}</span>
        <span>{request.required ? t('requests.required') : t('requests.optional')}</span>
        {request.dueDate ? <span>{t('requests.dueOn', { date: formatCalendarDay(request.dueDate, locale) })}</span> : null}
      </p>
      {note}
      {answerable ? (
        request.kind === 'FILE' ? (
          <FileAnswerForm
            companyId={companyId}
            requestId={request.id}
            question={request.question}
            replacing={pending !== null}
            onUploaded={onAnswered}
          />
        ) : (
          <ValueAnswerForm
            companyId={companyId}
            request={request}
            initial={pending?.value ?? ''}
            replacing={pending !== null}
            onAnswered={onAnswered}
          />
        )
      ) : !canAnswer && request.status !== 'ACCEPTED' ? (
        <p className="muted">{t('requests.readOnly')}</p>
      ) : null}
      {request.answers.length > 0 ? (
        <AnswerHistory companyId={companyId} kind={request.kind} answers={request.answers} canViewFiles={canViewFiles} />
      ) : null}
    </article>
  );
}

interface ValueAnswerFormProps {
  companyId: string;
  request: InformationRequestFieldsFragment;
  initial: string;
  replacing: boolean;
  onAnswered: () => void;
}

/** A TEXT, DATE, NUMBER or CHOICE answer, saved with answerInformationRequest. */
function ValueAnswerForm({ companyId, request, initial, replacing, onAnswered }: ValueAnswerFormProps) {
  const { t, i18n } = useFormalitiesTranslation();
  const { t: tApp } = useTranslation();
  const locale = localeOf(i18n);
  const [value, setValue] = useState(initial);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ text: string; failed: boolean } | null>(null);
  const [answer, { loading }] = useMutation(AnswerInformationRequestDocument);
  const fieldId = `answer-${useId()}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (loading) return;
    setNotice(null);
    if (!value.trim()) {
      setFieldError(t('requests.emptyAnswer'));
      document.getElementById(fieldId)?.focus();
      return;
    }
    setFieldError(null);
    try {
      await answer({ variables: { companyId, requestId: request.id, value: value.trim() } });
      setNotice({ text: t('requests.saved'), failed: false });
      onAnswered();
    } catch (cause) {
      const failure = graphQLFailure(cause);
      if (!failure) {
        setNotice({ text: `${t('requests.saveFailed')} ${tApp('errors.network')}`, failed: true });
        return;
      }
      const onValue = failure.fields.filter((field) => field.field === 'value');
      if (onValue.length > 0) {
        setFieldError(onValue.map((field) => fieldMessage(field, locale, t('errors.generic'))).join(' '));
        document.getElementById(fieldId)?.focus();
        return;
      }
      const text = describeFailure(failure, {
        locale,
        generic: t('errors.generic'),
        reasons: t('requests.conflicts', { returnObjects: true }),
      });
      setNotice({ text: `${t('requests.saveFailed')} ${text}`, failed: true });
    }
  };

  // Seen: "Votre réponse"; heard: which question it answers (several forms share the page).
  const label = t('requests.answer');
  const name = t('requests.answerTo', { question: request.question });
  const change = (next: string) => {
    setValue(next);
    if (notice && !notice.failed) setNotice(null);
  };

  let field: ReactNode;
  switch (request.kind) {
    case 'TEXT':
      field = (
        <TextAreaField
          id={fieldId}
          label={label}
          aria-label={name}
          value={value}
          rows={3}
          maxLength={TEXT_LIMITS.formalityAnswer}
          required={request.required}
          error={fieldError}
          onChange={(event) => change(event.target.value)}
        />
      );
      break;
    case 'DATE':
      field = (
        <TextField
          id={fieldId}
          type="date"
          label={label}
          aria-label={name}
          value={value}
          required={request.required}
          error={fieldError}
          className="formality-request__short"
          onChange={(event) => change(event.target.value)}
        />
      );
      break;
    case 'NUMBER':
      field = (
        <TextField
          id={fieldId}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          label={label}
          aria-label={name}
          description={t('requests.numberHint')}
          value={value}
          maxLength={24}
          required={request.required}
          error={fieldError}
          className="formality-request__short"
          onChange={(event) => change(event.target.value)}
        />
      );
      break;
    default:
      field = (
        <fieldset
          className={fieldError ? 'choice-group field--invalid' : 'choice-group'}
          aria-label={name}
          aria-describedby={fieldError ? `${fieldId}-error` : undefined}
        >
          <legend className="field__label">{label}</legend>
          {request.choices.map((choice, index) => (
            <Checkbox
              key={choice}
              type="radio"
              id={index === 0 ? fieldId : undefined}
              name={fieldId}
              value={choice}
              label={choice}
              checked={value === choice}
              onChange={() => change(choice)}
            />
          ))}
          {fieldError ? (
            <p id={`${fieldId}-error`} className="field__error">
              {fieldError}
            </p>
          ) : null}
        </fieldset>
      );
  }

  return (
    <form className="formality-request__form" noValidate onSubmit={(event) => void submit(event)}>
      {field}
      <div className="formality-request__actions">
        <Button
          type="submit"
          isLoading={loading}
          aria-label={t(replacing ? 'requests.replaceLabel' : 'requests.saveLabel', { question: request.question })}
        >
          {t(replacing ? 'requests.replace' : 'requests.save')}
        </Button>
      </div>
      <div role="status" className="page-notice">
        {notice ? (
          <Alert tone={notice.failed ? 'error' : 'success'} live="off">
            {notice.text}
          </Alert>
        ) : null}
      </div>
    </form>
  );
}
