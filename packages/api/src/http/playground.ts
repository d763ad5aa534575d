import fs from 'node:fs/promises';
import path from 'node:path';
import { Router } from 'express';

/**
 * The page's own policy: scripts and styles from this origin only (no inline script; GraphiQL's
 * editor, Monaco, injects style elements and runs its language services in workers), requests to
 * this origin only.
 */
export const PLAYGROUND_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT =
  'Le playground de l’API n’est pas disponible : l’application web n’est pas construite (`pnpm build` ou `pnpm start`).\n' +
  'The API playground is not available: the web app is not built (run `pnpm build` or `pnpm start`).\n';

/**
 * GET /playground: the GraphQL playground (GraphiQL, built by packages/web as playground.html,
 * its scripts under /assets). Integrators paste an API token in its headers editor; a signed-in
 * person can also use it with the session cookie.
 */
export function playgroundRouter(webDistDir: string): Router {
  const router = Router();
  const file = path.join(webDistDir, 'playground.html');
  router.get('/', async (_req, res, next) => {
    let html: string;
    try {
      html = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return next(error);
      res.status(503).setHeader('Cache-Control', 'no-store').type('text').send(NOT_BUILT);
      return;
    }
    res.setHeader('Content-Security-Policy', PLAYGROUND_CSP);
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(html);
  });
  return router;
}
