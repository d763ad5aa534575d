import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { validationMessage } from '@guichet/shared';
import { Alert, Button, TextField } from '@/components/ui';
import { localeOf } from '@/lib/i18n';
import { useFormalitiesTranslation } from '../hooks/use-formalities-translation';
import { describeFailure } from '../utils/errors';
import { formatFileSize } from '../utils/format';
import { ANSWER_FILE_ACCEPT, checkAnswerFile, uploadAnswerFile, type UploadOutcome } from '../utils/upload-answer-file';

export interface FileAnswerFormProps {
  companyId: string;
  requestId: string;
  question: string;
  /** An answer waiting for review is replaced by this one. */
  replacing: boolean;
  /** After the file was saved: the page asks for the formality again. */
  onUploaded: () => void;
}

type Phase = { state: 'idle' } | { state: 'uploading'; percent: number } | { state: 'sent' } | { state: 'failed'; message: string };

/**
 * A FILE request's answer: a PDF, PNG or JPEG checked here first (type, size), then sent as the raw
 * body of the upload route with a progress bar, and a cancel button while it goes. The server's
 * coded refusal (a file that is not what it claims, too large, request already accepted…) is said
 * in the person's language.
 */
export function FileAnswerForm({ companyId, requestId, question, replacing, onUploaded }: FileAnswerFormProps) {
  const { t, i18n } = useFormalitiesTranslation();
  const locale = localeOf(i18n);
  const inputId = `file-${useId()}`;
  const [file, setFile] = useState<File | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ state: 'idle' });
  // A new input once a file was sent, so the picker starts empty.
  const [inputKey, setInputKey] = useState(0);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const pick = (picked: File | null) => {
    setFile(picked);
    setPhase({ state: 'idle' });
    const problem = picked ? checkAnswerFile(picked) : null;
    setFieldError(problem ? validationMessage(problem, locale) : null);
  };

  const describe = (outcome: Exclude<UploadOutcome, { ok: true }>): string => {
    switch (outcome.kind) {
      case 'refused':
        return describeFailure(outcome, {
          locale,
          generic: t('errors.generic'),
          reasons: t('requests.conflicts', { returnObjects: true }),
        });
      case 'network':
        return t('upload.network');
      case 'aborted':
        return t('upload.cancelled');
      default:
        return t('upload.unexpected', { status: outcome.status });
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (phase.state === 'uploading') return;
    if (!file) {
      setFieldError(t('upload.noFile'));
      document.getElementById(inputId)?.focus();
      return;
    }
    const problem = checkAnswerFile(file);
    if (problem) {
      setFieldError(validationMessage(problem, locale));
      document.getElementById(inputId)?.focus();
      return;
    }
    setFieldError(null);
    const controller = new AbortController();
    abort.current = controller;
    setPhase({ state: 'uploading', percent: 0 });
    const outcome = await uploadAnswerFile({
      companyId,
      requestId,
      file,
      signal: controller.signal,
      onProgress: ({ percent }) => setPhase((current) => (current.state === 'uploading' ? { state: 'uploading', percent } : current)),
    });
    abort.current = null;
    if (outcome.ok) {
      setPhase({ state: 'sent' });
      setFile(null);
      setInputKey((key) => key + 1);
      onUploaded();
      return;
    }
    const fileErrors = outcome.kind === 'refused' ? outcome.fields.filter((field) => field.field === 'file') : [];
    if (fileErrors.length > 0) {
      // The file itself was refused (not a real PDF/PNG/JPEG, too large): said under the picker.
      setFieldError(describe({ ...(outcome as Extract<UploadOutcome, { kind: 'refused' }>), fields: fileErrors }));
      setPhase({ state: 'failed', message: t('upload.failed') });
      return;
    }
    setPhase({ state: 'failed', message: `${t('upload.failed')} ${describe(outcome)}` });
  };

  const uploading = phase.state === 'uploading';
  return (
    <form className="formality-request__form" noValidate onSubmit={(event) => void submit(event)}>
      <TextField
        key={inputKey}
        id={inputId}
        type="file"
        accept={ANSWER_FILE_ACCEPT}
        label={t('upload.label')}
        aria-label={t('upload.labelFor', { question })}
        description={t('upload.hint')}
        error={fieldError}
        disabled={uploading}
        className="formality-file"
        onChange={(event) => pick(event.target.files?.[0] ?? null)}
      />
      {file && !fieldError && !uploading ? (
        <p className="formality-file__selected">{t('upload.selected', { name: file.name, size: formatFileSize(file.size, locale) })}</p>
      ) : null}
      <div className="formality-request__actions">
        <Button type="submit" isLoading={uploading} aria-label={t(replacing ? 'requests.replaceLabel' : 'upload.sendLabel', { question })}>
          {t(replacing ? 'requests.replace' : 'upload.send')}
        </Button>
        {uploading ? (
          <Button variant="ghost" onClick={() => abort.current?.abort()}>
            {t('upload.cancel')}
          </Button>
        ) : null}
      </div>
      {uploading ? (
        <div className="formality-upload">
          <progress
            className="formality-upload__bar"
            max={100}
            value={phase.percent}
            aria-label={t('upload.progress', { name: file?.name ?? '' })}
          />
          <span className="formality-upload__percent" aria-hidden="true">
            {t('upload.percent', { percent: phase.percent })}
          </span>
        </div>
      ) : null}
      <div role="status" className="page-notice">
        {phase.state === 'sent' ? (
          <Alert tone="success" live="off">
            {t('upload.sent')}
          </Alert>
        ) : phase.state === 'failed' ? (
          <Alert tone="error" live="off">
            {phase.message}
          </Alert>
        ) : null}
      </div>
    </form>
  );
}
