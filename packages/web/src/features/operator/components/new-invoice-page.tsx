import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '@/components/errors';
import { PageHeader } from '@/components/layouts';
import { Alert, Button, ConfirmDialog, Link, Spinner, TextAreaField, TextField } from '@/components/ui';
import { paths } from '@/config/paths';
import { describeError, fieldErrorsOf } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';
import { addDaysTo, formatCalendarDay, formatCents, todayDay } from '@/lib/invoice-format';
import { CompanyBillingDocument, IssueInvoiceDocument, type BilledInvoiceFragment } from '../api/billing/generated';
import { useBillingTranslation } from '../hooks/use-billing-translation';
import { issueMessage, useCheckedForm } from '../hooks/use-checked-form';
import '../billing.css';
import '../operator.css';
import {
  checkInvoiceForm,
  fieldOrder,
  initialInvoiceForm,
  issuesFromApi,
  MAX_PAYMENT_DAYS,
  type FieldKey,
  type InvoiceFormValues,
} from '../utils/invoice-form';
import { InvoiceLinesEditor, InvoiceTotalsPanel } from './invoice-lines-editor';

/**
 * "Nouvelle facture" for one company: lines (designation, decimal quantity, unit price excl. VAT,
 * VAT rate and, at 0 %, the exemption statement), the service period and an optional due date.
 * The totals are computed as they are typed, by the API's own rounding rule, so the confirmation
 * states the amount the invoice will carry. The API's field errors land on their fields and
 * nothing typed is lost.
 */
export function NewInvoicePage({ companyId }: { companyId: string }) {
  const { t } = useBillingTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const id = useId();
  const today = todayDay();
  const { data, loading: loadingCompany, error: companyError, refetch } = useQuery(CompanyBillingDocument, { variables: { companyId } });
  const company = data?.company ?? null;
  const [values, setValues] = useState<InvoiceFormValues>(() => initialInvoiceForm(today));
  const form = useCheckedForm();
  const checked = checkInvoiceForm(values, today);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [issued, setIssued] = useState<BilledInvoiceFragment | null>(null);
  const [issue, { loading }] = useMutation(IssueInvoiceDocument, { refetchQueries: ['CompanyInvoices'] });
  const failureRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);

  /** Where focus goes once the confirmation has closed (it returns focus to the submit button first). */
  const focusAfterConfirm = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (issued) doneRef.current?.focus();
  }, [issued]);

  useEffect(() => {
    if (confirming || !focusAfterConfirm.current) return;
    focusAfterConfirm.current();
    focusAfterConfirm.current = null;
  }, [confirming, failure]);

  const set = <K extends keyof InvoiceFormValues>(key: K, value: InvoiceFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    form.edited(key);
  };
  const message = (key: FieldKey) => issueMessage(form.issueOf(key, checked.issues), locale, t);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (loading) return;
    form.setAttempted(true);
    setFailure(null);
    if (!checked.invoice) {
      form.focusFirst(fieldOrder(values), checked.issues);
      return;
    }
    setConfirming(true);
  };

  const send = async () => {
    if (!checked.invoice || !company) return;
    try {
      const result = await issue({ variables: { companyId, input: checked.invoice } });
      setConfirming(false);
      if (result.data?.issueInvoice) setIssued(result.data.issueInvoice);
    } catch (cause) {
      setConfirming(false);
      const { issues, other } = issuesFromApi(fieldErrorsOf(cause), values.lines);
      form.setServerIssues(issues);
      if (Object.keys(issues).length > 0) {
        setFailure(t('invoiceForm.fixFields'));
        focusAfterConfirm.current = () => form.focusFirst(fieldOrder(values), issues);
      } else {
        const detail = other[0] ? issueMessage(other[0].code, locale, t) : describeError(cause, locale, tApp('errors.network'));
        setFailure(`${t('invoiceForm.failed')} ${detail}`);
        focusAfterConfirm.current = () => failureRef.current?.focus();
      }
    }
  };

  const startOver = () => {
    setIssued(null);
    setFailure(null);
    setValues(initialInvoiceForm(todayDay()));
    form.reset();
  };

  const companyName = company?.name ?? '';
  const billingHref = paths.operator.billing.getHref(companyId);

  if (!company) {
    return (
      <>
        <PageHeader title={t('invoiceForm.title')} />
        {loadingCompany ? (
          <Spinner label={t('company.loading')} />
        ) : companyError ? (
          <LoadFailed title={t('company.loadFailed')} error={companyError} onRetry={() => void refetch()} />
        ) : (
          <Alert tone="error">{t('company.notFound')}</Alert>
        )}
      </>
    );
  }

  if (issued) {
    return (
      <>
        <PageHeader title={t('invoiceForm.title')} />
        <div className="billing-done">
          <h2 ref={doneRef} tabIndex={-1} className="card__title">
            {t('invoiceForm.doneTitle', { number: issued.number })}
          </h2>
          <Alert tone="success">
            {t('invoiceForm.done', {
              amount: formatCents(issued.grossCents, locale),
              company: companyName,
              date: formatCalendarDay(issued.dueDate, locale, 'long'),
            })}
          </Alert>
          <div className="button-row">
            <Button onClick={startOver}>{t('invoiceForm.another')}</Button>
            <Link variant="button-secondary" to={billingHref}>
              {t('invoiceForm.toCompany', { company: companyName })}
            </Link>
          </div>
        </div>
      </>
    );
  }

  const totalsId = `${id}-totals`;
  return (
    <>
      <PageHeader
        title={t('invoiceForm.title')}
        description={t('invoiceForm.description', { company: companyName })}
        actions={
          <Link variant="button-secondary" to={billingHref}>
            {t('invoiceForm.toCompany', { company: companyName })}
          </Link>
        }
      />
      <form className="billing-form invoice-form" noValidate onSubmit={submit}>
        <div className="invoice-form__main">
          <fieldset className="upload-section">
            <legend className="upload-section__legend">{t('lines.legend')}</legend>
            <InvoiceLinesEditor
              idPrefix={`${id}-line`}
              lines={values.lines}
              onChange={(lines) => setValues((current) => ({ ...current, lines }))}
              issues={checked.issues}
              lineNets={checked.lineNets}
              form={form}
            />
          </fieldset>
          <fieldset className="upload-section">
            <legend className="upload-section__legend">{t('invoiceForm.periodLegend')}</legend>
            <div className="form__row billing-form__row">
              <TextField
                ref={form.fieldRef('periodStart')}
                type="date"
                label={t('invoiceForm.periodStart')}
                value={values.periodStart}
                required
                error={message('periodStart')}
                onChange={(event) => set('periodStart', event.target.value)}
                onBlur={() => form.touch('periodStart')}
              />
              <TextField
                ref={form.fieldRef('periodEnd')}
                type="date"
                label={t('invoiceForm.periodEnd')}
                value={values.periodEnd}
                min={values.periodStart || undefined}
                required
                error={message('periodEnd')}
                onChange={(event) => set('periodEnd', event.target.value)}
                onBlur={() => form.touch('periodEnd')}
              />
              <TextField
                ref={form.fieldRef('dueDate')}
                type="date"
                label={t('invoiceForm.dueDate')}
                hint={t('invoiceForm.dueDateHint')}
                value={values.dueDate}
                min={today}
                max={addDaysTo(today, MAX_PAYMENT_DAYS)}
                error={message('dueDate')}
                onChange={(event) => set('dueDate', event.target.value)}
                onBlur={() => form.touch('dueDate')}
              />
            </div>
          </fieldset>
          <fieldset className="upload-section">
            <legend className="upload-section__legend">{t('invoiceForm.moreLegend')}</legend>
            <TextField
              ref={form.fieldRef('label')}
              label={t('invoiceForm.label')}
              description={t('invoiceForm.labelHint')}
              value={values.label}
              autoComplete="off"
              error={message('label')}
              onChange={(event) => set('label', event.target.value)}
              onBlur={() => form.touch('label')}
            />
            <TextAreaField
              ref={form.fieldRef('note')}
              label={t('invoiceForm.note')}
              rows={3}
              value={values.note}
              error={message('note')}
              onChange={(event) => set('note', event.target.value)}
              onBlur={() => form.touch('note')}
            />
          </fieldset>
        </div>
        <div className="invoice-form__aside">
          <InvoiceTotalsPanel totals={checked.totals} incomplete={checked.incomplete} headingId={totalsId} />
          {failure ? (
            <div ref={failureRef} tabIndex={-1}>
              <Alert tone="error">{failure}</Alert>
            </div>
          ) : null}
          <Button ref={submitRef} type="submit" fullWidth isLoading={loading}>
            {t('invoiceForm.submit')}
          </Button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('invoiceForm.confirmTitle', { amount: formatCents(checked.totals.grossCents, locale) })}
        confirmLabel={t('invoiceForm.confirm')}
        loading={loading}
        onConfirm={() => void send()}
        onClose={() => setConfirming(false)}
        returnFocusRef={submitRef}
      >
        <p>{t('invoiceForm.confirmBody', { company: companyName })}</p>
      </ConfirmDialog>
    </>
  );
}
