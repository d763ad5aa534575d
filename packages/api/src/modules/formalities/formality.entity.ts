import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../db/columns';
import type { FormalityState, FormalityTurn, FormalityType } from './transitions';

/** A legal formality the operator runs for a company; its state mirrors the public register's. */
@Entity({ name: 'formalities' })
export class FormalityEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ type: 'varchar', length: 32 })
  type: FormalityType;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 32 })
  state: FormalityState;

  /** Whose turn it is; null once the formality is over. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  turn: FormalityTurn | null;

  /** 0 = the client's turn, 1 = the operator's, 2 = over: the order of the client's list. */
  @Column({ name: 'turn_rank', type: 'int' })
  turnRank: number;

  /** The day the operator commits to for the current step, `YYYY-MM-DD`. */
  @Column({ name: 'due_date', type: 'varchar', length: 10, nullable: true })
  dueDate: string | null;

  /** The client's due date a reminder was last sent for (formality-reminders.ts). */
  @Column({ name: 'reminded_due_date', type: 'varchar', length: 10, nullable: true })
  remindedDueDate: string | null;

  @Column({ name: 'tracking_number', type: 'varchar', length: 100, nullable: true })
  trackingNumber: string | null;

  /** Why it was rejected, or what the register asks to regularise. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason: string | null;

  @Column({ name: 'opened_by_id', type: 'varchar', length: 36, nullable: true })
  openedById: string | null;

  @Column({ name: 'created_at', ...DATETIME })
  createdAt: Date;

  @Column({ name: 'updated_at', ...DATETIME })
  updatedAt: Date;
}

export const FORMALITY_EVENT_KINDS = [
  'OPENED',
  'STATE_CHANGED',
  'REQUEST_ADDED',
  'ANSWERED',
  'ANSWER_ACCEPTED',
  'ANSWER_REJECTED',
  'DOCUMENT_DELIVERED',
  'SIGNATURE_REQUESTED',
  'SIGNED',
  'SIGNATURE_DECLINED',
  'SIGNATURE_LOCKED',
  'SIGNATURE_CANCELLED',
] as const;
export type FormalityEventKind = (typeof FORMALITY_EVENT_KINDS)[number];

/** One step of a formality's timeline: who did what, when. Never updated. */
@Entity({ name: 'formality_events' })
export class FormalityEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'formality_id', type: 'varchar', length: 36 })
  formalityId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  @Column({ type: 'varchar', length: 32 })
  kind: FormalityEventKind;

  @Column({ name: 'from_state', type: 'varchar', length: 32, nullable: true })
  fromState: FormalityState | null;

  @Column({ name: 'to_state', type: 'varchar', length: 32, nullable: true })
  toState: FormalityState | null;

  @Column({ name: 'actor_user_id', type: 'varchar', length: 36, nullable: true })
  actorUserId: string | null;

  /** The actor's name as shown then ("Olivia Robert"), or null for the system. */
  @Column({ name: 'actor_name', type: 'varchar', length: 200, nullable: true })
  actorName: string | null;

  @Column({ name: 'actor_is_staff', type: 'boolean', default: false })
  actorIsStaff: boolean;

  /** What the step is about (a request's question, a document's title, a reason), shown as is. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  detail: string | null;

  @Column({ ...DATETIME })
  at: Date;
}
