import { Router } from 'express';
import type { Services } from '../services';

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Development mailbox: the emails the product would have sent, newest first, with working
 * links. Mounted only when no SMTP server is configured and outside production.
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
        text: r.textBody,
        status: r.status,
        createdAt: r.createdAt.toISOString(),
      })),
    );
  });
  router.get('/', async (_req, res) => {
    const rows = await services.outbox.latest(50);
    const items = rows
      .map(
        (
          r,
        ) => `<article><h2>${escapeHtml(r.subject)}</h2><p class="meta">À / To: <strong>${escapeHtml(r.toAddress)}</strong> · ${r.createdAt.toISOString()} · ${r.status}</p>
<iframe title="${escapeHtml(r.subject)}" sandbox="allow-top-navigation-by-user-activation allow-popups" srcdoc="${escapeHtml(`<base target="_top">${r.htmlBody}`)}"></iframe></article>`,
      )
      .join('\n');
    res.type('html').send(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Boîte de développement — Guichet</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111827}article{border:1px solid #d1d5db;border-radius:8px;padding:1rem;margin:1rem 0}iframe{width:100%;height:22rem;border:0}.meta{color:#374151}</style></head>
<body><h1>Boîte de développement / Development mailbox</h1><p>Les e-mails que Guichet aurait envoyés (aucun serveur SMTP configuré). The emails Guichet would have sent (no SMTP server configured).</p>
${items || '<p>Aucun e-mail pour l’instant. / No email yet.</p>'}</body></html>`);
  });
  return router;
}
