import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, UseMiddleware } from 'type-graphql';
import { InputLimits } from '../../common/input-limits';
import { roleOf, validationMessage, type Scope } from '@guichet/shared';
import { OncePerDocument, Public, RequiresPermission } from '../../graphql/access';
import { actorOf, serviceContext } from '../../graphql/actor';
import type { RequestContext } from '../../graphql/context';
import { ContactSubjectEnum, MembershipStatusEnum, ScopeEnum } from '../../graphql/enums';
import { setSessionCookie } from '../../http/session-cookie';
import { loadViewer } from '../auth/auth.resolver';
import { ViewerType } from '../auth/viewer.type';
import { CompanyType } from '../companies/company.type';
import type { AccessRequestEntity } from './access-request.entity';
import { invitationStatus, type InvitationEntity } from './invitation.entity';
import { AcceptInvitationInput, AccessRequestInput, InvitationInput } from './team.inputs';
import type { InvitationRowResult, MemberRow, RowWarning } from './team.service';
import {
  AccessRequestStatusEnum,
  AccessRequestType,
  ApproveAccessRequestResultType,
  InvitationPreviewType,
  InvitationRowResultType,
  InvitationRowStatusEnum,
  InvitationStatusEnum,
  InvitationType,
  InviteMembersResultType,
  MemberType,
  RoleEnum,
} from './team.type';

const role = (scopes: readonly Scope[]): RoleEnum | null => (roleOf(scopes) as RoleEnum | null) ?? null;

function toMember(row: MemberRow): MemberType {
  const m = row.membership;
  return {
    id: m.id,
    userId: row.user.id,
    email: row.user.email,
    firstName: row.user.firstName,
    lastName: row.user.lastName,
    phone: row.user.phone,
    jobTitle: m.jobTitle,
    scopes: m.scopes as ScopeEnum[],
    role: role(m.scopes),
    status: m.status as MembershipStatusEnum,
    contactFor: m.contactFor as ContactSubjectEnum[],
    invitedByName: row.invitedByName,
    linkReceived: row.linkReceived,
    joinedAt: m.createdAt,
    lastLoginAt: row.user.lastLoginAt,
  };
}

export function toInvitation(inv: InvitationEntity, invitedByName: string | null = null): InvitationType {
  return {
    id: inv.id,
    email: inv.email,
    firstName: inv.firstName,
    lastName: inv.lastName,
    phone: inv.phone,
    jobTitle: inv.jobTitle,
    scopes: inv.scopes as ScopeEnum[],
    role: role(inv.scopes),
    contactFor: inv.contactFor as ContactSubjectEnum[],
    status: invitationStatus(inv) as InvitationStatusEnum,
    expiresAt: inv.expiresAt,
    sentCount: inv.sentCount,
    lastSentAt: inv.lastSentAt,
    invitedByName,
    createdAt: inv.createdAt,
    newLinkRequestedAt: inv.newLinkRequestedAt,
  };
}

function toAccessRequest(r: AccessRequestEntity): AccessRequestType {
  return {
    id: r.id,
    email: r.email,
    firstName: r.firstName,
    lastName: r.lastName,
    message: r.message,
    status: r.status as AccessRequestStatusEnum,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
  };
}

const problem = (p: { field: string; code: string; params?: Record<string, string> }) => ({
  field: p.field,
  code: p.code,
  message: validationMessage(p.code as Parameters<typeof validationMessage>[0], 'en', p.params),
  suggestion: p.params?.suggestion ?? null,
});

function toRowResult(r: InvitationRowResult, inviterName: string | null): InvitationRowResultType {
  return {
    index: r.index,
    email: r.email,
    status: r.ok ? InvitationRowStatusEnum.INVITED : InvitationRowStatusEnum.FAILED,
    invitation: r.ok ? toInvitation(r.invitation, inviterName) : null,
    errors: r.ok ? [] : r.errors.map(problem),
    warnings: r.warnings.map((w: RowWarning) => problem(w)),
  };
}

async function userName(ctx: RequestContext, userId: string | null): Promise<string | null> {
  const user = userId ? await ctx.loaders.userById.load(userId) : null;
  return user ? `${user.firstName} ${user.lastName}` : null;
}

const actorName = (ctx: RequestContext): Promise<string | null> => userName(ctx, actorOf(ctx).userId);

@Resolver(() => CompanyType)
export class TeamCompanyFieldsResolver {
  @FieldResolver(() => [MemberType], { nullable: true, description: 'The people with access, oldest first. Filter by status or scope.' })
  @RequiresPermission('team:read', 'parent')
  async members(
    @Root() company: CompanyType,
    @Arg('status', () => MembershipStatusEnum, { nullable: true }) status: MembershipStatusEnum | null,
    @Arg('scope', () => ScopeEnum, { nullable: true }) scope: ScopeEnum | null,
    @Ctx() ctx: RequestContext,
  ): Promise<MemberType[]> {
    const rows = await ctx.services.team.members(serviceContext(ctx), company.id);
    return rows
      .filter((r) => !status || r.membership.status === status)
      .filter((r) => !scope || r.membership.scopes.includes(scope))
      .map(toMember);
  }

  @FieldResolver(() => [InvitationType], { nullable: true, description: 'Invitations, newest first. Filter by status.' })
  @RequiresPermission('team:read', 'parent')
  async invitations(
    @Root() company: CompanyType,
    @Arg('status', () => InvitationStatusEnum, { nullable: true }) status: InvitationStatusEnum | null,
    @Ctx() ctx: RequestContext,
  ): Promise<InvitationType[]> {
    const rows = await ctx.services.team.invitations(serviceContext(ctx), company.id);
    return rows.map((r) => toInvitation(r.invitation, r.invitedByName)).filter((i) => !status || i.status === status);
  }

  @FieldResolver(() => [AccessRequestType], { nullable: true, description: 'Requests to join from the public form, newest first.' })
  @RequiresPermission('team:read', 'parent')
  async accessRequests(
    @Root() company: CompanyType,
    @Arg('status', () => AccessRequestStatusEnum, { nullable: true }) status: AccessRequestStatusEnum | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AccessRequestType[]> {
    const rows = await ctx.services.team.accessRequests(serviceContext(ctx), company.id);
    return rows.filter((r) => !status || r.status === status).map(toAccessRequest);
  }
}

@Resolver()
@UseMiddleware(InputLimits)
export class TeamResolver {
  @Mutation(() => InviteMembersResultType, {
    nullable: true,
    description:
      'Invites up to 50 people. Each row comes back with its own result: INVITED, or FAILED with field errors (the valid rows are invited all the same). Errors for the whole call: BATCH_TOO_LARGE, RATE_LIMITED (100 invitations per company per day).',
  })
  @RequiresPermission('team:invite', { arg: 'companyId' })
  async inviteMembers(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('invitations', () => [InvitationInput]) invitations: InvitationInput[],
    @Ctx() ctx: RequestContext,
  ): Promise<InviteMembersResultType> {
    const results = await ctx.services.team.invite(serviceContext(ctx), companyId, invitations);
    const inviterName = await actorName(ctx);
    const rows = results.map((r) => toRowResult(r, inviterName));
    return {
      rows,
      invitedCount: rows.filter((r) => r.status === InvitationRowStatusEnum.INVITED).length,
      failedCount: rows.filter((r) => r.status === InvitationRowStatusEnum.FAILED).length,
    };
  }

  @Mutation(() => InvitationType, {
    nullable: true,
    description:
      'Emails a new link (valid 7 days) and voids the previous ones. Works on an expired invitation, and on a withdrawn one whose invitee asked for a new link (newLinkRequestedAt). Errors: CONFLICT, RATE_LIMITED.',
  })
  @RequiresPermission('team:manage', { arg: 'companyId' })
  async resendInvitation(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('invitationId', () => ID) invitationId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<InvitationType> {
    const invitation = await ctx.services.team.resend(serviceContext(ctx), companyId, invitationId);
    return toInvitation(invitation, await userName(ctx, invitation.invitedById));
  }

  @Mutation(() => InvitationType, { nullable: true, description: 'Withdraws a pending invitation: its link stops working.' })
  @RequiresPermission('team:manage', { arg: 'companyId' })
  async revokeInvitation(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('invitationId', () => ID) invitationId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<InvitationType> {
    const invitation = await ctx.services.team.revoke(serviceContext(ctx), companyId, invitationId);
    return toInvitation(invitation, await userName(ctx, invitation.invitedById));
  }

  @Query(() => InvitationPreviewType, {
    nullable: true,
    description: 'What an invitation link is about (company, inviter, status). Null for an unknown or replaced link.',
  })
  @Public()
  async invitation(@Arg('token', () => String) token: string, @Ctx() ctx: RequestContext): Promise<InvitationPreviewType | null> {
    const preview = await ctx.services.team.preview(serviceContext(ctx), token);
    if (!preview) return null;
    const inv = preview.invitation;
    return {
      companyId: inv.companyId,
      companyName: preview.companyName,
      inviterName: preview.inviterName,
      email: inv.email,
      firstName: inv.firstName,
      lastName: inv.lastName,
      scopes: inv.scopes as ScopeEnum[],
      role: role(inv.scopes),
      status: invitationStatus(inv) as InvitationStatusEnum,
      expiresAt: inv.expiresAt,
      accountExists: preview.accountExists,
    };
  }

  @Mutation(() => ViewerType, {
    description:
      'Accepts an invitation. A new person gives a password (and may correct their names) and is signed in; a person with an account must be signed in with the invited address. Errors: INVALID_TOKEN, INVITATION_EXPIRED, INVITATION_REVOKED, INVITATION_ALREADY_ACCEPTED, SIGN_IN_REQUIRED, INVITATION_EMAIL_MISMATCH, VALIDATION_FAILED.',
  })
  @Public()
  @OncePerDocument()
  async acceptInvitation(
    @Arg('token', () => String) token: string,
    @Arg('input', () => AcceptInvitationInput, { nullable: true }) input: AcceptInvitationInput | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ViewerType> {
    const principal = ctx.principal;
    const signedIn = principal.kind === 'session' ? { userId: principal.userId, email: principal.email } : null;
    const service = serviceContext(ctx);
    const result = await ctx.services.team.accept(service, token, input ?? {}, signedIn);
    if (result.session) {
      setSessionCookie(ctx.res, result.session.token, result.session.expiresAt, ctx.services.env.isProduction);
    }
    const lookup = result.session ? await ctx.services.auth.resolveSession(result.session.token) : null;
    if (lookup?.principal) ctx.principal = lookup.principal;
    else if (principal.kind === 'session') {
      // The new membership applies to the rest of this request too.
      const refreshed = await ctx.services.auth.membershipsOf(service, principal.userId);
      ctx.principal = { ...principal, memberships: refreshed };
    }
    const viewer = await loadViewer(ctx, result.userId);
    if (!viewer) throw new Error('accepted user not found');
    return viewer;
  }

  @Mutation(() => Boolean, {
    description: 'From an expired or withdrawn invitation link: asks the company’s administrators for a new one (by email). Always true.',
  })
  @Public()
  @OncePerDocument()
  async requestNewInvitationLink(@Arg('token', () => String) token: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.services.team.requestNewLink(serviceContext(ctx), token);
    return true;
  }

  @Mutation(() => MemberType, {
    nullable: true,
    description: 'Changes a member’s access; effective on their next request. Error: LAST_ADMIN.',
  })
  @RequiresPermission('team:manage', { arg: 'companyId' })
  async updateMemberScopes(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('memberId', () => ID) memberId: string,
    @Arg('scopes', () => [ScopeEnum]) scopes: ScopeEnum[],
    @Ctx() ctx: RequestContext,
  ): Promise<MemberType | null> {
    await ctx.services.team.updateScopes(serviceContext(ctx), companyId, memberId, scopes);
    return this.member(ctx, companyId, memberId);
  }

  @Mutation(() => MemberType, { nullable: true, description: 'Sets what the member is the contact for (only areas their access grants).' })
  @RequiresPermission('team:manage', { arg: 'companyId' })
  async updateMemberContactFor(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('memberId', () => ID) memberId: string,
    @Arg('contactFor', () => [ContactSubjectEnum]) contactFor: ContactSubjectEnum[],
    @Ctx() ctx: RequestContext,
  ): Promise<MemberType | null> {
    await ctx.services.team.updateContactFor(serviceContext(ctx), companyId, memberId, contactFor);
    return this.member(ctx, companyId, memberId);
  }

  @Mutation(() => MemberType, {
    nullable: true,
    description: 'Cuts the member’s access at once and keeps them in the team (reactivate to restore). Error: LAST_ADMIN.',
  })
  @RequiresPermission('team:manage', { arg: 'companyId' })
  async suspendMember(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('memberId', () => ID) memberId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<MemberType | null> {
    await ctx.services.team.setStatus(serviceContext(ctx), companyId, memberId, 'SUSPENDED');
    return this.member(ctx, companyId, memberId);
  }

  @Mutation(() => MemberType, { nullable: true, description: 'Restores a suspended member’s access.' })
  @RequiresPermission('team:manage', { arg: 'companyId' })
  async reactivateMember(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('memberId', () => ID) memberId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<MemberType | null> {
    await ctx.services.team.setStatus(serviceContext(ctx), companyId, memberId, 'ACTIVE');
    return this.member(ctx, companyId, memberId);
  }

  @Mutation(() => Boolean, {
    nullable: true,
    description: 'Removes a member from the company. Definitive: to come back they need a new invitation. Error: LAST_ADMIN.',
  })
  @RequiresPermission('team:manage', { arg: 'companyId' })
  async removeMember(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('memberId', () => ID) memberId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    await ctx.services.team.remove(serviceContext(ctx), companyId, memberId);
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Public form: asks the administrators of the company with this SIRET for access. Answers true whether or not the SIRET belongs to a client. Error: VALIDATION_FAILED on malformed fields.',
  })
  @Public()
  @OncePerDocument()
  async requestAccess(@Arg('input', () => AccessRequestInput) input: AccessRequestInput, @Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.services.team.requestAccess(serviceContext(ctx), input);
    return true;
  }

  @Mutation(() => ApproveAccessRequestResultType, {
    nullable: true,
    description: 'Approves a request with the chosen access: irreversible; the person receives an invitation (activation) email.',
  })
  @RequiresPermission('team:manage', { arg: 'companyId' })
  async approveAccessRequest(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('requestId', () => ID) requestId: string,
    @Arg('scopes', () => [ScopeEnum]) scopes: ScopeEnum[],
    @Arg('contactFor', () => [ContactSubjectEnum], { defaultValue: [] }) contactFor: ContactSubjectEnum[],
    @Ctx() ctx: RequestContext,
  ): Promise<ApproveAccessRequestResultType> {
    const { request, result } = await ctx.services.team.approveAccessRequest(serviceContext(ctx), companyId, requestId, scopes, contactFor);
    return { request: toAccessRequest(request), invitation: toRowResult(result, await actorName(ctx)) };
  }

  @Mutation(() => AccessRequestType, { nullable: true, description: 'Rejects a request to join.' })
  @RequiresPermission('team:manage', { arg: 'companyId' })
  async rejectAccessRequest(
    @Arg('companyId', () => ID) companyId: string,
    @Arg('requestId', () => ID) requestId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<AccessRequestType> {
    return toAccessRequest(await ctx.services.team.rejectAccessRequest(serviceContext(ctx), companyId, requestId));
  }

  private async member(ctx: RequestContext, companyId: string, memberId: string): Promise<MemberType | null> {
    const row = (await ctx.services.team.members(serviceContext(ctx), companyId)).find((r) => r.membership.id === memberId);
    return row ? toMember(row) : null;
  }
}
