import { useMutation } from '@apollo/client/react';
import { ERROR_MESSAGES, isErrorCode, isValidationCode, validationMessage, type Locale } from '@guichet/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '@/components/layouts';
import { Alert, Badge, Button, ConfirmDialog, Link, SelectField, type BadgeTone } from '@/components/ui';
import { paths } from '@/config/paths';
import { describeError, fieldErrorsOf } from '@/lib/errors';
import type { InvoicingOutcome } from '@/lib/graphql/schema-types';
import { localeOf } from '@/lib/i18n';
import { formatCents, formatMonth } from '@/lib/invoice-format';
import { RunInvoicingDocument, type RunInvoicingMutation } from '../api/billing/generated';
import { useBillingTranslation } from '../hooks/use-billing-translation';
import { issueMessage } from '../hooks/use-checked-form';
import '../billing.css';
import '../operator.css';
import { CompanyPicker } from './company-picker';

type Run = NonNullable<RunInvoicingMutation['runInvoicing']>;
type RunItem = Run['items'][number];

const OUTCOME_TONES: Record<InvoicingOutcome, BadgeTone> = {
  WOULD_BILL: 'info',
  BILLED: 'success',
  ALREADY_BILLED: 'neutral',
  FAILED: 'danger',
};

/** The months the run may bill: this one and the twelve before (as the API allows), newest first. */
export function runPeriods(now: Date = new Date()): string[] {
  return Array.from({ length: 13 }, (_, back) => {
    const date = new Date(now.getFullYear(), now.getMonth() - back, 1);
    return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
  });
}

/** Why the run could not bill a company, in the person's language when the code is known. */
function failureOf(item: RunItem, locale: Locale): string {
  const code = item.errorCode;
  if (isValidationCode(code)) return validationMessage(code, locale);
  if (isErrorCode(code)) return ERROR_MESSAGES[code][locale];
  return item.error ?? '';
}

const sumGross = (items: readonly RunItem[]) => items.reduce((sum, item) => sum + (item.grossCents ?? 0), 0);

/**
 * "Facturation": the run of a month, first as a dry run (who would be billed what, nothing issued),
 * then for real after a confirmation that says it is definitive; the API bills in batches, so a
 * "Continuer" finishes a large run. Below, a company's own billing page is one search away.
 */
export function BillingPage() {
  const { t } = useBillingTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const navigate = useNavigate();
  const id = useId();
  const periods = runPeriods();
  const [period, setPeriod] = useState(periods[0] ?? '');
  const [preview, setPreview] = useState<Run | null>(null);
  const [result, setResult] = useState<Run | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [run] = useMutation(RunInvoicingDocument);
  const [mode, setMode] = useState<'preview' | 'run' | null>(null);
  const launchButton = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const month = formatMonth(period, locale);

  // The result takes the place of the preview (and of the button that had the focus).
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);
  const money = (cents: number) => formatCents(cents, locale);

  const describe = (cause: unknown) => {
    const field = fieldErrorsOf(cause)[0];
    return field ? (issueMessage(field.code, locale, t) ?? '') : describeError(cause, locale, tApp('errors.network'));
  };

  const doPreview = async () => {
    setFailure(null);
    setResult(null);
    setMode('preview');
    try {
      const { data } = await run({ variables: { period, dryRun: true } });
      setPreview(data?.runInvoicing ?? null);
    } catch (cause) {
      setPreview(null);
      setFailure(`${t('run.failed')} ${describe(cause)}`);
    } finally {
      setMode(null);
    }
  };

  const doRun = async () => {
    setFailure(null);
    setMode('run');
    try {
      const { data } = await run({ variables: { period, dryRun: false } });
      const done = data?.runInvoicing ?? null;
      setConfirming(false);
      setPreview(null);
      // "Continuer" adds the next batch to what was billed already.
      setResult((previous) =>
        done && previous && previous.period === done.period ? { ...done, items: [...previous.items, ...done.items] } : done,
      );
    } catch (cause) {
      setConfirming(false);
      setFailure(`${t('run.failed')} ${describe(cause)}`);
    } finally {
      setMode(null);
    }
  };

  const toBill = preview?.items.filter((item) => item.outcome === 'WOULD_BILL') ?? [];
  const already = preview?.items.filter((item) => item.outcome === 'ALREADY_BILLED') ?? [];
  const failed = preview?.items.filter((item) => item.outcome === 'FAILED') ?? [];
  const billed = result?.items.filter((item) => item.outcome === 'BILLED') ?? [];

  return (
    <>
      <PageHeader title={t('run.title')} description={t('run.description')} />
      <div className="billing-page">
        <section className="upload-section billing-run" aria-labelledby={`${id}-run`}>
          <h2 id={`${id}-run`} className="billing-section__title">
            {t('run.legend')}
          </h2>
          <div className="billing-run__controls">
            <SelectField
              label={t('run.period')}
              description={t('run.periodHint')}
              value={period}
              onChange={(event) => {
                setPeriod(event.target.value);
                setPreview(null);
                setResult(null);
                setFailure(null);
              }}
            >
              {periods.map((value) => (
                <option key={value} value={value}>
                  {formatMonth(value, locale)}
                </option>
              ))}
            </SelectField>
            <Button variant="secondary" isLoading={mode === 'preview'} disabled={mode === 'run'} onClick={() => void doPreview()}>
              {mode === 'preview' ? t('run.previewing') : t('run.preview')}
            </Button>
          </div>
          {failure ? <Alert tone="error">{failure}</Alert> : null}

          {preview ? (
            <div className="billing-run__result">
              <h3 className="billing-run__title">{t('run.previewTitle', { period: month })}</h3>
              {preview.items.length === 0 ? (
                <p>{t('run.previewNothing', { period: month })}</p>
              ) : (
                <>
                  <p className="muted">{t('run.previewIntro')}</p>
                  <ul className="bullets billing-run__summary">
                    {toBill.length > 0 ? (
                      <li>{t('run.summaryWouldBill', { count: toBill.length, amount: money(sumGross(toBill)) })}</li>
                    ) : null}
                    {already.length > 0 ? <li>{t('run.summaryAlready', { count: already.length })}</li> : null}
                    {failed.length > 0 ? <li>{t('run.summaryFailed', { count: failed.length })}</li> : null}
                  </ul>
                  <RunTable items={preview.items} caption={t('run.caption', { period: month })} />
                  {preview.remaining > 0 ? <p className="muted">{t('run.remaining', { count: preview.remaining })}</p> : null}
                  {toBill.length > 0 ? (
                    <div className="form__actions form__actions--end">
                      <Button ref={launchButton} aria-label={t('run.launchLabel', { period: month })} onClick={() => setConfirming(true)}>
                        {t('run.launch')}
                      </Button>
                    </div>
                  ) : null}
                </>
              )}
            </div>
          ) : null}

          {result ? (
            <div className="billing-run__result">
              <h3 ref={resultRef} tabIndex={-1} className="billing-run__title">
                {t('run.doneTitle', { period: month })}
              </h3>
              <Alert tone={billed.length > 0 ? 'success' : 'info'}>
                {billed.length > 0 ? t('run.done', { count: billed.length, amount: money(sumGross(billed)) }) : t('run.doneNone')}
              </Alert>
              {result.items.length > 0 ? <RunTable items={result.items} caption={t('run.caption', { period: month })} /> : null}
              {result.remaining > 0 ? (
                <div className="form__actions">
                  <p>{t('run.remaining', { count: result.remaining })}</p>
                  <Button isLoading={mode === 'run'} onClick={() => void doRun()}>
                    {t('run.continue')}
                  </Button>
                </div>
              ) : null}
            </div>
          ) : null}
        </section>

        <section className="upload-section" aria-labelledby={`${id}-company`}>
          <h2 id={`${id}-company`} className="billing-section__title">
            {t('run.companyLegend')}
          </h2>
          <p className="muted">{t('run.companyHint')}</p>
          <CompanyPicker selected={null} onSelect={(company) => company && void navigate(paths.operator.billing.getHref(company.id))} />
        </section>
      </div>

      <ConfirmDialog
        open={confirming}
        title={t('run.confirmTitle', { period: month })}
        confirmLabel={t('run.confirm')}
        loading={mode === 'run'}
        onConfirm={() => void doRun()}
        onClose={() => setConfirming(false)}
        returnFocusRef={launchButton}
      >
        <p>{t('run.confirmBody', { count: toBill.length })}</p>
      </ConfirmDialog>
    </>
  );
}

/** The companies of a run: plan, period billed, amounts, and what happened (with the invoice number once billed). */
function RunTable({ items, caption }: { items: readonly RunItem[]; caption: string }) {
  const { t, i18n } = useBillingTranslation();
  const locale = localeOf(i18n);
  const captionId = `run-${useId()}`;
  const amount = (cents: number | null) => (cents === null ? '—' : formatCents(cents, locale));
  const billingPeriod = (value: string) => (/^\d{4}-\d{2}$/.test(value) ? formatMonth(value, locale) : value);
  return (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="table billing-table">
        <caption id={captionId} className="visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('run.columns.company')}</th>
            <th scope="col">{t('run.columns.plan')}</th>
            <th scope="col">{t('run.columns.billingPeriod')}</th>
            <th scope="col" className="billing-table__amount">
              {t('run.columns.net')}
            </th>
            <th scope="col" className="billing-table__amount">
              {t('run.columns.vat')}
            </th>
            <th scope="col" className="billing-table__amount">
              {t('run.columns.gross')}
            </th>
            <th scope="col">{t('run.columns.outcome')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={`${item.companyId}-${item.billingPeriod}`}>
              <th scope="row" className="billing-table__company">
                <Link to={paths.operator.billing.getHref(item.companyId)} aria-label={t('run.openCompany', { company: item.companyName })}>
                  {item.companyName}
                </Link>
              </th>
              <td>{item.planLabel}</td>
              <td>{billingPeriod(item.billingPeriod)}</td>
              <td className="billing-table__amount">{amount(item.netCents)}</td>
              <td className="billing-table__amount">{amount(item.vatCents)}</td>
              <td className="billing-table__amount">{amount(item.grossCents)}</td>
              <td>
                <Badge tone={OUTCOME_TONES[item.outcome]}>{t(`run.outcomes.${item.outcome}`)}</Badge>
                {item.invoice ? <span className="table__meta">{item.invoice.number}</span> : null}
                {item.outcome === 'FAILED' ? <span className="table__meta">{failureOf(item, locale)}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
