import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { pageSize } from '../../common/cursor';
import { notFound } from '../../common/domain-error';
import { InputLimits } from '../../common/input-limits';
import { RequiresPermission, RequiresStaff } from '../../graphql/access';
import { isStaffReading, serviceContext } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { CompanyType } from '../companies/company.type';
import { linkOwnerOf } from '../identity/principal';
import { FileDispositionEnum, FileLinkType } from '../mail/mail.type';
import type { FormalityFilter, FormalityPage } from './formalities.service';
import {
  FormalityConnection,
  FormalityDocumentType,
  FormalityEventType,
  FormalityFilterInput,
  FormalityObjectType,
  FormalityStateEnum,
  FormalityTypeEnum,
  InformationAnswerType,
  InformationRequestInput,
  InformationRequestType,
  MoveFormalityInput,
  toFormalityDocumentType,
  toFormalityEventType,
  toFormalityType,
  toInformationAnswerType,
  toInformationRequestType,
} from './formalities.type';

const toFilter = (f: FormalityFilterInput | null | undefined): FormalityFilter | null => (f ? { state: f.state ?? null } : null);

function connection(page: FormalityPage, companyId: string, filter: FormalityFilter | null): FormalityConnection {
  const edges = page.rows.map((r) => ({ cursor: page.cursorOf(r), node: toFormalityType(r) }));
  return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: page.hasNextPage }, companyId, filter };
}

/** Signed links are bound to the member (or API token) that asked for them. */
function linkOwner(ctx: RequestContext): string {
  const owner = linkOwnerOf(ctx.principal);
  if (!owner) throw new Error('unreachable: guarded by a permission');
  return owner;
}

/** The formality fields of Company, checked once for the whole request. */
@Resolver(() => CompanyType)
@UseMiddleware(InputLimits)
export class FormalityCompanyFieldsResolver {
  @FieldResolver(() => FormalityConnection, {
    nullable: true,
    description:
      'The company’s formalities: those waiting for the client ("à vous de jouer") first, then the operator’s, then those that are over.',
  })
  @RequiresPermission('formality:read', 'parent')
  async formalities(
    @Root() company: CompanyType,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => FormalityFilterInput, { nullable: true }) filter: FormalityFilterInput | null,
    @Ctx() ctx: RequestContext,
  ): Promise<FormalityConnection> {
    const f = toFilter(filter);
    return connection(await ctx.services.formalities.list(serviceContext(ctx), company.id, pageSize(first), after, f), company.id, f);
  }

  @FieldResolver(() => FormalityObjectType, {
    nullable: true,
    description: 'One formality of this company; null when there is none with this id.',
  })
  @RequiresPermission('formality:read', 'parent')
  async formality(
    @Root() company: CompanyType,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<FormalityObjectType | null> {
    const row = await ctx.services.formalities.find(serviceContext(ctx), company.id, id);
    return row ? toFormalityType(row) : null;
  }
}

@Resolver(() => FormalityConnection)
export class FormalityConnectionResolver {
  @FieldResolver(() => Int, { description: 'Number of formalities matching the filter (counted only when selected).' })
  async totalCount(@Root() c: FormalityConnection, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.services.formalities.count(serviceContext(ctx), c.companyId, c.filter);
  }
}

/** What a formality holds, read only when selected. */
@Resolver(() => FormalityObjectType)
export class FormalityFieldsResolver {
  @FieldResolver(() => [FormalityEventType], { description: 'Every step, oldest first.' })
  async timeline(@Root() f: FormalityObjectType, @Ctx() ctx: RequestContext): Promise<FormalityEventType[]> {
    return (await ctx.services.formalities.events(serviceContext(ctx), f.id)).map(toFormalityEventType);
  }

  @FieldResolver(() => [InformationRequestType], { description: 'The information requests, in order.' })
  async requests(@Root() f: FormalityObjectType, @Ctx() ctx: RequestContext): Promise<InformationRequestType[]> {
    return (await ctx.services.formalities.requests(serviceContext(ctx), f.id)).map(toInformationRequestType);
  }

  @FieldResolver(() => [FormalityDocumentType], { description: 'The documents delivered, oldest first.' })
  async documents(@Root() f: FormalityObjectType, @Ctx() ctx: RequestContext): Promise<FormalityDocumentType[]> {
    return (await ctx.services.formalities.documents(serviceContext(ctx), f.id)).map(toFormalityDocumentType);
  }
}

@Resolver(() => InformationRequestType)
export class InformationRequestFieldsResolver {
  @FieldResolver(() => [InformationAnswerType], { description: 'Every answer given, oldest first (rejected and replaced ones included).' })
  async answers(@Root() r: InformationRequestType, @Ctx() ctx: RequestContext): Promise<InformationAnswerType[]> {
    return (await ctx.services.formalities.answers(serviceContext(ctx), r.id)).map(toInformationAnswerType);
  }
}

@Resolver()
@UseMiddleware(InputLimits)
export class FormalitiesResolver {
  // ------------------------------------------------------------ client

  @Mutation(() => InformationAnswerType, {
    nullable: true,
    description:
      'Answers one TEXT, DATE (YYYY-MM-DD), NUMBER or CHOICE request, on its own; a FILE request is answered by uploading to POST /files/formalities/:companyId/:requestId. An answer not reviewed yet is replaced. Errors: NOT_FOUND (InformationRequest), CONFLICT (accepted already, formality over), VALIDATION_FAILED.',
  })
  @RequiresPermission('formality:respond', { arg: 'companyId' })
  async answerInformationRequest(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('requestId', () => ID) requestId: string,
    @Arg('value', () => String) value: string,
    @Ctx() ctx: RequestContext,
  ): Promise<InformationAnswerType> {
    return toInformationAnswerType(await ctx.services.formalities.answer(serviceContext(ctx), companyId, requestId, value));
  }

  @Mutation(() => FileLinkType, {
    nullable: true,
    description:
      'A link to a delivered document, valid 5 minutes, for the caller only; access is checked again when it is opened. Errors: NOT_FOUND.',
  })
  @RequiresPermission('formality:download', { arg: 'companyId' })
  async createFormalityDocumentLink(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('documentId', () => ID) documentId: string,
    @Arg('disposition', () => FileDispositionEnum, { defaultValue: FileDispositionEnum.INLINE }) disposition: FileDispositionEnum,
    @Ctx() ctx: RequestContext,
  ): Promise<FileLinkType> {
    const sctx = serviceContext(ctx);
    const doc = await ctx.services.formalities.findDocument(sctx, companyId, documentId);
    if (!doc) throw notFound('Document');
    return ctx.services.formalities.createDocumentLink(
      sctx,
      doc,
      linkOwner(ctx),
      disposition === FileDispositionEnum.ATTACHMENT ? 'attachment' : 'inline',
    );
  }

  // ------------------------------------------------------------ operator

  @Query(() => FormalityConnection, { nullable: true, description: 'Operator: the formalities of one company, in the client’s order.' })
  @RequiresStaff()
  async operatorFormalities(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => FormalityFilterInput, { nullable: true }) filter: FormalityFilterInput | null,
    @Ctx() ctx: RequestContext,
  ): Promise<FormalityConnection> {
    const f = toFilter(filter);
    return connection(await ctx.services.formalities.list(serviceContext(ctx), companyId, pageSize(first), after, f), companyId, f);
  }

  @Query(() => FormalityObjectType, { nullable: true, description: 'Operator: one formality; null when there is none with this id.' })
  @RequiresStaff()
  async operatorFormality(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<FormalityObjectType | null> {
    const row = await ctx.services.formalities.find(serviceContext(ctx), null, id);
    if (row && isStaffReading(ctx, row.companyId))
      await ctx.services.activity.recordStaffRead(serviceContext(ctx), row.companyId, 'Formality', row.id);
    return row ? toFormalityType(row) : null;
  }

  @Mutation(() => FormalityObjectType, {
    nullable: true,
    description:
      'Operator: opens a formality for a company, in DRAFT, with the checklist of its type as information requests. Errors: NOT_FOUND (Company), VALIDATION_FAILED (FORMALITY_TITLE_REQUIRED, TEXT_TOO_LONG).',
  })
  @RequiresStaff()
  async openFormality(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('type', () => FormalityTypeEnum) type: FormalityTypeEnum,
    @Arg('title', () => String) title: string,
    @Ctx() ctx: RequestContext,
  ): Promise<FormalityObjectType> {
    return toFormalityType(await ctx.services.formalities.open(serviceContext(ctx), companyId, type, title));
  }

  @Mutation(() => FormalityObjectType, {
    nullable: true,
    description:
      'Operator: moves a formality to its next state (see Formality.nextStates); FILED needs the tracking number, REJECTED and REGULARISATION_REQUESTED a reason. The client’s contacts are told when it becomes their turn and when it is completed. Errors: NOT_FOUND (Formality), CONFLICT (extensions.reason INVALID_TRANSITION), VALIDATION_FAILED.',
  })
  @RequiresStaff()
  async moveFormality(
    @Arg('formalityId', () => ID) formalityId: string,
    @Arg('to', () => FormalityStateEnum) to: FormalityStateEnum,
    @Arg('input', () => MoveFormalityInput, { nullable: true }) input: MoveFormalityInput | null,
    @Ctx() ctx: RequestContext,
  ): Promise<FormalityObjectType> {
    return toFormalityType(
      await ctx.services.formalities.move(serviceContext(ctx), formalityId, to, {
        reason: input?.reason ?? null,
        trackingNumber: input?.trackingNumber ?? null,
        dueDate: input?.dueDate ?? null,
      }),
    );
  }

  @Mutation(() => InformationRequestType, {
    nullable: true,
    description:
      'Operator: asks the client for one more piece of information. Errors: NOT_FOUND (Formality), CONFLICT (formality over), VALIDATION_FAILED.',
  })
  @RequiresStaff()
  async addInformationRequest(
    @Arg('formalityId', () => ID) formalityId: string,
    @Arg('input', () => InformationRequestInput) input: InformationRequestInput,
    @Ctx() ctx: RequestContext,
  ): Promise<InformationRequestType> {
    return toInformationRequestType(await ctx.services.formalities.addRequest(serviceContext(ctx), formalityId, input));
  }

  @Mutation(() => InformationAnswerType, {
    nullable: true,
    description:
      'Operator: accepts an answer, or rejects it with a reason: the answer stays in the history and the request opens again (a formality under review goes back to the client). Errors: NOT_FOUND (Answer), CONFLICT (already reviewed), VALIDATION_FAILED (FORMALITY_REASON_REQUIRED).',
  })
  @RequiresStaff()
  async reviewAnswer(
    @Arg('answerId', () => ID) answerId: string,
    @Arg('accept', () => Boolean) accept: boolean,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<InformationAnswerType> {
    return toInformationAnswerType(await ctx.services.formalities.review(serviceContext(ctx), answerId, accept, reason));
  }
}
