import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ContactSubject, Locale, Scope } from '@guichet/shared';
import { csvSet, DATETIME } from '../../db/columns';

/** Stored status; EXPIRED is derived from expiresAt when reading. */
export type InvitationStoredStatus = 'PENDING' | 'ACCEPTED' | 'REVOKED';
export type InvitationStatus = InvitationStoredStatus | 'EXPIRED';

@Entity({ name: 'invitations' })
export class InvitationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  /** Normalised. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'first_name', type: 'varchar', length: 80 })
  firstName: string;

  @Column({ name: 'last_name', type: 'varchar', length: 80 })
  lastName: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Column({ name: 'job_title', type: 'varchar', length: 100, nullable: true })
  jobTitle: string | null;

  @Column({ type: 'varchar', length: 64, transformer: csvSet<Scope>() })
  scopes: Scope[];

  @Column({ name: 'contact_for', type: 'varchar', length: 64, default: '', transformer: csvSet<ContactSubject>() })
  contactFor: ContactSubject[];

  /** SHA-256 of the link token; replaced on every resend, so older links stop working. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'expires_at', ...DATETIME })
  expiresAt: Date;

  @Column({ type: 'varchar', length: 16, default: 'PENDING' })
  status: InvitationStoredStatus;

  /**
   * `companyId:email` while PENDING, NULL otherwise: its unique index allows one pending
   * invitation per person and company on both MySQL and SQLite (no partial indexes needed).
   */
  @Column({ name: 'pending_key', type: 'varchar', length: 300, nullable: true })
  pendingKey: string | null;

  @Column({ name: 'sent_count', type: 'int', default: 0 })
  sentCount: number;

  @Column({ name: 'last_sent_at', ...DATETIME, nullable: true })
  lastSentAt: Date | null;

  @Column({ name: 'reminder_sent_at', ...DATETIME, nullable: true })
  reminderSentAt: Date | null;

  /** SHA-256 of the link in the reminder email (a second link to the same invitation). */
  @Column({ name: 'reminder_token_hash', type: 'varchar', length: 64, nullable: true })
  reminderTokenHash: string | null;

  /** Language of the emails: the inviter's. */
  @Column({ type: 'varchar', length: 2, default: 'fr' })
  locale: Locale;

  @Column({ name: 'invited_by_id', type: 'varchar', length: 36, nullable: true })
  invitedById: string | null;

  /** Set when the invitation comes from an approved access request. */
  @Column({ name: 'access_request_id', type: 'varchar', length: 36, nullable: true })
  accessRequestId: string | null;

  /** Last time the invitee asked the administrators for a new link (expired or withdrawn one). */
  @Column({ name: 'new_link_requested_at', ...DATETIME, nullable: true })
  newLinkRequestedAt: Date | null;

  @Column({ name: 'accepted_at', ...DATETIME, nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'accepted_user_id', type: 'varchar', length: 36, nullable: true })
  acceptedUserId: string | null;

  @Column({ name: 'created_at', ...DATETIME })
  createdAt: Date;

  @Column({ name: 'updated_at', ...DATETIME })
  updatedAt: Date;
}

export function invitationStatus(inv: Pick<InvitationEntity, 'status' | 'expiresAt'>, now: Date = new Date()): InvitationStatus {
  return inv.status === 'PENDING' && inv.expiresAt <= now ? 'EXPIRED' : inv.status;
}
