import type { Request, Response } from 'express';
import { DomainError } from '../../common/domain-error';
import type { Counter } from '../../common/limits';
import { clearSessionCookie, readCookie, sessionCookieName } from '../../http/session-cookie';
import type { ApiTokenService } from '../api-tokens/api-tokens.service';
import { TokenRefused } from '../api-tokens/api-tokens.service';
import type { AuthService } from '../auth/auth.service';
import { ANONYMOUS, type Principal } from './principal';

export interface PrincipalSources {
  auth: AuthService;
  apiTokens: ApiTokenService;
  /** Requests per token per minute. */
  tokenLimiter: Counter;
  /** Production: the session cookie is Secure and named `__Host-guichet_session`. */
  secureCookies: boolean;
}

/** A refusal before any operation runs: its HTTP status, and `Retry-After` for a rate limit. */
export class RequestRefused extends DomainError {
  constructor(
    readonly status: number,
    error: DomainError,
    readonly retryAfter?: number,
  ) {
    super(error.code, error.message, error.fields, { ...error.extra, ...(retryAfter !== undefined ? { retryAfter } : {}) });
  }
}

const BEARER = /^Bearer +(\S+) *$/i;

/**
 * Who is calling, for GraphQL and every file route alike. With an `Authorization` header the
 * request is the token's and nothing else: any cookie is ignored, and a bad, expired or revoked
 * token is refused (401), never replaced by the session. Otherwise the session cookie decides.
 */
export async function resolvePrincipal(sources: PrincipalSources, req: Request, res: Response, now: Date = new Date()): Promise<Principal> {
  const header = req.get('authorization');
  if (header !== undefined) {
    const match = BEARER.exec(header);
    if (!match?.[1]) {
      throw new RequestRefused(401, new DomainError('UNAUTHENTICATED', 'The Authorization header must read "Bearer <token>".'));
    }
    let principal;
    try {
      principal = await sources.apiTokens.authenticate(match[1], req.ip ?? null, now);
    } catch (error) {
      if (error instanceof TokenRefused) throw new RequestRefused(error.status, error);
      throw error;
    }
    const { allowed, retryAfter } = await sources.tokenLimiter.hit(principal.tokenId);
    if (!allowed) {
      throw new RequestRefused(
        429,
        new DomainError('RATE_LIMITED', `This API token sent too many requests: retry in ${retryAfter} s.`),
        retryAfter,
      );
    }
    return principal;
  }
  const cookie = readCookie(req, sessionCookieName(sources.secureCookies));
  if (!cookie) return ANONYMOUS;
  const lookup = await sources.auth.resolveSession(cookie, now);
  if (lookup.principal) return lookup.principal;
  clearSessionCookie(res, sources.secureCookies);
  return { kind: 'anonymous', sessionExpired: lookup.expired };
}
