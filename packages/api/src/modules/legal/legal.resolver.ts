import { Ctx, Query, Resolver } from 'type-graphql';
import { Public } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { LegalNoticeType, toLegalNotice } from './legal.type';

@Resolver()
export class LegalResolver {
  /**
   * Public on purpose: the legal pages are read before signing in (the law wants them reachable by
   * anyone), and what it returns is the operator's published identity, from configuration only.
   */
  @Query(() => LegalNoticeType, {
    description:
      'What the legal pages state: the operator’s identity (publisher, registration, contacts, domiciliation approval, host) and the retention settings. The same for every caller; nothing about any client.',
  })
  @Public()
  legalNotice(@Ctx() ctx: RequestContext): LegalNoticeType {
    return toLegalNotice(ctx.services.env);
  }
}
