import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * The policy of the single-page app, sent with every response (a route with a policy of its own,
 * the playground or a scan shown in a frame, replaces it).
 *
 * - Scripts: files from this origin only. The built index.html has no inline script, and no
 *   `'unsafe-inline'` or `'unsafe-eval'` is allowed.
 * - Styles: style sheets from this origin only (`style-src-elem`); `style` attributes are allowed
 *   (`style-src-attr`) because the emails shown in the development mailbox, in a sandboxed frame
 *   that inherits this policy, carry their styles inline, as emails must. The app sets its few
 *   dynamic styles (tag colours) through the DOM, which no policy restricts.
 * - Frames: this origin (a scan's PDF in the mail preview). Nothing may frame the app.
 */
export const SPA_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-elem 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** HSTS in production: a year, subdomains included. Never over plain-http development. */
export const HSTS = 'max-age=31536000; includeSubDomains';

export function securityHeaders(options: { production: boolean }): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction): void => {
    res.setHeader('Content-Security-Policy', SPA_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (options.production) res.setHeader('Strict-Transport-Security', HSTS);
    next();
  };
}
