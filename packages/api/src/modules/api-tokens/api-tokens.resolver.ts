import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { InputLimits } from '../../common/input-limits';
import { apiTokenPresetOf, type OperatorTokenCapability, type Permission } from '@guichet/shared';
import { notFound } from '../../common/domain-error';
import { OncePerDocument, RequiresApiToken, RequiresPermission, RequiresStaff } from '../../graphql/access';
import { actorOf } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { CompanyType, toCompanyType } from '../companies/company.type';
import type { ApiTokenEntity } from './api-token.entity';
import {
  ApiTokenType,
  CreateApiTokenInput,
  CreateOperatorTokenInput,
  CurrentApiTokenType,
  IssuedApiTokenType,
  IssuedOperatorTokenType,
  OperatorTokenType,
} from './api-token.type';
import { statusOf, type TokenOwner } from './api-tokens.service';

const OPERATOR: TokenOwner = { kind: 'OPERATOR' };
const companyOwner = (companyId: string): TokenOwner => ({ kind: 'COMPANY', companyId });

async function base(ctx: RequestContext, t: ApiTokenEntity) {
  const creator = await ctx.loaders.userById.load(t.createdById);
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    status: statusOf(t),
    createdByName: creator ? `${creator.firstName} ${creator.lastName}` : null,
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    lastUsedAt: t.lastUsedAt,
    lastUsedIp: t.lastUsedIp,
    allowedIps: t.allowedIps,
    graceEndsAt: t.graceEndsAt,
    revokedAt: t.revokedAt,
    revokedReason: t.revokedReason,
    rotatedFromId: t.rotatedFromId,
  };
}

async function toApiTokenType(ctx: RequestContext, t: ApiTokenEntity): Promise<ApiTokenType> {
  const permissions = t.permissions as Permission[];
  return { ...(await base(ctx, t)), permissions, preset: apiTokenPresetOf(permissions) };
}

async function toOperatorTokenType(ctx: RequestContext, t: ApiTokenEntity): Promise<OperatorTokenType> {
  return { ...(await base(ctx, t)), capabilities: t.permissions as OperatorTokenCapability[] };
}

const now = (ctx: RequestContext) => ({ actor: actorOf(ctx), now: new Date() });

@Resolver(() => CompanyType)
export class ApiTokenCompanyFieldsResolver {
  @FieldResolver(() => [ApiTokenType], {
    nullable: true,
    description: 'The company’s API tokens, newest first, revoked and expired ones included.',
  })
  @RequiresPermission('apiToken:manage', 'parent')
  async apiTokens(@Root() company: CompanyType, @Ctx() ctx: RequestContext): Promise<ApiTokenType[]> {
    const tokens = await ctx.services.apiTokens.list(companyOwner(company.id));
    return Promise.all(tokens.map((t) => toApiTokenType(ctx, t)));
  }
}

@Resolver()
@UseMiddleware(InputLimits)
export class ApiTokenResolver {
  @Query(() => CurrentApiTokenType, {
    nullable: true,
    description: 'The API token of this request and the company it acts for: where an integration starts.',
  })
  @RequiresApiToken()
  async currentApiToken(@Ctx() ctx: RequestContext): Promise<CurrentApiTokenType> {
    const principal = ctx.principal;
    if (principal.kind !== 'apiToken') throw new Error('unreachable: guarded by RequiresApiToken');
    const company = await ctx.loaders.companyById.load(principal.companyId);
    if (!company) throw notFound('Company');
    return { id: principal.tokenId, name: principal.name, permissions: [...principal.permissions], company: toCompanyType(company) };
  }

  @Mutation(() => IssuedApiTokenType, {
    nullable: true,
    description:
      'Creates an API token for the company. The secret is returned this once. Errors: VALIDATION_FAILED (name, permissions, expiresInDays, allowedIps).',
  })
  @RequiresPermission('apiToken:manage', { arg: 'companyId' })
  @OncePerDocument()
  async createApiToken(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('input', () => CreateApiTokenInput) input: CreateApiTokenInput,
    @Ctx() ctx: RequestContext,
  ): Promise<IssuedApiTokenType> {
    const issued = await ctx.services.apiTokens.create(now(ctx), companyOwner(companyId), input);
    return { token: await toApiTokenType(ctx, issued.token), secret: issued.secret };
  }

  @Mutation(() => IssuedApiTokenType, {
    nullable: true,
    description:
      'Issues a new secret for a token (same name, permissions, expiry and allow-list); the old secret keeps working for graceHours (0 to 168, default 24). Errors: NOT_FOUND, CONFLICT (not active), VALIDATION_FAILED.',
  })
  @RequiresPermission('apiToken:manage', { arg: 'companyId' })
  @OncePerDocument()
  async rotateApiToken(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('tokenId', () => ID) tokenId: string,
    @Arg('graceHours', () => Int, { defaultValue: 24 }) graceHours: number,
    @Ctx() ctx: RequestContext,
  ): Promise<IssuedApiTokenType> {
    const issued = await ctx.services.apiTokens.rotate(now(ctx), companyOwner(companyId), tokenId, graceHours);
    return { token: await toApiTokenType(ctx, issued.token), secret: issued.secret };
  }

  @Mutation(() => ApiTokenType, { nullable: true, description: 'Revokes a token at once (definitive). Errors: NOT_FOUND.' })
  @RequiresPermission('apiToken:manage', { arg: 'companyId' })
  async revokeApiToken(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('tokenId', () => ID) tokenId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ApiTokenType> {
    return toApiTokenType(ctx, await ctx.services.apiTokens.revoke(now(ctx), companyOwner(companyId), tokenId));
  }

  @Query(() => [OperatorTokenType], { description: 'Operator: the tokens of the operator’s own programs, newest first.' })
  @RequiresStaff()
  async operatorTokens(@Ctx() ctx: RequestContext): Promise<OperatorTokenType[]> {
    const tokens = await ctx.services.apiTokens.list(OPERATOR);
    return Promise.all(tokens.map((t) => toOperatorTokenType(ctx, t)));
  }

  @Mutation(() => IssuedOperatorTokenType, {
    description: 'Operator: creates a token for the scanning station (capability SCAN_UPLOAD). The secret is returned this once.',
  })
  @RequiresStaff()
  @OncePerDocument()
  async createOperatorToken(
    @Arg('input', () => CreateOperatorTokenInput) input: CreateOperatorTokenInput,
    @Ctx() ctx: RequestContext,
  ): Promise<IssuedOperatorTokenType> {
    const issued = await ctx.services.apiTokens.create(now(ctx), OPERATOR, { ...input, permissions: input.capabilities });
    return { token: await toOperatorTokenType(ctx, issued.token), secret: issued.secret };
  }

  @Mutation(() => IssuedOperatorTokenType, {
    description: 'Operator: new secret for an operator token; the old one works for graceHours (0 to 168, default 24).',
  })
  @RequiresStaff()
  @OncePerDocument()
  async rotateOperatorToken(
    @Arg('tokenId', () => ID) tokenId: string,
    @Arg('graceHours', () => Int, { defaultValue: 24 }) graceHours: number,
    @Ctx() ctx: RequestContext,
  ): Promise<IssuedOperatorTokenType> {
    const issued = await ctx.services.apiTokens.rotate(now(ctx), OPERATOR, tokenId, graceHours);
    return { token: await toOperatorTokenType(ctx, issued.token), secret: issued.secret };
  }

  @Mutation(() => OperatorTokenType, { description: 'Operator: revokes an operator token at once.' })
  @RequiresStaff()
  async revokeOperatorToken(@Arg('tokenId', () => ID) tokenId: string, @Ctx() ctx: RequestContext): Promise<OperatorTokenType> {
    return toOperatorTokenType(ctx, await ctx.services.apiTokens.revoke(now(ctx), OPERATOR, tokenId));
  }
}
