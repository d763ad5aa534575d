import { Badge, type BadgeTone } from '@/components/ui';
import type { InvoiceKind, InvoiceStatus } from '@/lib/graphql/schema-types';
import { useInvoicesTranslation } from '../hooks/use-invoices-translation';

type Shown = InvoiceStatus | 'OVERDUE' | 'CREDIT_NOTE';

const TONES: Record<Shown, BadgeTone> = {
  DUE: 'warning',
  OVERDUE: 'danger',
  PARTIALLY_PAID: 'info',
  PAID: 'success',
  CREDITED: 'neutral',
  CREDIT_NOTE: 'neutral',
};

/** What the badge says: a credit note is one; an unpaid invoice past its due date is overdue (derived by the API). */
export function shownStatus(invoice: { kind: InvoiceKind; status: InvoiceStatus | null; overdue: boolean }): Shown {
  if (invoice.kind === 'CREDIT_NOTE' || !invoice.status) return 'CREDIT_NOTE';
  if (invoice.overdue) return 'OVERDUE';
  return invoice.status;
}

/** The payment status of an invoice (or "Avoir"); an overdue part-paid invoice also says it was partly paid. */
export function InvoiceStatusBadge({ invoice }: { invoice: { kind: InvoiceKind; status: InvoiceStatus | null; overdue: boolean } }) {
  const { t } = useInvoicesTranslation();
  const shown = shownStatus(invoice);
  return (
    <span className="invoice-status">
      <Badge tone={TONES[shown]}>{t(`statuses.${shown}`)}</Badge>
      {shown === 'OVERDUE' && invoice.status === 'PARTIALLY_PAID' ? (
        <span className="invoice-status__meta">{t('statuses.PARTIALLY_PAID')}</span>
      ) : null}
    </span>
  );
}
