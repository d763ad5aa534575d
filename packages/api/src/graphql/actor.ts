import type { ServiceContext } from '../db/with-transaction';
import { actorOf as actorOfPrincipal, type Actor } from '../modules/identity/principal';
import { requestIdOf } from '../observability/request-record';
import type { RequestContext } from './context';

/** The caller as services see it. Only called behind an access declaration that requires one. */
export function actorOf(ctx: RequestContext): Actor {
  return actorOfPrincipal(ctx.principal, ctx.ip);
}

/**
 * What a resolver hands to a service: who acts (null for anonymous callers of public operations),
 * the request's instant and id, and no transaction yet (the service opens one, or joins a caller's).
 */
export function serviceContext(ctx: RequestContext): ServiceContext {
  const anonymous = ctx.principal.kind === 'anonymous';
  return { actor: anonymous ? null : actorOf(ctx), now: new Date(), ip: ctx.ip, userAgent: ctx.userAgent, requestId: requestIdOf(ctx.res) };
}

/** The operator's staff reading a client company they are not a member of (journaled: see ActivityService.recordStaffRead). */
export function isStaffReading(ctx: RequestContext, companyId: string): boolean {
  const p = ctx.principal;
  return p.kind === 'session' && p.isStaff && !p.memberships.has(companyId);
}
