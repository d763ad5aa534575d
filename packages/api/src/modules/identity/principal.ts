import type { OperatorTokenCapability, Permission, Scope } from '@guichet/shared';

export interface PrincipalMembership {
  membershipId: string;
  scopes: Scope[];
}

/** A person signed in with a session cookie. */
export interface SessionPrincipal {
  kind: 'session';
  userId: string;
  sessionId: string;
  email: string;
  isStaff: boolean;
  /** Active memberships only, by company id. Read from the database on every request. */
  memberships: ReadonlyMap<string, PrincipalMembership>;
}

/** A third-party program acting for one company with the permissions chosen at the token's creation. */
export interface ApiTokenPrincipal {
  kind: 'apiToken';
  tokenId: string;
  name: string;
  companyId: string;
  permissions: ReadonlySet<Permission>;
  /** The administrator who created it: the token acts on their behalf, and dies with their access. */
  createdByUserId: string;
}

/** The operator's own program (scanning station, billing tool), platform-wide, with capabilities. */
export interface OperatorTokenPrincipal {
  kind: 'operatorToken';
  tokenId: string;
  name: string;
  capabilities: ReadonlySet<OperatorTokenCapability>;
  createdByUserId: string;
}

/** Nobody: no credential, or (sessionExpired) a session cookie that names no live session. */
export interface AnonymousPrincipal {
  kind: 'anonymous';
  sessionExpired: boolean;
}

export type Principal = SessionPrincipal | ApiTokenPrincipal | OperatorTokenPrincipal | AnonymousPrincipal;
export type AuthenticatedPrincipal = Exclude<Principal, AnonymousPrincipal>;

export const ANONYMOUS: AnonymousPrincipal = { kind: 'anonymous', sessionExpired: false };

/**
 * Who did something, as services record it. A token acts on behalf of the person who created it
 * (who answers for it), and the journal also names the token.
 */
export interface Actor {
  userId: string;
  apiTokenId?: string | null;
  ip: string | null;
}

export function actorOf(principal: Principal, ip: string | null): Actor {
  switch (principal.kind) {
    case 'session':
      return { userId: principal.userId, ip };
    case 'apiToken':
    case 'operatorToken':
      return { userId: principal.createdByUserId, apiTokenId: principal.tokenId, ip };
    default:
      throw new Error('actorOf called without a principal: the access declaration should have refused the request');
  }
}

/** The key a signed file link is bound to: the member's user id, or the token's id. */
export function linkOwnerOf(principal: Principal): string | null {
  if (principal.kind === 'session') return principal.userId;
  if (principal.kind === 'apiToken') return principal.tokenId;
  return null;
}
