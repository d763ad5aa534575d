import type { DataSource } from 'typeorm';
import { defaultSeller } from '../config/seller';
import type { ServiceContext } from '../db/with-transaction';
import { ActivityService } from '../modules/activity/activity.service';
import { addDays, addMonths, monthOf, parisMidnight } from '../modules/invoices/calendar';
import type { SellerIdentity } from '../modules/invoices/facturx';
import { InvoicesService } from '../modules/invoices/invoices.service';
import { InvoicingService } from '../modules/invoices/invoicing.service';
import { OutboxService } from '../modules/mailer/outbox.service';
import type { FileStorage } from '../storage/storage';

export const DEMO_PLAN = {
  label: 'Domiciliation commerciale — offre Essentielle',
  period: 'MONTHLY',
  priceCents: 4900,
  vatRate: '20',
} as const;

/**
 * A year of Demo SAS's invoices, issued through the real paths (the invoicing run, a one-off
 * invoice, a credit note, payments) at their dates in the past, without emailing anyone: twelve
 * monthly invoices of its plan, every one paid except the one of two months ago (overdue), last
 * month's (partially paid) and this month's (due); and a forwarding invoice of five months ago,
 * cancelled in full by a credit note.
 */
export async function seedDemoInvoices(
  ds: DataSource,
  storage: FileStorage,
  companyId: string,
  staffUserId: string,
  now: Date,
  seller: SellerIdentity = defaultSeller(),
): Promise<void> {
  const activity = new ActivityService(ds);
  const invoices = new InvoicesService(ds, { publicUrl: '', seller, paymentDays: 30 }, storage, activity, new OutboxService(ds));
  const invoicing = new InvoicingService(ds, invoices, activity);
  const at = (instant: Date): ServiceContext => ({
    actor: { userId: staffUserId, ip: null },
    now: instant.getTime() < now.getTime() ? instant : now,
    ip: null,
    userAgent: null,
  });
  /** 09:00 in Paris on `day` (or `now` if that is later than now). */
  const morning = (day: string): Date => new Date(parisMidnight(day).getTime() + 9 * 3_600_000);
  const silent = { notify: false };

  const thisMonth = monthOf(now);
  const firstMonth = addMonths(thisMonth, -11);
  await invoicing.setPlan(at(morning(`${firstMonth}-01`)), companyId, DEMO_PLAN);

  for (let back = 11; back >= 0; back -= 1) {
    const month = addMonths(thisMonth, -back);
    const run = await invoicing.run(at(morning(`${month}-01`)), month, { dryRun: false, notify: false });
    const invoice = run.items.find((i) => i.companyId === companyId)?.invoice;
    if (!invoice) throw new Error(`demo seed: ${month} was not billed: ${JSON.stringify(run.items)}`);
    if (back >= 3) {
      const day = addDays(invoice.issueDate, 9);
      await invoices.recordPayment(at(morning(day)), companyId, invoice.id, {
        amountCents: invoice.grossCents,
        date: day,
        method: 'DIRECT_DEBIT',
        reference: `PRLV SEPA DOMICILE PRO ${invoice.number}`,
      });
    } else if (back === 1) {
      const day = addDays(invoice.issueDate, 5);
      const paidOn = morning(day).getTime() <= now.getTime() ? day : invoice.issueDate;
      await invoices.recordPayment(at(morning(paidOn)), companyId, invoice.id, {
        amountCents: 2000,
        date: paidOn,
        method: 'TRANSFER',
        reference: 'VIR DEMO SAS ACOMPTE',
      });
    }
    if (back === 5) {
      // A parcel forwarded by mistake: invoiced, then cancelled by a credit note.
      const forwarding = await invoices.issueInvoice(
        at(morning(`${month}-14`)),
        companyId,
        {
          lines: [
            { label: 'Réexpédition de colis (forfait)', quantity: '2', unitPriceCents: 850, vatRate: '20' },
            {
              label: 'Affranchissement La Poste (débours)',
              quantity: '1',
              unitPriceCents: 1290,
              vatRate: '0',
              exemptionReason: 'Débours refacturés à l’euro près, hors champ de la TVA (article 267-II-2° du CGI)',
            },
          ],
          periodStart: `${month}-10`,
          periodEnd: `${month}-10`,
          label: 'Réexpédition de colis',
        },
        silent,
      );
      await invoices.issueCreditNote(
        at(morning(`${month}-16`)),
        companyId,
        forwarding.id,
        { reason: 'Colis réexpédié par erreur : la réexpédition est annulée et ne vous est pas facturée.' },
        silent,
      );
    }
  }
}
