import { Brackets, type DataSource, type EntityManager } from 'typeorm';
import type { ServiceContext } from '../../db/with-transaction';
import { decodeKeysetCursor, encodeCursor } from '../../common/cursor';
import { dbDate } from '../../db/columns';
import { newId } from '../../common/ids';
import { ActivityEventEntity } from './activity-event.entity';

export interface ActivityInput {
  companyId?: string | null;
  actorUserId?: string | null;
  actorApiTokenId?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown> | null;
  ip?: string | null;
}

/** The journal's action for a read by the operator's staff (see recordStaffRead). */
export const STAFF_READ_ACTION = 'operator.viewed';
const STAFF_READ_WINDOW_MS = 60 * 60_000;

/** The activity journal. Written in the caller's transaction so an event exists iff its change does. */
export class ActivityService {
  constructor(private readonly ds: DataSource) {}

  async record(em: EntityManager, input: ActivityInput, at: Date = new Date()): Promise<void> {
    await em.insert(ActivityEventEntity, {
      id: newId(at.getTime()),
      companyId: input.companyId ?? null,
      actorUserId: input.actorUserId ?? null,
      actorApiTokenId: input.actorApiTokenId ?? null,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      details: input.details ? JSON.stringify(input.details) : null,
      ip: input.ip ?? null,
      createdAt: at,
    });
  }

  /**
   * The operator's staff read a client's data (the company's page, a formality, a signature's
   * evidence): the client's journal says so. Once per hour for the same person, company and thing,
   * so that browsing does not flood the journal. Only staff who are not members of the company.
   */
  async recordStaffRead(ctx: ServiceContext, companyId: string, targetType: string, targetId: string): Promise<void> {
    const userId = ctx.actor?.userId;
    if (!userId) return;
    const em = ctx.em ?? this.ds.manager;
    const since = dbDate(this.ds.options.type, new Date(ctx.now.getTime() - STAFF_READ_WINDOW_MS));
    const seen = await em
      .getRepository(ActivityEventEntity)
      .createQueryBuilder('a')
      .select('a.id')
      .where('a.company_id = :companyId AND a.created_at >= :since', { companyId, since })
      .andWhere('a.actor_user_id = :userId AND a.action = :action AND a.target_id = :targetId', {
        userId,
        action: STAFF_READ_ACTION,
        targetId,
      })
      .limit(1)
      .getRawMany();
    if (seen.length > 0) return;
    await this.record(em, { companyId, actorUserId: userId, action: STAFF_READ_ACTION, targetType, targetId, ip: ctx.ip ?? null }, ctx.now);
  }

  /** A company's journal, newest first, keyset on (created_at, id) over ix_activity_company. */
  async list(
    ctx: ServiceContext,
    companyId: string,
    first: number,
    after: string | null,
  ): Promise<{ rows: ActivityEventEntity[]; hasNextPage: boolean; cursorOf: (e: ActivityEventEntity) => string }> {
    const qb = (ctx.em ?? this.ds.manager)
      .getRepository(ActivityEventEntity)
      .createQueryBuilder('a')
      .where('a.company_id = :companyId', { companyId });
    if (after) {
      const position = decodeKeysetCursor(after);
      const at = dbDate(this.ds.options.type, position.at);
      qb.andWhere(
        new Brackets((w) => w.where('a.created_at < :at', { at }).orWhere('a.created_at = :at AND a.id < :id', { at, id: position.id })),
      );
    }
    const rows = await qb
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(first + 1)
      .getMany();
    return {
      rows: rows.slice(0, first),
      hasNextPage: rows.length > first,
      cursorOf: (e) => encodeCursor([e.createdAt.toISOString(), e.id]),
    };
  }
}
