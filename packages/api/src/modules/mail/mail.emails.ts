import type { Locale } from '@guichet/shared';
import { formatDateTime, layoutEmail, type RenderedEmail } from '../mailer/templates';
import type { MailType } from './mail-item.entity';
import { MAIL_TYPE_LABELS } from './mail.labels';

export interface NewMailEmailParams {
  firstName: string;
  companyName: string;
  sender: string;
  recipient: string;
  type: MailType;
  pageCount: number;
  receivedAt: Date;
  url: string;
  /** Why this person gets it: they are the mail contact, or an administrator because nobody is. */
  reason: 'contact' | 'admin_fallback';
  /** PUBLIC_URL: the footer links to the legal pages there. */
  publicUrl: string;
}

export function newMailEmail(locale: Locale, p: NewMailEmailParams): RenderedEmail {
  const received = formatDateTime(p.receivedAt, locale);
  const type = MAIL_TYPE_LABELS[p.type][locale];
  if (locale === 'en') {
    return layoutEmail(
      'mail_received',
      `New mail for ${p.companyName}: ${p.sender}`,
      [
        `Hello ${p.firstName},`,
        `A new item of mail for ${p.companyName} was received and scanned on ${received} (Paris time).`,
        `From: ${p.sender} — To: ${p.recipient} — ${type}, ${p.pageCount} ${p.pageCount > 1 ? 'pages' : 'page'}.`,
        'You can read it, download it or ask for it to be forwarded from your client space.',
      ],
      { label: 'View the mail', url: p.url },
      p.reason === 'contact'
        ? `You receive this email because you are the mail contact of ${p.companyName}. An administrator can change who is notified in Team settings.`
        : `You receive this email as an administrator of ${p.companyName}, because no member is set as the mail contact. You can choose one in Team settings.`,
      { locale, publicUrl: p.publicUrl },
    );
  }
  return layoutEmail(
    'mail_received',
    `Nouveau courrier pour ${p.companyName} : ${p.sender}`,
    [
      `Bonjour ${p.firstName},`,
      `Un nouveau courrier pour ${p.companyName} a été reçu et numérisé le ${received} (heure de Paris).`,
      `Expéditeur : ${p.sender} — Destinataire : ${p.recipient} — ${type}, ${p.pageCount} page${p.pageCount > 1 ? 's' : ''}.`,
      'Vous pouvez le consulter, le télécharger ou demander sa réexpédition depuis votre espace client.',
    ],
    { label: 'Voir le courrier', url: p.url },
    p.reason === 'contact'
      ? `Vous recevez cet e-mail parce que vous êtes le contact courrier de ${p.companyName}. Un administrateur peut changer les personnes notifiées dans « Mon équipe ».`
      : `Vous recevez cet e-mail en tant qu’administrateur de ${p.companyName}, car aucun membre n’est désigné contact courrier. Vous pouvez en choisir un dans « Mon équipe ».`,
    { locale, publicUrl: p.publicUrl },
  );
}
