import { actorOf as actorOfPrincipal, type Actor } from '../modules/identity/principal';
import type { RequestContext } from './context';

/** The caller as services see it. Only called behind an access declaration that requires one. */
export function actorOf(ctx: RequestContext): Actor {
  return actorOfPrincipal(ctx.principal, ctx.ip);
}
