import type { Request, Response } from 'express';
import type { Scope } from '@guichet/shared';
import type { Services } from '../services';
import type { Loaders } from './loaders';

export interface PrincipalMembership {
  membershipId: string;
  scopes: Scope[];
}

/** The caller, resolved once per request from the session cookie, with its memberships. */
export interface Principal {
  kind: 'session';
  userId: string;
  sessionId: string;
  email: string;
  isStaff: boolean;
  /** Active memberships only, by company id. Read from the database on every request. */
  memberships: ReadonlyMap<string, PrincipalMembership>;
}

export interface RequestContext {
  services: Services;
  principal: Principal | null;
  /** A session cookie was sent but names no live session (expired, ended or unknown). */
  sessionExpired: boolean;
  ip: string | null;
  userAgent: string | null;
  loaders: Loaders;
  req: Request;
  res: Response;
}
