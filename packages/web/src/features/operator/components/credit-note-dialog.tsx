import { useMutation } from '@apollo/client/react';
import { useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Checkbox, Dialog, TextAreaField } from '@/components/ui';
import { describeError, errorExtensionOf, fieldErrorsOf } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';
import { formatCents } from '@/lib/invoice-format';
import { IssueCreditNoteDocument, type BilledInvoiceFragment } from '../api/billing/generated';
import { useBillingTranslation } from '../hooks/use-billing-translation';
import { issueMessage, useCheckedForm } from '../hooks/use-checked-form';
import {
  checkLines,
  issuesFromApi,
  LINE_FIELDS,
  lineField,
  newLine,
  type FieldKey,
  type Issue,
  type LineValues,
} from '../utils/invoice-form';
import { isVatRate, VAT_RATES, type VatRate } from '../utils/invoice-totals';
import { centsToInput, quantityToInput } from '../utils/money-input';
import { InvoiceLinesEditor, InvoiceTotalsPanel } from './invoice-lines-editor';

export interface CreditNoteDialogProps {
  companyId: string;
  invoice: BilledInvoiceFragment;
  onClose: () => void;
  onIssued: (creditNote: BilledInvoiceFragment) => void;
  returnFocusRef?: RefObject<HTMLElement | null>;
}

type Kind = 'FULL' | 'PARTIAL';
const MAX_REASON = 500;

/** The invoice's lines, as a starting point for a partial credit note. */
function linesOf(invoice: BilledInvoiceFragment, locale: 'fr' | 'en'): LineValues[] {
  return invoice.lines.map((line) =>
    newLine({
      label: line.label,
      quantity: quantityToInput(line.quantity, locale),
      unitPrice: centsToInput(line.unitPriceCents, locale),
      vatRate: isVatRate(line.vatRate) ? line.vatRate : '20',
      exemptionReason: line.exemptionReason ?? '',
    }),
  );
}

/**
 * "Avoir" on an invoice: all of it (its lines as they are, only while nothing of it was credited)
 * or part of it (lines that start from the invoice's, with live totals), and the reason printed on
 * the credit note. Never more than what remains to be credited, which the dialog says and checks.
 */
export function CreditNoteDialog({ companyId, invoice, onClose, onIssued, returnFocusRef }: CreditNoteDialogProps) {
  const { t } = useBillingTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const id = useId();
  const creditable = invoice.grossCents - invoice.creditedCents;
  const fullAllowed = invoice.creditedCents === 0;
  const [kind, setKind] = useState<Kind>(fullAllowed ? 'FULL' : 'PARTIAL');
  const [reason, setReason] = useState('');
  const [lines, setLines] = useState<LineValues[]>(() => linesOf(invoice, locale));
  const form = useCheckedForm();
  const [failure, setFailure] = useState<string | null>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const [issue, { loading }] = useMutation(IssueCreditNoteDocument, { refetchQueries: ['CompanyInvoices'] });
  const rates: readonly VatRate[] = VAT_RATES.filter((rate) => invoice.lines.some((line) => line.vatRate === rate));

  const partial = checkLines(lines);
  const issues: Record<FieldKey, Issue> = {};
  if (!reason.trim()) issues.reason = 'CREDIT_NOTE_REASON_REQUIRED';
  else if (reason.trim().length > MAX_REASON) issues.reason = 'INVOICE_TEXT_TOO_LONG';
  if (kind === 'PARTIAL') {
    Object.assign(issues, partial.issues);
    for (const line of lines) {
      if (!rates.includes(line.vatRate)) issues[lineField(line.key, 'vatRate')] = 'CREDIT_NOTE_RATE_NOT_ON_INVOICE';
    }
    if (!partial.incomplete && partial.totals.grossCents > creditable) issues.lines = 'CREDIT_NOTE_EXCEEDS_INVOICE';
  }
  const amount = kind === 'FULL' ? invoice.grossCents : partial.totals.grossCents;
  const order = [
    'kind',
    ...(kind === 'PARTIAL' ? ['lines', ...lines.flatMap((line) => LINE_FIELDS.map((f) => lineField(line.key, f)))] : []),
    'reason',
  ];

  const message = (key: FieldKey) => {
    const found = form.issueOf(key, issues);
    if (found === 'CREDIT_NOTE_EXCEEDS_INVOICE') {
      return t('creditNote.exceeds', {
        amount: formatCents(partial.totals.grossCents, locale),
        creditable: formatCents(creditable, locale),
      });
    }
    return issueMessage(found, locale, t);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (loading) return;
    form.setAttempted(true);
    setFailure(null);
    if (Object.keys(issues).length > 0 || (kind === 'PARTIAL' && !partial.input)) {
      form.focusFirst(order, issues);
      return;
    }
    try {
      const input = { reason: reason.trim(), ...(kind === 'PARTIAL' && partial.input ? { lines: partial.input } : {}) };
      const { data } = await issue({ variables: { companyId, invoiceId: invoice.id, input } });
      if (data?.issueCreditNote) onIssued(data.issueCreditNote);
    } catch (cause) {
      const { issues: found, other } = issuesFromApi(fieldErrorsOf(cause), kind === 'PARTIAL' ? lines : []);
      form.setServerIssues(found);
      if (Object.keys(found).length > 0) {
        const left = errorExtensionOf(cause, 'creditableCents');
        setFailure(
          typeof left === 'number'
            ? t('creditNote.exceeds', { amount: formatCents(amount, locale), creditable: formatCents(left, locale) })
            : t('creditNote.fixFields'),
        );
        form.focusFirst(order, found);
      } else {
        const detail = other[0] ? issueMessage(other[0].code, locale, t) : describeError(cause, locale, tApp('errors.network'));
        setFailure(`${t('creditNote.failed')} ${detail}`);
        failureRef.current?.focus();
      }
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      size="lg"
      className="credit-note-dialog"
      title={t('creditNote.title', { number: invoice.number })}
      description={<p>{t('creditNote.description', { amount: formatCents(creditable, locale) })}</p>}
      returnFocusRef={returnFocusRef}
    >
      <form noValidate className="form billing-dialog-form" onSubmit={(event) => void submit(event)}>
        <fieldset className="choice-group">
          <legend className="field__label">{t('creditNote.kind')}</legend>
          <Checkbox
            ref={kind === 'FULL' ? form.fieldRef('kind') : undefined}
            type="radio"
            name={`${id}-kind`}
            checked={kind === 'FULL'}
            disabled={!fullAllowed}
            onChange={() => setKind('FULL')}
            label={t('creditNote.full')}
            description={
              fullAllowed ? t('creditNote.fullHint', { amount: formatCents(invoice.grossCents, locale) }) : t('creditNote.fullUnavailable')
            }
          />
          <Checkbox
            ref={kind === 'PARTIAL' ? form.fieldRef('kind') : undefined}
            type="radio"
            name={`${id}-kind`}
            checked={kind === 'PARTIAL'}
            onChange={() => setKind('PARTIAL')}
            label={t('creditNote.partial')}
            description={t('creditNote.partialHint')}
          />
        </fieldset>
        {kind === 'PARTIAL' ? (
          <div className="credit-note-dialog__lines">
            <InvoiceLinesEditor
              idPrefix={`${id}-line`}
              lines={lines}
              onChange={setLines}
              issues={issues}
              lineNets={partial.lineNets}
              form={form}
              rates={rates}
              message={message}
            />
            <InvoiceTotalsPanel totals={partial.totals} incomplete={partial.incomplete} headingId={`${id}-totals`} />
          </div>
        ) : null}
        <TextAreaField
          ref={form.fieldRef('reason')}
          label={t('creditNote.reason')}
          description={t('creditNote.reasonHint')}
          rows={2}
          value={reason}
          required
          error={message('reason')}
          onChange={(event) => {
            setReason(event.target.value);
            form.edited('reason');
          }}
          onBlur={() => form.touch('reason')}
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
            {loading
              ? t('creditNote.submitting')
              : amount > 0
                ? t('creditNote.submit', { amount: formatCents(amount, locale) })
                : t('creditNote.submitEmpty')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
