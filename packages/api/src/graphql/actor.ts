import type { Actor } from '../modules/companies/company.service';
import type { RequestContext } from './context';

/** The signed-in caller as services see it. Only called behind an access declaration. */
export function actorOf(ctx: RequestContext): Actor {
  if (!ctx.principal) throw new Error('actorOf called without a principal');
  return { userId: ctx.principal.userId, ip: ctx.ip };
}
