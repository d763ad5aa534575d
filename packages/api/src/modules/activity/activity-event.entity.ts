import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../db/columns';

@Entity({ name: 'activity_events' })
export class ActivityEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** Null for platform-level events (operator actions, failed logins). */
  @Column({ name: 'company_id', type: 'varchar', length: 36, nullable: true })
  companyId: string | null;

  @Column({ name: 'actor_user_id', type: 'varchar', length: 36, nullable: true })
  actorUserId: string | null;

  /** Set when a program did it with an API token (acting for actor_user_id, its creator). */
  @Column({ name: 'actor_api_token_id', type: 'varchar', length: 36, nullable: true })
  actorApiTokenId: string | null;

  /** e.g. auth.login, auth.login_failed, company.created, team.invited */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'target_type', type: 'varchar', length: 32, nullable: true })
  targetType: string | null;

  @Column({ name: 'target_id', type: 'varchar', length: 64, nullable: true })
  targetId: string | null;

  /** Small JSON document with the details worth keeping (never secrets). */
  @Column({ type: 'text', nullable: true })
  details: string | null;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip: string | null;

  @Column({ name: 'created_at', ...DATETIME })
  createdAt: Date;
}
