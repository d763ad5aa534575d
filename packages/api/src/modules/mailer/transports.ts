import nodemailer from 'nodemailer';
import type { DkimConfig } from '../../config/env';
import type { MailTransport } from '../../workers/outbox-worker';
import { messageIdFor } from './message-id';

/** Development: messages stay in the outbox table, listed by the /dev/mailbox page. */
export const developmentTransport: MailTransport = {
  name: 'development',
  send: async () => undefined,
};

/** Sends through SMTP_URL; with `dkim`, every message is signed (relaxed/relaxed, SHA-256) for its domain. */
export function smtpTransport(smtpUrl: string, from: string, dkim?: DkimConfig): MailTransport {
  const transporter = nodemailer.createTransport(smtpUrl, dkim ? { dkim } : {});
  return {
    name: 'smtp',
    async send(message) {
      await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        ...(message.id ? { messageId: messageIdFor(message.id, from) } : {}),
      });
    },
  };
}
