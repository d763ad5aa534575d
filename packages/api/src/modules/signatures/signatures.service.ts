import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { type DataSource, type EntityManager } from 'typeorm';
import { can, TEXT_LIMITS, textLength, unsafeTextCode, type FieldError } from '@guichet/shared';
import { DomainError, notFound, validationFailed } from '../../common/domain-error';
import { isId, newId } from '../../common/ids';
import { requireWithin, type Counter, type Limits } from '../../common/limits';
import { withTransaction, type ServiceContext, type TransactionalContext } from '../../db/with-transaction';
import type { FileStorage } from '../../storage/storage';
import type { ActivityService } from '../activity/activity.service';
import { UserEntity } from '../auth/user.entity';
import { CompanyEntity } from '../companies/company.entity';
import { formalityEmail } from '../formalities/formalities.emails';
import type { FormalitiesService } from '../formalities/formalities.service';
import { FormalityEntity, FormalityEventEntity, type FormalityEventKind } from '../formalities/formality.entity';
import { FormalityDocumentEntity, InformationAnswerEntity } from '../formalities/information-request.entity';
import { assertTransition, type FormalityState } from '../formalities/transitions';
import { messageIdFor } from '../mailer/message-id';
import type { OutboxService } from '../mailer/outbox.service';
import type { RenderedEmail } from '../mailer/templates';
import { MembershipEntity } from '../team/membership.entity';
import { notificationRecipients } from '../team/notification-recipients';
import { CONSENT_VERSION, consentFor, type Consent, type ConsentLocale } from './consent';
import { appendEvent, verifyChain, type ChainCheck } from './evidence';
import {
  CODE_TTL_MS,
  codeHash,
  codeMatches,
  maskEmail,
  MAX_FAILED_ATTEMPTS,
  newCode,
  newVerificationReference,
  normaliseCode,
} from './otp';
import { loadSeal, type SealIdentity, type SealOptions } from './seal-certificate';
import {
  pendingSignatureRequest,
  requestCreatedDetail,
  SignatureEventEntity,
  SignatureRequestEntity,
  type SignatureEventKind,
} from './signature-request.entity';
import { makeLink, verifyLink, type Disposition, type LinkKind, type LinkParams } from './signature-links';
import { sealedPdf } from './signed-pdf';
import {
  operatorSignatureAlertEmail,
  signatureCancelledEmail,
  signatureCodeEmail,
  signatureCompletedEmail,
  signatureRequestedEmail,
  type OperatorAlert,
} from './signatures.emails';

export interface SignatureSettings {
  publicUrl: string;
  fileUrlSecret: string;
  mailFrom: string;
  /** Told when a request locks or is declined. */
  operatorEmail: string;
  /** The operator who seals: printed on the certificate page and in the signature dictionary. */
  operator: { name: string; city: string; email: string };
  /** Where the seal comes from (configuration or the development seal). */
  seal: Omit<SealOptions, 'log'>;
  codesPerSignerPerHour: number;
}

export interface SignInput {
  code: string;
  consentVersion: string;
  consentLocale: ConsentLocale;
}

export interface CodeSent {
  sentTo: string;
  expiresAt: Date;
  attemptsLeft: number;
}

export interface Evidence extends ChainCheck {
  events: SignatureEventEntity[];
}

export interface FormalitySigner {
  userId: string;
  name: string;
  email: string;
}

/** States in which a signature may be asked without moving the formality: the client is at work already. */
const CLIENT_AT_WORK: ReadonlySet<FormalityState> = new Set<FormalityState>([
  'AWAITING_SIGNATURE',
  'INFORMATION_REQUESTED',
  'REGULARISATION_REQUESTED',
]);
const HEX64 = /^[0-9a-f]{64}$/;
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const fullName = (u: Pick<UserEntity, 'firstName' | 'lastName'>): string => `${u.firstName} ${u.lastName}`.slice(0, 200);

const conflict = (reason: string, message: string, extra: Record<string, unknown> = {}): DomainError =>
  new DomainError('CONFLICT', message, [], { reason, ...extra });
const notPending = (status: string): DomainError =>
  conflict('SIGNATURE_NOT_PENDING', `This signature request is no longer pending (${status}).`, { status });
const locked = (): DomainError =>
  conflict('SIGNATURE_LOCKED', 'Too many wrong codes: this signature request is locked. The operator has been told.');
const documentChanged = (): DomainError =>
  conflict('DOCUMENT_CHANGED', 'The document no longer matches the SHA-256 the signature was requested for: it cannot be signed under it.');

/** A reason typed by a person: trimmed, required, within its limit, without invisible controls. */
function reasonOf(raw: string | null | undefined, code: 'SIGNATURE_REASON_REQUIRED' | 'FORMALITY_REASON_REQUIRED'): string {
  const value = (raw ?? '').trim();
  const fields: FieldError[] = [];
  if (!value) fields.push({ field: 'reason', code });
  else if (textLength(value) > TEXT_LIMITS.formalityReason)
    fields.push({ field: 'reason', code: 'TEXT_TOO_LONG', params: { max: String(TEXT_LIMITS.formalityReason) } });
  else {
    const unsafe = unsafeTextCode(value);
    if (unsafe) fields.push({ field: 'reason', code: unsafe });
  }
  if (fields.length > 0) throw validationFailed(fields);
  return value;
}

/** What a signDocument call came to, decided in its transaction (a wrong code is recorded, then refused). */
type SignOutcome = { kind: 'signed'; request: SignatureRequestEntity } | { kind: 'wrong'; attemptsLeft: number };

/**
 * Electronic signatures of delivered documents: the operator requests one from a member holding
 * FORMALITE; the signer reads the document, asks for a one-time code by email and signs with it
 * and the consent statement, or declines. Every step is an event of the request's evidence trail
 * (a hash chain), written in the transaction of the change, with the request's row locked.
 * The signed PDF is the original plus a certificate page, sealed (PAdES) with the operator's seal.
 */
export class SignaturesService {
  private seal: SealIdentity | undefined;
  /** SQLite only: the tail of this service's transactions, run one at a time (see transaction()). */
  private readonly codesPerSigner: Counter;

  constructor(
    private readonly ds: DataSource,
    private readonly settings: SignatureSettings,
    private readonly storage: FileStorage,
    private readonly outbox: OutboxService,
    private readonly formalities: FormalitiesService,
    private readonly activity: ActivityService,
    limits: Limits,
  ) {
    this.codesPerSigner = limits.counter('signature:codes:signer', { points: settings.codesPerSignerPerHour, durationSec: 3600 });
  }

  /** Loads the seal (at start, so that a bad configuration stops the start and the log says which seal is used). */
  prepareSeal(log: (message: string) => void): SealIdentity {
    this.seal ??= loadSeal({ ...this.settings.seal, log });
    return this.seal;
  }

  private reader(ctx: ServiceContext): EntityManager {
    return ctx.em ?? this.ds.manager;
  }

  // ---------------------------------------------------------------- reading

  /** A request of the company (of any company when companyId is null: the operator). */
  async find(ctx: ServiceContext, companyId: string | null, id: string): Promise<SignatureRequestEntity | null> {
    if (!isId(id)) return null;
    const row = await this.reader(ctx).findOne(SignatureRequestEntity, { where: { id } });
    if (!row || (companyId !== null && row.companyId !== companyId)) return null;
    return row;
  }

  /** The requests of a formality, newest first. */
  forFormality(ctx: ServiceContext, formalityId: string): Promise<SignatureRequestEntity[]> {
    return this.reader(ctx).find(SignatureRequestEntity, { where: { formalityId }, order: { id: 'DESC' } });
  }

  /** The request's trail, oldest first, and whether its chain verifies (and where it breaks). */
  async evidence(ctx: ServiceContext, requestId: string): Promise<Evidence> {
    const events = await this.reader(ctx).find(SignatureEventEntity, { where: { requestId }, order: { seq: 'ASC' } });
    return { events, ...verifyChain(events) };
  }

  /** The current consent statement for a request's document. */
  consent(request: Pick<SignatureRequestEntity, 'documentTitle'>, locale: ConsentLocale): Consent {
    return consentFor(request.documentTitle, locale);
  }

  /** The members who may be asked to sign for the company: active, holding FORMALITE (formality:sign), not staff. */
  async signers(ctx: ServiceContext, companyId: string): Promise<FormalitySigner[]> {
    if (!isId(companyId)) return [];
    const rows = await this.reader(ctx)
      .createQueryBuilder(MembershipEntity, 'm')
      .innerJoinAndMapOne('m.user', UserEntity, 'u', 'u.id = m.user_id')
      .where('m.company_id = :companyId', { companyId })
      .andWhere("m.status = 'ACTIVE'")
      .orderBy('u.last_name', 'ASC')
      .addOrderBy('u.first_name', 'ASC')
      .getMany();
    return rows
      .map((m) => ({ m, u: (m as MembershipEntity & { user: UserEntity }).user }))
      .filter(({ m, u }) => !u.disabled && !u.isStaff && can(m.scopes, 'formality:sign'))
      .map(({ u }) => ({ userId: u.id, name: fullName(u), email: u.email }));
  }

  // ---------------------------------------------------------------- operator

  /**
   * Requests the signature of a document delivered on a formality. The caller names the SHA-256
   * it saw, and the stored bytes must still have it. The signer must be an active member holding
   * FORMALITE. A formality UNDER_REVIEW moves to AWAITING_SIGNATURE; one where the client is at work
   * already (AWAITING_SIGNATURE, INFORMATION_REQUESTED, REGULARISATION_REQUESTED) keeps its state.
   */
  async request(
    ctx: ServiceContext,
    formalityId: string,
    documentId: string,
    signerId: string,
    documentSha256: string,
  ): Promise<SignatureRequestEntity> {
    const claimed = documentSha256.trim().toLowerCase();
    if (!HEX64.test(claimed)) throw validationFailed([{ field: 'documentSha256', code: 'DOCUMENT_HASH_INVALID' }]);
    return this.transaction(ctx, async (tx) => {
      const formality = await this.lockFormality(tx, formalityId);
      const doc = isId(documentId) ? await tx.em.findOne(FormalityDocumentEntity, { where: { id: documentId } }) : null;
      if (!doc || doc.formalityId !== formality.id) throw notFound('Document');
      if (doc.fileSha256 !== claimed || (await this.storedSha256(doc.fileKey)) !== claimed) throw documentChanged();
      const signer = await this.allowedSigner(tx.em, formality.companyId, signerId);
      if (!signer) throw validationFailed([{ field: 'signerId', code: 'SIGNER_NOT_ALLOWED' }]);
      const live = await tx.em.findOne(SignatureRequestEntity, { where: { documentKey: doc.id } });
      if (live) {
        throw live.status === 'SIGNED'
          ? conflict('DOCUMENT_ALREADY_SIGNED', 'This document is already signed: a signed document cannot be signed again.')
          : conflict('SIGNATURE_ALREADY_REQUESTED', 'A signature of this document is already requested: cancel it first.', {
              signatureRequestId: live.id,
            });
      }
      // Under review, the formality now awaits the signature. When it is the client's turn already
      // (information or a regularisation asked), the signature joins what is asked and the state stays.
      if (!CLIENT_AT_WORK.has(formality.state)) {
        assertTransition(formality.state, 'AWAITING_SIGNATURE');
        await this.formalities.move(tx, formality.id, 'AWAITING_SIGNATURE', { dueDate: formality.dueDate, notify: false });
      }
      const request = pendingSignatureRequest({
        id: newId(tx.now.getTime()),
        formalityId: formality.id,
        companyId: formality.companyId,
        document: { id: doc.id, title: doc.title, fileSha256: claimed },
        signer: { id: signer.id, name: fullName(signer), email: signer.email },
        requestedById: tx.actor?.userId ?? null,
        verificationReference: newVerificationReference(),
        at: tx.now,
      });
      await tx.em.insert(SignatureRequestEntity, request);
      const actor = await this.actorUser(tx);
      await this.trail(tx, request, 'REQUEST_CREATED', actor, { detail: requestCreatedDetail(request) });
      await this.timeline(tx, formality, 'SIGNATURE_REQUESTED', actor, `${doc.title} — ${request.signerName}`);
      const company = await tx.em.findOneOrFail(CompanyEntity, { where: { id: formality.companyId } });
      const common = this.common(company, formality, request);
      await this.email(
        tx,
        request,
        signer.email,
        signatureRequestedEmail(signer.locale, { ...common, firstName: signer.firstName }),
        'signature requested, to the signer',
      );
      const { reason, recipients } = await notificationRecipients(tx.em, company.id, 'FORMALITE', 'formality:read');
      for (const r of recipients.filter((r) => r.email !== signer.email)) {
        await this.email(
          tx,
          request,
          r.email,
          formalityEmail('signature_awaited', r.locale, {
            firstName: r.firstName,
            companyName: company.name,
            title: formality.title,
            url: common.url,
            reason,
            publicUrl: this.settings.publicUrl,
          }),
          'signature awaited, to a formalities contact',
        );
      }
      await this.journal(tx, request, 'signature.requested', { documentTitle: doc.title, signerUserId: signer.id });
      return request;
    });
  }

  /** Withdraws a pending (or locked) request, with a reason; the signer is told. */
  async cancel(ctx: ServiceContext, requestId: string, reason: string): Promise<SignatureRequestEntity> {
    const why = reasonOf(reason, 'FORMALITY_REASON_REQUIRED');
    return this.transaction(ctx, async (tx) => {
      const request = await this.lockRequest(tx, null, requestId);
      if (request.status !== 'PENDING' && request.status !== 'LOCKED') throw notPending(request.status);
      const next: SignatureRequestEntity = {
        ...request,
        status: 'CANCELLED',
        documentKey: null,
        codeHash: null,
        codeExpiresAt: null,
        cancelledAt: tx.now,
        cancelReason: why,
        updatedAt: tx.now,
      };
      await this.update(tx, request, next);
      const actor = await this.actorUser(tx);
      await this.trail(tx, request, 'CANCELLED', actor, { detail: why });
      const formality = await this.lockFormality(tx, request.formalityId);
      await this.timeline(tx, formality, 'SIGNATURE_CANCELLED', actor, `${request.documentTitle} — ${why}`);
      await this.backToOperator(tx, formality, request.id);
      const signer = await tx.em.findOne(UserEntity, { where: { id: request.signerUserId } });
      if (signer && !signer.disabled) {
        const company = await tx.em.findOneOrFail(CompanyEntity, { where: { id: request.companyId } });
        await this.email(
          tx,
          request,
          signer.email,
          signatureCancelledEmail(signer.locale, { ...this.common(company, formality, request), firstName: signer.firstName, reason: why }),
          'request cancelled, to the signer',
        );
      }
      await this.journal(tx, request, 'signature.cancelled', { reason: why });
      return next;
    });
  }

  // ---------------------------------------------------------------- the signer

  /**
   * Emails a new one-time code to the signer (it replaces the previous one). Limited per signer
   * and hour; refused once the request is over or locked.
   */
  async sendCode(ctx: ServiceContext, companyId: string, requestId: string): Promise<CodeSent> {
    // Checked before the counter, so that a refusal spends nothing; checked again under the lock.
    await this.transaction(ctx, (tx) => this.signerRequest(tx, companyId, requestId, { lock: false }));
    await requireWithin(this.codesPerSigner, ctx.actor?.userId ?? '', 'signature codes for this signer');
    return this.transaction(ctx, async (tx) => {
      const { request, signer } = await this.signerRequest(tx, companyId, requestId, { lock: true });
      const code = newCode();
      const expiresAt = new Date(tx.now.getTime() + CODE_TTL_MS);
      await this.update(tx, request, {
        ...request,
        codeHash: codeHash(this.secret(), request.id, code),
        codeExpiresAt: expiresAt,
        updatedAt: tx.now,
      });
      const company = await tx.em.findOneOrFail(CompanyEntity, { where: { id: companyId } });
      const formality = await tx.em.findOneOrFail(FormalityEntity, { where: { id: request.formalityId } });
      const messageId = await this.enqueue(
        tx,
        signer.email,
        signatureCodeEmail(signer.locale, { ...this.common(company, formality, request), firstName: signer.firstName, code, expiresAt }),
      );
      await this.trail(tx, request, 'CODE_SENT', signer, {
        detail: `to ${maskEmail(signer.email)}, Message-ID ${messageId}, valid until ${expiresAt.toISOString()}`,
      });
      return { sentTo: maskEmail(signer.email), expiresAt, attemptsLeft: MAX_FAILED_ATTEMPTS - request.failedAttempts };
    });
  }

  /**
   * Signs with the live code and the current consent statement. A wrong code is recorded (the
   * fifth locks the request and tells the operator) before it is refused; a right one is spent,
   * the stored document is checked against the request's SHA-256, and the sealed PDF is made and
   * stored. The status moves from PENDING by a conditional update: of two confirmations at once,
   * exactly one signs.
   */
  async sign(ctx: ServiceContext, companyId: string, requestId: string, input: SignInput): Promise<SignatureRequestEntity> {
    const typed = input.code.trim();
    const seal = this.sealIdentity();
    const written: { key: string | null } = { key: null };
    try {
      const outcome = await this.transaction(ctx, async (tx): Promise<SignOutcome> => {
        const { request, signer } = await this.signerRequest(tx, companyId, requestId, { lock: true });
        if (input.consentVersion !== CONSENT_VERSION) {
          throw conflict('CONSENT_OUTDATED', `The consent statement is now version ${CONSENT_VERSION}: show it and confirm it again.`, {
            currentVersion: CONSENT_VERSION,
          });
        }
        if (!typed || !request.codeHash || !request.codeExpiresAt) {
          throw validationFailed([{ field: 'code', code: 'SIGNATURE_CODE_REQUIRED' }]);
        }
        if (request.codeExpiresAt.getTime() <= tx.now.getTime())
          throw validationFailed([{ field: 'code', code: 'SIGNATURE_CODE_EXPIRED' }]);
        const code = normaliseCode(typed);
        if (!code || !codeMatches(this.secret(), request.id, code, request.codeHash)) return this.wrongCode(tx, request, signer);

        const doc = await tx.em.findOne(FormalityDocumentEntity, { where: { id: request.documentId } });
        const original = doc ? await this.readAll(doc.fileKey) : null;
        if (!original || sha256(original) !== request.documentSha256) throw documentChanged();

        const consent = consentFor(request.documentTitle, input.consentLocale);
        await this.trail(tx, request, 'CODE_ACCEPTED', signer, { detail: `code sent to ${maskEmail(signer.email)}` });
        const given = await this.trail(tx, request, 'CONSENT_GIVEN', signer, {
          detail: `version ${consent.version} (${consent.locale}): ${consent.text}`,
        });
        const company = await tx.em.findOneOrFail(CompanyEntity, { where: { id: companyId } });
        const operator = this.settings.operator;
        const signed = await sealedPdf(
          original,
          {
            documentTitle: request.documentTitle,
            documentSha256: request.documentSha256,
            signerName: request.signerName,
            signerEmail: request.signerEmail,
            companyName: company.name,
            companySiret: company.siret,
            signedAt: tx.now,
            consent,
            trailHash: given.hash,
            trailSeq: given.seq,
            verificationReference: request.verificationReference,
            operatorName: operator.name,
            operatorCity: operator.city,
            operatorEmail: operator.email,
          },
          seal,
        );
        // A key of its own per attempt: a losing concurrent attempt deletes only its own file.
        const key = `${companyId}/formalities/${request.formalityId}/signatures/${request.id}-${newId(tx.now.getTime())}.pdf`;
        const stored = await this.storage.put(key, signed);
        written.key = key;
        const next: SignatureRequestEntity = {
          ...request,
          status: 'SIGNED',
          codeHash: null,
          codeExpiresAt: null,
          consentVersion: consent.version,
          consentLocale: consent.locale,
          signedAt: tx.now,
          signedFileKey: key,
          signedFileSize: stored.size,
          signedSha256: stored.sha256,
          updatedAt: tx.now,
        };
        await this.update(tx, request, next);
        await this.trail(tx, request, 'SIGNED', signer, {
          detail: `sealed PDF SHA-256 ${stored.sha256} (${stored.size} bytes); PAdES seal ${seal.subject}${seal.development ? ' (development)' : ''}, certificate SHA-256 ${seal.fingerprint}`,
        });
        const formality = await this.lockFormality(tx, request.formalityId);
        await this.timeline(tx, formality, 'SIGNED', signer, request.documentTitle);
        await this.backToOperator(tx, formality, request.id);
        const { reason, recipients } = await notificationRecipients(tx.em, company.id, 'FORMALITE', 'formality:read');
        for (const r of recipients) {
          await this.email(
            tx,
            request,
            r.email,
            signatureCompletedEmail(r.locale, {
              ...this.common(company, formality, request),
              firstName: r.firstName,
              signerName: request.signerName,
              reason,
            }),
            'document signed, to a formalities contact',
          );
        }
        await this.journal(tx, request, 'signature.signed', { signedSha256: stored.sha256, reference: request.verificationReference });
        return { kind: 'signed', request: next };
      });
      if (outcome.kind === 'wrong') {
        throw validationFailed([{ field: 'code', code: 'SIGNATURE_CODE_INVALID', params: { attemptsLeft: String(outcome.attemptsLeft) } }]);
      }
      return outcome.request;
    } catch (error) {
      if (written.key) await this.storage.delete(written.key).catch(() => undefined);
      throw error;
    }
  }

  /** The signer declines, with a reason: the request is over and the operator is told. */
  async decline(ctx: ServiceContext, companyId: string, requestId: string, reason: string): Promise<SignatureRequestEntity> {
    const why = reasonOf(reason, 'SIGNATURE_REASON_REQUIRED');
    return this.transaction(ctx, async (tx) => {
      const { request, signer } = await this.signerRequest(tx, companyId, requestId, { lock: true });
      const next: SignatureRequestEntity = {
        ...request,
        status: 'DECLINED',
        documentKey: null,
        codeHash: null,
        codeExpiresAt: null,
        declinedAt: tx.now,
        declineReason: why,
        updatedAt: tx.now,
      };
      await this.update(tx, request, next);
      await this.trail(tx, request, 'DECLINED', signer, { detail: why });
      const formality = await this.lockFormality(tx, request.formalityId);
      await this.timeline(tx, formality, 'SIGNATURE_DECLINED', signer, `${request.documentTitle} — ${why}`);
      await this.backToOperator(tx, formality, request.id);
      await this.alertOperator(tx, 'declined', request, formality, why);
      await this.journal(tx, request, 'signature.declined', { reason: why });
      return next;
    });
  }

  // ---------------------------------------------------------------- files

  link(
    ctx: ServiceContext,
    kind: LinkKind,
    companyId: string | null,
    targetId: string,
    userId: string,
    disposition: Disposition,
  ): { url: string; expiresAt: Date } {
    return makeLink(this.settings.fileUrlSecret, this.settings.publicUrl, ctx.now, { kind, companyId, targetId, userId, disposition });
  }

  verifyLink(ctx: ServiceContext, params: LinkParams, owner: string | null): Disposition {
    return verifyLink(this.settings.fileUrlSecret, ctx.now, params, owner);
  }

  /**
   * The PDF to sign, checked against the request's SHA-256 while it streams. When the signer opens
   * it, DOCUMENT_OPENED goes into the trail.
   */
  async openDocumentToSign(
    ctx: ServiceContext,
    companyId: string,
    requestId: string,
  ): Promise<{ request: SignatureRequestEntity; size: number; stream: Readable }> {
    const request = await this.find(ctx, companyId, requestId);
    if (!request) throw notFound('SignatureRequest');
    const doc = await this.reader(ctx).findOne(FormalityDocumentEntity, { where: { id: request.documentId } });
    if (!doc) throw notFound('Document');
    const stream = await this.storage.getVerified(doc.fileKey, request.documentSha256);
    if (request.status === 'PENDING' && ctx.actor && !ctx.actor.apiTokenId && ctx.actor.userId === request.signerUserId) {
      try {
        await this.transaction(ctx, async (tx) => {
          const locked = await this.lockRequest(tx, companyId, requestId);
          const user = await this.actorUser(tx);
          await this.trail(tx, locked, 'DOCUMENT_OPENED', user, { detail: `document SHA-256 ${request.documentSha256}` });
        });
      } catch (error) {
        stream.destroy();
        throw error;
      }
    }
    return { request, size: doc.fileSize, stream };
  }

  /** The sealed PDF of a signed request (of any company when companyId is null: the operator). */
  async openSigned(
    ctx: ServiceContext,
    companyId: string | null,
    requestId: string,
  ): Promise<{ request: SignatureRequestEntity; size: number; stream: Readable }> {
    const request = await this.find(ctx, companyId, requestId);
    if (!request) throw notFound('SignatureRequest');
    if (request.status !== 'SIGNED' || !request.signedFileKey || !request.signedSha256) {
      throw new DomainError('NOT_FOUND', 'This request is not signed: there is no signed document yet.', [], {
        resource: 'SignedDocument',
      });
    }
    if (companyId === null) await this.journalStaffAccess(ctx, request.companyId, 'SignedDocument', request.id);
    return {
      request,
      size: request.signedFileSize ?? 0,
      stream: await this.storage.getVerified(request.signedFileKey, request.signedSha256),
    };
  }

  /** A client's file answer (of any company when companyId is null: the operator). */
  async findAnswer(ctx: ServiceContext, companyId: string | null, answerId: string): Promise<InformationAnswerEntity | null> {
    if (!isId(answerId)) return null;
    const answer = await this.reader(ctx).findOne(InformationAnswerEntity, { where: { id: answerId } });
    if (!answer || !answer.fileKey || (companyId !== null && answer.companyId !== companyId)) return null;
    return answer;
  }

  async openAnswer(
    ctx: ServiceContext,
    companyId: string | null,
    answerId: string,
  ): Promise<{ answer: InformationAnswerEntity; stream: Readable }> {
    const answer = await this.findAnswer(ctx, companyId, answerId);
    if (!answer?.fileKey || !answer.fileSha256) throw notFound('Answer');
    if (companyId === null) await this.journalStaffAccess(ctx, answer.companyId, 'InformationAnswer', answer.id);
    return { answer, stream: await this.storage.getVerified(answer.fileKey, answer.fileSha256) };
  }

  /** A delivered document of any company (the operator's view). */
  findDocument(ctx: ServiceContext, documentId: string): Promise<FormalityDocumentEntity | null> {
    if (!isId(documentId)) return Promise.resolve(null);
    return this.reader(ctx).findOne(FormalityDocumentEntity, { where: { id: documentId } });
  }

  /** Staff opening a client's file: it shows in that client's activity journal. */
  async journalStaffAccess(ctx: ServiceContext, companyId: string, targetType: string, targetId: string): Promise<void> {
    await this.activity.record(
      this.reader(ctx),
      {
        companyId,
        actorUserId: ctx.actor?.userId ?? null,
        action: 'operator.file_opened',
        targetType,
        targetId,
        ip: ctx.ip ?? null,
      },
      ctx.now,
    );
  }

  // ---------------------------------------------------------------- internals

  /** A unit of work (one at a time on SQLite: see `transaction` in db/with-transaction.ts). */
  private transaction<T>(ctx: ServiceContext, work: (tx: TransactionalContext) => Promise<T>): Promise<T> {
    return withTransaction(this.ds, ctx, work);
  }

  private secret(): string {
    return this.settings.fileUrlSecret;
  }

  private sealIdentity(): SealIdentity {
    return this.prepareSeal(() => undefined);
  }

  private async readAll(key: string): Promise<Buffer | null> {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of await this.storage.get(key)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    } catch {
      return null;
    }
  }

  private async storedSha256(key: string): Promise<string | null> {
    const bytes = await this.readAll(key);
    return bytes ? sha256(bytes) : null;
  }

  private async lockFormality(tx: TransactionalContext, formalityId: string): Promise<FormalityEntity> {
    const row = isId(formalityId)
      ? await tx.em.findOne(FormalityEntity, {
          where: { id: formalityId },
          ...(this.ds.options.type === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
        })
      : null;
    if (!row) throw notFound('Formality');
    return row;
  }

  /** The request's row, locked for the transaction (every append to its trail holds this lock). */
  private async lockRequest(tx: TransactionalContext, companyId: string | null, requestId: string): Promise<SignatureRequestEntity> {
    const row = isId(requestId)
      ? await tx.em.findOne(SignatureRequestEntity, {
          where: { id: requestId },
          ...(this.ds.options.type === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
        })
      : null;
    if (!row || (companyId !== null && row.companyId !== companyId)) throw notFound('SignatureRequest');
    return row;
  }

  /**
   * The request, for its signer only: a person in their own session (never a token, never staff)
   * who is the signer it names, while it is pending.
   */
  private async signerRequest(
    tx: TransactionalContext,
    companyId: string,
    requestId: string,
    options: { lock: boolean },
  ): Promise<{ request: SignatureRequestEntity; signer: UserEntity }> {
    const request = options.lock ? await this.lockRequest(tx, companyId, requestId) : await this.find(tx, companyId, requestId);
    if (!request) throw notFound('SignatureRequest');
    const actor = tx.actor;
    if (!actor || actor.apiTokenId) throw new DomainError('FORBIDDEN', 'Signing needs the signer’s own session: API tokens cannot sign.');
    const signer = await tx.em.findOne(UserEntity, { where: { id: actor.userId } });
    if (!signer || signer.isStaff || signer.disabled) {
      throw new DomainError('FORBIDDEN', 'Signing is a personal act of the signer: the operator’s staff cannot sign.', [], {
        reason: 'NOT_THE_SIGNER',
      });
    }
    if (actor.userId !== request.signerUserId) {
      throw new DomainError('FORBIDDEN', 'Only the signer named by the request can sign it or decline it.', [], {
        reason: 'NOT_THE_SIGNER',
      });
    }
    if (request.status === 'LOCKED') throw locked();
    if (request.status !== 'PENDING') throw notPending(request.status);
    return { request, signer };
  }

  /** Records a wrong code; the fifth locks the request, says so in the trail and the timeline, and tells the operator. */
  private async wrongCode(tx: TransactionalContext, request: SignatureRequestEntity, signer: UserEntity): Promise<SignOutcome> {
    const failed = request.failedAttempts + 1;
    const lockedNow = failed >= MAX_FAILED_ATTEMPTS;
    const next: SignatureRequestEntity = {
      ...request,
      failedAttempts: failed,
      ...(lockedNow ? { status: 'LOCKED' as const, lockedAt: tx.now, codeHash: null, codeExpiresAt: null, documentKey: null } : {}),
      updatedAt: tx.now,
    };
    await this.update(tx, request, next);
    await this.trail(tx, request, 'CODE_FAILED', signer, { detail: `wrong code, attempt ${failed} of ${MAX_FAILED_ATTEMPTS}` });
    if (lockedNow) {
      await this.trail(tx, request, 'LOCKED', null, { detail: `${MAX_FAILED_ATTEMPTS} wrong codes` });
      const formality = await this.lockFormality(tx, request.formalityId);
      await this.timeline(tx, formality, 'SIGNATURE_LOCKED', null, `${request.documentTitle} — ${MAX_FAILED_ATTEMPTS} codes erronés`);
      await this.backToOperator(tx, formality, request.id);
      await this.alertOperator(tx, 'locked', request, formality, null);
      await this.journal(tx, request, 'signature.locked', { failedAttempts: failed });
    }
    return { kind: 'wrong', attemptsLeft: MAX_FAILED_ATTEMPTS - failed };
  }

  /** Writes a change of a request, conditional on the status read: a concurrent change makes it fail. */
  private async update(tx: TransactionalContext, before: SignatureRequestEntity, after: SignatureRequestEntity): Promise<void> {
    const { id: _id, ...values } = after;
    const result = await tx.em.update(SignatureRequestEntity, { id: before.id, status: before.status }, values);
    if (!result.affected) throw notPending('changed meanwhile');
  }

  private async allowedSigner(em: EntityManager, companyId: string, userId: string): Promise<UserEntity | null> {
    if (!isId(userId)) return null;
    const membership = await em.findOne(MembershipEntity, { where: { companyId, userId } });
    if (!membership || membership.status !== 'ACTIVE' || !can(membership.scopes, 'formality:sign')) return null;
    const user = await em.findOne(UserEntity, { where: { id: userId } });
    return user && !user.disabled && !user.isStaff ? user : null;
  }

  private async actorUser(tx: TransactionalContext): Promise<UserEntity | null> {
    const userId = tx.actor?.userId;
    return userId ? tx.em.findOne(UserEntity, { where: { id: userId } }) : null;
  }

  private trail(
    tx: TransactionalContext,
    request: SignatureRequestEntity,
    kind: SignatureEventKind,
    user: UserEntity | null,
    what: { detail?: string | null },
  ): Promise<SignatureEventEntity> {
    return appendEvent(tx, request, kind, {
      userId: user?.id ?? null,
      userName: user ? fullName(user) : null,
      detail: what.detail ?? null,
    });
  }

  /** A step of the formality's timeline, visible to the client. */
  private async timeline(
    tx: TransactionalContext,
    formality: FormalityEntity,
    kind: FormalityEventKind,
    user: UserEntity | null,
    detail: string,
  ): Promise<void> {
    await tx.em.insert(FormalityEventEntity, {
      id: newId(tx.now.getTime()),
      formalityId: formality.id,
      companyId: formality.companyId,
      kind,
      fromState: null,
      toState: null,
      actorUserId: user?.id ?? null,
      actorName: user ? fullName(user) : null,
      actorIsStaff: user?.isStaff ?? false,
      detail: detail.slice(0, 1000),
      at: tx.now,
    });
    await tx.em.update(FormalityEntity, { id: formality.id }, { updatedAt: tx.now });
  }

  /** Once no signature is awaited any more, a formality waiting for one goes back to the operator (UNDER_REVIEW). */
  private async backToOperator(tx: TransactionalContext, formality: FormalityEntity, closedRequestId: string): Promise<void> {
    if (formality.state !== 'AWAITING_SIGNATURE') return;
    const others = await tx.em
      .createQueryBuilder(SignatureRequestEntity, 'r')
      .where('r.formality_id = :id', { id: formality.id })
      .andWhere("r.status = 'PENDING'")
      .andWhere('r.id <> :closed', { closed: closedRequestId })
      .getCount();
    if (others === 0) await this.formalities.move(tx, formality.id, 'UNDER_REVIEW', { dueDate: null, notify: false });
  }

  private common(company: CompanyEntity, formality: FormalityEntity, request: SignatureRequestEntity) {
    return {
      companyName: company.name,
      formalityTitle: formality.title,
      documentTitle: request.documentTitle,
      url: `${this.settings.publicUrl}/c/${encodeURIComponent(company.id)}/services/${encodeURIComponent(formality.id)}`,
      publicUrl: this.settings.publicUrl,
    };
  }

  private async enqueue(tx: TransactionalContext, to: string, email: RenderedEmail): Promise<string> {
    const id = await this.outbox.enqueue(tx.em, to, email, tx.now);
    return messageIdFor(id, this.settings.mailFrom);
  }

  /** Queues an email about the request and records EMAIL_SENT with its Message-ID. */
  private async email(
    tx: TransactionalContext,
    request: SignatureRequestEntity,
    to: string,
    email: RenderedEmail,
    what: string,
  ): Promise<void> {
    const messageId = await this.enqueue(tx, to, email);
    await this.trail(tx, request, 'EMAIL_SENT', null, { detail: `${what}: ${maskEmail(to)}, "${email.kind}", Message-ID ${messageId}` });
  }

  private async alertOperator(
    tx: TransactionalContext,
    alert: OperatorAlert,
    request: SignatureRequestEntity,
    formality: FormalityEntity,
    reason: string | null,
  ): Promise<void> {
    const company = await tx.em.findOneOrFail(CompanyEntity, { where: { id: request.companyId } });
    const url = `${this.settings.publicUrl}/operator/formalities/${encodeURIComponent(company.id)}/${encodeURIComponent(formality.id)}`;
    await this.email(
      tx,
      request,
      this.settings.operatorEmail,
      operatorSignatureAlertEmail(alert, {
        companyName: company.name,
        formalityTitle: formality.title,
        documentTitle: request.documentTitle,
        signerName: request.signerName,
        reason,
        url,
        publicUrl: this.settings.publicUrl,
      }),
      `operator told (${alert})`,
    );
  }

  private journal(
    tx: TransactionalContext,
    request: SignatureRequestEntity,
    action: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.activity.record(
      tx.em,
      {
        companyId: request.companyId,
        actorUserId: tx.actor?.userId ?? null,
        actorApiTokenId: tx.actor?.apiTokenId ?? null,
        action,
        targetType: 'SignatureRequest',
        targetId: request.id,
        details: { formalityId: request.formalityId, ...details },
        ip: tx.ip ?? null,
      },
      tx.now,
    );
  }
}
