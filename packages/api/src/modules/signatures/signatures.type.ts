import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MAX_FAILED_ATTEMPTS } from './otp';
import type { SignatureEventEntity, SignatureRequestEntity } from './signature-request.entity';

export enum SignatureStatusEnum {
  PENDING = 'PENDING',
  SIGNED = 'SIGNED',
  DECLINED = 'DECLINED',
  LOCKED = 'LOCKED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(SignatureStatusEnum, {
  name: 'SignatureStatus',
  description:
    'PENDING: waiting for the signer; SIGNED; DECLINED by the signer; LOCKED after 5 wrong codes (the operator is told); CANCELLED by the operator.',
});

export enum SignatureEventKindEnum {
  REQUEST_CREATED = 'REQUEST_CREATED',
  EMAIL_SENT = 'EMAIL_SENT',
  DOCUMENT_OPENED = 'DOCUMENT_OPENED',
  CODE_SENT = 'CODE_SENT',
  CODE_FAILED = 'CODE_FAILED',
  CODE_ACCEPTED = 'CODE_ACCEPTED',
  CONSENT_GIVEN = 'CONSENT_GIVEN',
  SIGNED = 'SIGNED',
  DECLINED = 'DECLINED',
  LOCKED = 'LOCKED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(SignatureEventKindEnum, { name: 'SignatureEventKind', description: 'What an event of the evidence trail records.' });

export enum ConsentLocaleEnum {
  FR = 'FR',
  EN = 'EN',
}
registerEnumType(ConsentLocaleEnum, { name: 'ConsentLocale', description: 'The language of the consent statement shown to the signer.' });

@ObjectType('SignatureConsent', { simpleResolvers: true, description: 'The versioned consent statement the signer confirms.' })
export class SignatureConsentType {
  @Field(() => String, { description: 'Pass it to signDocument as consentVersion.' })
  version: string;

  @Field(() => ConsentLocaleEnum)
  locale: ConsentLocaleEnum;

  @Field(() => String, { description: 'The exact sentence, which goes into the evidence and onto the certificate page.' })
  text: string;
}

@ObjectType('SignatureRequest', { description: 'A delivered PDF that one member must sign electronically.' })
export class SignatureRequestType {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  formalityId: string;

  @Field(() => ID, { description: 'The FormalityDocument (a delivered PDF) to sign.' })
  documentId: string;

  @Field(() => String)
  documentTitle: string;

  @Field(() => String, { description: 'Hex SHA-256 of the document the request was made for.' })
  documentSha256: string;

  @Field(() => ID, { description: 'User id of the signer (a member holding FORMALITE).' })
  signerId: string;

  @Field(() => String)
  signerName: string;

  @Field(() => SignatureStatusEnum)
  status: SignatureStatusEnum;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Expiry of the last code sent; null when none is live.' })
  codeExpiresAt: Date | null;

  @Field(() => Int, { description: `Wrong codes that may still be typed before the request locks (${MAX_FAILED_ATTEMPTS} at first).` })
  attemptsLeft: number;

  @Field(() => GraphQLISODateTime, { nullable: true })
  signedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Hex SHA-256 of the sealed PDF.' })
  signedSha256: string | null;

  @Field(() => String, { nullable: true, description: 'Printed on the certificate page, e.g. GCH-7K3M-Q9TX-2HVD.' })
  verificationReference: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  declinedAt: Date | null;

  @Field(() => String, { nullable: true })
  declineReason: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

@ObjectType('SignatureEvent', { simpleResolvers: true, description: 'One event of the evidence trail (an append-only hash chain).' })
export class SignatureEventType {
  @Field(() => Int)
  seq: number;

  @Field(() => SignatureEventKindEnum)
  kind: SignatureEventKindEnum;

  @Field(() => GraphQLISODateTime, { description: 'UTC, to the millisecond.' })
  at: Date;

  @Field(() => String, { nullable: true })
  ip: string | null;

  @Field(() => String, { nullable: true })
  userAgent: string | null;

  @Field(() => ID, { nullable: true })
  userId: string | null;

  @Field(() => String, { nullable: true })
  userName: string | null;

  @Field(() => ID)
  companyId: string;

  @Field(() => String, { nullable: true })
  detail: string | null;

  @Field(() => String, { description: 'The hash of the event before it (64 zeros for the first).' })
  previousHash: string;

  @Field(() => String, { description: 'SHA-256 over the event’s canonical serialisation, previousHash included.' })
  hash: string;
}

@ObjectType('SignatureEvidence', { simpleResolvers: true, description: 'The evidence trail of a signature request, and its check.' })
export class SignatureEvidenceType {
  @Field(() => [SignatureEventType], { description: 'Oldest first.' })
  events: SignatureEventType[];

  @Field(() => String, { description: 'The hash of the last event.' })
  finalHash: string;

  @Field(() => Boolean, { description: 'The chain verifies.' })
  intact: boolean;

  @Field(() => Int, { nullable: true, description: 'The first event whose hash or link does not verify; null when intact.' })
  brokenAtSeq: number | null;

  @Field(() => String, { nullable: true, description: 'What is wrong at brokenAtSeq.' })
  problem: string | null;
}

@ObjectType('SignatureCodeSent', { simpleResolvers: true, description: 'Where the code went, and until when it works.' })
export class SignatureCodeSentType {
  @Field(() => String, { description: 'The signer’s address, masked (d***@demo-sas.fr).' })
  sentTo: string;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;

  @Field(() => Int)
  attemptsLeft: number;
}

@ObjectType('FormalitySigner', { simpleResolvers: true, description: 'A member who may be asked to sign (active, holding FORMALITE).' })
export class FormalitySignerType {
  @Field(() => ID)
  userId: string;

  @Field(() => String)
  name: string;

  @Field(() => String)
  email: string;
}

export function toSignatureRequestType(r: SignatureRequestEntity, now: Date): SignatureRequestType {
  const live = r.status === 'PENDING' && r.codeHash !== null && r.codeExpiresAt !== null && r.codeExpiresAt.getTime() > now.getTime();
  return {
    id: r.id,
    formalityId: r.formalityId,
    documentId: r.documentId,
    documentTitle: r.documentTitle,
    documentSha256: r.documentSha256,
    signerId: r.signerUserId,
    signerName: r.signerName,
    status: r.status as SignatureStatusEnum,
    codeExpiresAt: live ? r.codeExpiresAt : null,
    attemptsLeft: Math.max(0, MAX_FAILED_ATTEMPTS - r.failedAttempts),
    signedAt: r.signedAt,
    signedSha256: r.signedSha256,
    verificationReference: r.verificationReference,
    declinedAt: r.declinedAt,
    declineReason: r.declineReason,
    createdAt: r.createdAt,
  };
}

export const toSignatureEventType = (e: SignatureEventEntity): SignatureEventType => ({
  seq: e.seq,
  kind: e.kind as SignatureEventKindEnum,
  at: e.at,
  ip: e.ip,
  userAgent: e.userAgent,
  userId: e.userId,
  userName: e.userName,
  companyId: e.companyId,
  detail: e.detail,
  previousHash: e.previousHash,
  hash: e.hash,
});
