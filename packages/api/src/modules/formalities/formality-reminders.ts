import type { DataSource } from 'typeorm';
import type { Locale } from '@guichet/shared';
import { withTransaction, type ServiceContext } from '../../db/with-transaction';
import { CompanyEntity } from '../companies/company.entity';
import { layoutEmail, type RenderedEmail } from '../mailer/templates';
import type { OutboxService } from '../mailer/outbox.service';
import { parisDay } from '../mail/mail.labels';
import { notificationRecipients } from '../team/notification-recipients';
import { FormalityEntity } from './formality.entity';

/** A reminder leaves this many days before the client's next due date (and once when it is already past). */
export const FORMALITY_REMINDER_DAYS = 2;
const BATCH = 200;
const DAY_MS = 86_400_000;

interface ReminderParams {
  firstName: string;
  companyName: string;
  title: string;
  dueDate: string;
  overdue: boolean;
  url: string;
  reason: 'contact' | 'admin_fallback';
  /** PUBLIC_URL: the footer links to the legal pages there. */
  publicUrl: string;
}

const frenchDay = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

export function formalityReminderEmail(locale: Locale, p: ReminderParams): RenderedEmail {
  if (locale === 'en') {
    return layoutEmail(
      'formality_due_reminder',
      p.overdue ? `Formality “${p.title}”: the due date has passed` : `Formality “${p.title}”: due on ${p.dueDate}`,
      [
        `Hello ${p.firstName},`,
        p.overdue
          ? `What is asked of ${p.companyName} for the formality “${p.title}” was due on ${p.dueDate}. Please answer as soon as you can so that the file can move forward.`
          : `What is asked of ${p.companyName} for the formality “${p.title}” is due on ${p.dueDate}.`,
      ],
      { label: 'Open the formality', url: p.url },
      p.reason === 'contact'
        ? `You receive this reminder because you are the formalities contact of ${p.companyName}.`
        : `You receive this reminder as an administrator of ${p.companyName}, because no member is set as the formalities contact.`,
      { locale, publicUrl: p.publicUrl },
    );
  }
  const day = frenchDay(p.dueDate);
  return layoutEmail(
    'formality_due_reminder',
    p.overdue ? `Formalité « ${p.title} » : l’échéance est dépassée` : `Formalité « ${p.title} » : échéance le ${day}`,
    [
      `Bonjour ${p.firstName},`,
      p.overdue
        ? `Ce qui est demandé à ${p.companyName} pour la formalité « ${p.title} » était attendu pour le ${day}. Merci d’y répondre dès que possible pour que le dossier avance.`
        : `Ce qui est demandé à ${p.companyName} pour la formalité « ${p.title} » est attendu pour le ${day}.`,
    ],
    { label: 'Voir la formalité', url: p.url },
    p.reason === 'contact'
      ? `Vous recevez ce rappel parce que vous êtes le contact formalités de ${p.companyName}.`
      : `Vous recevez ce rappel en tant qu’administrateur de ${p.companyName}, car aucun membre n’est désigné contact formalités.`,
    { locale, publicUrl: p.publicUrl },
  );
}

/**
 * Due-date reminders of the formalities waiting for the client: the earliest of the formality's due
 * date and those of its open requests. One email per formality and due date: `reminded_due_date`
 * records the date reminded for, so a new due date sets a new reminder and several workers never
 * send the same one twice (the claim is a conditional update).
 */
export class FormalityReminders {
  constructor(
    private readonly ds: DataSource,
    private readonly outbox: OutboxService,
    private readonly settings: { publicUrl: string },
  ) {}

  /** The client's next due date of each formality waiting for it, when it is within the reminder window and not reminded yet. */
  private async candidates(ctx: ServiceContext, horizon: string): Promise<{ id: string; due: string }[]> {
    const rows: { id: string; request_due: string | null; formality_due: string | null; reminded: string | null }[] = await (
      ctx.em ?? this.ds.manager
    ).query(
      `SELECT f.id, f.due_date AS formality_due, f.reminded_due_date AS reminded,
              (SELECT MIN(r.due_date) FROM information_requests r
                WHERE r.formality_id = f.id AND r.status = 'OPEN' AND r.due_date IS NOT NULL) AS request_due
         FROM formalities f
        WHERE f.turn = 'CLIENT'
          AND (f.due_date <= ? OR EXISTS (SELECT 1 FROM information_requests r
                WHERE r.formality_id = f.id AND r.status = 'OPEN' AND r.due_date <= ?))
        ORDER BY f.id`,
      [horizon, horizon],
    );
    const due: { id: string; due: string }[] = [];
    for (const row of rows) {
      const next = [row.request_due, row.formality_due].filter((d): d is string => d !== null).sort()[0];
      if (next !== undefined && next <= horizon && row.reminded !== next) due.push({ id: row.id, due: next });
      if (due.length >= BATCH) break;
    }
    return due;
  }

  /** Sends the reminders that are due; returns how many formalities were reminded. */
  async sendDueReminders(ctx: ServiceContext): Promise<number> {
    const today = parisDay(ctx.now);
    const horizon = parisDay(new Date(ctx.now.getTime() + FORMALITY_REMINDER_DAYS * DAY_MS));
    let sent = 0;
    for (const { id, due } of await this.candidates(ctx, horizon)) {
      await withTransaction(this.ds, ctx, async (tx) => {
        const claimed = await tx.em
          .createQueryBuilder()
          .update(FormalityEntity)
          .set({ remindedDueDate: due })
          .where('id = :id AND turn = :turn AND (reminded_due_date IS NULL OR reminded_due_date <> :due)', { id, turn: 'CLIENT', due })
          .execute();
        if (claimed.affected !== 1) return;
        const formality = await tx.em.findOneOrFail(FormalityEntity, { where: { id } });
        const company = await tx.em.findOneOrFail(CompanyEntity, { where: { id: formality.companyId } });
        const { reason, recipients } = await notificationRecipients(tx.em, company.id, 'FORMALITE', 'formality:read');
        const url = `${this.settings.publicUrl}/c/${encodeURIComponent(company.id)}/services/${encodeURIComponent(formality.id)}`;
        for (const r of recipients) {
          const email = formalityReminderEmail(r.locale, {
            firstName: r.firstName,
            companyName: company.name,
            title: formality.title,
            dueDate: due,
            overdue: due < today,
            url,
            reason,
            publicUrl: this.settings.publicUrl,
          });
          await this.outbox.enqueue(tx.em, r.email, email, tx.now);
        }
        sent += 1;
      });
    }
    return sent;
  }
}
