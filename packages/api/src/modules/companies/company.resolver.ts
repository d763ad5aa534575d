import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { InputLimits } from '../../common/input-limits';
import { notFound } from '../../common/domain-error';
import { pageSize } from '../../common/cursor';
import { RequiresPermission, RequiresStaff } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { isStaffReading, serviceContext } from '../../graphql/actor';
import { toInvitation } from '../team/team.resolver';
import { InvitationType } from '../team/team.type';
import { CompanyInput, CreateCompanyInput, FirstAdminInput } from './company.inputs';
import type { FirstAdminState } from './company.service';
import { CompanyConnection, CompanyType, toCompanyType } from './company.type';

/** Per request (keyed by its loaders): the first-administrator state of every company in the answer, in two queries. */
const firstAdminLoaders = new WeakMap<object, DataLoader<string, FirstAdminState>>();

function firstAdminState(ctx: RequestContext, companyId: string): Promise<FirstAdminState> {
  let loader = firstAdminLoaders.get(ctx.loaders);
  if (!loader) {
    loader = new DataLoader<string, FirstAdminState>(async (ids) => {
      const states = await ctx.services.companies.firstAdminStates(serviceContext(ctx), ids);
      return ids.map((id) => states.get(id) ?? { hasAdministrator: false, pendingInvitation: null });
    });
    firstAdminLoaders.set(ctx.loaders, loader);
  }
  return loader.load(companyId);
}

@Resolver(() => CompanyType)
@UseMiddleware(InputLimits)
export class CompanyResolver {
  @Query(() => CompanyType, {
    nullable: true,
    description: 'A company the caller is a member of (staff: any company). Other ids give NOT_FOUND.',
  })
  @RequiresPermission('company:read', { arg: 'id' })
  async company(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CompanyType | null> {
    const company = await ctx.loaders.companyById.load(id);
    if (!company) throw notFound('Company');
    if (isStaffReading(ctx, id)) await ctx.services.activity.recordStaffRead(serviceContext(ctx), id, 'Company', id);
    return toCompanyType(company);
  }

  @Query(() => CompanyConnection, {
    description: 'Operator: every client company, newest first. `search` matches the name or the start of the SIRET.',
  })
  @RequiresStaff()
  async companies(
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CompanyConnection> {
    const page = await ctx.services.companies.list(serviceContext(ctx), pageSize(first), after, search);
    const edges = page.rows.map((c) => ({ cursor: page.cursorOf(c), node: toCompanyType(c) }));
    return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: page.hasNextPage } };
  }

  @Mutation(() => CompanyType, {
    description:
      'Operator: creates a client company and, in the same step, invites its first administrator (access Administrateur; the link is valid 7 days; see pendingAdminInvitation). Errors: VALIDATION_FAILED (every field at once: name, siret, address.*, firstAdmin.*; nothing is created), CONFLICT (SIRET already registered).',
  })
  @RequiresStaff()
  async createCompany(@Arg('input', () => CreateCompanyInput) input: CreateCompanyInput, @Ctx() ctx: RequestContext): Promise<CompanyType> {
    const { company } = await ctx.services.companies.create(serviceContext(ctx), input);
    return toCompanyType(company);
  }

  @Mutation(() => CompanyType, {
    nullable: true,
    description:
      'Operator, while the company has no active administrator: emails a new link to the invited first administrator (valid 7 days) and voids the previous ones. Errors: CONFLICT (the company has an administrator: they manage the team), NOT_FOUND (no pending administrator invitation: use replaceFirstAdmin), RATE_LIMITED.',
  })
  @RequiresStaff()
  async resendFirstAdminInvitation(@Arg('companyId', () => ID) companyId: string, @Ctx() ctx: RequestContext): Promise<CompanyType> {
    return toCompanyType(await ctx.services.companies.resendFirstAdminInvitation(serviceContext(ctx), companyId));
  }

  @Mutation(() => CompanyType, {
    nullable: true,
    description:
      'Operator, while the company has no active administrator: withdraws the pending administrator invitation (its link stops working) and invites this person instead. Errors: VALIDATION_FAILED (firstAdmin.*), CONFLICT (the company has an administrator: they manage the team).',
  })
  @RequiresStaff()
  async replaceFirstAdmin(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('firstAdmin', () => FirstAdminInput) firstAdmin: FirstAdminInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CompanyType> {
    return toCompanyType(await ctx.services.companies.replaceFirstAdmin(serviceContext(ctx), companyId, firstAdmin));
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Operator: whether the company has an active administrator (then its administrators manage its team).',
  })
  @RequiresStaff()
  async hasAdministrator(@Root() company: CompanyType, @Ctx() ctx: RequestContext): Promise<boolean> {
    return (await firstAdminState(ctx, company.id)).hasAdministrator;
  }

  @FieldResolver(() => InvitationType, {
    nullable: true,
    description:
      'Operator: while the company has no active administrator, the pending invitation of its first administrator (status PENDING or EXPIRED), to resend or replace. Null once an administrator is active.',
  })
  @RequiresStaff()
  async pendingAdminInvitation(@Root() company: CompanyType, @Ctx() ctx: RequestContext): Promise<InvitationType | null> {
    const invitation = (await firstAdminState(ctx, company.id)).pendingInvitation;
    if (!invitation) return null;
    const inviter = invitation.invitedById ? await ctx.loaders.userById.load(invitation.invitedById) : null;
    return toInvitation(invitation, inviter ? `${inviter.firstName} ${inviter.lastName}` : null);
  }

  @Mutation(() => CompanyType, {
    nullable: true,
    description: 'Updates the company’s legal details. Errors: VALIDATION_FAILED (fields), CONFLICT (SIRET).',
  })
  @RequiresPermission('company:update', { arg: 'companyId' })
  async updateCompany(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('input', () => CompanyInput) input: CompanyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CompanyType> {
    return toCompanyType(await ctx.services.companies.update(serviceContext(ctx), companyId, input));
  }
}
