import { useId, type Ref } from 'react';
import { Link } from 'react-router';
import { localeOf } from '@/lib/i18n';
import { formatCalendarDay, formatCents, formatServicePeriod } from '@/lib/invoice-format';
import type { InvoiceListItemFragment } from '../api/generated';
import { useInvoicesTranslation } from '../hooks/use-invoices-translation';
import { InvoiceStatusBadge } from './invoice-status-badge';

export interface InvoiceListProps {
  invoices: readonly InvoiceListItemFragment[];
  companyName: string;
  /** Cards instead of a table (narrow screens). */
  compact: boolean;
  /** Where the number's link goes: the same list with that invoice's preview open. */
  previewHref: (id: string) => string;
  /** Receives the link of each row (focus moves to the first new one after "Charger plus"). */
  linkRef: (id: string, element: HTMLAnchorElement | null) => void;
}

/** The invoices of the current page: a table on wide screens, cards on narrow ones (same content). */
export function InvoiceList(props: InvoiceListProps) {
  return props.compact ? <InvoiceCards {...props} /> : <InvoiceTable {...props} />;
}

function useFormats() {
  const { t, i18n } = useInvoicesTranslation();
  const locale = localeOf(i18n);
  return {
    t,
    locale,
    money: (cents: number) => formatCents(cents, locale),
    day: (day: string) => formatCalendarDay(day, locale),
    period: (invoice: InvoiceListItemFragment) => formatServicePeriod(invoice.periodStart, invoice.periodEnd, locale),
  };
}

/** A credit note counts against what is owed: its amounts are shown with a minus sign. */
const signed = (invoice: InvoiceListItemFragment, cents: number) => (invoice.kind === 'CREDIT_NOTE' ? -cents : cents);

/** Unpaid invoices also say what is left to pay, when part of it was paid or credited. */
function Remaining({ invoice }: { invoice: InvoiceListItemFragment }) {
  const { t, money } = useFormats();
  if (invoice.kind !== 'INVOICE' || invoice.remainingCents <= 0 || invoice.remainingCents === invoice.grossCents) return null;
  return <span className="table__meta">{t('list.remaining', { amount: money(invoice.remainingCents) })}</span>;
}

function InvoiceTable({ invoices, companyName, previewHref, linkRef }: InvoiceListProps) {
  const { t, money, day, period } = useFormats();
  const captionId = `invoices-${useId()}`;
  return (
    <div className="table-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="table invoice-table">
        <caption id={captionId} className="visually-hidden">
          {t('list.caption', { company: companyName })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('list.columns.number')}</th>
            <th scope="col">{t('list.columns.issueDate')}</th>
            <th scope="col">{t('list.columns.period')}</th>
            <th scope="col" className="invoice-table__amount">
              {t('list.columns.net')}
            </th>
            <th scope="col" className="invoice-table__amount">
              {t('list.columns.gross')}
            </th>
            <th scope="col">{t('list.columns.status')}</th>
            <th scope="col">{t('list.columns.dueDate')}</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <tr key={invoice.id} className={invoice.overdue ? 'is-overdue' : undefined}>
              <th scope="row" className="invoice-table__number">
                <PreviewLink invoice={invoice} href={previewHref(invoice.id)} linkRef={(element) => linkRef(invoice.id, element)} />
                <span className="table__meta invoice-table__label">
                  {invoice.kind === 'CREDIT_NOTE' && invoice.creditedInvoiceNumber
                    ? t('list.creditNoteFor', { number: invoice.creditedInvoiceNumber })
                    : invoice.label}
                </span>
              </th>
              <td className="invoice-table__date">
                <time dateTime={invoice.issueDate}>{day(invoice.issueDate)}</time>
              </td>
              <td className="invoice-table__period">{period(invoice)}</td>
              <td className="invoice-table__amount">{money(signed(invoice, invoice.netCents))}</td>
              <td className="invoice-table__amount">
                <strong>{money(signed(invoice, invoice.grossCents))}</strong>
                <Remaining invoice={invoice} />
              </td>
              <td>
                <InvoiceStatusBadge invoice={invoice} />
              </td>
              <td className="invoice-table__date">
                {invoice.kind === 'INVOICE' ? <time dateTime={invoice.dueDate}>{day(invoice.dueDate)}</time> : t('list.none')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InvoiceCards({ invoices, companyName, previewHref, linkRef }: InvoiceListProps) {
  const { t, money, day, period } = useFormats();
  return (
    <ul className="invoice-cards" aria-label={t('list.caption', { company: companyName })}>
      {invoices.map((invoice) => (
        <li key={invoice.id} className={invoice.overdue ? 'invoice-card is-overdue' : 'invoice-card'}>
          <p className="invoice-card__head">
            <PreviewLink invoice={invoice} href={previewHref(invoice.id)} linkRef={(element) => linkRef(invoice.id, element)} />
            <time className="invoice-card__date" dateTime={invoice.issueDate}>
              {day(invoice.issueDate)}
            </time>
          </p>
          <p className="invoice-card__meta">
            {invoice.kind === 'CREDIT_NOTE' && invoice.creditedInvoiceNumber
              ? t('list.creditNoteFor', { number: invoice.creditedInvoiceNumber })
              : invoice.label}
          </p>
          <p className="invoice-card__meta">{t('list.period', { period: period(invoice) })}</p>
          <p className="invoice-card__amounts">
            <strong>{t('list.gross', { amount: money(signed(invoice, invoice.grossCents)) })}</strong>
            <span className="invoice-card__net">{t('list.net', { amount: money(signed(invoice, invoice.netCents)) })}</span>
            <Remaining invoice={invoice} />
          </p>
          <div className="invoice-card__footer">
            <InvoiceStatusBadge invoice={invoice} />
            {invoice.kind === 'INVOICE' ? (
              <span className="invoice-card__due">{t('list.dueOn', { date: day(invoice.dueDate) })}</span>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The number, as the link that opens the preview; screen readers also hear the date. */
function PreviewLink({ invoice, href, linkRef }: { invoice: InvoiceListItemFragment; href: string; linkRef: Ref<HTMLAnchorElement> }) {
  const { t, day } = useFormats();
  return (
    <Link ref={linkRef} to={href} state={{ preview: true }} preventScrollReset className="link invoice-open">
      {invoice.number}
      <span className="visually-hidden">, {t('list.issuedOn', { date: day(invoice.issueDate) })}</span>
    </Link>
  );
}
