import { useEffect, useRef, useState } from 'react';
import { Button, SelectField, TextField } from '@/components/ui';
import { localeOf } from '@/lib/i18n';
import { formatCents, formatVatRate } from '@/lib/invoice-format';
import { issueMessage, type CheckedForm } from '../hooks/use-checked-form';
import { useBillingTranslation } from '../hooks/use-billing-translation';
import { lineField, newLine, type FieldKey, type Issue, type LineField, type LineValues } from '../utils/invoice-form';
import { VAT_RATES, type InvoiceTotals, type VatRate } from '../utils/invoice-totals';

export interface InvoiceLinesEditorProps {
  lines: readonly LineValues[];
  onChange: (lines: LineValues[]) => void;
  /** The form's own checks (shown once a field was left or a send was tried). */
  issues: Readonly<Record<FieldKey, Issue>>;
  /** Each line's net, or null while it cannot be computed. */
  lineNets: readonly (number | null)[];
  form: CheckedForm;
  /** The VAT rates offered (a credit note offers those of its invoice). */
  rates?: readonly VatRate[];
  /** Prefix of the fields' ids. */
  idPrefix: string;
  /** The sentence for a field's issue, when the form words some itself (default: the shared messages). */
  message?: (key: FieldKey) => string | undefined;
}

/**
 * The lines of an invoice or a credit note: designation, quantity (decimal), unit price excl. VAT in
 * euros, VAT rate (the exemption statement when 0 %), and each line's amount as it will be printed.
 */
export function InvoiceLinesEditor({
  lines,
  onChange,
  issues,
  lineNets,
  form,
  rates = VAT_RATES,
  idPrefix,
  message: describe,
}: InvoiceLinesEditorProps) {
  const { t, i18n } = useBillingTranslation();
  const locale = localeOf(i18n);
  const [announce, setAnnounce] = useState('');
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  // A new line: its designation gets the focus; a removed one: the "add" button does.
  useEffect(() => {
    if (!focusKey) return;
    if (focusKey === 'add') addButton.current?.focus();
    else document.getElementById(`${idPrefix}-${focusKey}-label`)?.focus();
    setFocusKey(null);
  }, [focusKey, idPrefix]);

  const update = (key: string, field: LineField, value: string) => {
    onChange(lines.map((line) => (line.key === key ? { ...line, [field]: value } : line)));
    form.edited(lineField(key, field), 'lines');
  };
  const messageOf = describe ?? ((key: FieldKey) => issueMessage(form.issueOf(key, issues), locale, t));
  const message = (key: string, field: LineField) => messageOf(lineField(key, field));
  const linesMessage = messageOf('lines');

  return (
    <div className="invoice-lines">
      <ol className="invoice-lines__list">
        {lines.map((line, index) => {
          const net = lineNets[index] ?? null;
          const at = (field: LineField) => ({
            id: `${idPrefix}-${line.key}-${field}`,
            ref: form.fieldRef(lineField(line.key, field)),
            error: message(line.key, field),
            onBlur: () => form.touch(lineField(line.key, field)),
          });
          return (
            <li key={line.key} className="invoice-line">
              <fieldset className="invoice-line__fieldset">
                <legend className="invoice-line__legend">{t('lines.line', { index: index + 1 })}</legend>
                <p className="invoice-line__net">
                  <span id={`${idPrefix}-${line.key}-net-label`}>{t('lines.net')}</span>{' '}
                  <output aria-labelledby={`${idPrefix}-${line.key}-net-label`} className="invoice-line__amount">
                    {net === null ? t('lines.netUnknown') : formatCents(net, locale)}
                  </output>
                </p>
                <div className="invoice-line__grid">
                  <TextField
                    {...at('label')}
                    className="invoice-line__label"
                    label={t('lines.label')}
                    value={line.label}
                    maxLength={400}
                    autoComplete="off"
                    required
                    onChange={(event) => update(line.key, 'label', event.target.value)}
                  />
                  <TextField
                    {...at('quantity')}
                    label={t('lines.quantity')}
                    inputMode="decimal"
                    autoComplete="off"
                    value={line.quantity}
                    required
                    onChange={(event) => update(line.key, 'quantity', event.target.value)}
                  />
                  <TextField
                    {...at('unitPrice')}
                    label={t('lines.unitPrice')}
                    inputMode="decimal"
                    autoComplete="off"
                    value={line.unitPrice}
                    required
                    onChange={(event) => update(line.key, 'unitPrice', event.target.value)}
                  />
                  <SelectField
                    {...at('vatRate')}
                    label={t('lines.vatRate')}
                    value={line.vatRate}
                    onChange={(event) => update(line.key, 'vatRate', event.target.value)}
                  >
                    {(rates.includes(line.vatRate) ? rates : [...rates, line.vatRate]).map((rate) => (
                      <option key={rate} value={rate}>
                        {formatVatRate(rate, locale)}
                      </option>
                    ))}
                  </SelectField>
                </div>
                {line.vatRate === '0' ? (
                  <TextField
                    {...at('exemptionReason')}
                    label={t('lines.exemptionReason')}
                    description={t('lines.exemptionHint')}
                    value={line.exemptionReason}
                    autoComplete="off"
                    required
                    onChange={(event) => update(line.key, 'exemptionReason', event.target.value)}
                  />
                ) : null}
                {lines.length > 1 ? (
                  <div className="invoice-line__actions">
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={t('lines.removeLabel', { index: index + 1 })}
                      onClick={() => {
                        onChange(lines.filter((item) => item.key !== line.key));
                        form.edited('lines');
                        setAnnounce(t('lines.removed'));
                        setFocusKey('add');
                      }}
                    >
                      {t('lines.remove')}
                    </Button>
                  </div>
                ) : null}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {linesMessage ? (
        <p className="field__error" ref={form.fieldRef('lines')} tabIndex={-1}>
          {linesMessage}
        </p>
      ) : null}
      <Button
        ref={addButton}
        variant="secondary"
        size="sm"
        onClick={() => {
          const last = lines[lines.length - 1];
          const line = newLine({ vatRate: last?.vatRate ?? '20', exemptionReason: last?.vatRate === '0' ? last.exemptionReason : '' });
          onChange([...lines, line]);
          form.edited('lines');
          setAnnounce('');
          setFocusKey(line.key);
        }}
      >
        {t('lines.add')}
      </Button>
      <p role="status" className="visually-hidden">
        {announce}
      </p>
    </div>
  );
}

/** The totals as the invoice will print them: HT, VAT per rate on its basis, VAT, TTC. */
export function InvoiceTotalsPanel({ totals, incomplete, headingId }: { totals: InvoiceTotals; incomplete: boolean; headingId: string }) {
  const { t, i18n } = useBillingTranslation();
  const locale = localeOf(i18n);
  const money = (cents: number) => formatCents(cents, locale);
  return (
    <section className="invoice-totals-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="invoice-totals-panel__title">
        {t('totals.title')}
      </h2>
      <dl className="invoice-totals-panel__list">
        <div>
          <dt>{t('totals.net')}</dt>
          <dd>{money(totals.netCents)}</dd>
        </div>
        {totals.breakdown.map((entry) => (
          <div key={entry.rate} className="invoice-totals-panel__vat">
            <dt>{t('totals.vatAt', { rate: formatVatRate(entry.rate, locale), basis: money(entry.basisCents) })}</dt>
            <dd>{money(entry.vatCents)}</dd>
          </div>
        ))}
        <div>
          <dt>{t('totals.vat')}</dt>
          <dd>{money(totals.vatCents)}</dd>
        </div>
        <div className="invoice-totals-panel__gross">
          <dt>{t('totals.gross')}</dt>
          <dd>{money(totals.grossCents)}</dd>
        </div>
      </dl>
      <p className="invoice-totals-panel__rule">{t('totals.rule')}</p>
      {incomplete ? <p className="invoice-totals-panel__rule">{t('totals.incomplete')}</p> : null}
    </section>
  );
}
