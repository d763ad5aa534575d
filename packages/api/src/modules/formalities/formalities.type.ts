import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageInfo } from '../../graphql/pagination';
import type { FormalityFilter } from './formalities.service';
import type { FormalityEntity, FormalityEventEntity } from './formality.entity';
import type { FormalityDocumentEntity, InformationAnswerEntity, InformationRequestEntity } from './information-request.entity';
import { FORMALITY_TRANSITIONS } from './transitions';

export enum FormalityTypeEnum {
  TRANSFERT_SIEGE = 'TRANSFERT_SIEGE',
  MODIFICATION_STATUTS = 'MODIFICATION_STATUTS',
  CHANGEMENT_DIRIGEANT = 'CHANGEMENT_DIRIGEANT',
  AUGMENTATION_CAPITAL = 'AUGMENTATION_CAPITAL',
  DISSOLUTION = 'DISSOLUTION',
  OTHER = 'OTHER',
}
registerEnumType(FormalityTypeEnum, { name: 'FormalityType', description: 'What the formality changes at the register.' });

export enum FormalityStateEnum {
  DRAFT = 'DRAFT',
  INFORMATION_REQUESTED = 'INFORMATION_REQUESTED',
  UNDER_REVIEW = 'UNDER_REVIEW',
  AWAITING_SIGNATURE = 'AWAITING_SIGNATURE',
  FILED = 'FILED',
  AWAITING_VALIDATION = 'AWAITING_VALIDATION',
  REGULARISATION_REQUESTED = 'REGULARISATION_REQUESTED',
  COMPLETED = 'COMPLETED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(FormalityStateEnum, {
  name: 'FormalityState',
  description:
    'Where the formality stands, mirroring the register: DRAFT → INFORMATION_REQUESTED → UNDER_REVIEW → AWAITING_SIGNATURE → FILED (tracking number) → AWAITING_VALIDATION → COMPLETED | REJECTED, with REGULARISATION_REQUESTED as a branch and CANCELLED.',
});

export enum FormalityTurnEnum {
  CLIENT = 'CLIENT',
  OPERATOR = 'OPERATOR',
}
registerEnumType(FormalityTurnEnum, {
  name: 'FormalityTurn',
  description: 'Whose turn it is: the client’s ("à vous de jouer") or the operator’s.',
});

export enum InformationRequestKindEnum {
  TEXT = 'TEXT',
  DATE = 'DATE',
  NUMBER = 'NUMBER',
  CHOICE = 'CHOICE',
  FILE = 'FILE',
}
registerEnumType(InformationRequestKindEnum, {
  name: 'InformationRequestKind',
  description:
    'What the answer is: a text, a day (YYYY-MM-DD), a number, one of the choices, or a file (PDF, PNG or JPEG) uploaded to the file route.',
});

export enum InformationRequestStatusEnum {
  OPEN = 'OPEN',
  ANSWERED = 'ANSWERED',
  ACCEPTED = 'ACCEPTED',
}
registerEnumType(InformationRequestStatusEnum, {
  name: 'InformationRequestStatus',
  description: 'OPEN: waiting for an answer (again after a rejected one); ANSWERED: waiting for the operator’s review; ACCEPTED.',
});

export enum AnswerReviewEnum {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  REPLACED = 'REPLACED',
}
registerEnumType(AnswerReviewEnum, {
  name: 'AnswerReview',
  description: 'REPLACED: a newer answer was given before this one was reviewed.',
});

export enum FormalityEventKindEnum {
  OPENED = 'OPENED',
  STATE_CHANGED = 'STATE_CHANGED',
  REQUEST_ADDED = 'REQUEST_ADDED',
  ANSWERED = 'ANSWERED',
  ANSWER_ACCEPTED = 'ANSWER_ACCEPTED',
  ANSWER_REJECTED = 'ANSWER_REJECTED',
  DOCUMENT_DELIVERED = 'DOCUMENT_DELIVERED',
  SIGNATURE_REQUESTED = 'SIGNATURE_REQUESTED',
  SIGNED = 'SIGNED',
  SIGNATURE_DECLINED = 'SIGNATURE_DECLINED',
  SIGNATURE_LOCKED = 'SIGNATURE_LOCKED',
  SIGNATURE_CANCELLED = 'SIGNATURE_CANCELLED',
}
registerEnumType(FormalityEventKindEnum, { name: 'FormalityEventKind' });

@ObjectType('FormalityEvent', { simpleResolvers: true, description: 'One step of the timeline: who did what, when.' })
export class FormalityEventType {
  @Field(() => ID)
  id: string;

  @Field(() => FormalityEventKindEnum)
  kind: FormalityEventKindEnum;

  @Field(() => FormalityStateEnum, { nullable: true })
  fromState: FormalityStateEnum | null;

  @Field(() => FormalityStateEnum, { nullable: true })
  toState: FormalityStateEnum | null;

  @Field(() => String, { nullable: true, description: 'Who did it; null for the system.' })
  actorName: string | null;

  @Field(() => Boolean, { description: 'Done by the operator (rather than a member of the company).' })
  byOperator: boolean;

  @Field(() => String, { nullable: true, description: 'What it is about: a question, a document, a reason, a tracking number.' })
  detail: string | null;

  @Field(() => GraphQLISODateTime)
  at: Date;
}

@ObjectType('InformationAnswer', { simpleResolvers: true, description: 'One answer; rejected and replaced answers stay in the history.' })
export class InformationAnswerType {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'The value (null for a file).' })
  value: string | null;

  @Field(() => String, { nullable: true, description: 'The file’s real type (application/pdf, image/png, image/jpeg).' })
  fileType: string | null;

  @Field(() => Int, { nullable: true })
  fileSize: number | null;

  @Field(() => GraphQLISODateTime)
  answeredAt: Date;

  @Field(() => AnswerReviewEnum)
  review: AnswerReviewEnum;

  @Field(() => String, { nullable: true, description: 'Why it was rejected.' })
  reviewReason: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  reviewedAt: Date | null;
}

@ObjectType('InformationRequest', { description: 'Something the client must provide.' })
export class InformationRequestType {
  @Field(() => ID)
  id: string;

  @Field(() => InformationRequestKindEnum)
  kind: InformationRequestKindEnum;

  @Field(() => String)
  question: string;

  @Field(() => [String], { description: 'The choices of a CHOICE request (empty otherwise).' })
  choices: string[];

  @Field(() => Boolean)
  required: boolean;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  dueDate: string | null;

  @Field(() => InformationRequestStatusEnum)
  status: InformationRequestStatusEnum;
}

@ObjectType('FormalityDocument', { simpleResolvers: true, description: 'A PDF the operator delivered.' })
export class FormalityDocumentType {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  title: string;

  @Field(() => Int)
  size: number;

  @Field(() => String, { description: 'SHA-256 of the file, hex.' })
  sha256: string;

  @Field(() => GraphQLISODateTime)
  deliveredAt: Date;
}

@ObjectType('Formality', { description: 'A legal formality the operator runs for the company.' })
export class FormalityObjectType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  companyId: string;

  @Field(() => FormalityTypeEnum)
  type: FormalityTypeEnum;

  @Field(() => String)
  title: string;

  @Field(() => FormalityStateEnum)
  state: FormalityStateEnum;

  @Field(() => FormalityTurnEnum, { nullable: true, description: 'Whose turn it is; null once the formality is over.' })
  turn: FormalityTurnEnum | null;

  @Field(() => String, { nullable: true, description: 'The day the current step is due, YYYY-MM-DD, when one is set.' })
  dueDate: string | null;

  @Field(() => String, { nullable: true, description: 'The register’s tracking number, once filed.' })
  trackingNumber: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected, or what the register asks to regularise.' })
  reason: string | null;

  @Field(() => [FormalityStateEnum], { description: 'The states it may go to next.' })
  nextStates: FormalityStateEnum[];

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;
}

@ObjectType('FormalityEdge', { simpleResolvers: true })
export class FormalityEdge {
  @Field(() => String)
  cursor: string;

  @Field(() => FormalityObjectType)
  node: FormalityObjectType;
}

@ObjectType('FormalityConnection', {
  description: 'A page of formalities: the client’s turn first, then the operator’s, then those that are over; newest first within each.',
})
export class FormalityConnection {
  @Field(() => [FormalityEdge])
  edges: FormalityEdge[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  companyId: string;
  filter: FormalityFilter | null;
}

@InputType('FormalityFilter')
export class FormalityFilterInput {
  @Field(() => FormalityStateEnum, { nullable: true })
  state?: FormalityStateEnum | null;
}

@InputType('MoveFormalityInput')
export class MoveFormalityInput {
  @Field(() => String, { nullable: true, description: 'Required for REJECTED and REGULARISATION_REQUESTED. At most 1000 characters.' })
  reason?: string | null;

  @Field(() => String, { nullable: true, description: 'Required for FILED: the register’s tracking number.' })
  trackingNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'The day the new step is due, YYYY-MM-DD.' })
  dueDate?: string | null;
}

@InputType('InformationRequestInput')
export class InformationRequestInput {
  @Field(() => InformationRequestKindEnum)
  kind: InformationRequestKindEnum;

  @Field(() => String, { description: 'At most 500 characters.' })
  question: string;

  @Field(() => Boolean, { defaultValue: true })
  required: boolean;

  @Field(() => [String], { nullable: true, description: 'CHOICE only: 2 to 20 choices.' })
  choices?: string[] | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD.' })
  dueDate?: string | null;
}

export const toFormalityType = (r: FormalityEntity): FormalityObjectType => ({
  id: r.id,
  companyId: r.companyId,
  type: r.type as FormalityTypeEnum,
  title: r.title,
  state: r.state as FormalityStateEnum,
  turn: r.turn as FormalityTurnEnum | null,
  dueDate: r.dueDate,
  trackingNumber: r.trackingNumber,
  reason: r.reason,
  nextStates: FORMALITY_TRANSITIONS[r.state].next.map((s) => s as FormalityStateEnum),
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export const toFormalityEventType = (r: FormalityEventEntity): FormalityEventType => ({
  id: r.id,
  kind: r.kind as FormalityEventKindEnum,
  fromState: r.fromState as FormalityStateEnum | null,
  toState: r.toState as FormalityStateEnum | null,
  actorName: r.actorName,
  byOperator: Boolean(r.actorIsStaff),
  detail: r.detail,
  at: r.at,
});

export const toInformationRequestType = (r: InformationRequestEntity): InformationRequestType => ({
  id: r.id,
  kind: r.kind as InformationRequestKindEnum,
  question: r.question,
  choices: r.choicesJson ? (JSON.parse(r.choicesJson) as string[]) : [],
  required: Boolean(r.required),
  dueDate: r.dueDate,
  status: r.status as InformationRequestStatusEnum,
});

export const toInformationAnswerType = (r: InformationAnswerEntity): InformationAnswerType => ({
  id: r.id,
  value: r.value,
  fileType: r.fileType,
  fileSize: r.fileSize,
  answeredAt: r.answeredAt,
  review: r.review as AnswerReviewEnum,
  reviewReason: r.reviewReason,
  reviewedAt: r.reviewedAt,
});

export const toFormalityDocumentType = (r: FormalityDocumentEntity): FormalityDocumentType => ({
  id: r.id,
  title: r.title,
  size: r.fileSize,
  sha256: r.fileSha256,
  deliveredAt: r.deliveredAt,
});
