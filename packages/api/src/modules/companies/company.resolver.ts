import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { notFound } from '../../common/domain-error';
import { pageSize } from '../../common/cursor';
import { RequiresPermission, RequiresStaff } from '../../graphql/access';
import type { RequestContext } from '../../graphql/context';
import { actorOf } from '../../graphql/actor';
import { CompanyInput } from './company.inputs';
import { CompanyConnection, CompanyType, toCompanyType } from './company.type';

@Resolver(() => CompanyType)
export class CompanyResolver {
  @Query(() => CompanyType, {
    nullable: true,
    description: 'A company the caller is a member of (staff: any company). Other ids give NOT_FOUND.',
  })
  @RequiresPermission('company:read')
  async company(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<CompanyType | null> {
    const company = await ctx.loaders.companyById.load(id);
    if (!company) throw notFound('Company');
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
    const page = await ctx.services.companies.list(pageSize(first), after, search);
    const edges = page.rows.map((c) => ({ cursor: page.cursorOf(c), node: toCompanyType(c) }));
    return { edges, pageInfo: { endCursor: edges.at(-1)?.cursor ?? null, hasNextPage: page.hasNextPage } };
  }

  @Mutation(() => CompanyType, {
    description: 'Operator: creates a client company. Errors: VALIDATION_FAILED (fields), CONFLICT (SIRET already registered).',
  })
  @RequiresStaff()
  async createCompany(@Arg('input', () => CompanyInput) input: CompanyInput, @Ctx() ctx: RequestContext): Promise<CompanyType> {
    return toCompanyType(await ctx.services.companies.create(input, actorOf(ctx)));
  }

  @Mutation(() => CompanyType, {
    nullable: true,
    description: 'Updates the company’s legal details. Errors: VALIDATION_FAILED (fields), CONFLICT (SIRET).',
  })
  @RequiresPermission('company:update')
  async updateCompany(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('input', () => CompanyInput) input: CompanyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CompanyType> {
    return toCompanyType(await ctx.services.companies.update(companyId, input, actorOf(ctx)));
  }
}
