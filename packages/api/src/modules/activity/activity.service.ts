import type { EntityManager } from 'typeorm';
import { newId } from '../../common/ids';
import { ActivityEventEntity } from './activity-event.entity';

export interface ActivityInput {
  companyId?: string | null;
  actorUserId?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  details?: Record<string, unknown> | null;
  ip?: string | null;
}

/** The activity journal. Written in the caller's transaction so an event exists iff its change does. */
export class ActivityService {
  async record(em: EntityManager, input: ActivityInput, at: Date = new Date()): Promise<void> {
    await em.insert(ActivityEventEntity, {
      id: newId(at.getTime()),
      companyId: input.companyId ?? null,
      actorUserId: input.actorUserId ?? null,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      details: input.details ? JSON.stringify(input.details) : null,
      ip: input.ip ?? null,
      createdAt: at,
    });
  }
}
