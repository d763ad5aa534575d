import { Arg, Ctx, FieldResolver, Int, Resolver, Root, UseMiddleware } from 'type-graphql';
import { InputLimits } from '../../common/input-limits';
import { pageSize } from '../../common/cursor';
import { RequiresPermission } from '../../graphql/access';
import { serviceContext } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { CompanyType } from '../companies/company.type';
import { ActivityEventConnection } from './activity.type';

@Resolver(() => CompanyType)
@UseMiddleware(InputLimits)
export class ActivityCompanyFieldsResolver {
  @FieldResolver(() => ActivityEventConnection, { nullable: true, description: 'The company’s journal, newest first (keyset cursors).' })
  @RequiresPermission('activity:read', 'parent')
  async activity(
    @Root() company: CompanyType,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ActivityEventConnection> {
    const page = await ctx.services.activity.list(serviceContext(ctx), company.id, pageSize(first), after);
    const actors = await ctx.loaders.userById.loadMany([...new Set(page.rows.flatMap((r) => (r.actorUserId ? [r.actorUserId] : [])))]);
    const byId = new Map(actors.flatMap((u) => (u && !(u instanceof Error) ? [[u.id, u] as const] : [])));
    const edges = page.rows.map((r) => {
      const actor = r.actorUserId ? byId.get(r.actorUserId) : undefined;
      return {
        cursor: page.cursorOf(r),
        node: {
          id: r.id,
          action: r.action,
          actorName: actor ? `${actor.firstName} ${actor.lastName}` : null,
          actorEmail: actor?.email ?? null,
          targetType: r.targetType,
          targetId: r.targetId,
          details: r.details,
          ip: r.ip,
          createdAt: r.createdAt,
        },
      };
    });
    return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: page.hasNextPage } };
  }
}
