import type { Request, Response } from 'express';

/** The session cookie's name in development and tests, over plain http. */
export const SESSION_COOKIE = 'guichet_session';

/**
 * In production the `__Host-` prefix makes the browser accept the cookie only when it is Secure,
 * has Path=/ and no Domain: it cannot be set by a sibling subdomain or over http. Development keeps
 * a plain name, since a `__Host-` cookie needs https.
 */
export const PRODUCTION_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

/** The session cookie's name: `__Host-guichet_session` in production (Secure cookies), `guichet_session` otherwise. */
export function sessionCookieName(production: boolean): string {
  return production ? PRODUCTION_SESSION_COOKIE : SESSION_COOKIE;
}

export function readCookie(req: Request, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** `production`: the `__Host-` name and the Secure flag (Path=/, no Domain, as the prefix requires). */
export function setSessionCookie(res: Response, token: string, expiresAt: Date, production: boolean): void {
  res.cookie(sessionCookieName(production), token, { httpOnly: true, sameSite: 'lax', secure: production, path: '/', expires: expiresAt });
}

export function clearSessionCookie(res: Response, production: boolean): void {
  res.clearCookie(sessionCookieName(production), { httpOnly: true, sameSite: 'lax', secure: production, path: '/' });
}
