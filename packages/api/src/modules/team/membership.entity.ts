import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ContactSubject, Scope } from '@guichet/shared';
import { csvSet, DATETIME } from '../../db/columns';

export type MembershipStatus = 'ACTIVE' | 'SUSPENDED';

@Entity({ name: 'memberships' })
export class MembershipEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ name: 'user_id', type: 'varchar', length: 36 })
  userId: string;

  /** Normalised scope set, e.g. ["ADMIN"] or ["COURRIER","FACTURATION"]. */
  @Column({ type: 'varchar', length: 64, transformer: csvSet<Scope>() })
  scopes: Scope[];

  @Column({ type: 'varchar', length: 16, default: 'ACTIVE' })
  status: MembershipStatus;

  @Column({ name: 'contact_for', type: 'varchar', length: 64, default: '', transformer: csvSet<ContactSubject>() })
  contactFor: ContactSubject[];

  @Column({ name: 'job_title', type: 'varchar', length: 100, nullable: true })
  jobTitle: string | null;

  @Column({ name: 'invited_by_id', type: 'varchar', length: 36, nullable: true })
  invitedById: string | null;

  @Column({ name: 'created_at', ...DATETIME })
  createdAt: Date;

  @Column({ name: 'updated_at', ...DATETIME })
  updatedAt: Date;
}
