import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OperatorTokenCapability, Permission } from '@guichet/shared';
import { csvSet, DATETIME } from '../../db/columns';

export type ApiTokenKind = 'COMPANY' | 'OPERATOR';

/**
 * A bearer token for a program. Only the SHA-256 of the secret is stored; `prefix` (the first
 * characters of the secret) is what lists show so that a holder recognises theirs.
 */
@Entity({ name: 'api_tokens' })
export class ApiTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ApiTokenKind;

  /** The company a COMPANY token acts for; null for an OPERATOR token (platform-wide). */
  @Column({ name: 'company_id', type: 'varchar', length: 36, nullable: true })
  companyId: string | null;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  /** COMPANY tokens: permissions of the shared matrix. OPERATOR tokens: capabilities. */
  @Column({ type: 'varchar', length: 400, transformer: csvSet<string>() })
  permissions: (Permission | OperatorTokenCapability)[];

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'varchar', length: 16 })
  prefix: string;

  @Column({ name: 'created_by_id', type: 'varchar', length: 36 })
  createdById: string;

  @Column({ name: 'created_at', ...DATETIME })
  createdAt: Date;

  @Column({ name: 'expires_at', ...DATETIME })
  expiresAt: Date;

  @Column({ name: 'last_used_at', ...DATETIME, nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'last_used_ip', type: 'varchar', length: 45, nullable: true })
  lastUsedIp: string | null;

  /** CIDR ranges, comma-separated; empty means any address. */
  @Column({ name: 'allowed_ips', type: 'varchar', length: 1000, transformer: csvSet<string>() })
  allowedIps: string[];

  /** The token this one replaced by rotation. */
  @Column({ name: 'rotated_from_id', type: 'varchar', length: 36, nullable: true })
  rotatedFromId: string | null;

  /** Set on a token that was rotated: it keeps working until then. */
  @Column({ name: 'grace_ends_at', ...DATETIME, nullable: true })
  graceEndsAt: Date | null;

  @Column({ name: 'revoked_at', ...DATETIME, nullable: true })
  revokedAt: Date | null;

  /** REVOKED (by a person), CREATOR_REMOVED, CREATOR_SUSPENDED, CREATOR_NOT_ADMIN. */
  @Column({ name: 'revoked_reason', type: 'varchar', length: 32, nullable: true })
  revokedReason: string | null;
}
