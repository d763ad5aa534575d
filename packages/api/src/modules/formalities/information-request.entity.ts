import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../db/columns';

export const REQUEST_KINDS = ['TEXT', 'DATE', 'NUMBER', 'CHOICE', 'FILE'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
/** OPEN: waiting for an answer (again, after a rejection); ANSWERED: waiting for review; ACCEPTED. */
export type RequestStatus = 'OPEN' | 'ANSWERED' | 'ACCEPTED';
/** PENDING review; ACCEPTED; REJECTED (with a reason); REPLACED by a later answer before review. */
export type AnswerReview = 'PENDING' | 'ACCEPTED' | 'REJECTED' | 'REPLACED';

/** Something the client must provide for a formality: a value or a file. */
@Entity({ name: 'information_requests' })
export class InformationRequestEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'formality_id', type: 'varchar', length: 36 })
  formalityId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'varchar', length: 16 })
  kind: RequestKind;

  @Column({ type: 'varchar', length: 500 })
  question: string;

  /** The choices of a CHOICE request, as a JSON array. */
  @Column({ name: 'choices_json', type: 'text', nullable: true })
  choicesJson: string | null;

  @Column({ type: 'boolean' })
  required: boolean;

  @Column({ name: 'due_date', type: 'varchar', length: 10, nullable: true })
  dueDate: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: RequestStatus;

  @Column({ name: 'created_at', ...DATETIME })
  createdAt: Date;

  @Column({ name: 'updated_at', ...DATETIME })
  updatedAt: Date;
}

/** One answer to a request. Answers are kept: a rejected one stays in the history. */
@Entity({ name: 'information_answers' })
export class InformationAnswerEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'request_id', type: 'varchar', length: 36 })
  requestId: string;

  @Column({ name: 'formality_id', type: 'varchar', length: 36 })
  formalityId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  /** The value of a TEXT, DATE, NUMBER or CHOICE answer. */
  @Column({ type: 'text', nullable: true })
  value: string | null;

  @Column({ name: 'file_key', type: 'varchar', length: 255, nullable: true })
  fileKey: string | null;

  @Column({ name: 'file_type', type: 'varchar', length: 40, nullable: true })
  fileType: string | null;

  @Column({ name: 'file_size', type: 'int', nullable: true })
  fileSize: number | null;

  @Column({ name: 'file_sha256', type: 'varchar', length: 64, nullable: true })
  fileSha256: string | null;

  @Column({ name: 'answered_by_id', type: 'varchar', length: 36, nullable: true })
  answeredById: string | null;

  @Column({ name: 'answered_at', ...DATETIME })
  answeredAt: Date;

  @Column({ type: 'varchar', length: 16 })
  review: AnswerReview;

  @Column({ name: 'review_reason', type: 'varchar', length: 1000, nullable: true })
  reviewReason: string | null;

  @Column({ name: 'reviewed_by_id', type: 'varchar', length: 36, nullable: true })
  reviewedById: string | null;

  @Column({ name: 'reviewed_at', ...DATETIME, nullable: true })
  reviewedAt: Date | null;
}

/** A document the operator delivered for a formality (PDF). */
@Entity({ name: 'formality_documents' })
export class FormalityDocumentEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'formality_id', type: 'varchar', length: 36 })
  formalityId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ name: 'file_key', type: 'varchar', length: 255 })
  fileKey: string;

  @Column({ name: 'file_size', type: 'int' })
  fileSize: number;

  @Column({ name: 'file_sha256', type: 'varchar', length: 64 })
  fileSha256: string;

  @Column({ name: 'delivered_by_id', type: 'varchar', length: 36, nullable: true })
  deliveredById: string | null;

  @Column({ name: 'delivered_at', ...DATETIME })
  deliveredAt: Date;
}
