import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../db/columns';

export type AccessRequestStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

/** Someone asked, from the public form, to join the company of a SIRET. */
@Entity({ name: 'access_requests' })
export class AccessRequestEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'first_name', type: 'varchar', length: 80 })
  firstName: string;

  @Column({ name: 'last_name', type: 'varchar', length: 80 })
  lastName: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  message: string | null;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status: AccessRequestStatus;

  /** `companyId:email` while PENDING: one open request per person and company. */
  @Column({ name: 'pending_key', type: 'varchar', length: 300, nullable: true })
  pendingKey: string | null;

  @Column({ name: 'decided_by_id', type: 'varchar', length: 36, nullable: true })
  decidedById: string | null;

  @Column({ name: 'decided_at', ...DATETIME, nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'invitation_id', type: 'varchar', length: 36, nullable: true })
  invitationId: string | null;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip: string | null;

  @Column({ name: 'created_at', ...DATETIME })
  createdAt: Date;
}
