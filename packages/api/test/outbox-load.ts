import type { DataSource } from 'typeorm';
import { OutboxService } from '../src/modules/mailer/outbox.service';
import { passwordResetEmail } from '../src/modules/mailer/templates';

/** Queues `count` password-reset emails to `<tag>.<i>@outbox.test` in one transaction; their outbox ids, in order. */
export async function queueTestEmails(ds: DataSource, count: number, tag: string): Promise<string[]> {
  const outbox = new OutboxService(ds);
  const now = new Date();
  return ds.transaction(async (em) => {
    const out: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const email = passwordResetEmail('fr', {
        firstName: 'Charge',
        url: `http://localhost/reset-password?token=${tag}${i}`,
        expiresAt: now,
        publicUrl: 'http://localhost',
      });
      out.push(await outbox.enqueue(em, `${tag}.${i}@outbox.test`, email, now));
    }
    return out;
  });
}
