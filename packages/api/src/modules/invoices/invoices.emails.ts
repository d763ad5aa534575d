import type { Locale } from '@guichet/shared';
import { layoutEmail, type RenderedEmail } from '../mailer/templates';
import { frenchDay } from './calendar';
import type { InvoiceKind } from './invoice.entity';
import { formatAmount } from './invoices.labels';

export interface InvoiceEmailParams {
  firstName: string;
  companyName: string;
  kind: InvoiceKind;
  number: string;
  grossCents: number;
  /** What is still to be paid (overdue reminders). */
  remainingCents: number;
  dueDate: string;
  periodStart: string;
  periodEnd: string;
  /** For a credit note: the invoice it corrects. */
  creditedNumber: string | null;
  /** The invoice's page in the client space, which mints the download links. */
  url: string;
  /** Why this person gets it: they are the billing contact, or an administrator because nobody is. */
  reason: 'contact' | 'admin_fallback';
  /** PUBLIC_URL: the footer links to the legal pages there. */
  publicUrl: string;
}

const englishDay = (day: string): string =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));

function footer(locale: Locale, p: InvoiceEmailParams): string {
  if (locale === 'en') {
    return p.reason === 'contact'
      ? `You receive this email because you are the billing contact of ${p.companyName}. An administrator can change who is notified in Team settings.`
      : `You receive this email as an administrator of ${p.companyName}, because no member is set as the billing contact. You can choose one in Team settings.`;
  }
  return p.reason === 'contact'
    ? `Vous recevez cet e-mail parce que vous êtes le contact facturation de ${p.companyName}. Un administrateur peut changer les personnes notifiées dans « Mon équipe ».`
    : `Vous recevez cet e-mail en tant qu’administrateur de ${p.companyName}, car aucun membre n’est désigné contact facturation. Vous pouvez en choisir un dans « Mon équipe ».`;
}

/** A new invoice or credit note: its number, amount and due date, and a link to its page (no attachment). */
export function invoiceIssuedEmail(locale: Locale, p: InvoiceEmailParams): RenderedEmail {
  const amount = formatAmount(p.grossCents, locale);
  if (locale === 'en') {
    const period = `${englishDay(p.periodStart)} to ${englishDay(p.periodEnd)}`;
    return p.kind === 'CREDIT_NOTE'
      ? layoutEmail(
          'invoice_issued',
          `Credit note ${p.number} for ${p.companyName}`,
          [
            `Hello ${p.firstName},`,
            `Domiciliation credit note ${p.number} (${amount} including VAT) was issued for ${p.companyName}. It corrects invoice ${p.creditedNumber ?? ''}.`,
            'You can view and download it (Factur-X PDF, or its XML) from your client space.',
          ],
          { label: 'View the credit note', url: p.url },
          footer(locale, p),
          { locale, publicUrl: p.publicUrl },
        )
      : layoutEmail(
          'invoice_issued',
          `Invoice ${p.number} for ${p.companyName}: ${amount}`,
          [
            `Hello ${p.firstName},`,
            `Invoice ${p.number} was issued for ${p.companyName}: ${amount} including VAT, for ${period}, due by ${englishDay(p.dueDate)}.`,
            'You can view and download it (Factur-X PDF, or its XML) from your client space.',
          ],
          { label: 'View the invoice', url: p.url },
          footer(locale, p),
          { locale, publicUrl: p.publicUrl },
        );
  }
  const period = `du ${frenchDay(p.periodStart)} au ${frenchDay(p.periodEnd)}`;
  return p.kind === 'CREDIT_NOTE'
    ? layoutEmail(
        'invoice_issued',
        `Avoir ${p.number} pour ${p.companyName}`,
        [
          `Bonjour ${p.firstName},`,
          `L’avoir ${p.number} (${amount} TTC) a été émis pour ${p.companyName}. Il corrige la facture ${p.creditedNumber ?? ''}.`,
          'Vous pouvez le consulter et le télécharger (PDF Factur-X, ou son XML) depuis votre espace client.',
        ],
        { label: 'Voir l’avoir', url: p.url },
        footer(locale, p),
        { locale, publicUrl: p.publicUrl },
      )
    : layoutEmail(
        'invoice_issued',
        `Facture ${p.number} pour ${p.companyName} : ${amount}`,
        [
          `Bonjour ${p.firstName},`,
          `La facture ${p.number} a été émise pour ${p.companyName} : ${amount} TTC, pour la période ${period}, à régler au plus tard le ${frenchDay(p.dueDate)}.`,
          'Vous pouvez la consulter et la télécharger (PDF Factur-X, ou son XML) depuis votre espace client.',
        ],
        { label: 'Voir la facture', url: p.url },
        footer(locale, p),
        { locale, publicUrl: p.publicUrl },
      );
}

/** The one reminder of an invoice past its due date. */
export function invoiceOverdueEmail(locale: Locale, p: InvoiceEmailParams): RenderedEmail {
  const remaining = formatAmount(p.remainingCents, locale);
  if (locale === 'en') {
    return layoutEmail(
      'invoice_overdue',
      `Payment reminder: invoice ${p.number} for ${p.companyName}`,
      [
        `Hello ${p.firstName},`,
        `Invoice ${p.number} of ${p.companyName} was due on ${englishDay(p.dueDate)} and ${remaining} remain unpaid.`,
        'If the payment has been made in the meantime, please disregard this reminder. The bank details are on the invoice.',
      ],
      { label: 'View the invoice', url: p.url },
      footer(locale, p),
      { locale, publicUrl: p.publicUrl },
    );
  }
  return layoutEmail(
    'invoice_overdue',
    `Rappel de paiement : facture ${p.number} de ${p.companyName}`,
    [
      `Bonjour ${p.firstName},`,
      `La facture ${p.number} de ${p.companyName} était à régler le ${frenchDay(p.dueDate)} ; il reste ${remaining} à payer.`,
      'Si le paiement a été fait entre-temps, ne tenez pas compte de ce rappel. Les coordonnées bancaires figurent sur la facture.',
    ],
    { label: 'Voir la facture', url: p.url },
    footer(locale, p),
    { locale, publicUrl: p.publicUrl },
  );
}
