import { ERROR_MESSAGES, isErrorCode, type Locale } from '@guichet/shared';
import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/layouts';
import { Alert, Badge, Button, SelectField, TextField, type BadgeTone } from '@/components/ui';
import { localeOf } from '@/lib/i18n';
import type { OperatorCompanyFragment } from '../api/generated';
import { uploadMailScan, type UploadResult } from '../api/upload-mail-scan';
import { useMailLabels, useOperatorTranslation } from '../hooks/use-operator-translation';
import '../operator.css';
import {
  checkRow,
  formatFileSize,
  isPdf,
  MAIL_TYPES,
  newRow,
  receivedAtInstant,
  today,
  uploadCodeMessage,
  type RowField,
  type UploadRow,
} from '../utils/upload-rows';
import { CompanyPicker } from './company-picker';

const STATUS_TONES: Record<UploadRow['status'], BadgeTone> = { pending: 'neutral', uploading: 'info', done: 'success', failed: 'danger' };
const ROW_FIELDS: readonly RowField[] = ['receivedAt', 'sender', 'recipient', 'type'];

type Texts = ReturnType<typeof useOperatorTranslation>['t'];

/** What a refused or failed upload becomes on its row: field messages and one sentence. */
function outcomeOf(result: Exclude<UploadResult, { ok: true }>, locale: Locale, t: Texts): Pick<UploadRow, 'errors' | 'error'> {
  if (result.kind !== 'refused') {
    return { errors: {}, error: result.kind === 'network' ? t('upload.network') : t('upload.unexpected', { status: result.status }) };
  }
  if (result.code === 'UNAUTHENTICATED' || result.code === 'SESSION_EXPIRED') return { errors: {}, error: t('upload.sessionEnded') };
  const errors: UploadRow['errors'] = {};
  const other: string[] = [];
  for (const { field, code } of result.fields) {
    const message = uploadCodeMessage(code, locale) ?? result.message ?? code;
    if ((ROW_FIELDS as readonly string[]).includes(field)) errors[field as RowField] = message;
    else other.push(message);
  }
  if (other.length === 0 && Object.keys(errors).length === 0) {
    other.push(
      result.code && isErrorCode(result.code)
        ? ERROR_MESSAGES[result.code][locale]
        : (result.message ?? t('upload.unexpected', { status: result.status })),
    );
  }
  return { errors, error: other.length > 0 ? other.join(' ') : null };
}

/**
 * "Déposer des courriers": choose the company, add several PDFs (picker or drag and drop), give
 * each its date, sender, recipient and type, then upload them one by one. Each file shows its own
 * result; nothing typed is lost when some fail, and a second click retries only those.
 */
export function UploadPage() {
  const { t } = useOperatorTranslation();
  const { t: tMail } = useMailLabels();
  const { i18n } = useTranslation();
  const locale = localeOf(i18n);
  const [company, setCompany] = useState<OperatorCompanyFragment | null>(null);
  const [rows, setRows] = useState<UploadRow[]>([]);
  const [running, setRunning] = useState(false);
  const [summary, setSummary] = useState<{ text: string; tone: 'success' | 'warning' } | null>(null);
  const [formError, setFormError] = useState<{ company?: string; files?: string }>({});
  const [dragging, setDragging] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const pickRef = useRef<HTMLInputElement>(null);
  const fieldRefs = useRef(new Map<string, HTMLElement>());

  const toSend = rows.filter((row) => row.status !== 'done' && isPdf(row.file));
  const update = (key: string, patch: Partial<UploadRow>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  const addFiles = (files: FileList | readonly File[] | null) => {
    if (!files || files.length === 0) return;
    const added = Array.from(files).map((file) => {
      const row = newRow(file);
      return isPdf(file) ? row : { ...row, status: 'failed' as const, error: t('upload.notPdf') };
    });
    setRows((current) => [...current, ...added]);
    setSummary(null);
    setFormError((current) => ({ ...current, files: undefined }));
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    addFiles(event.dataTransfer.files);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (running) return;
    setSummary(null);
    if (!company) {
      setFormError({ company: t('upload.chooseCompany') });
      searchRef.current?.focus();
      return;
    }
    if (toSend.length === 0) {
      setFormError({ files: t('upload.noFiles') });
      pickRef.current?.focus();
      return;
    }
    setFormError({});
    // The form's own check first: rows with a missing sender stay, with their message, and are not sent.
    const now = new Date();
    const checked = toSend.map((row) => ({ row, errors: checkRow(row, locale, now) }));
    const invalid = checked.filter(({ errors }) => Object.keys(errors).length > 0);
    const valid = checked.filter(({ errors }) => Object.keys(errors).length === 0).map(({ row }) => row);
    setRows((current) =>
      current.map((row) => {
        const found = checked.find((entry) => entry.row.key === row.key);
        if (!found) return row;
        return Object.keys(found.errors).length > 0
          ? { ...row, status: 'failed', errors: found.errors, error: null }
          : { ...row, errors: {}, error: null };
      }),
    );
    setRunning(true);
    let ok = 0;
    let failed = invalid.length;
    for (const row of valid) {
      update(row.key, { status: 'uploading' });
      const result = await uploadMailScan(row.file, {
        companyId: company.id,
        receivedAt: receivedAtInstant(row.receivedAt),
        sender: row.sender.trim(),
        recipient: row.recipient.trim(),
        type: row.type,
      });
      if (result.ok) {
        ok += 1;
        update(row.key, { status: 'done', pageCount: result.item.pageCount, errors: {}, error: null });
      } else {
        failed += 1;
        update(row.key, { status: 'failed', ...outcomeOf(result, locale, t) });
      }
    }
    setRunning(false);
    setSummary(
      failed === 0
        ? { text: t('upload.summaryOk', { count: ok }), tone: 'success' }
        : {
            text: [t('upload.summary', { ok, failed }), invalid.length > 0 ? t('upload.fixFields', { count: invalid.length }) : '']
              .filter(Boolean)
              .join(' '),
            tone: 'warning',
          },
    );
    const firstInvalid = invalid[0];
    if (firstInvalid) {
      const field = ROW_FIELDS.find((name) => firstInvalid.errors[name]);
      if (field) fieldRefs.current.get(`${firstInvalid.row.key}:${field}`)?.focus();
    }
  };

  const fieldRef = (key: string, field: RowField) => (element: HTMLElement | null) => {
    if (element) fieldRefs.current.set(`${key}:${field}`, element);
    else fieldRefs.current.delete(`${key}:${field}`);
  };

  return (
    <>
      <PageHeader title={t('upload.title')} description={t('upload.description')} />
      <form className="form upload-form" noValidate onSubmit={(event) => void submit(event)}>
        <fieldset className="upload-section">
          <legend className="upload-section__legend">{t('company.legend')}</legend>
          <CompanyPicker
            selected={company}
            searchRef={searchRef}
            error={formError.company}
            onSelect={(chosen) => {
              setCompany(chosen);
              setFormError((current) => ({ ...current, company: undefined }));
              if (!chosen) requestAnimationFrame(() => searchRef.current?.focus());
            }}
          />
        </fieldset>

        <fieldset className="upload-section">
          <legend className="upload-section__legend">{t('upload.filesLegend')}</legend>
          <div
            className={dragging ? 'dropzone dropzone--active' : 'dropzone'}
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
          >
            <p className="dropzone__text" aria-hidden="true">
              {t('upload.drop')}
            </p>
            <p className="dropzone__or muted" aria-hidden="true">
              {t('upload.or')}
            </p>
            <label className="btn btn--secondary file-pick">
              <input
                ref={pickRef}
                type="file"
                className="file-pick__input"
                accept="application/pdf,.pdf"
                multiple
                aria-describedby={formError.files ? 'upload-files-error upload-files-hint' : 'upload-files-hint'}
                aria-invalid={formError.files ? true : undefined}
                onChange={(event) => {
                  addFiles(event.target.files);
                  event.target.value = '';
                }}
              />
              {t('upload.pick')}
            </label>
            <p id="upload-files-hint" className="field__description">
              {t('upload.pickHint')}
            </p>
            {formError.files ? (
              <p id="upload-files-error" className="field__error">
                {formError.files}
              </p>
            ) : null}
          </div>

          {rows.length > 0 ? (
            <ul className="upload-rows" aria-label={t('upload.filesLabel')}>
              {rows.map((row) => {
                const done = row.status === 'done';
                const sendable = isPdf(row.file);
                const locked = done || running || !sendable;
                return (
                  <li key={row.key} className={`upload-row upload-row--${row.status}`}>
                    <fieldset className="upload-row__fieldset">
                      <legend className="upload-row__legend">
                        <span className="upload-row__name">
                          {t('upload.fileLegend', { name: row.file.name, size: formatFileSize(row.file.size, locale) })}
                        </span>{' '}
                        <Badge tone={STATUS_TONES[row.status]}>{t(`upload.status.${row.status}`)}</Badge>
                      </legend>
                      {sendable ? (
                        <div className="upload-row__grid">
                          <TextField
                            ref={fieldRef(row.key, 'receivedAt')}
                            type="date"
                            label={t('upload.receivedAt')}
                            value={row.receivedAt}
                            max={today()}
                            required
                            readOnly={locked}
                            error={row.errors.receivedAt}
                            onChange={(event) =>
                              update(row.key, { receivedAt: event.target.value, errors: { ...row.errors, receivedAt: undefined } })
                            }
                          />
                          <TextField
                            ref={fieldRef(row.key, 'sender')}
                            label={t('upload.sender')}
                            value={row.sender}
                            required
                            maxLength={200}
                            readOnly={locked}
                            error={row.errors.sender}
                            onChange={(event) =>
                              update(row.key, { sender: event.target.value, errors: { ...row.errors, sender: undefined } })
                            }
                          />
                          <TextField
                            ref={fieldRef(row.key, 'recipient')}
                            label={t('upload.recipient')}
                            hint={company ? t('upload.recipientHint', { company: company.name }) : t('upload.recipientHintNoCompany')}
                            value={row.recipient}
                            maxLength={200}
                            readOnly={locked}
                            error={row.errors.recipient}
                            onChange={(event) =>
                              update(row.key, { recipient: event.target.value, errors: { ...row.errors, recipient: undefined } })
                            }
                          />
                          <SelectField
                            ref={fieldRef(row.key, 'type')}
                            label={t('upload.type')}
                            value={row.type}
                            disabled={locked}
                            error={row.errors.type}
                            onChange={(event) => {
                              const type = MAIL_TYPES.find((candidate) => candidate === event.target.value);
                              if (type) update(row.key, { type, errors: { ...row.errors, type: undefined } });
                            }}
                          >
                            {MAIL_TYPES.map((type) => (
                              <option key={type} value={type}>
                                {tMail(`types.${type}`)}
                              </option>
                            ))}
                          </SelectField>
                        </div>
                      ) : null}
                      {done ? (
                        <Alert tone="success" live="off">
                          {t('upload.donePages', { count: row.pageCount ?? 0 })}
                        </Alert>
                      ) : row.error ? (
                        <Alert tone="error" live="off">
                          {row.error}
                        </Alert>
                      ) : null}
                      {!done ? (
                        <div className="upload-row__actions">
                          <Button
                            variant="ghost"
                            size="sm"
                            disabled={running}
                            aria-label={t('upload.removeLabel', { name: row.file.name })}
                            onClick={() => setRows((current) => current.filter((candidate) => candidate.key !== row.key))}
                          >
                            {t('upload.remove')}
                          </Button>
                        </div>
                      ) : null}
                    </fieldset>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </fieldset>

        <div role="status" className="page-notice">
          {summary ? (
            <Alert tone={summary.tone} live="off">
              {summary.text}
            </Alert>
          ) : null}
        </div>

        <div className="form__actions upload-form__actions">
          <Button type="submit" isLoading={running}>
            {running ? t('upload.submitting') : toSend.length > 0 ? t('upload.submit', { count: toSend.length }) : t('upload.submitEmpty')}
          </Button>
          {rows.some((row) => row.status === 'done') ? (
            <Button
              variant="secondary"
              disabled={running}
              onClick={() => {
                setRows((current) => current.filter((row) => row.status !== 'done'));
                setSummary(null);
              }}
            >
              {t('upload.clearDone')}
            </Button>
          ) : null}
        </div>
      </form>
    </>
  );
}
