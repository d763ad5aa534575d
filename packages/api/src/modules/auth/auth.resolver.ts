import { ANONYMOUS } from '../identity/principal';
import { Arg, Ctx, Mutation, Query, Resolver, UseMiddleware } from 'type-graphql';
import { InputLimits } from '../../common/input-limits';
import { permissionsOf } from '@guichet/shared';
import { OncePerDocument, Public, RequiresSignIn } from '../../graphql/access';
import { serviceContext } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { ContactSubjectEnum, LocaleEnum, MembershipStatusEnum, ScopeEnum } from '../../graphql/enums';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie';
import { toCompanyType } from '../companies/company.type';
import type { UserEntity } from './user.entity';
import { UserType, ViewerType } from './viewer.type';

export function toUserType(u: UserEntity): UserType {
  return {
    id: u.id,
    email: u.email,
    firstName: u.firstName,
    lastName: u.lastName,
    phone: u.phone,
    locale: u.locale === 'en' ? LocaleEnum.EN : LocaleEnum.FR,
    isStaff: u.isStaff,
    lastLoginAt: u.lastLoginAt,
  };
}

export async function loadViewer(ctx: RequestContext, userId: string): Promise<ViewerType | null> {
  const user = await ctx.loaders.userById.load(userId);
  if (!user) return null;
  const [memberships, suspended] = await Promise.all([
    ctx.services.auth.activeMemberships(serviceContext(ctx), userId),
    ctx.services.auth.suspendedMemberships(serviceContext(ctx), userId),
  ]);
  const companies = await ctx.loaders.companyById.loadMany([...memberships, ...suspended].map((m) => m.companyId));
  return {
    user: toUserType(user),
    suspendedMemberships: suspended.flatMap((m, i) => {
      const company = companies[memberships.length + i];
      if (!company || company instanceof Error) return [];
      return [{ id: m.id, companyId: company.id, companyName: company.name }];
    }),
    memberships: memberships.flatMap((m, i) => {
      const company = companies[i];
      if (!company || company instanceof Error) return [];
      return [
        {
          id: m.id,
          company: toCompanyType(company),
          scopes: m.scopes as ScopeEnum[],
          permissions: permissionsOf(m.scopes),
          status: m.status as MembershipStatusEnum,
          jobTitle: m.jobTitle,
          contactFor: m.contactFor as ContactSubjectEnum[],
        },
      ];
    }),
  };
}

@Resolver()
@UseMiddleware(InputLimits)
export class AuthResolver {
  @Query(() => ViewerType, { nullable: true, description: 'The signed-in user, or null when anonymous or when the session has expired.' })
  @Public()
  async me(@Ctx() ctx: RequestContext): Promise<ViewerType | null> {
    if (ctx.principal.kind !== 'session') return null;
    return loadViewer(ctx, ctx.principal.userId);
  }

  @Mutation(() => ViewerType, {
    description:
      'Signs in and sets the session cookie (httpOnly). Errors: INVALID_CREDENTIALS (also while the account is locked after repeated failures), ACCOUNT_DISABLED, VALIDATION_FAILED, RATE_LIMITED (too many failures from this client address; extensions.retryAfter).',
  })
  @Public()
  @OncePerDocument()
  async login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ViewerType> {
    const { token, expiresAt, user } = await ctx.services.auth.login(serviceContext(ctx), email, password);
    if (ctx.principal.kind === 'session') await ctx.services.auth.logout(serviceContext(ctx), ctx.principal.sessionId);
    setSessionCookie(ctx.res, token, expiresAt, ctx.services.env.isProduction);
    // The rest of this request acts as the newly signed-in user.
    const lookup = await ctx.services.auth.resolveSession(token);
    ctx.principal = lookup.principal ?? ANONYMOUS;
    ctx.loaders.userById.prime(user.id, user);
    const viewer = await loadViewer(ctx, user.id);
    if (!viewer) throw new Error('User vanished during login');
    return viewer;
  }

  @Mutation(() => Boolean, { description: 'Ends the current session and clears the cookie. Returns false when there was none.' })
  @Public()
  async logout(@Ctx() ctx: RequestContext): Promise<boolean> {
    if (ctx.principal.kind !== 'session') return false;
    clearSessionCookie(ctx.res, ctx.services.env.isProduction);
    await ctx.services.auth.logout(serviceContext(ctx), ctx.principal.sessionId);
    return true;
  }

  @Mutation(() => Boolean, {
    description: 'Sends a password reset link valid one hour. Answers true whether or not an account exists for the address.',
  })
  @Public()
  @OncePerDocument()
  async requestPasswordReset(@Arg('email', () => String) email: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.services.auth.requestPasswordReset(serviceContext(ctx), email);
    return true;
  }

  @Query(() => Boolean, {
    description:
      'Whether a password reset link still works (not used, not expired), without using it up: true or false, nothing else. Errors: RATE_LIMITED (too many checks from this client address; extensions.retryAfter).',
  })
  @Public()
  @OncePerDocument()
  async passwordResetLinkValid(@Arg('token', () => String) token: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    return ctx.services.auth.isResetLinkValid(serviceContext(ctx), token);
  }

  @Mutation(() => Boolean, {
    description:
      'Sets a new password with a reset token (single use). Ends every session of the account. Errors: INVALID_TOKEN, VALIDATION_FAILED.',
  })
  @Public()
  @OncePerDocument()
  async resetPassword(
    @Arg('token', () => String) token: string,
    @Arg('password', () => String) password: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    await ctx.services.auth.resetPassword(serviceContext(ctx), token, password);
    return true;
  }

  @Mutation(() => UserType, { description: 'Sets the language of the interface and of the emails sent to the signed-in user.' })
  @RequiresSignIn()
  async setMyLocale(@Arg('locale', () => LocaleEnum) locale: LocaleEnum, @Ctx() ctx: RequestContext): Promise<UserType> {
    const principal = ctx.principal;
    if (principal.kind !== 'session') throw new Error('unreachable: guarded by RequiresSignIn');
    return toUserType(await ctx.services.auth.setLocale(serviceContext(ctx), principal.userId, locale === LocaleEnum.EN ? 'en' : 'fr'));
  }
}
