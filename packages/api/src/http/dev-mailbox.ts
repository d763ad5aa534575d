import { Router } from 'express';
import type { Services } from '../services';

/**
 * Development mailbox data: the emails the product would have sent, newest first (the SPA's
 * /dev/mailbox page shows them, links included). Mounted only when no SMTP server is configured
 * and outside production.
 */
export function devMailboxRouter(services: Services): Router {
  const router = Router();
  router.get('/messages.json', async (req, res) => {
    const to = typeof req.query.to === 'string' ? req.query.to.toLowerCase() : undefined;
    const rows = await services.outbox.latest(50, to);
    res.json(
      rows.map((r) => ({
        id: r.id,
        to: r.toAddress,
        subject: r.subject,
        kind: r.kind,
        text: r.textBody,
        html: r.htmlBody,
        status: r.status,
        createdAt: r.createdAt.toISOString(),
      })),
    );
  });
  return router;
}
