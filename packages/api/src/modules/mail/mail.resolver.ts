import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { InputLimits } from '../../common/input-limits';
import { pageSize } from '../../common/cursor';
import { notFound } from '../../common/domain-error';
import { RequiresPermission, RequiresStaff } from '../../graphql/access';
import { serviceContext } from '../../graphql/actor';
import { linkOwnerOf } from '../identity/principal';
import type { RequestContext } from '../../graphql/context';
import { AddressInput } from '../companies/company.inputs';
import { CompanyType, toCompanyType } from '../companies/company.type';
import type { ForwardingPage } from './forwarding.service';
import { MailFilterInput } from './mail.inputs';
import type { MailFilter, MailItemRow } from './mail.queries';
import { selects } from './selection';
import {
  FileDispositionEnum,
  FileLinkType,
  ForwardingRequestConnection,
  ForwardingRequestType,
  ForwardingStatusEnum,
  MailExportType,
  MailItemConnection,
  MailItemType,
  TagType,
  toForwardingRequestType,
  toMailItemType,
  toTagType,
} from './mail.type';

const toFilter = (f: MailFilterInput | null | undefined): MailFilter | null =>
  f
    ? {
        tagIds: f.tagIds ?? null,
        type: f.type ?? null,
        status: f.status ?? null,
        receivedFrom: f.receivedFrom ?? null,
        receivedTo: f.receivedTo ?? null,
        search: f.search ?? null,
      }
    : null;

/** Items with their tags when the query selects them: one statement for all of them. */
async function withTags(ctx: RequestContext, rows: readonly MailItemRow[], wanted: boolean): Promise<MailItemType[]> {
  if (!wanted) return rows.map((r) => toMailItemType(r));
  const tags = await ctx.loaders.mail.tagsOfMailItem.loadMany(rows.map((r) => r.id));
  return rows.map((r, i) => {
    const t = tags[i];
    return toMailItemType(r, t instanceof Error ? [] : (t ?? []));
  });
}

function forwardingConnection(page: ForwardingPage): ForwardingRequestConnection {
  const edges = page.rows.map((r) => ({ cursor: page.cursorOf(r), node: toForwardingRequestType(r) }));
  return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: page.hasNextPage } };
}

/** The mail fields of Company: the edges to a company's mail, each checked once for the whole request. */

/** Signed links are bound to the member (or API token) that asked for them. */
function linkOwner(ctx: RequestContext): string {
  const owner = linkOwnerOf(ctx.principal);
  if (!owner) throw new Error('unreachable: guarded by a permission');
  return owner;
}

@Resolver(() => CompanyType)
@UseMiddleware(InputLimits)
export class MailCompanyFieldsResolver {
  @FieldResolver(() => MailItemConnection, {
    nullable: true,
    description: 'Scanned mail, newest first (keyset cursors). `totalCount` is computed only when selected.',
  })
  @RequiresPermission('mail:read', 'parent')
  async mailItems(
    @Root() company: CompanyType,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('filter', () => MailFilterInput, { nullable: true }) filter: MailFilterInput | null,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MailItemConnection> {
    const f = toFilter(filter);
    const page = await ctx.services.mail.list(serviceContext(ctx), company.id, pageSize(first), after, f);
    const nodes = await withTags(ctx, page.rows, selects(info, ['edges', 'node', 'tags']));
    const edges = page.rows.map((r, i) => ({ cursor: page.cursorOf(r), node: nodes[i] as MailItemType }));
    return {
      edges,
      pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: page.hasNextPage },
      companyId: company.id,
      filter: f,
    };
  }

  @FieldResolver(() => MailItemType, {
    nullable: true,
    description: 'One mail item of this company; null when there is none with this id.',
  })
  @RequiresPermission('mail:read', 'parent')
  async mailItem(
    @Root() company: CompanyType,
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MailItemType | null> {
    const item = await ctx.services.mail.findItem(serviceContext(ctx), company.id, id);
    return item ? ((await withTags(ctx, [item], selects(info, ['tags'])))[0] ?? null) : null;
  }

  @FieldResolver(() => [TagType], { nullable: true, description: 'The company’s tags, by name.' })
  @RequiresPermission('mail:read', 'parent')
  async tags(@Root() company: CompanyType, @Ctx() ctx: RequestContext): Promise<TagType[]> {
    return (await ctx.services.mail.listTags(serviceContext(ctx), company.id)).map(toTagType);
  }

  @FieldResolver(() => ForwardingRequestConnection, { nullable: true, description: 'Forwarding requests, newest first.' })
  @RequiresPermission('mail:read', 'parent')
  async forwardingRequests(
    @Root() company: CompanyType,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ForwardingRequestConnection> {
    return forwardingConnection(await ctx.services.forwarding.listForCompany(serviceContext(ctx), company.id, pageSize(first), after));
  }
}

@Resolver(() => MailItemConnection)
export class MailItemConnectionResolver {
  @FieldResolver(() => Int, { description: 'Number of items matching the filter (one COUNT query, only when selected).' })
  async totalCount(@Root() connection: MailItemConnection, @Ctx() ctx: RequestContext): Promise<number> {
    return ctx.services.mail.count(serviceContext(ctx), connection.companyId, connection.filter);
  }
}

@Resolver(() => ForwardingRequestType)
export class ForwardingRequestFieldsResolver {
  @FieldResolver(() => [MailItemType], { description: 'The items to forward (batched for the whole page).' })
  async items(
    @Root() request: ForwardingRequestType,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MailItemType[]> {
    return withTags(ctx, await ctx.loaders.mail.itemsOfForwardingRequest.load(request.id), selects(info, ['tags']));
  }

  @FieldResolver(() => CompanyType, { description: 'The company the items belong to (for the operator’s queue).' })
  async company(@Root() request: ForwardingRequestType, @Ctx() ctx: RequestContext): Promise<CompanyType> {
    const company = await ctx.loaders.companyById.load(request.companyId);
    if (!company) throw notFound('Company');
    return toCompanyType(company);
  }

  @FieldResolver(() => String, { nullable: true, description: 'Name of the member who asked.' })
  async requestedByName(@Root() request: ForwardingRequestType, @Ctx() ctx: RequestContext): Promise<string | null> {
    const user = await ctx.loaders.userById.load(request.requestedById);
    return user ? `${user.firstName} ${user.lastName}` : null;
  }
}

@Resolver()
@UseMiddleware(InputLimits)
export class MailResolver {
  // ------------------------------------------------------------ tags

  @Mutation(() => TagType, {
    nullable: true,
    description: 'Creates a tag. Errors: VALIDATION_FAILED (name, color), CONFLICT (name already used in this company).',
  })
  @RequiresPermission('mail:tag', { arg: 'companyId' })
  async createTag(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('name', () => String) name: string,
    @Arg('color', () => String, { description: '#rrggbb' }) color: string,
    @Ctx() ctx: RequestContext,
  ): Promise<TagType> {
    return toTagType(await ctx.services.mail.createTag(serviceContext(ctx), companyId, { name, color }));
  }

  @Mutation(() => TagType, { nullable: true, description: 'Renames or recolours a tag. Errors: NOT_FOUND, VALIDATION_FAILED, CONFLICT.' })
  @RequiresPermission('mail:tag', { arg: 'companyId' })
  async updateTag(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('tagId', () => ID) tagId: string,
    @Arg('name', () => String, { nullable: true }) name: string | null,
    @Arg('color', () => String, { nullable: true }) color: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<TagType> {
    return toTagType(await ctx.services.mail.updateTag(serviceContext(ctx), companyId, tagId, { name, color }));
  }

  @Mutation(() => ID, {
    nullable: true,
    description: 'Deletes a tag definitively and removes it from every item (the items stay). Returns the deleted id.',
  })
  @RequiresPermission('mail:tag', { arg: 'companyId' })
  async deleteTag(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('tagId', () => ID) tagId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<string> {
    return ctx.services.mail.deleteTag(serviceContext(ctx), companyId, tagId);
  }

  @Mutation(() => [MailItemType], {
    nullable: true,
    description: 'Adds every tag to every item (at most 500 items, 20 tags). Idempotent. Returns the items.',
  })
  @RequiresPermission('mail:tag', { arg: 'companyId' })
  async tagMailItems(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('mailItemIds', () => [ID]) mailItemIds: string[],
    @Arg('tagIds', () => [ID]) tagIds: string[],
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MailItemType[]> {
    return withTags(ctx, await ctx.services.mail.tagItems(serviceContext(ctx), companyId, mailItemIds, tagIds), selects(info, ['tags']));
  }

  @Mutation(() => [MailItemType], { nullable: true, description: 'Removes the tags from the items. Idempotent. Returns the items.' })
  @RequiresPermission('mail:tag', { arg: 'companyId' })
  async untagMailItems(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('mailItemIds', () => [ID]) mailItemIds: string[],
    @Arg('tagIds', () => [ID]) tagIds: string[],
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<MailItemType[]> {
    return withTags(ctx, await ctx.services.mail.untagItems(serviceContext(ctx), companyId, mailItemIds, tagIds), selects(info, ['tags']));
  }

  // ------------------------------------------------------------ forwarding

  @Mutation(() => ForwardingRequestType, {
    nullable: true,
    description:
      'Asks the operator to post the items (at most 200) to an address — the company’s address when omitted. Retrying with the same idempotencyKey and the same content returns the first request; the same key with other content gives CONFLICT. Errors: NOT_FOUND, CONFLICT (items already being forwarded), VALIDATION_FAILED (address.*, idempotencyKey).',
  })
  @RequiresPermission('mail:forward', { arg: 'companyId' })
  async requestForwarding(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('mailItemIds', () => [ID]) mailItemIds: string[],
    @Arg('idempotencyKey', () => String, { description: '1 to 100 printable ASCII characters, e.g. a UUID made by the client.' })
    idempotencyKey: string,
    @Arg('address', () => AddressInput, { nullable: true }) address: AddressInput | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ForwardingRequestType> {
    return toForwardingRequestType(
      await ctx.services.forwarding.request(serviceContext(ctx), companyId, { mailItemIds, address, idempotencyKey }),
    );
  }

  @Mutation(() => ForwardingRequestType, {
    nullable: true,
    description:
      'Withdraws a forwarding request the operator has not sent yet; its items become available again. Errors: NOT_FOUND, CONFLICT.',
  })
  @RequiresPermission('mail:forward', { arg: 'companyId' })
  async cancelForwardingRequest(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('forwardingRequestId', () => ID) forwardingRequestId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ForwardingRequestType> {
    return toForwardingRequestType(await ctx.services.forwarding.cancelByMember(serviceContext(ctx), companyId, forwardingRequestId));
  }

  // ------------------------------------------------------------ files

  @Mutation(() => FileLinkType, {
    nullable: true,
    description:
      'A link to the PDF of one item, valid 5 minutes, for the caller only; access is checked again when it is opened. Errors: NOT_FOUND.',
  })
  @RequiresPermission('mail:download', { arg: 'companyId' })
  async createMailItemLink(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('mailItemId', () => ID) mailItemId: string,
    @Arg('disposition', () => FileDispositionEnum, { defaultValue: FileDispositionEnum.INLINE }) disposition: FileDispositionEnum,
    @Ctx() ctx: RequestContext,
  ): Promise<FileLinkType> {
    return ctx.services.mailFiles.createItemLink(
      serviceContext(ctx),
      companyId,
      mailItemId,
      linkOwner(ctx),
      disposition === FileDispositionEnum.ATTACHMENT ? 'attachment' : 'inline',
    );
  }

  @Mutation(() => MailExportType, {
    nullable: true,
    description:
      'A link, valid 10 minutes, to a ZIP of the matching PDFs with a manifest.csv (at most 20 000 items). Access is checked again when it is opened.',
  })
  @RequiresPermission('mail:export', { arg: 'companyId' })
  async createMailExport(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('filter', () => MailFilterInput, { nullable: true }) filter: MailFilterInput | null,
    @Ctx() ctx: RequestContext,
  ): Promise<MailExportType> {
    return ctx.services.mailFiles.createExport(serviceContext(ctx), companyId, toFilter(filter), linkOwner(ctx));
  }

  // ------------------------------------------------------------ operator

  @Query(() => ForwardingRequestConnection, { description: 'Operator: forwarding requests of every company in one status, oldest first.' })
  @RequiresStaff()
  async forwardingQueue(
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('status', () => ForwardingStatusEnum, { defaultValue: ForwardingStatusEnum.REQUESTED }) status: ForwardingStatusEnum,
    @Ctx() ctx: RequestContext,
  ): Promise<ForwardingRequestConnection> {
    return forwardingConnection(await ctx.services.forwarding.queue(serviceContext(ctx), status, pageSize(first), after));
  }

  @Mutation(() => ForwardingRequestType, {
    nullable: true,
    description: 'Operator: the items were posted; they become FORWARDED. Errors: NOT_FOUND, CONFLICT (not REQUESTED any more).',
  })
  @RequiresStaff()
  async markForwardingSent(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ForwardingRequestType> {
    return toForwardingRequestType(await ctx.services.forwarding.markSent(serviceContext(ctx), id));
  }

  @Mutation(() => ForwardingRequestType, {
    nullable: true,
    description: 'Operator: cancels a request not sent yet; its items become SCANNED again. Errors: NOT_FOUND, CONFLICT.',
  })
  @RequiresStaff()
  async cancelForwarding(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<ForwardingRequestType> {
    return toForwardingRequestType(await ctx.services.forwarding.cancelByStaff(serviceContext(ctx), id));
  }
}
