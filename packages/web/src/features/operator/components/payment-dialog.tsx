import { useMutation } from '@apollo/client/react';
import { useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, SelectField, TextField } from '@/components/ui';
import { describeError, errorExtensionOf, fieldErrorsOf } from '@/lib/errors';
import type { PaymentMethod } from '@/lib/graphql/schema-types';
import { localeOf } from '@/lib/i18n';
import { formatCents, todayDay } from '@/lib/invoice-format';
import { RecordPaymentDocument, type BilledInvoiceFragment } from '../api/billing/generated';
import { useBillingTranslation } from '../hooks/use-billing-translation';
import { issueMessage, useCheckedForm } from '../hooks/use-checked-form';
import type { FieldKey, Issue } from '../utils/invoice-form';
import { centsToInput, parseEuros } from '../utils/money-input';

export interface PaymentDialogProps {
  companyId: string;
  invoice: BilledInvoiceFragment;
  onClose: () => void;
  /** The invoice with its new status and what remains due. */
  onRecorded: (invoice: BilledInvoiceFragment, amountCents: number) => void;
  returnFocusRef?: RefObject<HTMLElement | null>;
}

const METHODS: readonly PaymentMethod[] = ['TRANSFER', 'DIRECT_DEBIT', 'CARD', 'CHECK', 'CASH', 'OTHER'];
const FIELDS = ['amount', 'date', 'method', 'reference'] as const;
const API_FIELDS: Record<string, string> = { amountCents: 'amount', date: 'date', method: 'method', reference: 'reference' };
const MAX_REFERENCE = 100;

/**
 * "Encaisser": money received for an invoice — the amount (at most what remains due; by default
 * all of it), the day (not in the future, not before the invoice), the method and a reference.
 */
export function PaymentDialog({ companyId, invoice, onClose, onRecorded, returnFocusRef }: PaymentDialogProps) {
  const { t } = useBillingTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const today = todayDay();
  const [values, setValues] = useState({
    amount: centsToInput(invoice.remainingCents, locale),
    date: today,
    method: 'TRANSFER' as PaymentMethod,
    reference: '',
  });
  const form = useCheckedForm();
  const [failure, setFailure] = useState<string | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const [record, { loading }] = useMutation(RecordPaymentDocument);

  const amountCents = parseEuros(values.amount);
  const issues: Record<FieldKey, Issue> = {};
  if (amountCents === null) issues.amount = values.amount.trim() ? 'PRICE_INVALID' : 'AMOUNT_REQUIRED';
  else if (amountCents === 0) issues.amount = 'AMOUNT_ZERO';
  else if (amountCents > invoice.remainingCents) issues.amount = 'PAYMENT_EXCEEDS_DUE';
  if (!values.date) issues.date = 'DATE_REQUIRED';
  else if (values.date > today) issues.date = 'PAYMENT_DATE_IN_FUTURE';
  else if (values.date < invoice.issueDate) issues.date = 'PAYMENT_DATE_BEFORE_ISSUE';
  if (values.reference.trim().length > MAX_REFERENCE) issues.reference = 'PAYMENT_REFERENCE_TOO_LONG';

  const set = (key: keyof typeof values, value: string) => {
    setValues((current) => ({ ...current, [key]: value }));
    form.edited(key);
  };
  const message = (key: string) => {
    const issue = form.issueOf(key, issues);
    if (issue === 'PAYMENT_EXCEEDS_DUE') return t('payment.exceeds', { amount: formatCents(invoice.remainingCents, locale) });
    return issueMessage(issue, locale, t);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (loading) return;
    form.setAttempted(true);
    setFailure(null);
    if (amountCents === null || Object.keys(issues).length > 0) {
      form.focusFirst(FIELDS, issues);
      return;
    }
    try {
      const reference = values.reference.trim();
      const { data } = await record({
        variables: {
          companyId,
          invoiceId: invoice.id,
          input: { amountCents, date: values.date, method: values.method, ...(reference ? { reference } : {}) },
        },
      });
      if (data?.recordPayment) onRecorded(data.recordPayment, amountCents);
    } catch (cause) {
      const found: Record<FieldKey, Issue> = {};
      for (const { field, code } of fieldErrorsOf(cause)) {
        const name = API_FIELDS[field.replace(/^input\./, '')];
        if (name && !found[name]) found[name] = code;
      }
      form.setServerIssues(found);
      const remaining = errorExtensionOf(cause, 'remainingCents');
      if (Object.keys(found).length > 0) {
        setFailure(
          typeof remaining === 'number'
            ? t('payment.exceeds', { amount: formatCents(remaining, locale) })
            : `${t('payment.failed')} ${issueMessage(Object.values(found)[0], locale, t) ?? ''}`,
        );
        form.focusFirst(FIELDS, found);
      } else {
        setFailure(`${t('payment.failed')} ${describeError(cause, locale, tApp('errors.network'))}`);
        failureRef.current?.focus();
      }
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={t('payment.title', { number: invoice.number })}
      description={
        <p>
          {t('payment.description', {
            amount: formatCents(invoice.remainingCents, locale),
            gross: formatCents(invoice.grossCents, locale),
          })}
        </p>
      }
      returnFocusRef={returnFocusRef}
    >
      <form noValidate className="form billing-dialog-form" onSubmit={(event) => void submit(event)}>
        <div className="form__row billing-form__row">
          <TextField
            ref={form.fieldRef('amount')}
            label={t('payment.amount')}
            description={t('payment.amountHint')}
            inputMode="decimal"
            autoComplete="off"
            value={values.amount}
            required
            error={message('amount')}
            onChange={(event) => set('amount', event.target.value)}
            onBlur={() => form.touch('amount')}
          />
          <TextField
            ref={form.fieldRef('date')}
            type="date"
            label={t('payment.date')}
            value={values.date}
            min={invoice.issueDate}
            max={today}
            required
            error={message('date')}
            onChange={(event) => set('date', event.target.value)}
            onBlur={() => form.touch('date')}
          />
        </div>
        <SelectField
          ref={form.fieldRef('method')}
          label={t('payment.method')}
          value={values.method}
          error={message('method')}
          onChange={(event) => set('method', METHODS.find((method) => method === event.target.value) ?? 'OTHER')}
        >
          {METHODS.map((method) => (
            <option key={method} value={method}>
              {t(`payment.methods.${method}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          ref={form.fieldRef('reference')}
          label={t('payment.reference')}
          description={t('payment.referenceHint')}
          value={values.reference}
          autoComplete="off"
          maxLength={200}
          error={message('reference')}
          onChange={(event) => set('reference', event.target.value)}
          onBlur={() => form.touch('reference')}
        />
        {failure ? (
          <div ref={failureRef} tabIndex={-1}>
            <Alert tone="error">{failure}</Alert>
          </div>
        ) : null}
        <div className="form__actions form__actions--end">
          <Button variant="secondary" onClick={onClose}>
            {tApp('form.cancel')}
          </Button>
          <Button type="submit" isLoading={loading}>
            {loading ? t('payment.submitting') : t('payment.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
