import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../db/columns';

export const SIGNATURE_STATUSES = ['PENDING', 'SIGNED', 'DECLINED', 'LOCKED', 'CANCELLED'] as const;
export type SignatureStatus = (typeof SIGNATURE_STATUSES)[number];

export const SIGNATURE_EVENT_KINDS = [
  'REQUEST_CREATED',
  'EMAIL_SENT',
  'DOCUMENT_OPENED',
  'CODE_SENT',
  'CODE_FAILED',
  'CODE_ACCEPTED',
  'CONSENT_GIVEN',
  'SIGNED',
  'DECLINED',
  'LOCKED',
  'CANCELLED',
] as const;
export type SignatureEventKind = (typeof SIGNATURE_EVENT_KINDS)[number];

/**
 * A delivered PDF that one member must sign. The request names the document by its SHA-256: a
 * document whose bytes changed cannot be signed under it. The one-time code is kept as an HMAC only.
 */
@Entity({ name: 'signature_requests' })
export class SignatureRequestEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'formality_id', type: 'varchar', length: 36 })
  formalityId: string;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  /** The FormalityDocument to sign. */
  @Column({ name: 'document_id', type: 'varchar', length: 36 })
  documentId: string;

  @Column({ name: 'document_title', type: 'varchar', length: 200 })
  documentTitle: string;

  /** SHA-256 of the document's bytes when the signature was requested, lower-case hex. */
  @Column({ name: 'document_sha256', type: 'varchar', length: 64 })
  documentSha256: string;

  /**
   * The document's id while the request is PENDING or SIGNED, null once it is over otherwise: a
   * unique index, so a document has one live request at a time and is signed once.
   */
  @Column({ name: 'document_key', type: 'varchar', length: 36, nullable: true })
  documentKey: string | null;

  @Column({ name: 'signer_user_id', type: 'varchar', length: 36 })
  signerUserId: string;

  /** The signer's name and email when the request was made, as the evidence shows them. */
  @Column({ name: 'signer_name', type: 'varchar', length: 200 })
  signerName: string;

  @Column({ name: 'signer_email', type: 'varchar', length: 254 })
  signerEmail: string;

  @Column({ type: 'varchar', length: 16 })
  status: SignatureStatus;

  /** HMAC-SHA256 of the live one-time code (never the code), hex; null when none is live. */
  @Column({ name: 'code_hash', type: 'varchar', length: 64, nullable: true })
  codeHash: string | null;

  @Column({ name: 'code_expires_at', ...DATETIME, nullable: true })
  codeExpiresAt: Date | null;

  /** Wrong codes typed for this request (all codes together); 5 lock it. */
  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts: number;

  /** Printed on the certificate page, e.g. GCH-7K3M-Q9TX-2HVD. */
  @Column({ name: 'verification_reference', type: 'varchar', length: 20 })
  verificationReference: string;

  @Column({ name: 'consent_version', type: 'varchar', length: 40, nullable: true })
  consentVersion: string | null;

  @Column({ name: 'consent_locale', type: 'varchar', length: 2, nullable: true })
  consentLocale: string | null;

  @Column({ name: 'signed_at', ...DATETIME, nullable: true })
  signedAt: Date | null;

  @Column({ name: 'signed_file_key', type: 'varchar', length: 255, nullable: true })
  signedFileKey: string | null;

  @Column({ name: 'signed_file_size', type: 'int', nullable: true })
  signedFileSize: number | null;

  /** SHA-256 of the sealed PDF, lower-case hex. */
  @Column({ name: 'signed_sha256', type: 'varchar', length: 64, nullable: true })
  signedSha256: string | null;

  @Column({ name: 'declined_at', ...DATETIME, nullable: true })
  declinedAt: Date | null;

  @Column({ name: 'decline_reason', type: 'varchar', length: 1000, nullable: true })
  declineReason: string | null;

  @Column({ name: 'locked_at', ...DATETIME, nullable: true })
  lockedAt: Date | null;

  @Column({ name: 'cancelled_at', ...DATETIME, nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 1000, nullable: true })
  cancelReason: string | null;

  @Column({ name: 'requested_by_id', type: 'varchar', length: 36, nullable: true })
  requestedById: string | null;

  @Column({ name: 'created_at', ...DATETIME })
  createdAt: Date;

  @Column({ name: 'updated_at', ...DATETIME })
  updatedAt: Date;
}

/**
 * One event of a request's evidence trail. Rows are only ever inserted: each carries the hash of
 * the one before it (`previous_hash`) and its own (`hash`, over its fields and `previous_hash`),
 * and `(request_id, seq)` is unique, so a concurrent append cannot fork the chain.
 */
@Entity({ name: 'signature_events' })
export class SignatureEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'request_id', type: 'varchar', length: 36 })
  requestId: string;

  /** 1, 2, 3… within the request. */
  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 32 })
  kind: SignatureEventKind;

  /** UTC, to the millisecond. */
  @Column({ ...DATETIME })
  at: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 500, nullable: true })
  userAgent: string | null;

  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId: string | null;

  @Column({ name: 'user_name', type: 'varchar', length: 200, nullable: true })
  userName: string | null;

  @Column({ name: 'company_id', type: 'varchar', length: 36 })
  companyId: string;

  /** What the event is about, as text (a masked address and a Message-ID, a reason, a consent sentence…). */
  @Column({ type: 'text', nullable: true })
  detail: string | null;

  @Column({ name: 'previous_hash', type: 'varchar', length: 64 })
  previousHash: string;

  @Column({ type: 'varchar', length: 64 })
  hash: string;
}

/** What a new request needs: the delivered document, the signer, who asks, and when. */
export interface NewSignatureRequest {
  id: string;
  formalityId: string;
  companyId: string;
  document: { id: string; title: string; fileSha256: string };
  signer: { id: string; name: string; email: string };
  requestedById: string | null;
  verificationReference: string;
  at: Date;
}

/** A PENDING request for one document: no code sent, nothing signed, declined or cancelled yet. */
export function pendingSignatureRequest(n: NewSignatureRequest): SignatureRequestEntity {
  return {
    id: n.id,
    formalityId: n.formalityId,
    companyId: n.companyId,
    documentId: n.document.id,
    documentTitle: n.document.title,
    documentSha256: n.document.fileSha256,
    documentKey: n.document.id,
    signerUserId: n.signer.id,
    signerName: n.signer.name,
    signerEmail: n.signer.email,
    status: 'PENDING',
    codeHash: null,
    codeExpiresAt: null,
    failedAttempts: 0,
    verificationReference: n.verificationReference,
    consentVersion: null,
    consentLocale: null,
    signedAt: null,
    signedFileKey: null,
    signedFileSize: null,
    signedSha256: null,
    declinedAt: null,
    declineReason: null,
    lockedAt: null,
    cancelledAt: null,
    cancelReason: null,
    requestedById: n.requestedById,
    createdAt: n.at,
    updatedAt: n.at,
  };
}

/** The REQUEST_CREATED event's detail: the document by its hash, the signer, the reference. */
export const requestCreatedDetail = (r: SignatureRequestEntity): string =>
  `document "${r.documentTitle}" (SHA-256 ${r.documentSha256}); signer ${r.signerName} <${r.signerEmail}>; reference ${r.verificationReference}`;
