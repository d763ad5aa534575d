import type { Request, Response } from 'express';
import type { Principal } from '../modules/identity/principal';
import type { Services } from '../services';
import type { Loaders } from './loaders';

export type { Principal } from '../modules/identity/principal';

export interface RequestContext {
  services: Services;
  /** The caller, resolved once per request (session cookie or bearer token); `anonymous` when none. */
  principal: Principal;
  ip: string | null;
  userAgent: string | null;
  loaders: Loaders;
  req: Request;
  res: Response;
}
