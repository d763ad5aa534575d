import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../db/columns';

export const MAIL_TYPES = ['LETTER', 'REGISTERED', 'PARCEL', 'ADMINISTRATIVE', 'ADVERTISING'] as const;
export type MailType = (typeof MAIL_TYPES)[number];

export const MAIL_STATUSES = ['SCANNED', 'FORWARD_REQUESTED', 'FORWARDED', 'ARCHIVED'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** One scanned piece of postal mail. The PDF lives in file storage under `fileKey`. */
@Entity({ name: 'mail_items' })
export class MailItemEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ name: 'received_at', ...DATETIME })
  receivedAt: Date;

  @Column({ type: 'varchar', length: 200 })
  sender: string;

  @Column({ type: 'varchar', length: 200 })
  recipient: string;

  @Column({ type: 'varchar', length: 16 })
  type: MailType;

  @Column({ name: 'page_count', type: 'int' })
  pageCount: number;

  @Column({ type: 'varchar', length: 20, default: 'SCANNED' })
  status: MailStatus;

  @Column({ name: 'file_key', type: 'varchar', length: 255 })
  fileKey: string;

  @Column({ name: 'file_size', type: 'int' })
  fileSize: number;

  @Column({ name: 'file_sha256', type: 'varchar', length: 64 })
  fileSha256: string;

  /** Sender and recipient, lower-cased and without accents, for case- and accent-insensitive search. */
  @Column({ name: 'search_text', type: 'varchar', length: 512 })
  searchText: string;

  @Column({ name: 'created_at', ...DATETIME })
  createdAt: Date;

  /** The operator who uploaded the scan (null for bulk imports). */
  @Column({ name: 'uploaded_by_id', type: 'varchar', length: 36, nullable: true })
  uploadedById: string | null;
}

/** Which tags an item carries. `company_id` is repeated so every row can be checked against its tenant. */
@Entity({ name: 'mail_item_tags' })
export class MailItemTagEntity {
  @PrimaryColumn({ name: 'mail_item_id', type: 'varchar', length: 36 })
  mailItemId: string;

  @PrimaryColumn({ name: 'tag_id', type: 'varchar', length: 36 })
  tagId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  /** The item's receivedAt (which never changes): lists filtered by tag read this index in order. */
  @Column({ name: 'received_at', ...DATETIME })
  receivedAt: Date;
}
