import { TEXT_LIMITS } from '@guichet/shared';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, TextField } from '@/components/ui';
import { localeOf } from '@/lib/i18n';
import { deliverDocument, type DeliveryResult } from '../../api/formalities/deliver-document';
import { useCheckedForm } from '../../hooks/use-checked-form';
import { useFormalitiesTranslation } from '../../hooks/use-formalities-translation';
import { formatFileSize } from '../../utils/upload-rows';
import { describeHttpError, issueText, type Issue } from './formality-errors';

/** The API's limit (FORMALITY_FILE_MAX_BYTES). */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

type Field = 'title' | 'file';
const ORDER: readonly Field[] = ['title', 'file'];

const isPdf = (file: File) => file.type === 'application/pdf' || (file.type === '' && /\.pdf$/i.test(file.name));

function check(title: string, file: File | null): Partial<Record<Field, Issue>> {
  const issues: Partial<Record<Field, Issue>> = {};
  const clean = title.trim();
  if (!clean) issues.title = { code: 'FORMALITY_TITLE_REQUIRED' };
  else if (clean.length > TEXT_LIMITS.formalityTitle)
    issues.title = { code: 'TEXT_TOO_LONG', params: { max: String(TEXT_LIMITS.formalityTitle) } };
  if (!file) issues.file = { code: 'FILE_REQUIRED' };
  else if (!isPdf(file)) issues.file = { code: 'FILE_NOT_PDF' };
  else if (file.size > MAX_DOCUMENT_BYTES) issues.file = { code: 'FILE_TOO_LARGE' };
  return issues;
}

/**
 * "Livrer un document": a title and a PDF, sent as the raw body to the delivery route with its
 * progress; the server's refusal (not a PDF, too large, formality over) is said in the person's
 * language.
 */
export function DeliverDocumentForm({
  companyId,
  formalityId,
  onDelivered,
}: {
  companyId: string;
  formalityId: string;
  onDelivered: (message: string) => void;
}) {
  const { t } = useFormalitiesTranslation();
  const { i18n } = useTranslation();
  const locale = localeOf(i18n);
  const id = useId();
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useCheckedForm<Field, Issue>();
  const failureRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const local = check(title, file);
  const uploading = progress !== null;
  const fileError = issueText(form.issueOf('file', local), locale, t);

  // Leaving the page stops an upload under way.
  useEffect(() => () => abort.current?.abort(), []);

  const explain = (result: Exclude<DeliveryResult, { ok: true }>): { issues: Partial<Record<Field, Issue>>; sentence: string } => {
    if (result.kind === 'network') return { issues: {}, sentence: t('deliver.network') };
    if (result.kind !== 'refused') {
      return { issues: {}, sentence: t('deliver.unexpected', { status: result.status }) };
    }
    const issues: Partial<Record<Field, Issue>> = {};
    for (const found of result.fields) {
      const field: Field | null = found.field === 'title' ? 'title' : found.field === 'file' ? 'file' : null;
      if (!field || issues[field]) continue;
      // Only a PDF is accepted here: the shared sentence (PDF, PNG or JPEG) would mislead.
      issues[field] =
        found.code === 'FORMALITY_FILE_INVALID'
          ? { code: 'DELIVERED_FILE_INVALID' }
          : { code: found.code, ...(found.params ? { params: found.params } : {}) };
    }
    const first = result.fields[0];
    const sentence =
      first?.code === 'FORMALITY_FILE_INVALID'
        ? t('issues.DELIVERED_FILE_INVALID')
        : (describeHttpError(result, locale, t) ?? t('deliver.unexpected', { status: result.status }));
    return { issues, sentence };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (uploading) return;
    form.setAttempted(true);
    setFailure(null);
    if (!file || Object.keys(local).length > 0) {
      form.focusFirst(ORDER, local);
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setProgress(0);
    const clean = title.trim();
    const result = await deliverDocument(file, { companyId, formalityId, title: clean }, setProgress, controller.signal);
    if (controller.signal.aborted) return;
    setProgress(null);
    if (result.ok) {
      setTitle('');
      setFile(null);
      if (fileRef.current) fileRef.current.value = '';
      form.reset();
      onDelivered(t('deliver.done', { title: result.document.title || clean }));
      return;
    }
    const { issues, sentence } = explain(result);
    form.setServerIssues(issues);
    setFailure(`${t('deliver.failed')} ${sentence}`);
    if (!form.focusFirst(ORDER, issues)) failureRef.current?.focus();
  };

  const percent = progress === null ? 0 : Math.round(progress * 100);

  return (
    <section className="formalities-subsection" aria-labelledby={`${id}-deliver`}>
      <h3 id={`${id}-deliver`} className="formalities-subsection__title">
        {t('deliver.legend')}
      </h3>
      <p className="muted small">{t('deliver.hint')}</p>
      <form noValidate className="form" onSubmit={(event) => void submit(event)}>
        <TextField
          ref={form.fieldRef('title')}
          label={t('deliver.title')}
          description={t('deliver.titleHint')}
          value={title}
          autoComplete="off"
          maxLength={TEXT_LIMITS.formalityTitle}
          required
          disabled={uploading}
          error={issueText(form.issueOf('title', local), locale, t)}
          onChange={(event) => {
            setTitle(event.target.value);
            form.edited('title');
          }}
          onBlur={() => form.touch('title')}
        />
        <div className={fileError ? 'field field--invalid' : 'field'}>
          <label className="field__label" htmlFor={`${id}-file`}>
            {t('deliver.file')}
          </label>
          <div className="formality-file-pick">
            <label className="btn btn--secondary btn--sm file-pick">
              <input
                ref={(element) => {
                  fileRef.current = element;
                  form.fieldRef('file')(element);
                }}
                id={`${id}-file`}
                type="file"
                className="file-pick__input"
                accept="application/pdf,.pdf"
                disabled={uploading}
                aria-invalid={fileError ? true : undefined}
                aria-describedby={fileError ? `${id}-file-error ${id}-file-chosen` : `${id}-file-chosen`}
                onChange={(event) => {
                  setFile(event.target.files?.[0] ?? null);
                  form.edited('file');
                  form.touch('file');
                }}
              />
              {t('deliver.pick')}
            </label>
            <span id={`${id}-file-chosen`} className="field__description">
              {file ? t('deliver.chosen', { name: file.name, size: formatFileSize(file.size, locale) }) : t('deliver.noFile')}
            </span>
          </div>
          {fileError ? (
            <p id={`${id}-file-error`} className="field__error">
              {fileError}
            </p>
          ) : null}
        </div>
        {uploading ? (
          <div className="formality-progress">
            <progress id={`${id}-progress`} max={100} value={percent} aria-label={t('deliver.progress')} />
          </div>
        ) : null}
        {failure ? (
          <div ref={failureRef} tabIndex={-1}>
            <Alert tone="error">{failure}</Alert>
          </div>
        ) : null}
        <div className="form__actions formalities-actions">
          <Button type="submit" variant="secondary" isLoading={uploading}>
            {uploading ? t('deliver.uploading', { percent }) : t('deliver.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
