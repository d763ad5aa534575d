import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { type DataSource, type EntityManager } from 'typeorm';
import { TEXT_LIMITS, textLength, unsafeTextCode, type FieldError, type ValidationCode } from '@guichet/shared';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import { DomainError, notFound, validationFailed } from '../../common/domain-error';
import { isId, newId } from '../../common/ids';
import { hmacSign, hmacVerify } from '../../common/signing';
import { withTransaction, type ServiceContext, type TransactionalContext } from '../../db/with-transaction';
import type { FileStorage } from '../../storage/storage';
import { UserEntity } from '../auth/user.entity';
import { CompanyEntity } from '../companies/company.entity';
import type { OutboxService } from '../mailer/outbox.service';
import { inspectPdf } from '../mail/pdf';
import { notificationRecipients } from '../team/notification-recipients';
import { CHECKLISTS } from './checklists';
import { formalityEmail, type FormalityNotice } from './formalities.emails';
import { FormalityEntity, FormalityEventEntity, type FormalityEventKind } from './formality.entity';
import {
  FormalityDocumentEntity,
  InformationAnswerEntity,
  InformationRequestEntity,
  REQUEST_KINDS,
  type RequestKind,
} from './information-request.entity';
import { assertTransition, FORMALITY_STATES, isOver, turnOf, turnRankOf, type FormalityState, type FormalityType } from './transitions';

/** The largest file a client may upload as an answer, or the operator deliver. */
export const FORMALITY_FILE_MAX_BYTES = 20 * 1024 * 1024;
/** Signed download links live 5 minutes, like the other file links. */
export const FORMALITY_LINK_TTL_MS = 5 * 60_000;
const MAX_REQUESTS_PER_FORMALITY = 50;
const MAX_CHOICES = 20;

export interface MoveOptions {
  reason?: string | null;
  trackingNumber?: string | null;
  dueDate?: string | null;
  /** False when the caller tells the client itself (a signature request emails its signer and contacts). */
  notify?: boolean;
}

export interface RequestInput {
  kind: RequestKind;
  question: string;
  required?: boolean | null;
  choices?: string[] | null;
  dueDate?: string | null;
}

export interface FormalityFilter {
  state: FormalityState | null;
}

export interface FormalityPage {
  rows: FormalityEntity[];
  hasNextPage: boolean;
  cursorOf: (row: FormalityEntity) => string;
}

export interface DocumentLinkParams {
  companyId: string;
  documentId: string;
  userId: string;
  disposition: string;
  expires: string;
  signature: string;
}

/** What an uploaded file really is, from its first bytes (never from what the client says). */
export type DetectedFile = 'application/pdf' | 'image/png' | 'image/jpeg';

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);
const PDF_MAGIC = Buffer.from('%PDF-', 'ascii');

export function detectFileType(bytes: Buffer): DetectedFile | null {
  const starts = (magic: Buffer): boolean => bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(magic);
  if (starts(PDF_MAGIC)) return 'application/pdf';
  if (starts(PNG_MAGIC)) return 'image/png';
  if (starts(JPEG_MAGIC)) return 'image/jpeg';
  return null;
}

const EXTENSIONS: Record<DetectedFile, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (s: string): boolean => DAY_RE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const NUMBER_RE = /^-?\d{1,15}([.,]\d{1,6})?$/;

const invalidTransitionOver = (state: FormalityState): DomainError =>
  new DomainError('CONFLICT', `The formality is over (${state}): nothing can change any more.`, [], { reason: 'FORMALITY_OVER' });

const invalidLink = (): DomainError => new DomainError('INVALID_TOKEN', 'This link is invalid. Ask for a new one from the formality page.');
const expiredLink = (): DomainError =>
  new DomainError('INVALID_TOKEN', 'This link has expired. Ask for a new one from the formality page.');
const otherSession = (): DomainError =>
  new DomainError('FORBIDDEN', 'This link belongs to another session: open it from your own Guichet page, signed in.');

const documentLinkMessage = (p: Omit<DocumentLinkParams, 'signature'>): string =>
  ['formality-document', p.companyId, p.documentId, p.userId, p.disposition, p.expires].join('\n');

/** A free text: trimmed, within its limit, without invisible or bidirectional controls. */
function text(
  field: string,
  raw: string | null | undefined,
  max: number,
  errors: FieldError[],
  requiredCode?: ValidationCode,
): string | null {
  const value = (raw ?? '').trim();
  if (!value) {
    if (requiredCode) errors.push({ field, code: requiredCode });
    return null;
  }
  if (textLength(value) > max) {
    errors.push({ field, code: 'TEXT_TOO_LONG', params: { max: String(max) } });
    return null;
  }
  const unsafe = unsafeTextCode(value);
  if (unsafe) {
    errors.push({ field, code: unsafe });
    return null;
  }
  return value;
}

function day(field: string, raw: string | null | undefined, errors: FieldError[]): string | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (!isDay(raw)) {
    errors.push({ field, code: 'FORMALITY_DATE_INVALID' });
    return null;
  }
  return raw;
}

/**
 * Formalities: the operator opens and moves them (the transitions table decides), asks for
 * information and reviews the answers, delivers documents; the client follows them, answers and
 * downloads. Every step is a timeline event written in the same transaction as the change.
 */
export class FormalitiesService {
  constructor(
    private readonly ds: DataSource,
    private readonly settings: { publicUrl: string; fileUrlSecret: string },
    private readonly storage: FileStorage,
    private readonly outbox: OutboxService,
  ) {}

  private reader(ctx: ServiceContext): EntityManager {
    return ctx.em ?? this.ds.manager;
  }

  // ---------------------------------------------------------------- reading

  /** A formality of the company (or of any company when companyId is null: the operator). */
  async find(ctx: ServiceContext, companyId: string | null, id: string): Promise<FormalityEntity | null> {
    if (!isId(id)) return null;
    const row = await this.reader(ctx).findOne(FormalityEntity, { where: { id } });
    if (!row || (companyId !== null && row.companyId !== companyId)) return null;
    return row;
  }

  /** The client's list: its turn first, then the operator's, then the formalities that are over; newest first within each. */
  async list(
    ctx: ServiceContext,
    companyId: string,
    first: number,
    after: string | null,
    filter: FormalityFilter | null,
  ): Promise<FormalityPage> {
    const qb = this.reader(ctx)
      .createQueryBuilder(FormalityEntity, 'f')
      .where('f.company_id = :companyId', { companyId })
      .orderBy('f.turn_rank', 'ASC')
      .addOrderBy('f.id', 'DESC')
      .limit(first + 1);
    if (filter?.state) qb.andWhere('f.state = :state', { state: filter.state });
    if (after) {
      const [rank, id] = after.length <= 200 ? decodeCursor(after, 2) : [null, null];
      if (typeof rank !== 'number' || !Number.isInteger(rank) || typeof id !== 'string' || !isId(id)) {
        throw new DomainError('BAD_USER_INPUT', 'Invalid cursor: pass an endCursor returned by a previous page.');
      }
      qb.andWhere('(f.turn_rank > :rank OR (f.turn_rank = :rank AND f.id < :id))', { rank, id });
    }
    const rows = await qb.getMany();
    return {
      rows: rows.slice(0, first),
      hasNextPage: rows.length > first,
      cursorOf: (r) => encodeCursor([r.turnRank, r.id]),
    };
  }

  async count(ctx: ServiceContext, companyId: string, filter: FormalityFilter | null): Promise<number> {
    const qb = this.reader(ctx).createQueryBuilder(FormalityEntity, 'f').where('f.company_id = :companyId', { companyId });
    if (filter?.state) qb.andWhere('f.state = :state', { state: filter.state });
    return qb.getCount();
  }

  async events(ctx: ServiceContext, formalityId: string): Promise<FormalityEventEntity[]> {
    return this.reader(ctx).find(FormalityEventEntity, { where: { formalityId }, order: { id: 'ASC' } });
  }

  async requests(ctx: ServiceContext, formalityId: string): Promise<InformationRequestEntity[]> {
    return this.reader(ctx).find(InformationRequestEntity, { where: { formalityId }, order: { position: 'ASC' } });
  }

  async answers(ctx: ServiceContext, requestId: string): Promise<InformationAnswerEntity[]> {
    return this.reader(ctx).find(InformationAnswerEntity, { where: { requestId }, order: { id: 'ASC' } });
  }

  async documents(ctx: ServiceContext, formalityId: string): Promise<FormalityDocumentEntity[]> {
    return this.reader(ctx).find(FormalityDocumentEntity, { where: { formalityId }, order: { id: 'ASC' } });
  }

  // ---------------------------------------------------------------- operator

  /** Opens a formality in DRAFT, with the checklist of its type as information requests. */
  async open(ctx: ServiceContext, companyId: string, type: FormalityType, title: string): Promise<FormalityEntity> {
    const errors: FieldError[] = [];
    const cleanTitle = text('title', title, TEXT_LIMITS.formalityTitle, errors, 'FORMALITY_TITLE_REQUIRED');
    return withTransaction(this.ds, ctx, async (tx) => {
      const company = isId(companyId) ? await tx.em.findOne(CompanyEntity, { where: { id: companyId } }) : null;
      if (!company) throw notFound('Company');
      if (errors.length > 0 || !cleanTitle) throw validationFailed(errors);
      const formality: FormalityEntity = {
        id: newId(tx.now.getTime()),
        companyId,
        type,
        title: cleanTitle,
        state: 'DRAFT',
        turn: turnOf('DRAFT'),
        turnRank: turnRankOf('DRAFT'),
        dueDate: null,
        remindedDueDate: null,
        trackingNumber: null,
        reason: null,
        openedById: tx.actor?.userId ?? null,
        createdAt: tx.now,
        updatedAt: tx.now,
      };
      await tx.em.insert(FormalityEntity, formality);
      await this.event(tx, formality, 'OPENED', { toState: 'DRAFT', detail: cleanTitle });
      let position = 0;
      for (const item of CHECKLISTS[type]) {
        position += 1;
        await tx.em.insert(InformationRequestEntity, {
          id: newId(tx.now.getTime()),
          formalityId: formality.id,
          companyId,
          position,
          kind: item.kind,
          question: item.question,
          choicesJson: item.choices ? JSON.stringify(item.choices) : null,
          required: item.required,
          dueDate: null,
          status: 'OPEN',
          createdAt: tx.now,
          updatedAt: tx.now,
        });
      }
      return formality;
    });
  }

  /** Adds an information request to a formality that is not over. */
  async addRequest(ctx: ServiceContext, formalityId: string, input: RequestInput): Promise<InformationRequestEntity> {
    const errors: FieldError[] = [];
    const question = text('question', input.question, TEXT_LIMITS.formalityQuestion, errors, 'FORMALITY_ANSWER_REQUIRED');
    const dueDate = day('dueDate', input.dueDate, errors);
    let choices: string[] | null = null;
    if (!REQUEST_KINDS.includes(input.kind)) errors.push({ field: 'kind', code: 'FORMALITY_ANSWER_INVALID' });
    if (input.kind === 'CHOICE') {
      choices = [];
      for (const [i, c] of (input.choices ?? []).entries()) {
        const v = text(`choices.${i}`, c, TEXT_LIMITS.formalityQuestion, errors, 'FORMALITY_ANSWER_REQUIRED');
        if (v && !choices.includes(v)) choices.push(v);
      }
      if (choices.length < 2 || choices.length > MAX_CHOICES) errors.push({ field: 'choices', code: 'FORMALITY_ANSWER_INVALID' });
    } else if (input.choices && input.choices.length > 0) {
      errors.push({ field: 'choices', code: 'FORMALITY_ANSWER_INVALID' });
    }
    return withTransaction(this.ds, ctx, async (tx) => {
      const formality = await this.lockFormality(tx, null, formalityId);
      if (isOver(formality.state)) throw invalidTransitionOver(formality.state);
      if (errors.length > 0 || !question) throw validationFailed(errors);
      const existing = await tx.em.count(InformationRequestEntity, { where: { formalityId } });
      if (existing >= MAX_REQUESTS_PER_FORMALITY) {
        throw new DomainError('CONFLICT', `A formality has at most ${MAX_REQUESTS_PER_FORMALITY} requests.`, [], {
          reason: 'TOO_MANY_REQUESTS',
        });
      }
      const positions: { p: number | string | null }[] = await tx.em.query(
        'SELECT MAX(position) AS p FROM information_requests WHERE formality_id = ?',
        [formalityId],
      );
      const request: InformationRequestEntity = {
        id: newId(tx.now.getTime()),
        formalityId,
        companyId: formality.companyId,
        position: Number(positions[0]?.p ?? 0) + 1,
        kind: input.kind,
        question,
        choicesJson: choices ? JSON.stringify(choices) : null,
        required: input.required ?? true,
        dueDate,
        status: 'OPEN',
        createdAt: tx.now,
        updatedAt: tx.now,
      };
      await tx.em.insert(InformationRequestEntity, request);
      await this.event(tx, formality, 'REQUEST_ADDED', { detail: question });
      await this.touch(tx, formality);
      return request;
    });
  }

  /**
   * Moves a formality along the transitions table. FILED needs the register's tracking number;
   * REJECTED and REGULARISATION_REQUESTED a reason. The move is a conditional update on the
   * state read, so two operators moving at once cannot both succeed from the same state.
   */
  async move(ctx: ServiceContext, formalityId: string, to: FormalityState, options: MoveOptions = {}): Promise<FormalityEntity> {
    const errors: FieldError[] = [];
    if (!FORMALITY_STATES.includes(to)) throw new DomainError('BAD_USER_INPUT', 'Unknown state.');
    const needsReason = to === 'REJECTED' || to === 'REGULARISATION_REQUESTED';
    const reason = text(
      'reason',
      options.reason,
      TEXT_LIMITS.formalityReason,
      errors,
      needsReason ? 'FORMALITY_REASON_REQUIRED' : undefined,
    );
    const trackingNumber = text(
      'trackingNumber',
      options.trackingNumber,
      TEXT_LIMITS.trackingNumber,
      errors,
      to === 'FILED' ? 'FORMALITY_TRACKING_NUMBER_REQUIRED' : undefined,
    );
    const dueDate = day('dueDate', options.dueDate, errors);
    return withTransaction(this.ds, ctx, async (tx) => {
      const formality = await this.lockFormality(tx, null, formalityId);
      assertTransition(formality.state, to);
      if (errors.length > 0) throw validationFailed(errors);
      const from = formality.state;
      const next: FormalityEntity = {
        ...formality,
        state: to,
        turn: turnOf(to),
        turnRank: turnRankOf(to),
        dueDate,
        trackingNumber: to === 'FILED' ? trackingNumber : formality.trackingNumber,
        reason: needsReason ? reason : null,
        updatedAt: tx.now,
      };
      const result = await tx.em.update(
        FormalityEntity,
        { id: formality.id, state: from },
        {
          state: next.state,
          turn: next.turn,
          turnRank: next.turnRank,
          dueDate: next.dueDate,
          trackingNumber: next.trackingNumber,
          reason: next.reason,
          updatedAt: next.updatedAt,
        },
      );
      if (!result.affected) {
        throw new DomainError('CONFLICT', 'The formality changed meanwhile: reload it.', [], { reason: 'INVALID_TRANSITION', from, to });
      }
      const detail = to === 'FILED' ? trackingNumber : needsReason ? reason : null;
      await this.event(tx, next, 'STATE_CHANGED', { fromState: from, toState: to, detail });
      const notice: FormalityNotice | null =
        to === 'INFORMATION_REQUESTED'
          ? 'requests_waiting'
          : to === 'AWAITING_SIGNATURE'
            ? 'signature_awaited'
            : to === 'REGULARISATION_REQUESTED'
              ? 'regularisation'
              : to === 'COMPLETED'
                ? 'completed'
                : null;
      if (notice && options.notify !== false) await this.notify(tx, next, notice);
      return next;
    });
  }

  /**
   * Reviews a pending answer: accepted, its request is done; rejected with a reason, the answer
   * stays in the history and the request opens again (a formality under review goes back to the
   * client).
   */
  async review(
    ctx: ServiceContext,
    answerId: string,
    accept: boolean,
    reason: string | null | undefined,
  ): Promise<InformationAnswerEntity> {
    const errors: FieldError[] = [];
    const cleanReason = text('reason', reason, TEXT_LIMITS.formalityReason, errors, accept ? undefined : 'FORMALITY_REASON_REQUIRED');
    return withTransaction(this.ds, ctx, async (tx) => {
      const answer = isId(answerId) ? await tx.em.findOne(InformationAnswerEntity, { where: { id: answerId } }) : null;
      if (!answer) throw notFound('Answer');
      const formality = await this.lockFormality(tx, null, answer.formalityId);
      if (isOver(formality.state)) throw invalidTransitionOver(formality.state);
      if (errors.length > 0) throw validationFailed(errors);
      if (answer.review !== 'PENDING') {
        throw new DomainError('CONFLICT', `This answer was already reviewed or replaced (${answer.review}).`, [], {
          reason: 'ANSWER_NOT_PENDING',
        });
      }
      const reviewed: InformationAnswerEntity = {
        ...answer,
        review: accept ? 'ACCEPTED' : 'REJECTED',
        reviewReason: accept ? null : cleanReason,
        reviewedById: tx.actor?.userId ?? null,
        reviewedAt: tx.now,
      };
      const done = await tx.em.update(
        InformationAnswerEntity,
        { id: answer.id, review: 'PENDING' },
        {
          review: reviewed.review,
          reviewReason: reviewed.reviewReason,
          reviewedById: reviewed.reviewedById,
          reviewedAt: reviewed.reviewedAt,
        },
      );
      if (!done.affected) throw new DomainError('CONFLICT', 'This answer was reviewed meanwhile.', [], { reason: 'ANSWER_NOT_PENDING' });
      await tx.em.update(InformationRequestEntity, { id: answer.requestId }, { status: accept ? 'ACCEPTED' : 'OPEN', updatedAt: tx.now });
      const request = await tx.em.findOneOrFail(InformationRequestEntity, { where: { id: answer.requestId } });
      await this.event(tx, formality, accept ? 'ANSWER_ACCEPTED' : 'ANSWER_REJECTED', {
        detail: accept ? request.question : `${request.question} — ${cleanReason ?? ''}`.slice(0, 1000),
      });
      if (!accept && formality.state === 'UNDER_REVIEW') {
        await this.move(tx, formality.id, 'INFORMATION_REQUESTED', { dueDate: formality.dueDate });
      } else {
        await this.touch(tx, formality);
      }
      return reviewed;
    });
  }

  /** Delivers a document (a real PDF) to the company; its members are told. */
  async deliverDocument(
    ctx: ServiceContext,
    companyId: string,
    formalityId: string,
    title: string | null | undefined,
    body: Buffer,
  ): Promise<FormalityDocumentEntity> {
    const errors: FieldError[] = [];
    const cleanTitle = text('title', title, TEXT_LIMITS.formalityTitle, errors, 'FORMALITY_TITLE_REQUIRED');
    const formality = await this.find(ctx, companyId, formalityId);
    if (!formality) throw notFound('Formality');
    if (formality.state === 'CANCELLED' || formality.state === 'REJECTED') throw invalidTransitionOver(formality.state);
    const check = await inspectPdf(body);
    if (!check.ok) errors.push({ field: 'file', code: 'FORMALITY_FILE_INVALID' });
    if (errors.length > 0 || !cleanTitle) throw validationFailed(errors);
    const id = newId(ctx.now.getTime());
    const key = `${companyId}/formalities/${formalityId}/documents/${id}.pdf`;
    const stored = await this.storage.put(key, body, { maxBytes: FORMALITY_FILE_MAX_BYTES });
    try {
      return await withTransaction(this.ds, ctx, async (tx) => {
        const locked = await this.lockFormality(tx, companyId, formalityId);
        const doc: FormalityDocumentEntity = {
          id,
          formalityId,
          companyId,
          title: cleanTitle,
          fileKey: key,
          fileSize: stored.size,
          fileSha256: stored.sha256,
          deliveredById: tx.actor?.userId ?? null,
          deliveredAt: tx.now,
        };
        await tx.em.insert(FormalityDocumentEntity, doc);
        await this.event(tx, locked, 'DOCUMENT_DELIVERED', { detail: cleanTitle });
        await this.touch(tx, locked);
        await this.notify(tx, locked, 'document_delivered');
        return doc;
      });
    } catch (error) {
      await this.storage.delete(key).catch(() => undefined);
      throw error;
    }
  }

  // ---------------------------------------------------------------- client

  /** Answers a TEXT, DATE, NUMBER or CHOICE request of the company with a value, on its own. */
  async answer(
    ctx: ServiceContext,
    companyId: string,
    requestId: string,
    value: string | null | undefined,
  ): Promise<InformationAnswerEntity> {
    return withTransaction(this.ds, ctx, async (tx) => {
      const { request, formality } = await this.answerable(tx, companyId, requestId);
      const errors: FieldError[] = [];
      const clean = this.checkValue(request, value, errors);
      if (errors.length > 0 || clean === null) throw validationFailed(errors);
      return this.saveAnswer(tx, formality, request, { value: clean });
    });
  }

  /** Answers a FILE request with an uploaded PDF, PNG or JPEG, checked by its content. */
  async answerFile(ctx: ServiceContext, companyId: string, requestId: string, body: Buffer): Promise<InformationAnswerEntity> {
    const first = await withTransaction(this.ds, ctx, (tx) => this.answerable(tx, companyId, requestId));
    if (first.request.kind !== 'FILE') throw validationFailed([{ field: 'file', code: 'FORMALITY_ANSWER_INVALID' }]);
    const type = body.length > 0 ? detectFileType(body) : null;
    if (!type) throw validationFailed([{ field: 'file', code: 'FORMALITY_FILE_INVALID' }]);
    if (type === 'application/pdf' && !(await inspectPdf(body)).ok) {
      throw validationFailed([{ field: 'file', code: 'FORMALITY_FILE_INVALID' }]);
    }
    const id = newId(ctx.now.getTime());
    const key = `${companyId}/formalities/${first.formality.id}/answers/${id}.${EXTENSIONS[type]}`;
    const stored = await this.storage.put(key, body, { maxBytes: FORMALITY_FILE_MAX_BYTES });
    try {
      return await withTransaction(this.ds, ctx, async (tx) => {
        const { request, formality } = await this.answerable(tx, companyId, requestId);
        return this.saveAnswer(
          tx,
          formality,
          request,
          { value: null, fileKey: key, fileType: type, fileSize: stored.size, fileSha256: stored.sha256 },
          id,
        );
      });
    } catch (error) {
      await this.storage.delete(key).catch(() => undefined);
      throw error;
    }
  }

  // ---------------------------------------------------------------- files

  createDocumentLink(
    ctx: ServiceContext,
    doc: FormalityDocumentEntity,
    userId: string,
    disposition: 'inline' | 'attachment',
  ): { url: string; expiresAt: Date } {
    const expires = String(Math.floor((ctx.now.getTime() + FORMALITY_LINK_TTL_MS) / 1000));
    const params = { companyId: doc.companyId, documentId: doc.id, userId, disposition, expires };
    const signature = hmacSign(this.settings.fileUrlSecret, documentLinkMessage(params));
    const query = new URLSearchParams({ u: userId, d: disposition, e: expires, s: signature });
    return {
      url: `${this.settings.publicUrl}/files/formality-documents/${doc.companyId}/${doc.id}?${query.toString()}`,
      expiresAt: new Date(Number(expires) * 1000),
    };
  }

  async findDocument(ctx: ServiceContext, companyId: string, documentId: string): Promise<FormalityDocumentEntity | null> {
    if (!isId(companyId) || !isId(documentId)) return null;
    return this.reader(ctx).findOne(FormalityDocumentEntity, { where: { id: documentId, companyId } });
  }

  /** Checks a signed link: well formed, signed here, not expired, opened by the member (or token) it was made for. */
  verifyDocumentLink(ctx: ServiceContext, p: DocumentLinkParams, owner: string | null): void {
    if (!isId(p.companyId) || !isId(p.documentId) || !isId(p.userId) || !/^\d{1,12}$/.test(p.expires)) throw invalidLink();
    if (p.disposition !== 'inline' && p.disposition !== 'attachment') throw invalidLink();
    if (!hmacVerify(this.settings.fileUrlSecret, documentLinkMessage(p), p.signature)) throw invalidLink();
    if (owner !== p.userId) throw otherSession();
    if (Number(p.expires) * 1000 <= ctx.now.getTime()) throw expiredLink();
  }

  async openDocument(
    ctx: ServiceContext,
    companyId: string,
    documentId: string,
  ): Promise<{ doc: FormalityDocumentEntity; stream: Readable }> {
    const doc = await this.findDocument(ctx, companyId, documentId);
    if (!doc) throw notFound('Document');
    return { doc, stream: await this.storage.getVerified(doc.fileKey, doc.fileSha256) };
  }

  // ---------------------------------------------------------------- internals

  private async lockFormality(tx: TransactionalContext, companyId: string | null, formalityId: string): Promise<FormalityEntity> {
    const row = isId(formalityId)
      ? await tx.em.findOne(FormalityEntity, {
          where: { id: formalityId },
          ...(this.ds.options.type === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
        })
      : null;
    if (!row || (companyId !== null && row.companyId !== companyId)) throw notFound('Formality');
    return row;
  }

  /** The request, of this company, that can be answered now. */
  private async answerable(
    tx: TransactionalContext,
    companyId: string,
    requestId: string,
  ): Promise<{ request: InformationRequestEntity; formality: FormalityEntity }> {
    const request = isId(requestId) ? await tx.em.findOne(InformationRequestEntity, { where: { id: requestId } }) : null;
    if (!request || request.companyId !== companyId) throw notFound('InformationRequest');
    const formality = await this.lockFormality(tx, companyId, request.formalityId);
    if (isOver(formality.state)) throw invalidTransitionOver(formality.state);
    const fresh = await tx.em.findOneOrFail(InformationRequestEntity, { where: { id: requestId } });
    if (fresh.status === 'ACCEPTED') {
      throw new DomainError('CONFLICT', 'This request was already accepted.', [], { reason: 'REQUEST_ACCEPTED' });
    }
    return { request: fresh, formality };
  }

  private checkValue(request: InformationRequestEntity, raw: string | null | undefined, errors: FieldError[]): string | null {
    const value = (raw ?? '').trim();
    if (request.kind === 'FILE') {
      errors.push({ field: 'value', code: 'FORMALITY_ANSWER_INVALID' });
      return null;
    }
    if (!value) {
      errors.push({ field: 'value', code: 'FORMALITY_ANSWER_REQUIRED' });
      return null;
    }
    switch (request.kind) {
      case 'TEXT':
        return text('value', value, TEXT_LIMITS.formalityAnswer, errors);
      case 'DATE':
        return day('value', value, errors);
      case 'NUMBER':
        if (!NUMBER_RE.test(value)) {
          errors.push({ field: 'value', code: 'FORMALITY_ANSWER_INVALID' });
          return null;
        }
        return value.replace(',', '.');
      case 'CHOICE': {
        const choices = request.choicesJson ? (JSON.parse(request.choicesJson) as string[]) : [];
        if (!choices.includes(value)) {
          errors.push({ field: 'value', code: 'FORMALITY_ANSWER_INVALID' });
          return null;
        }
        return value;
      }
    }
  }

  private async saveAnswer(
    tx: TransactionalContext,
    formality: FormalityEntity,
    request: InformationRequestEntity,
    content: Partial<InformationAnswerEntity>,
    id: string = newId(tx.now.getTime()),
  ): Promise<InformationAnswerEntity> {
    // An answer not reviewed yet is replaced by the new one; it stays in the history.
    await tx.em.update(InformationAnswerEntity, { requestId: request.id, review: 'PENDING' }, { review: 'REPLACED' });
    const answer: InformationAnswerEntity = {
      id,
      requestId: request.id,
      formalityId: formality.id,
      companyId: formality.companyId,
      value: null,
      fileKey: null,
      fileType: null,
      fileSize: null,
      fileSha256: null,
      ...content,
      answeredById: tx.actor?.userId ?? null,
      answeredAt: tx.now,
      review: 'PENDING',
      reviewReason: null,
      reviewedById: null,
      reviewedAt: null,
    };
    await tx.em.insert(InformationAnswerEntity, answer);
    await tx.em.update(InformationRequestEntity, { id: request.id }, { status: 'ANSWERED', updatedAt: tx.now });
    await this.event(tx, formality, 'ANSWERED', { detail: request.question });
    await this.touch(tx, formality);
    return answer;
  }

  private async touch(tx: TransactionalContext, formality: FormalityEntity): Promise<void> {
    await tx.em.update(FormalityEntity, { id: formality.id }, { updatedAt: tx.now });
  }

  private async event(
    tx: TransactionalContext,
    formality: FormalityEntity,
    kind: FormalityEventKind,
    what: { fromState?: FormalityState | null; toState?: FormalityState | null; detail?: string | null },
  ): Promise<void> {
    const userId = tx.actor?.userId ?? null;
    const user = userId ? await tx.em.findOne(UserEntity, { where: { id: userId } }) : null;
    await tx.em.insert(FormalityEventEntity, {
      id: newId(tx.now.getTime()),
      formalityId: formality.id,
      companyId: formality.companyId,
      kind,
      fromState: what.fromState ?? null,
      toState: what.toState ?? null,
      actorUserId: userId,
      actorName: user ? `${user.firstName} ${user.lastName}`.slice(0, 200) : null,
      actorIsStaff: user?.isStaff ?? false,
      detail: what.detail ? what.detail.slice(0, 1000) : null,
      at: tx.now,
    });
  }

  /** To the members "contact for" FORMALITE who can follow formalities, or the administrators when nobody is. */
  private async notify(tx: TransactionalContext, formality: FormalityEntity, notice: FormalityNotice): Promise<void> {
    const company = await tx.em.findOneOrFail(CompanyEntity, { where: { id: formality.companyId } });
    const { reason, recipients } = await notificationRecipients(tx.em, company.id, 'FORMALITE', 'formality:read');
    const url = `${this.settings.publicUrl}/c/${encodeURIComponent(company.id)}/services/${encodeURIComponent(formality.id)}`;
    for (const r of recipients) {
      await this.outbox.enqueue(
        tx.em,
        r.email,
        formalityEmail(notice, r.locale, {
          firstName: r.firstName,
          companyName: company.name,
          title: formality.title,
          url,
          reason,
          publicUrl: this.settings.publicUrl,
        }),
        tx.now,
      );
    }
  }
}

/** SHA-256 of a buffer, lower-case hex (for tests and the seed). */
export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
