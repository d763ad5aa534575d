import { useMutation } from '@apollo/client/react';
import { useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, Dialog, SelectField, TextField } from '@/components/ui';
import { describeError, errorCodeOf, fieldErrorsOf } from '@/lib/errors';
import type { PlanPeriod } from '@/lib/graphql/schema-types';
import { localeOf } from '@/lib/i18n';
import { formatCents, formatVatRate } from '@/lib/invoice-format';
import { SetPlanDocument, UpdatePlanDocument, type BillingPlanFragment } from '../api/billing/generated';
import { useBillingTranslation } from '../hooks/use-billing-translation';
import { issueMessage, useCheckedForm } from '../hooks/use-checked-form';
import type { FieldKey, Issue } from '../utils/invoice-form';
import { computeInvoiceTotals, isVatRate, VAT_RATES, type VatRate } from '../utils/invoice-totals';
import { centsToInput, parseEuros } from '../utils/money-input';

export interface PlanDialogProps {
  companyId: string;
  companyName: string;
  /** The current plan (changed with updatePlan), or null (set with setPlan). */
  plan: BillingPlanFragment | null;
  onClose: () => void;
  onSaved: (plan: BillingPlanFragment) => void;
  /** setPlan answered CONFLICT: a plan was set meanwhile; the page reloads it. */
  onConflict: () => void;
  returnFocusRef?: RefObject<HTMLElement | null>;
}

const PERIODS: readonly PlanPeriod[] = ['MONTHLY', 'YEARLY'];
const FIELDS = ['label', 'period', 'price', 'vatRate', 'exemptionReason'] as const;
type PlanField = (typeof FIELDS)[number];
const API_FIELDS: Record<string, PlanField> = {
  label: 'label',
  period: 'period',
  priceCents: 'price',
  vatRate: 'vatRate',
  exemptionReason: 'exemptionReason',
};

interface PlanValues {
  label: string;
  period: PlanPeriod;
  price: string;
  vatRate: VatRate;
  exemptionReason: string;
  active: boolean;
}

const MAX_PLAN_LABEL = 200;

function checkPlan(values: PlanValues): { issues: Record<FieldKey, Issue>; priceCents: number | null } {
  const issues: Record<FieldKey, Issue> = {};
  const label = values.label.replace(/\s+/g, ' ').trim();
  if (!label) issues.label = 'INVOICE_LABEL_REQUIRED';
  else if (label.length > MAX_PLAN_LABEL) issues.label = 'INVOICE_TEXT_TOO_LONG';
  const priceCents = parseEuros(values.price);
  if (priceCents === null) issues.price = values.price.trim() ? 'PRICE_INVALID' : 'AMOUNT_REQUIRED';
  const reason = values.exemptionReason.trim();
  if (values.vatRate === '0' && !reason) issues.exemptionReason = 'INVOICE_EXEMPTION_REASON_REQUIRED';
  return { issues, priceCents };
}

/**
 * "Formule": label, monthly or yearly, price excl. VAT in euros (sent in cents), VAT rate and, at
 * 0 %, the exemption statement; when changing it, whether the run still bills the company. Shows
 * the price including VAT as the invoices will compute it.
 */
export function PlanDialog({ companyId, companyName, plan, onClose, onSaved, onConflict, returnFocusRef }: PlanDialogProps) {
  const { t } = useBillingTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const id = useId();
  const [values, setValues] = useState<PlanValues>(() => ({
    label: plan?.label ?? '',
    period: plan?.period ?? 'MONTHLY',
    price: plan ? centsToInput(plan.priceCents, locale) : '',
    vatRate: plan && isVatRate(plan.vatRate) ? plan.vatRate : '20',
    exemptionReason: plan?.exemptionReason ?? '',
    active: plan?.active ?? true,
  }));
  const form = useCheckedForm();
  const checked = checkPlan(values);
  const [failure, setFailure] = useState<string | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const [setPlan, setting] = useMutation(SetPlanDocument);
  const [updatePlan, updating] = useMutation(UpdatePlanDocument);
  const loading = setting.loading || updating.loading;

  const set = <K extends keyof PlanValues>(key: K, value: PlanValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    form.edited(key);
  };
  const message = (key: PlanField) => issueMessage(form.issueOf(key, checked.issues), locale, t);
  const gross =
    checked.priceCents === null
      ? null
      : computeInvoiceTotals([{ quantity: '1', unitPriceCents: checked.priceCents, vatRate: values.vatRate }]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (loading) return;
    form.setAttempted(true);
    setFailure(null);
    if (checked.priceCents === null || Object.keys(checked.issues).length > 0) {
      form.focusFirst(FIELDS, checked.issues);
      return;
    }
    const input = {
      label: values.label.replace(/\s+/g, ' ').trim(),
      period: values.period,
      priceCents: checked.priceCents,
      vatRate: values.vatRate,
      exemptionReason: values.vatRate === '0' ? values.exemptionReason.trim() : plan?.exemptionReason ? '' : null,
    };
    try {
      if (plan) {
        const { data } = await updatePlan({ variables: { companyId, input: { ...input, active: values.active } } });
        if (data?.updatePlan) onSaved(data.updatePlan);
      } else {
        const { data } = await setPlan({ variables: { companyId, input: { ...input, exemptionReason: input.exemptionReason || null } } });
        if (data?.setPlan) onSaved(data.setPlan);
      }
    } catch (cause) {
      if (!plan && errorCodeOf(cause) === 'CONFLICT') {
        onConflict();
        return;
      }
      const issues: Record<FieldKey, Issue> = {};
      for (const { field, code } of fieldErrorsOf(cause)) {
        const name = API_FIELDS[field.replace(/^input\./, '')];
        if (name && !issues[name]) issues[name] = code;
      }
      form.setServerIssues(issues);
      if (Object.keys(issues).length > 0) {
        setFailure(t('plan.fixFields'));
        form.focusFirst(FIELDS, issues);
      } else {
        setFailure(describeError(cause, locale, tApp('errors.network')));
        failureRef.current?.focus();
      }
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title={plan ? t('plan.dialogEdit', { company: companyName }) : t('plan.dialogSet', { company: companyName })}
      description={<p>{t('plan.dialogDescription')}</p>}
      returnFocusRef={returnFocusRef}
    >
      <form noValidate className="form billing-dialog-form" onSubmit={(event) => void submit(event)}>
        <TextField
          ref={form.fieldRef('label')}
          label={t('plan.label')}
          description={t('plan.labelHint')}
          value={values.label}
          autoComplete="off"
          required
          error={message('label')}
          onChange={(event) => set('label', event.target.value)}
          onBlur={() => form.touch('label')}
        />
        <fieldset className="choice-group choice-group--inline">
          <legend className="field__label">{t('plan.period')}</legend>
          {PERIODS.map((period) => (
            <Checkbox
              key={period}
              ref={period === values.period ? form.fieldRef('period') : undefined}
              type="radio"
              name={`${id}-period`}
              value={period}
              checked={values.period === period}
              onChange={() => set('period', period)}
              label={t(`plan.periods.${period}`)}
              description={t(`plan.periodsHint.${period}`)}
            />
          ))}
          {message('period') ? <p className="field__error">{message('period')}</p> : null}
        </fieldset>
        <div className="form__row billing-form__row">
          <TextField
            ref={form.fieldRef('price')}
            label={t('plan.price')}
            description={t('plan.priceHint')}
            inputMode="decimal"
            autoComplete="off"
            value={values.price}
            required
            error={message('price')}
            hint={gross ? t('plan.grossPreview', { amount: formatCents(gross.grossCents, locale) }) : undefined}
            onChange={(event) => set('price', event.target.value)}
            onBlur={() => form.touch('price')}
          />
          <SelectField
            ref={form.fieldRef('vatRate')}
            label={t('plan.vatRate')}
            value={values.vatRate}
            error={message('vatRate')}
            onChange={(event) => set('vatRate', isVatRate(event.target.value) ? event.target.value : '20')}
          >
            {VAT_RATES.map((rate) => (
              <option key={rate} value={rate}>
                {formatVatRate(rate, locale)}
              </option>
            ))}
          </SelectField>
        </div>
        {values.vatRate === '0' ? (
          <TextField
            ref={form.fieldRef('exemptionReason')}
            label={t('plan.exemptionReason')}
            description={t('plan.exemptionHint')}
            value={values.exemptionReason}
            autoComplete="off"
            required
            error={message('exemptionReason')}
            onChange={(event) => set('exemptionReason', event.target.value)}
            onBlur={() => form.touch('exemptionReason')}
          />
        ) : null}
        {plan ? (
          <Checkbox
            checked={values.active}
            onChange={(event) => set('active', event.target.checked)}
            label={t('plan.active')}
            description={t('plan.activeHint')}
          />
        ) : null}
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
            {loading ? t('plan.saving') : t('plan.save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
