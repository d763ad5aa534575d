import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { notFound } from '../../common/domain-error';
import { InputLimits } from '../../common/input-limits';
import { OncePerDocument, RequiresPermission, RequiresStaff } from '../../graphql/access';
import { isStaffReading, serviceContext } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { FormalityObjectType } from '../formalities/formalities.type';
import { linkOwnerOf } from '../identity/principal';
import { FileDispositionEnum, FileLinkType } from '../mail/mail.type';
import type { ConsentLocale } from './consent';
import type { Disposition } from './signature-links';
import {
  ConsentLocaleEnum,
  FormalitySignerType,
  SignatureCodeSentType,
  SignatureConsentType,
  SignatureEvidenceType,
  SignatureRequestType,
  toSignatureEventType,
  toSignatureRequestType,
} from './signatures.type';

const disposition = (d: FileDispositionEnum): Disposition => (d === FileDispositionEnum.ATTACHMENT ? 'attachment' : 'inline');

/** Signed links are bound to the member (or API token, or staff member) that asked for them. */
function linkOwner(ctx: RequestContext): string {
  const owner = linkOwnerOf(ctx.principal);
  if (!owner) throw new Error('unreachable: guarded by an access declaration');
  return owner;
}

/** Formality.signatureRequests: read with the formality, whose access (formality:read or staff) covers it. */
@Resolver(() => FormalityObjectType)
export class FormalitySignaturesFieldResolver {
  @FieldResolver(() => [SignatureRequestType], { description: 'The signature requests of the formality, newest first.' })
  async signatureRequests(@Root() f: FormalityObjectType, @Ctx() ctx: RequestContext): Promise<SignatureRequestType[]> {
    const sctx = serviceContext(ctx);
    return (await ctx.services.signatures.forFormality(sctx, f.id)).map((r) => toSignatureRequestType(r, sctx.now));
  }
}

@Resolver(() => SignatureRequestType)
export class SignatureRequestFieldsResolver {
  @FieldResolver(() => Boolean, {
    description: 'The viewer is the signer, in their own session (false for staff and API tokens): they may sign or decline.',
  })
  isMine(@Root() r: SignatureRequestType, @Ctx() ctx: RequestContext): boolean {
    const p = ctx.principal;
    return p.kind === 'session' && !p.isStaff && p.userId === r.signerId;
  }

  @FieldResolver(() => SignatureConsentType, { description: 'The current consent statement, in the language asked for.' })
  consent(
    @Root() r: SignatureRequestType,
    @Arg('locale', () => ConsentLocaleEnum, { defaultValue: ConsentLocaleEnum.FR }) locale: ConsentLocaleEnum,
    @Ctx() ctx: RequestContext,
  ): SignatureConsentType {
    const c = ctx.services.signatures.consent(r, locale as ConsentLocale);
    return { version: c.version, locale: c.locale as ConsentLocaleEnum, text: c.text };
  }

  @FieldResolver(() => SignatureEvidenceType, {
    nullable: true,
    description: 'The evidence trail and whether its hash chain verifies (the operator’s staff only).',
  })
  @RequiresStaff()
  async evidence(@Root() r: SignatureRequestType, @Ctx() ctx: RequestContext): Promise<SignatureEvidenceType> {
    const e = await ctx.services.signatures.evidence(serviceContext(ctx), r.id);
    const companyId = e.events[0]?.companyId;
    if (companyId && isStaffReading(ctx, companyId))
      await ctx.services.activity.recordStaffRead(serviceContext(ctx), companyId, 'SignatureEvidence', r.id);
    return {
      events: e.events.map(toSignatureEventType),
      finalHash: e.finalHash,
      intact: e.intact,
      brokenAtSeq: e.brokenAtSeq,
      problem: e.problem,
    };
  }
}

@Resolver()
@UseMiddleware(InputLimits)
export class SignaturesResolver {
  // ------------------------------------------------------------ client

  @Mutation(() => FileLinkType, {
    nullable: true,
    description:
      'A link to the PDF to sign, valid 5 minutes, for the caller only, to show it in the page; opening it records DOCUMENT_OPENED in the evidence when the signer opens it. Errors: NOT_FOUND (SignatureRequest).',
  })
  @RequiresPermission('formality:read', { arg: 'companyId' })
  async createSignatureDocumentLink(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('signatureRequestId', () => ID) signatureRequestId: string,
    @Arg('disposition', () => FileDispositionEnum, { defaultValue: FileDispositionEnum.INLINE }) d: FileDispositionEnum,
    @Ctx() ctx: RequestContext,
  ): Promise<FileLinkType> {
    const sctx = serviceContext(ctx);
    const request = await ctx.services.signatures.find(sctx, companyId, signatureRequestId);
    if (!request) throw notFound('SignatureRequest');
    return ctx.services.signatures.link(sctx, 'signature-document', companyId, request.id, linkOwner(ctx), disposition(d));
  }

  @Mutation(() => SignatureCodeSentType, {
    nullable: true,
    description:
      'Emails the signer a 6-digit code, valid 10 minutes and once; a new code replaces the previous one. Limited per signer and hour. Errors: NOT_FOUND (SignatureRequest), FORBIDDEN (not the signer), CONFLICT (extensions.reason SIGNATURE_NOT_PENDING, SIGNATURE_LOCKED), RATE_LIMITED (extensions.retryAfter).',
  })
  @RequiresPermission('formality:sign', { arg: 'companyId' })
  @OncePerDocument()
  async requestSignatureCode(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('signatureRequestId', () => ID) signatureRequestId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<SignatureCodeSentType> {
    return ctx.services.signatures.sendCode(serviceContext(ctx), companyId, signatureRequestId);
  }

  @Mutation(() => SignatureRequestType, {
    nullable: true,
    description:
      'Signs the document with the code received by email and the consent statement shown (its version and language). Errors: NOT_FOUND, FORBIDDEN (not the signer), VALIDATION_FAILED (code: SIGNATURE_CODE_INVALID with params.attemptsLeft, SIGNATURE_CODE_EXPIRED, SIGNATURE_CODE_REQUIRED), CONFLICT (extensions.reason SIGNATURE_LOCKED, SIGNATURE_NOT_PENDING, DOCUMENT_CHANGED, CONSENT_OUTDATED).',
  })
  @RequiresPermission('formality:sign', { arg: 'companyId' })
  @OncePerDocument()
  async signDocument(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('signatureRequestId', () => ID) signatureRequestId: string,
    @Arg('code', () => String) code: string,
    @Arg('consentVersion', () => String) consentVersion: string,
    @Arg('consentLocale', () => ConsentLocaleEnum) consentLocale: ConsentLocaleEnum,
    @Ctx() ctx: RequestContext,
  ): Promise<SignatureRequestType> {
    const sctx = serviceContext(ctx);
    const signed = await ctx.services.signatures.sign(sctx, companyId, signatureRequestId, {
      code,
      consentVersion,
      consentLocale: consentLocale as ConsentLocale,
    });
    return toSignatureRequestType(signed, sctx.now);
  }

  @Mutation(() => SignatureRequestType, {
    nullable: true,
    description:
      'Declines to sign, with a reason (at most 1000 characters); the operator is told. Errors: NOT_FOUND, FORBIDDEN (not the signer), VALIDATION_FAILED (SIGNATURE_REASON_REQUIRED), CONFLICT (SIGNATURE_NOT_PENDING, SIGNATURE_LOCKED).',
  })
  @RequiresPermission('formality:sign', { arg: 'companyId' })
  @OncePerDocument()
  async declineSignature(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('signatureRequestId', () => ID) signatureRequestId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<SignatureRequestType> {
    const sctx = serviceContext(ctx);
    return toSignatureRequestType(await ctx.services.signatures.decline(sctx, companyId, signatureRequestId, reason), sctx.now);
  }

  @Mutation(() => FileLinkType, {
    nullable: true,
    description:
      'A link to the signed PDF (the original, its certificate page and the PAdES seal), valid 5 minutes, for the caller only. Errors: NOT_FOUND (SignatureRequest, or SignedDocument while it is not signed).',
  })
  @RequiresPermission('formality:download', { arg: 'companyId' })
  async createSignedDocumentLink(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('signatureRequestId', () => ID) signatureRequestId: string,
    @Arg('disposition', () => FileDispositionEnum, { defaultValue: FileDispositionEnum.ATTACHMENT }) d: FileDispositionEnum,
    @Ctx() ctx: RequestContext,
  ): Promise<FileLinkType> {
    const sctx = serviceContext(ctx);
    const request = await ctx.services.signatures.find(sctx, companyId, signatureRequestId);
    if (!request) throw notFound('SignatureRequest');
    if (request.status !== 'SIGNED') throw notFound('SignedDocument');
    return ctx.services.signatures.link(sctx, 'signed-document', companyId, request.id, linkOwner(ctx), disposition(d));
  }

  @Mutation(() => FileLinkType, {
    nullable: true,
    description: 'A link to a file answered to an information request, valid 5 minutes, for the caller only. Errors: NOT_FOUND (Answer).',
  })
  @RequiresPermission('formality:read', { arg: 'companyId' })
  async createFormalityAnswerLink(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('answerId', () => ID) answerId: string,
    @Arg('disposition', () => FileDispositionEnum, { defaultValue: FileDispositionEnum.INLINE }) d: FileDispositionEnum,
    @Ctx() ctx: RequestContext,
  ): Promise<FileLinkType> {
    const sctx = serviceContext(ctx);
    const answer = await ctx.services.signatures.findAnswer(sctx, companyId, answerId);
    if (!answer) throw notFound('Answer');
    return ctx.services.signatures.link(sctx, 'formality-answer', companyId, answer.id, linkOwner(ctx), disposition(d));
  }

  // ------------------------------------------------------------ operator

  @Mutation(() => SignatureRequestType, {
    nullable: true,
    description:
      'Operator: asks a member holding FORMALITE to sign a document delivered on the formality, named with the SHA-256 the operator saw. A formality UNDER_REVIEW moves to AWAITING_SIGNATURE (one already there stays); the signer and the formalities contacts are emailed. Errors: NOT_FOUND (Formality, Document), VALIDATION_FAILED (signerId: SIGNER_NOT_ALLOWED; documentSha256: DOCUMENT_HASH_INVALID), CONFLICT (extensions.reason DOCUMENT_CHANGED, SIGNATURE_ALREADY_REQUESTED, DOCUMENT_ALREADY_SIGNED, INVALID_TRANSITION).',
  })
  @RequiresStaff()
  @OncePerDocument()
  async requestSignature(
    @Arg('formalityId', () => ID) formalityId: string,
    @Arg('documentId', () => ID) documentId: string,
    @Arg('signerId', () => ID) signerId: string,
    @Arg('documentSha256', () => String) documentSha256: string,
    @Ctx() ctx: RequestContext,
  ): Promise<SignatureRequestType> {
    const sctx = serviceContext(ctx);
    return toSignatureRequestType(await ctx.services.signatures.request(sctx, formalityId, documentId, signerId, documentSha256), sctx.now);
  }

  @Mutation(() => SignatureRequestType, {
    nullable: true,
    description:
      'Operator: withdraws a pending or locked signature request, with a reason; the signer is told. Errors: NOT_FOUND, VALIDATION_FAILED (FORMALITY_REASON_REQUIRED), CONFLICT (SIGNATURE_NOT_PENDING).',
  })
  @RequiresStaff()
  @OncePerDocument()
  async cancelSignatureRequest(
    @Arg('signatureRequestId', () => ID) signatureRequestId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: RequestContext,
  ): Promise<SignatureRequestType> {
    const sctx = serviceContext(ctx);
    return toSignatureRequestType(await ctx.services.signatures.cancel(sctx, signatureRequestId, reason), sctx.now);
  }

  @Query(() => SignatureRequestType, {
    nullable: true,
    description: 'Operator: one signature request, with its evidence; null when there is none with this id.',
  })
  @RequiresStaff()
  async operatorSignatureRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<SignatureRequestType | null> {
    const sctx = serviceContext(ctx);
    const row = await ctx.services.signatures.find(sctx, null, id);
    return row ? toSignatureRequestType(row, sctx.now) : null;
  }

  @Query(() => [FormalitySignerType], {
    nullable: true,
    description: 'Operator: the members of a company who may be asked to sign (active, holding FORMALITE).',
  })
  @RequiresStaff()
  async operatorFormalitySigners(
    @Arg('companyId', () => ID) companyId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<FormalitySignerType[]> {
    return ctx.services.signatures.signers(serviceContext(ctx), companyId);
  }

  @Mutation(() => FileLinkType, {
    nullable: true,
    description: 'Operator: a link to a client’s file answer, valid 5 minutes, for the caller only. Errors: NOT_FOUND (Answer).',
  })
  @RequiresStaff()
  async operatorAnswerLink(
    @Arg('answerId', () => ID) answerId: string,
    @Arg('disposition', () => FileDispositionEnum, { defaultValue: FileDispositionEnum.INLINE }) d: FileDispositionEnum,
    @Ctx() ctx: RequestContext,
  ): Promise<FileLinkType> {
    const sctx = serviceContext(ctx);
    const answer = await ctx.services.signatures.findAnswer(sctx, null, answerId);
    if (!answer) throw notFound('Answer');
    return ctx.services.signatures.link(sctx, 'operator-formality-answer', null, answer.id, linkOwner(ctx), disposition(d));
  }

  @Mutation(() => FileLinkType, {
    nullable: true,
    description:
      'Operator: a link to the signed PDF of a request, valid 5 minutes, for the caller only. Errors: NOT_FOUND (SignatureRequest, SignedDocument).',
  })
  @RequiresStaff()
  async operatorSignedDocumentLink(
    @Arg('signatureRequestId', () => ID) signatureRequestId: string,
    @Arg('disposition', () => FileDispositionEnum, { defaultValue: FileDispositionEnum.ATTACHMENT }) d: FileDispositionEnum,
    @Ctx() ctx: RequestContext,
  ): Promise<FileLinkType> {
    const sctx = serviceContext(ctx);
    const request = await ctx.services.signatures.find(sctx, null, signatureRequestId);
    if (!request) throw notFound('SignatureRequest');
    if (request.status !== 'SIGNED') throw notFound('SignedDocument');
    return ctx.services.signatures.link(sctx, 'operator-signed-document', null, request.id, linkOwner(ctx), disposition(d));
  }

  @Mutation(() => FileLinkType, {
    nullable: true,
    description: 'Operator: a link to a delivered document, valid 5 minutes, for the caller only. Errors: NOT_FOUND (Document).',
  })
  @RequiresStaff()
  async operatorFormalityDocumentLink(
    @Arg('documentId', () => ID) documentId: string,
    @Arg('disposition', () => FileDispositionEnum, { defaultValue: FileDispositionEnum.INLINE }) d: FileDispositionEnum,
    @Ctx() ctx: RequestContext,
  ): Promise<FileLinkType> {
    const sctx = serviceContext(ctx);
    const doc = await ctx.services.signatures.findDocument(sctx, documentId);
    if (!doc) throw notFound('Document');
    return ctx.services.signatures.link(sctx, 'operator-formality-document', null, doc.id, linkOwner(ctx), disposition(d));
  }
}
