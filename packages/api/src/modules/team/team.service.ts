import type { Actor } from '../identity/principal';
import type { ApiTokenService } from '../api-tokens/api-tokens.service';
import type { DataSource, EntityManager } from 'typeorm';
import { In, IsNull, MoreThan } from 'typeorm';
import {
  CONTACT_SUBJECTS,
  nameComparisonKey,
  isLastActiveAdmin,
  normaliseScopes,
  validateEmail,
  validatePassword,
  validatePersonName,
  validatePhone,
  validateScopes,
  validateSiret,
  type ContactSubject,
  type FieldError,
  type Scope,
  type ValidationCode,
} from '@guichet/shared';
import { DomainError, notFound, validationFailed } from '../../common/domain-error';
import { newId } from '../../common/ids';
import { dbDate } from '../../db/columns';
import { withTransaction, type ServiceContext, type TransactionalContext } from '../../db/with-transaction';
import { newSecretToken, sha256Hex } from '../../common/tokens';
import type { Env } from '../../config/env';
import type { ActivityService } from '../activity/activity.service';
import type { AuthService } from '../auth/auth.service';
import { hashPassword } from '../auth/password';
import { UserEntity } from '../auth/user.entity';
import { CompanyEntity } from '../companies/company.entity';
import type { OutboxService } from '../mailer/outbox.service';
import { AccessRequestEntity } from './access-request.entity';
import { InvitationEntity, invitationStatus } from './invitation.entity';
import { MembershipEntity } from './membership.entity';
import { adminNoticeEmail, invitationEmail } from './team.emails';
import { isUniqueViolation } from '../../db/errors';
import { addressKey, requireWithin, type Counter, type Limits } from '../../common/limits';
import type { DeferredPayloads, DeferredRequests } from '../deferred/deferred.service';
import { lastAdmin } from './team.errors';

export const INVITATION_TTL_DAYS = 7;
export const MAX_INVITATIONS_PER_CALL = 50;
/** New invitations a company may send in 24 hours. */
export const INVITATIONS_PER_COMPANY_PER_DAY = 100;
/** Invitation emails (first sends, resends) one address may receive in 7 days, all companies together. */
export const INVITATION_SENDS_PER_EMAIL_PER_WEEK = 5;
/** Access requests one address may file in 24 hours (beyond it they are silently dropped). */
export const ACCESS_REQUESTS_PER_EMAIL_PER_DAY = 3;
/** How often an invitee may ask for a new link for one invitation. */
export const NEW_LINK_REQUEST_INTERVAL_HOURS = 12;

const DAY_MS = 86_400_000;
/** What an invitation link's token looks like (checked before any lookup). */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{20,100}$/;

export type { Actor };

export interface InvitationRowInput {
  email: string;
  firstName: string;
  lastName: string;
  phone?: string | null;
  jobTitle?: string | null;
  scopes: readonly string[];
  contactFor?: readonly string[] | null;
}

export interface RowWarning {
  field: string;
  code: ValidationCode;
  params?: Record<string, string>;
}

export type InvitationRowResult =
  | { index: number; email: string; ok: true; invitation: InvitationEntity; warnings: RowWarning[] }
  | { index: number; email: string; ok: false; errors: FieldError[]; warnings: RowWarning[] };

/** One person to invite, as `validateInvitationRow` normalised it. */
export interface ValidRow {
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  jobTitle: string | null;
  scopes: Scope[];
  contactFor: ContactSubject[];
}

export interface MemberRow {
  membership: MembershipEntity;
  user: UserEntity;
  invitedByName: string | null;
  linkReceived: boolean;
}

export interface InvitationPreview {
  invitation: InvitationEntity;
  companyName: string;
  inviterName: string | null;
  accountExists: boolean;
}

const personName = (u: Pick<UserEntity, 'firstName' | 'lastName'>): string => `${u.firstName} ${u.lastName}`;
/** Names compared for the "possible duplicate member" warning: NFKC, accents, case and look-alike letters folded. */
const foldName = (s: string): string => nameComparisonKey(s);

/** The subjects a set of scopes may be the contact for (ADMIN: every one). */
function grantedSubjects(scopes: readonly Scope[]): ContactSubject[] {
  return CONTACT_SUBJECTS.filter((s) => scopes.includes('ADMIN') || scopes.includes(s));
}

/** Who changes the team: never anonymous (the access declarations require a caller). */
function actorIn(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw new Error('A team change is always made by someone');
  return ctx.actor;
}

/** The shared rules of one invitation row (email, names, phone, job title, scopes, contact for), every error at once. */
export function validateInvitationRow(
  input: InvitationRowInput,
): { ok: true; row: ValidRow; warnings: RowWarning[] } | { ok: false; email: string; errors: FieldError[]; warnings: RowWarning[] } {
  const errors: FieldError[] = [];
  const warnings: RowWarning[] = [];
  const email = validateEmail(input.email);
  if (!email.ok) errors.push({ field: 'email', code: email.error });
  else if (email.warning) warnings.push({ field: 'email', code: email.warning.code, params: { suggestion: email.warning.suggestion } });
  if (email.ok && email.domainWarning) {
    warnings.push({ field: 'email', code: email.domainWarning.code, params: { domain: email.domainWarning.domain } });
  }
  const firstName = validatePersonName(input.firstName);
  if (!firstName.ok) errors.push({ field: 'firstName', code: firstName.error });
  const lastName = validatePersonName(input.lastName);
  if (!lastName.ok) errors.push({ field: 'lastName', code: lastName.error });
  const phone = validatePhone(input.phone);
  if (!phone.ok) errors.push({ field: 'phone', code: phone.error });
  const jobTitle = input.jobTitle?.trim().replace(/\s+/g, ' ') || null;
  if (jobTitle && jobTitle.length > 100) errors.push({ field: 'jobTitle', code: 'JOB_TITLE_TOO_LONG' });
  const scopes = validateScopes(input.scopes);
  if (!scopes.ok) errors.push({ field: 'scopes', code: scopes.error });
  const normalised = scopes.ok ? normaliseScopes(scopes.scopes) : [];
  const contactFor = [...new Set(input.contactFor ?? [])] as ContactSubject[];
  if (scopes.ok && contactFor.some((s) => !grantedSubjects(normalised).includes(s))) {
    errors.push({ field: 'contactFor', code: 'CONTACT_FOR_WITHOUT_SCOPE' });
  }
  if (!email.ok || !firstName.ok || !lastName.ok || !phone.ok || errors.length > 0) {
    return { ok: false, email: email.email, errors, warnings };
  }
  return {
    ok: true,
    warnings,
    row: {
      email: email.email,
      firstName: firstName.value,
      lastName: lastName.value,
      phone: phone.phone,
      jobTitle,
      scopes: normalised,
      contactFor: CONTACT_SUBJECTS.filter((s) => contactFor.includes(s)),
    },
  };
}

/**
 * Team management: invitations, members, access requests. Every method that changes a
 * company's team locks the company row first, so that concurrent changes (two admins demoting
 * each other) are serialised and the last-administrator rule holds.
 */
export class TeamService {
  constructor(
    private readonly ds: DataSource,
    private readonly env: Env,
    private readonly activity: ActivityService,
    private readonly outbox: OutboxService,
    private readonly auth: AuthService,
    private readonly apiTokens: ApiTokenService,
    limits: Limits,
    private readonly deferred: DeferredRequests,
  ) {
    this.publicRequestsPerAddress = limits.counter('team:public-requests:address', {
      points: env.ACCESS_REQUESTS_PER_IP_PER_HOUR,
      durationSec: 3600,
    });
    this.noticesPerCompany = limits.counter('team:admin-notices:company', {
      points: env.ACCESS_REQUESTS_PER_COMPANY_PER_DAY,
      durationSec: 86_400,
    });
    deferred.handle('access_request', (tx, p) => this.fileAccessRequest(tx, p));
    deferred.handle('new_link_request', (tx, p) => this.fileNewLinkRequest(tx, p.tokenHash));
  }

  /** Access requests and new-link requests from one client address (ACCESS_REQUESTS_PER_IP_PER_HOUR). */
  private readonly publicRequestsPerAddress: Counter;
  /** Notices of those requests to one company's administrators (ACCESS_REQUESTS_PER_COMPANY_PER_DAY). */
  private readonly noticesPerCompany: Counter;

  /** Reads see the caller's uncommitted writes when the call is part of a transaction. */
  private reader(ctx: ServiceContext): EntityManager {
    return ctx.em ?? this.ds.manager;
  }

  // ───────────────────────────── reading ─────────────────────────────

  async members(ctx: ServiceContext, companyId: string): Promise<MemberRow[]> {
    const em = this.reader(ctx);
    const memberships = await em.getRepository(MembershipEntity).find({ where: { companyId }, order: { createdAt: 'ASC', id: 'ASC' } });
    if (memberships.length === 0) return [];
    const userIds = [...new Set(memberships.flatMap((m) => [m.userId, ...(m.invitedById ? [m.invitedById] : [])]))];
    const users = new Map((await em.getRepository(UserEntity).findBy({ id: In(userIds) })).map((u) => [u.id, u]));
    const accepted = await em.getRepository(InvitationEntity).find({
      where: { companyId, status: 'ACCEPTED' },
      select: { acceptedUserId: true, sentCount: true },
    });
    const linkReceived = new Set(accepted.filter((i) => i.sentCount > 0).map((i) => i.acceptedUserId));
    return memberships.flatMap((m) => {
      const user = users.get(m.userId);
      if (!user) return [];
      const inviter = m.invitedById ? users.get(m.invitedById) : undefined;
      return [{ membership: m, user, invitedByName: inviter ? personName(inviter) : null, linkReceived: linkReceived.has(m.userId) }];
    });
  }

  async invitations(ctx: ServiceContext, companyId: string): Promise<{ invitation: InvitationEntity; invitedByName: string | null }[]> {
    const em = this.reader(ctx);
    const rows = await em.getRepository(InvitationEntity).find({ where: { companyId }, order: { createdAt: 'DESC', id: 'DESC' } });
    const inviterIds = [...new Set(rows.map((r) => r.invitedById).filter((id): id is string => Boolean(id)))];
    const inviters = new Map(
      inviterIds.length ? (await em.getRepository(UserEntity).findBy({ id: In(inviterIds) })).map((u) => [u.id, personName(u)]) : [],
    );
    return rows.map((invitation) => ({
      invitation,
      invitedByName: invitation.invitedById ? (inviters.get(invitation.invitedById) ?? null) : null,
    }));
  }

  accessRequests(ctx: ServiceContext, companyId: string): Promise<AccessRequestEntity[]> {
    return this.reader(ctx)
      .getRepository(AccessRequestEntity)
      .find({ where: { companyId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  // ───────────────────────────── inviting ─────────────────────────────

  /** Invitation emails sent to each address in the last 7 days, all companies together (one query). */
  private async sendsThisWeek(em: EntityManager, emails: readonly string[], now: Date): Promise<Map<string, number>> {
    const counts = new Map<string, number>(emails.map((e) => [e, 0]));
    if (emails.length === 0) return counts;
    const rows = await em.getRepository(InvitationEntity).find({
      where: { email: In([...new Set(emails)]), lastSentAt: MoreThan(new Date(now.getTime() - 7 * DAY_MS)) },
      select: { id: true, email: true, sentCount: true },
    });
    for (const r of rows) counts.set(r.email, (counts.get(r.email) ?? 0) + Math.max(1, r.sentCount));
    return counts;
  }

  private invitationUrl(token: string): string {
    return `${this.env.publicUrl}/invitation?token=${encodeURIComponent(token)}`;
  }

  private async enqueueInvitationEmail(
    em: EntityManager,
    inv: InvitationEntity,
    token: string,
    kind: 'invitation' | 'invitation_reminder',
    now: Date,
  ): Promise<void> {
    const company = await em.findOneByOrFail(CompanyEntity, { id: inv.companyId });
    const inviter = inv.invitedById ? await em.findOneBy(UserEntity, { id: inv.invitedById }) : null;
    const accountExists = await em.exists(UserEntity, { where: { email: inv.email } });
    await this.outbox.enqueue(
      em,
      inv.email,
      invitationEmail(inv.locale, kind, {
        companyName: company.name,
        inviterName: inviter ? personName(inviter) : company.name,
        firstName: inv.firstName,
        scopes: inv.scopes,
        url: this.invitationUrl(token),
        expiresAt: inv.expiresAt,
        accountExists,
        forgotPasswordUrl: `${this.env.publicUrl}/forgot-password`,
        publicUrl: this.env.publicUrl,
      }),
      now,
    );
  }

  /** SELECT … FOR UPDATE on the company row: serialises team changes of one company (MySQL). */
  async lockCompany(tx: TransactionalContext, companyId: string): Promise<void> {
    const qb = tx.em.getRepository(CompanyEntity).createQueryBuilder('c').select('c.id').where('c.id = :companyId', { companyId });
    if (this.ds.options.type === 'mysql') qb.setLock('pessimistic_write');
    if (!(await qb.getOne())) throw notFound('Company');
  }

  /**
   * Invites up to 50 people. Each row is validated and created on its own: valid rows are invited
   * even when others fail, and every row comes back with its result.
   */
  async invite(
    ctx: ServiceContext,
    companyId: string,
    inputs: readonly InvitationRowInput[],
    accessRequestId: string | null = null,
  ): Promise<InvitationRowResult[]> {
    const actor = actorIn(ctx);
    const now = ctx.now;
    const em = this.reader(ctx);
    if (inputs.length > MAX_INVITATIONS_PER_CALL) {
      throw new DomainError('BATCH_TOO_LARGE', `At most ${MAX_INVITATIONS_PER_CALL} invitations per call.`, [], {
        max: MAX_INVITATIONS_PER_CALL,
      });
    }
    const since = new Date(now.getTime() - DAY_MS);
    const sentToday = await em.getRepository(InvitationEntity).count({ where: { companyId, createdAt: MoreThan(since) } });
    const validated = inputs.map((input) => validateInvitationRow(input));
    const wanted = validated.filter((v) => v.ok).length;
    if (sentToday + wanted > INVITATIONS_PER_COMPANY_PER_DAY) {
      throw new DomainError(
        'RATE_LIMITED',
        `A company may send ${INVITATIONS_PER_COMPANY_PER_DAY} invitations a day; ${Math.max(0, INVITATIONS_PER_COMPANY_PER_DAY - sentToday)} left today.`,
        [],
        { limit: INVITATIONS_PER_COMPANY_PER_DAY, remaining: Math.max(0, INVITATIONS_PER_COMPANY_PER_DAY - sentToday) },
      );
    }
    const inviter = await em.getRepository(UserEntity).findOneByOrFail({ id: actor.userId });
    const members = await this.members(ctx, companyId);
    const memberEmails = new Set(members.map((m) => m.user.email));
    const memberNames = new Map(members.map((m) => [foldName(`${m.user.firstName} ${m.user.lastName}`), personName(m.user)]));
    const seen = new Set<string>();
    const sendsThisWeek = await this.sendsThisWeek(
      em,
      validated.flatMap((v) => (v.ok ? [v.row.email] : [])),
      now,
    );
    const results: InvitationRowResult[] = [];

    for (const [index, v] of validated.entries()) {
      if (!v.ok) {
        results.push({ index, email: v.email, ok: false, errors: v.errors, warnings: v.warnings });
        continue;
      }
      const { row, warnings } = v;
      const fail = (code: ValidationCode): void => {
        results.push({ index, email: row.email, ok: false, errors: [{ field: 'email', code }], warnings });
      };
      const sameName = memberNames.get(foldName(`${row.firstName} ${row.lastName}`));
      if (sameName) warnings.push({ field: 'lastName', code: 'POSSIBLE_DUPLICATE_MEMBER', params: { name: sameName } });
      if (seen.has(row.email)) {
        fail('DUPLICATE_IN_BATCH');
        continue;
      }
      seen.add(row.email);
      if (memberEmails.has(row.email)) {
        fail('ALREADY_MEMBER');
        continue;
      }
      if ((sendsThisWeek.get(row.email) ?? 0) >= INVITATION_SENDS_PER_EMAIL_PER_WEEK) {
        fail('EMAIL_SEND_LIMIT');
        continue;
      }
      const { invitation, token } = this.newInvitation(companyId, row, inviter, now, accessRequestId);
      try {
        await withTransaction(this.ds, ctx, (tx) => this.insertInvitation(tx, invitation, token));
        results.push({ index, email: row.email, ok: true, invitation, warnings });
      } catch (error) {
        if ((error instanceof DomainError && error.message === 'ALREADY_INVITED') || isUniqueViolation(error)) {
          fail('ALREADY_INVITED');
          continue;
        }
        throw error;
      }
    }
    return results;
  }

  /**
   * Invites one person, in the caller's transaction when there is one (the operator's first
   * administrator of a company is invited in the same transaction as the company insert), with the
   * rules of a row of `invite`: not a member yet, no live invitation to this company (an expired one
   * gives way), at most 5 invitation emails to the address per week. A refusal is VALIDATION_FAILED
   * on `${fieldPrefix}email`, so the caller's transaction writes nothing.
   */
  async inviteOne(ctx: ServiceContext, companyId: string, row: ValidRow, fieldPrefix = ''): Promise<InvitationEntity> {
    const actor = actorIn(ctx);
    return withTransaction(this.ds, ctx, async (tx) => {
      const { em, now } = tx;
      const refuse = (code: ValidationCode): DomainError => validationFailed([{ field: `${fieldPrefix}email`, code }]);
      const sentToday = await em.count(InvitationEntity, { where: { companyId, createdAt: MoreThan(new Date(now.getTime() - DAY_MS)) } });
      if (sentToday >= INVITATIONS_PER_COMPANY_PER_DAY) {
        throw new DomainError(
          'RATE_LIMITED',
          `A company may send ${INVITATIONS_PER_COMPANY_PER_DAY} invitations a day; 0 left today.`,
          [],
          { limit: INVITATIONS_PER_COMPANY_PER_DAY, remaining: 0 },
        );
      }
      const member = await em
        .getRepository(MembershipEntity)
        .createQueryBuilder('m')
        .innerJoin(UserEntity, 'u', 'u.id = m.user_id')
        .where('m.company_id = :companyId', { companyId })
        .andWhere('u.email = :email', { email: row.email })
        .getExists();
      if (member) throw refuse('ALREADY_MEMBER');
      if (((await this.sendsThisWeek(em, [row.email], now)).get(row.email) ?? 0) >= INVITATION_SENDS_PER_EMAIL_PER_WEEK) {
        throw refuse('EMAIL_SEND_LIMIT');
      }
      const inviter = await em.findOneByOrFail(UserEntity, { id: actor.userId });
      const { invitation, token } = this.newInvitation(companyId, row, inviter, now, null);
      try {
        await this.insertInvitation(tx, invitation, token);
      } catch (error) {
        if ((error instanceof DomainError && error.message === 'ALREADY_INVITED') || isUniqueViolation(error))
          throw refuse('ALREADY_INVITED');
        throw error;
      }
      return invitation;
    });
  }

  /** A new PENDING invitation (valid 7 days, one email sent), and the token of its link: only its hash is stored. */
  private newInvitation(
    companyId: string,
    row: ValidRow,
    inviter: UserEntity,
    now: Date,
    accessRequestId: string | null,
  ): { invitation: InvitationEntity; token: string } {
    const token = newSecretToken();
    const invitation: InvitationEntity = {
      id: newId(now.getTime()),
      companyId,
      ...row,
      tokenHash: sha256Hex(token),
      expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * DAY_MS),
      status: 'PENDING',
      pendingKey: `${companyId}:${row.email}`,
      sentCount: 1,
      lastSentAt: now,
      reminderSentAt: null,
      reminderTokenHash: null,
      locale: inviter.locale,
      invitedById: inviter.id,
      accessRequestId,
      newLinkRequestedAt: null,
      acceptedAt: null,
      acceptedUserId: null,
      createdAt: now,
      updatedAt: now,
    };
    return { invitation, token };
  }

  /**
   * Stores the invitation with its email (outbox) and its journal entry, in the caller's transaction.
   * A live invitation of the same address to the company is refused (DomainError `ALREADY_INVITED`).
   */
  private async insertInvitation(tx: TransactionalContext, invitation: InvitationEntity, token: string): Promise<void> {
    const { em, now } = tx;
    const actor = actorIn(tx);
    const pending = await em.findOneBy(InvitationEntity, { pendingKey: invitation.pendingKey ?? '' });
    if (pending) {
      if (invitationStatus(pending, now) !== 'EXPIRED') throw new DomainError('CONFLICT', 'ALREADY_INVITED');
      // An expired invitation gives way to the new one (it stays listed as expired).
      await em.update(InvitationEntity, { id: pending.id }, { pendingKey: null, updatedAt: now });
    }
    await em.insert(InvitationEntity, invitation);
    await this.enqueueInvitationEmail(em, invitation, token, 'invitation', now);
    await this.activity.record(
      em,
      {
        companyId: invitation.companyId,
        actorUserId: actor.userId,
        actorApiTokenId: actor.apiTokenId,
        action: 'team.invited',
        targetType: 'invitation',
        targetId: invitation.id,
        details: {
          email: invitation.email,
          scopes: invitation.scopes,
          contactFor: invitation.contactFor,
          ...(invitation.accessRequestId ? { accessRequestId: invitation.accessRequestId } : {}),
        },
        ip: actor.ip,
      },
      now,
    );
  }

  private async pendingInvitation(em: EntityManager, companyId: string, invitationId: string): Promise<InvitationEntity> {
    const inv = await em.findOneBy(InvitationEntity, { id: invitationId, companyId });
    if (!inv) throw notFound('Invitation');
    return inv;
  }

  /** Whether the person of `email` is already a member of the company (any status). */
  private async isMemberByEmail(em: EntityManager, companyId: string, email: string): Promise<boolean> {
    const user = await em.findOneBy(UserEntity, { email });
    return user !== null && (await em.exists(MembershipEntity, { where: { companyId, userId: user.id } }));
  }

  /**
   * A new link (the old one stops working), valid 7 days again; works on an expired invitation, and
   * on a withdrawn one whose invitee asked for a new link since (the request is then answered).
   */
  async resend(ctx: ServiceContext, companyId: string, invitationId: string): Promise<InvitationEntity> {
    const actor = actorIn(ctx);
    return withTransaction(this.ds, ctx, async ({ em, now }) => {
      const inv = await this.pendingInvitation(em, companyId, invitationId);
      // A withdrawn invitation comes back only when its invitee asked for a new link since.
      const requestedAfterRevoke = inv.status === 'REVOKED' && inv.newLinkRequestedAt !== null;
      if (inv.status !== 'PENDING' && !requestedAfterRevoke) {
        throw new DomainError(
          'CONFLICT',
          `This invitation is ${inv.status.toLowerCase()}: it cannot be resent. Send a new invitation instead.`,
        );
      }
      if (requestedAfterRevoke && (await this.isMemberByEmail(em, companyId, inv.email))) {
        throw new DomainError('CONFLICT', 'This person has joined the company meanwhile: no new link is needed.');
      }
      if (((await this.sendsThisWeek(em, [inv.email], now)).get(inv.email) ?? 0) >= INVITATION_SENDS_PER_EMAIL_PER_WEEK) {
        throw new DomainError('RATE_LIMITED', `At most ${INVITATION_SENDS_PER_EMAIL_PER_WEEK} invitation emails per address per week.`, [
          { field: 'email', code: 'EMAIL_SEND_LIMIT' },
        ]);
      }
      if (inv.pendingKey === null) {
        // A newer invitation replaced this expired one.
        const newer = await em.findOneBy(InvitationEntity, { pendingKey: `${companyId}:${inv.email}` });
        if (newer) throw new DomainError('CONFLICT', 'A newer invitation for this address is pending: resend that one.');
      }
      const token = newSecretToken();
      const updated: InvitationEntity = {
        ...inv,
        tokenHash: sha256Hex(token),
        expiresAt: new Date(now.getTime() + INVITATION_TTL_DAYS * DAY_MS),
        pendingKey: `${companyId}:${inv.email}`,
        sentCount: inv.sentCount + 1,
        lastSentAt: now,
        reminderSentAt: null,
        reminderTokenHash: null,
        status: 'PENDING',
        newLinkRequestedAt: null,
        updatedAt: now,
      };
      // Conditional on the status read above: of a resend and a revoke at once, one wins.
      const won = await em.update(
        InvitationEntity,
        { id: inv.id, status: inv.status },
        {
          tokenHash: updated.tokenHash,
          expiresAt: updated.expiresAt,
          pendingKey: updated.pendingKey,
          sentCount: updated.sentCount,
          lastSentAt: now,
          reminderSentAt: null,
          reminderTokenHash: null,
          status: 'PENDING',
          newLinkRequestedAt: null,
          updatedAt: now,
        },
      );
      if (won.affected !== 1) throw new DomainError('CONFLICT', 'This invitation was accepted or withdrawn meanwhile.');
      await this.enqueueInvitationEmail(em, updated, token, 'invitation', now);
      await this.activity.record(
        em,
        {
          companyId,
          actorUserId: actor.userId,
          actorApiTokenId: actor.apiTokenId,
          action: 'team.invitation_resent',
          targetType: 'invitation',
          targetId: inv.id,
          details: { email: inv.email },
          ip: actor.ip,
        },
        now,
      );
      return updated;
    });
  }

  /**
   * Withdraws a pending invitation. The status changes only if still PENDING, so an acceptance
   * that commits meanwhile is never overwritten (CONFLICT instead).
   */
  async revoke(ctx: ServiceContext, companyId: string, invitationId: string): Promise<InvitationEntity> {
    const actor = actorIn(ctx);
    return withTransaction(this.ds, ctx, async ({ em, now }) => {
      const inv = await this.pendingInvitation(em, companyId, invitationId);
      if (inv.status !== 'PENDING') throw new DomainError('CONFLICT', `This invitation is already ${inv.status.toLowerCase()}.`);
      const won = await em.update(
        InvitationEntity,
        { id: inv.id, status: 'PENDING' },
        // Withdrawing answers any earlier request for a new link (the administrator chose not to).
        { status: 'REVOKED', pendingKey: null, newLinkRequestedAt: null, updatedAt: now },
      );
      if (won.affected !== 1) throw new DomainError('CONFLICT', 'This invitation was accepted or withdrawn meanwhile.');
      await this.activity.record(
        em,
        {
          companyId,
          actorUserId: actor.userId,
          actorApiTokenId: actor.apiTokenId,
          action: 'team.invitation_revoked',
          targetType: 'invitation',
          targetId: inv.id,
          details: { email: inv.email },
          ip: actor.ip,
        },
        now,
      );
      return { ...inv, status: 'REVOKED', pendingKey: null, newLinkRequestedAt: null, updatedAt: now };
    });
  }

  // ───────────────────────────── accepting ─────────────────────────────

  /** The invitation's own link, or the one its reminder carried; a resend voids both. */
  private async findByToken(em: EntityManager, token: string): Promise<InvitationEntity | null> {
    if (!TOKEN_FORMAT.test(token)) return null;
    const hash = sha256Hex(token);
    return em.getRepository(InvitationEntity).findOne({ where: [{ tokenHash: hash }, { reminderTokenHash: hash }] });
  }

  async preview(ctx: ServiceContext, token: string): Promise<InvitationPreview | null> {
    const em = this.reader(ctx);
    const invitation = await this.findByToken(em, token);
    if (!invitation) return null;
    const company = await em.getRepository(CompanyEntity).findOneByOrFail({ id: invitation.companyId });
    const inviter = invitation.invitedById ? await em.getRepository(UserEntity).findOneBy({ id: invitation.invitedById }) : null;
    const accountExists = await em.getRepository(UserEntity).exists({ where: { email: invitation.email } });
    return { invitation, companyName: company.name, inviterName: inviter ? personName(inviter) : null, accountExists };
  }

  /**
   * Accepts an invitation. A new person sets their names and password and is signed in; a person
   * with an account must be signed in with the invited address. Single use: the status changes by a
   * conditional update, so of two concurrent acceptances exactly one wins.
   */
  async accept(
    ctx: ServiceContext,
    token: string,
    input: { firstName?: string | null; lastName?: string | null; password?: string | null },
    signedIn: { userId: string; email: string } | null,
  ): Promise<{ userId: string; companyId: string; session: { token: string; expiresAt: Date } | null }> {
    const now = ctx.now;
    const inv = await this.findByToken(this.reader(ctx), token);
    if (!inv) throw new DomainError('INVALID_TOKEN', 'This invitation link is not valid (a newer link may have replaced it).');
    const status = invitationStatus(inv, now);
    if (status === 'ACCEPTED') throw new DomainError('INVITATION_ALREADY_ACCEPTED', 'This invitation has already been accepted: sign in.');
    if (status === 'REVOKED')
      throw new DomainError('INVITATION_REVOKED', 'This invitation was withdrawn. Ask the administrators for a new one.');
    if (status === 'EXPIRED')
      throw new DomainError('INVITATION_EXPIRED', 'This invitation has expired. Ask the administrators for a new one.');
    if (signedIn && signedIn.email !== inv.email) {
      throw new DomainError(
        'INVITATION_EMAIL_MISMATCH',
        `This invitation is for ${inv.email}, but you are signed in as ${signedIn.email}. Sign out, then open the link again.`,
        [],
        { invitationEmail: inv.email, signedInEmail: signedIn.email },
      );
    }
    const existing = await this.reader(ctx).getRepository(UserEntity).findOneBy({ email: inv.email });
    if (existing && !signedIn) {
      throw new DomainError('SIGN_IN_REQUIRED', `An account exists for ${inv.email}: sign in with it, then accept the invitation.`, [], {
        invitationEmail: inv.email,
      });
    }
    let newUser: UserEntity | null = null;
    if (!existing) {
      const errors: FieldError[] = [];
      const firstName = validatePersonName(input.firstName ?? inv.firstName);
      if (!firstName.ok) errors.push({ field: 'firstName', code: firstName.error });
      const lastName = validatePersonName(input.lastName ?? inv.lastName);
      if (!lastName.ok) errors.push({ field: 'lastName', code: lastName.error });
      const password = validatePassword(input.password ?? '', {
        email: inv.email,
        firstName: firstName.ok ? firstName.value : undefined,
        lastName: lastName.ok ? lastName.value : undefined,
      });
      if (!password.ok) errors.push({ field: 'password', code: password.error });
      if (!firstName.ok || !lastName.ok || !password.ok) throw validationFailed(errors);
      newUser = {
        id: newId(now.getTime()),
        email: inv.email,
        firstName: firstName.value,
        lastName: lastName.value,
        phone: inv.phone,
        passwordHash: await hashPassword(input.password ?? ''),
        locale: inv.locale,
        isStaff: false,
        disabled: false,
        lastLoginAt: null,
        createdAt: now,
        updatedAt: now,
      };
    }
    const userId = existing?.id ?? newUser?.id ?? '';
    try {
      await withTransaction(this.ds, ctx, async ({ em }) => {
        const won = await em.update(
          InvitationEntity,
          { id: inv.id, status: 'PENDING' },
          { status: 'ACCEPTED', pendingKey: null, acceptedAt: now, acceptedUserId: userId, updatedAt: now },
        );
        if (won.affected !== 1) throw new DomainError('INVITATION_ALREADY_ACCEPTED', 'This invitation has already been used.');
        if (newUser) await em.insert(UserEntity, newUser);
        await em.insert(MembershipEntity, {
          id: newId(now.getTime()),
          companyId: inv.companyId,
          userId,
          scopes: inv.scopes,
          status: 'ACTIVE',
          contactFor: inv.contactFor,
          jobTitle: inv.jobTitle,
          invitedById: inv.invitedById,
          createdAt: now,
          updatedAt: now,
        });
        await this.activity.record(
          em,
          {
            companyId: inv.companyId,
            actorUserId: userId,
            action: 'team.invitation_accepted',
            targetType: 'invitation',
            targetId: inv.id,
            details: { email: inv.email, scopes: inv.scopes },
            ip: ctx.ip ?? null,
          },
          now,
        );
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        // The same email was created, or the person joined, by a concurrent request.
        throw new DomainError('INVITATION_ALREADY_ACCEPTED', 'This invitation has already been used.');
      }
      throw error;
    }
    const session = newUser ? await this.auth.openSession(ctx, newUser.id) : null;
    return { userId, companyId: inv.companyId, session };
  }

  /**
   * From the expired-link page: tells the administrators the invitee wants a new link. Same answer,
   * same statements in every case: the request path checks the link's format and the client
   * address's limit and writes a deferred request; the worker does the rest (fileNewLinkRequest).
   */
  async requestNewLink(ctx: ServiceContext, token: string): Promise<void> {
    if (!TOKEN_FORMAT.test(token)) return;
    await requireWithin(this.publicRequestsPerAddress, addressKey(ctx.ip), 'requests from this address');
    await this.deferred.enqueue(ctx, 'new_link_request', { tokenHash: sha256Hex(token) });
  }

  /** The deferred part of a new-link request: once per invitation per NEW_LINK_REQUEST_INTERVAL_HOURS, within the company's notices. */
  private async fileNewLinkRequest(ctx: TransactionalContext, tokenHash: string): Promise<void> {
    const now = ctx.now;
    const inv = await ctx.em.getRepository(InvitationEntity).findOne({ where: [{ tokenHash }, { reminderTokenHash: tokenHash }] });
    if (!inv) return;
    const status = invitationStatus(inv, now);
    if (status !== 'EXPIRED' && status !== 'REVOKED') return;
    const since = new Date(now.getTime() - NEW_LINK_REQUEST_INTERVAL_HOURS * 3_600_000);
    if (inv.newLinkRequestedAt && inv.newLinkRequestedAt >= since) return;
    if (!(await this.noticesPerCompany.hit(inv.companyId)).allowed) return;
    await withTransaction(this.ds, ctx, async ({ em }) => {
      const claimed = await em
        .createQueryBuilder()
        .update(InvitationEntity)
        .set({ newLinkRequestedAt: now })
        .where('id = :id', { id: inv.id })
        .andWhere('(new_link_requested_at IS NULL OR new_link_requested_at < :since)', { since: dbDate(this.ds.options.type, since) })
        .execute();
      if (claimed.affected !== 1) return;
      await this.notifyAdmins(
        em,
        inv.companyId,
        'new_link_requested',
        { personName: `${inv.firstName} ${inv.lastName}`, email: inv.email },
        now,
      );
      await this.activity.record(
        em,
        {
          companyId: inv.companyId,
          action: 'team.new_link_requested',
          targetType: 'invitation',
          targetId: inv.id,
          details: { email: inv.email },
          ip: ctx.ip ?? null,
        },
        now,
      );
    });
  }

  private async notifyAdmins(
    em: EntityManager,
    companyId: string,
    kind: 'new_link_requested' | 'access_requested',
    p: { personName: string; email: string; message?: string | null },
    now: Date,
  ): Promise<void> {
    const company = await em.findOneByOrFail(CompanyEntity, { id: companyId });
    const admins = await em
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(MembershipEntity, 'm', 'm.user_id = u.id')
      .where('m.company_id = :companyId', { companyId })
      .andWhere("m.status = 'ACTIVE'")
      .andWhere("m.scopes LIKE '%ADMIN%'")
      .andWhere('u.disabled = :disabled', { disabled: false })
      .getMany();
    for (const admin of admins) {
      await this.outbox.enqueue(
        em,
        admin.email,
        adminNoticeEmail(admin.locale, kind, {
          companyName: company.name,
          ...p,
          url: `${this.env.publicUrl}/c/${companyId}/team`,
          publicUrl: this.env.publicUrl,
        }),
        now,
      );
    }
  }

  // ───────────────────────────── members ─────────────────────────────

  private async membershipFor(em: EntityManager, companyId: string, membershipId: string): Promise<MembershipEntity> {
    const m = await em.findOneBy(MembershipEntity, { id: membershipId, companyId });
    if (!m) throw notFound('Member');
    return m;
  }

  /** Whether removing ADMIN (or access) from `target` would leave the company without an active administrator. */
  private async wouldLoseLastAdmin(em: EntityManager, target: MembershipEntity): Promise<boolean> {
    if (!isLastActiveAdmin(target, [target])) return false;
    const active = await em.find(MembershipEntity, {
      where: { companyId: target.companyId, status: 'ACTIVE' },
      select: { id: true, scopes: true, status: true },
    });
    return isLastActiveAdmin(target, active);
  }

  async updateScopes(
    ctx: ServiceContext,
    companyId: string,
    membershipId: string,
    rawScopes: readonly string[],
  ): Promise<MembershipEntity> {
    const actor = actorIn(ctx);
    const checked = validateScopes(rawScopes);
    if (!checked.ok) throw validationFailed([{ field: 'scopes', code: checked.error }]);
    const scopes = normaliseScopes(checked.scopes);
    return withTransaction(this.ds, ctx, async (tx) => {
      const { em, now } = tx;
      await this.lockCompany(tx, companyId);
      const m = await this.membershipFor(em, companyId, membershipId);
      if (!scopes.includes('ADMIN') && (await this.wouldLoseLastAdmin(em, m))) throw lastAdmin();
      const contactFor = m.contactFor.filter((s) => grantedSubjects(scopes).includes(s));
      await em.update(MembershipEntity, { id: m.id }, { scopes, contactFor, updatedAt: now });
      // Tokens act for their creator: they end when the creator stops being an administrator.
      if (m.scopes.includes('ADMIN') && !scopes.includes('ADMIN')) {
        await this.apiTokens.revokeCreatedBy(tx, companyId, m.userId, 'CREATOR_NOT_ADMIN');
      }
      await this.activity.record(
        em,
        {
          companyId,
          actorUserId: actor.userId,
          actorApiTokenId: actor.apiTokenId,
          action: 'team.scopes_changed',
          targetType: 'membership',
          targetId: m.id,
          details: { userId: m.userId, from: m.scopes, to: scopes },
          ip: actor.ip,
        },
        now,
      );
      return { ...m, scopes, contactFor, updatedAt: now };
    });
  }

  async updateContactFor(
    ctx: ServiceContext,
    companyId: string,
    membershipId: string,
    contactFor: readonly ContactSubject[],
  ): Promise<MembershipEntity> {
    const actor = actorIn(ctx);
    return withTransaction(this.ds, ctx, async ({ em, now }) => {
      const m = await this.membershipFor(em, companyId, membershipId);
      const subjects = CONTACT_SUBJECTS.filter((s) => contactFor.includes(s));
      if (subjects.some((s) => !grantedSubjects(m.scopes).includes(s)))
        throw validationFailed([{ field: 'contactFor', code: 'CONTACT_FOR_WITHOUT_SCOPE' }]);
      await em.update(MembershipEntity, { id: m.id }, { contactFor: subjects, updatedAt: now });
      await this.activity.record(
        em,
        {
          companyId,
          actorUserId: actor.userId,
          actorApiTokenId: actor.apiTokenId,
          action: 'team.contact_for_changed',
          targetType: 'membership',
          targetId: m.id,
          details: { userId: m.userId, from: m.contactFor, to: subjects },
          ip: actor.ip,
        },
        now,
      );
      return { ...m, contactFor: subjects, updatedAt: now };
    });
  }

  async setStatus(ctx: ServiceContext, companyId: string, membershipId: string, status: 'ACTIVE' | 'SUSPENDED'): Promise<MembershipEntity> {
    const actor = actorIn(ctx);
    return withTransaction(this.ds, ctx, async (tx) => {
      const { em, now } = tx;
      await this.lockCompany(tx, companyId);
      const m = await this.membershipFor(em, companyId, membershipId);
      if (m.status === status) return m;
      if (status === 'SUSPENDED' && (await this.wouldLoseLastAdmin(em, m))) throw lastAdmin();
      await em.update(MembershipEntity, { id: m.id }, { status, updatedAt: now });
      if (status === 'SUSPENDED') await this.apiTokens.revokeCreatedBy(tx, companyId, m.userId, 'CREATOR_SUSPENDED');
      await this.activity.record(
        em,
        {
          companyId,
          actorUserId: actor.userId,
          actorApiTokenId: actor.apiTokenId,
          action: status === 'SUSPENDED' ? 'team.suspended' : 'team.reactivated',
          targetType: 'membership',
          targetId: m.id,
          details: { userId: m.userId },
          ip: actor.ip,
        },
        now,
      );
      return { ...m, status, updatedAt: now };
    });
  }

  /** Definitive. The person keeps their account (and other companies); their access here ends at once. */
  async remove(ctx: ServiceContext, companyId: string, membershipId: string): Promise<void> {
    const actor = actorIn(ctx);
    await withTransaction(this.ds, ctx, async (tx) => {
      const { em, now } = tx;
      await this.lockCompany(tx, companyId);
      const m = await this.membershipFor(em, companyId, membershipId);
      if (await this.wouldLoseLastAdmin(em, m)) throw lastAdmin();
      const user = await em.findOneBy(UserEntity, { id: m.userId });
      await em.delete(MembershipEntity, { id: m.id });
      await this.apiTokens.revokeCreatedBy(tx, companyId, m.userId, 'CREATOR_REMOVED');
      await this.activity.record(
        em,
        {
          companyId,
          actorUserId: actor.userId,
          actorApiTokenId: actor.apiTokenId,
          action: 'team.removed',
          targetType: 'membership',
          targetId: m.id,
          details: { userId: m.userId, email: user?.email, scopes: m.scopes },
          ip: actor.ip,
        },
        now,
      );
    });
  }

  // ───────────────────────────── access requests ─────────────────────────────

  /**
   * The public "ask to join" form. Field formats are checked (so the person can fix a typo), but
   * the answer is the same whether or not the SIRET belongs to a client company.
   */
  async requestAccess(
    ctx: ServiceContext,
    input: { siret: string; email: string; firstName: string; lastName: string; message?: string | null },
  ): Promise<void> {
    const errors: FieldError[] = [];
    const siret = validateSiret(input.siret);
    if (!siret.ok) errors.push({ field: 'siret', code: siret.error });
    const email = validateEmail(input.email);
    if (!email.ok) errors.push({ field: 'email', code: email.error });
    const firstName = validatePersonName(input.firstName);
    if (!firstName.ok) errors.push({ field: 'firstName', code: firstName.error });
    const lastName = validatePersonName(input.lastName);
    if (!lastName.ok) errors.push({ field: 'lastName', code: lastName.error });
    const message = input.message?.trim().slice(0, 1000) || null;
    if (!siret.ok || !email.ok || !firstName.ok || !lastName.ok) throw validationFailed(errors);
    await requireWithin(this.publicRequestsPerAddress, addressKey(ctx.ip), 'requests from this address');
    await this.deferred.enqueue(ctx, 'access_request', {
      siret: siret.siret,
      email: email.email,
      firstName: firstName.value,
      lastName: lastName.value,
      message,
    });
  }

  /**
   * The deferred part of an access request: filed and notified when the SIRET is a client's, the
   * person is not already a member or asking, and within the per-address and per-company limits.
   */
  private async fileAccessRequest(ctx: TransactionalContext, input: DeferredPayloads['access_request']): Promise<void> {
    const { now, em: reader } = ctx;
    const { email, message } = input;
    const company = await reader.getRepository(CompanyEntity).findOneBy({ siret: input.siret });
    if (!company) return;
    const recent = await reader
      .getRepository(AccessRequestEntity)
      .count({ where: { email, createdAt: MoreThan(new Date(now.getTime() - DAY_MS)) } });
    if (recent >= ACCESS_REQUESTS_PER_EMAIL_PER_DAY) return;
    const user = await reader.getRepository(UserEntity).findOneBy({ email });
    if (user && (await reader.getRepository(MembershipEntity).exists({ where: { companyId: company.id, userId: user.id } }))) return;
    const pendingKey = `${company.id}:${email}`;
    if (await reader.getRepository(AccessRequestEntity).exists({ where: { pendingKey } })) return;
    if (!(await this.noticesPerCompany.hit(company.id)).allowed) return;
    try {
      await withTransaction(this.ds, ctx, async ({ em }) => {
        const request: AccessRequestEntity = {
          id: newId(now.getTime()),
          companyId: company.id,
          email,
          firstName: input.firstName,
          lastName: input.lastName,
          message,
          status: 'PENDING',
          pendingKey,
          decidedById: null,
          decidedAt: null,
          invitationId: null,
          ip: ctx.ip ?? null,
          createdAt: now,
        };
        await em.insert(AccessRequestEntity, request);
        await this.notifyAdmins(
          em,
          company.id,
          'access_requested',
          { personName: `${request.firstName} ${request.lastName}`, email: request.email, message },
          now,
        );
        await this.activity.record(
          em,
          {
            companyId: company.id,
            action: 'team.access_requested',
            targetType: 'access_request',
            targetId: request.id,
            details: { email: request.email },
            ip: ctx.ip ?? null,
          },
          now,
        );
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error; // an open request already exists: same answer
    }
  }

  /** Irreversible: the request becomes an invitation (with the chosen access) and follows that flow. */
  async approveAccessRequest(
    ctx: ServiceContext,
    companyId: string,
    requestId: string,
    scopes: readonly string[],
    contactFor: readonly ContactSubject[],
  ): Promise<{ request: AccessRequestEntity; result: InvitationRowResult }> {
    const request = await this.reader(ctx).getRepository(AccessRequestEntity).findOneBy({ id: requestId, companyId });
    if (!request) throw notFound('Access request');
    if (request.status !== 'PENDING') throw new DomainError('CONFLICT', `This request was already ${request.status.toLowerCase()}.`);
    const [result] = await this.invite(
      ctx,
      companyId,
      [{ email: request.email, firstName: request.firstName, lastName: request.lastName, scopes, contactFor }],
      request.id,
    );
    if (!result) throw new Error('invite returned no row');
    if (!result.ok) {
      if (result.errors.some((e) => e.code === 'ALREADY_MEMBER' || e.code === 'ALREADY_INVITED')) {
        // Nothing left to approve: close the request as approved, pointing at the existing access.
        await this.decide(ctx, request, 'APPROVED', null);
      }
      return { request: await this.reader(ctx).getRepository(AccessRequestEntity).findOneByOrFail({ id: request.id }), result };
    }
    const decided = await this.decide(ctx, request, 'APPROVED', result.invitation.id);
    return { request: decided, result };
  }

  async rejectAccessRequest(ctx: ServiceContext, companyId: string, requestId: string): Promise<AccessRequestEntity> {
    const request = await this.reader(ctx).getRepository(AccessRequestEntity).findOneBy({ id: requestId, companyId });
    if (!request) throw notFound('Access request');
    if (request.status !== 'PENDING') throw new DomainError('CONFLICT', `This request was already ${request.status.toLowerCase()}.`);
    return this.decide(ctx, request, 'REJECTED', null);
  }

  private async decide(
    ctx: ServiceContext,
    request: AccessRequestEntity,
    status: 'APPROVED' | 'REJECTED',
    invitationId: string | null,
  ): Promise<AccessRequestEntity> {
    const actor = actorIn(ctx);
    return withTransaction(this.ds, ctx, async ({ em, now }) => {
      const won = await em.update(
        AccessRequestEntity,
        { id: request.id, status: 'PENDING' },
        { status, pendingKey: null, decidedById: actor.userId, decidedAt: now, invitationId },
      );
      if (won.affected !== 1) throw new DomainError('CONFLICT', 'This request was decided by someone else meanwhile.');
      await this.activity.record(
        em,
        {
          companyId: request.companyId,
          actorUserId: actor.userId,
          actorApiTokenId: actor.apiTokenId,
          action: status === 'APPROVED' ? 'team.access_request_approved' : 'team.access_request_rejected',
          targetType: 'access_request',
          targetId: request.id,
          details: { email: request.email, ...(invitationId ? { invitationId } : {}) },
          ip: actor.ip,
        },
        now,
      );
      return { ...request, status, pendingKey: null, decidedById: actor.userId, decidedAt: now, invitationId };
    });
  }

  // ───────────────────────────── reminders ─────────────────────────────

  /**
   * Sends the reminder of invitations that expire within 24 hours. Each row is claimed by a
   * conditional update, so several instances never send the same reminder twice.
   */
  async sendDueReminders(ctx: ServiceContext): Promise<number> {
    const now = ctx.now;
    const horizon = new Date(now.getTime() + DAY_MS);
    const due = await this.reader(ctx)
      .getRepository(InvitationEntity)
      .createQueryBuilder('i')
      .where("i.status = 'PENDING'")
      .andWhere('i.reminder_sent_at IS NULL')
      .andWhere('i.expires_at > :now AND i.expires_at <= :horizon', {
        now: dbDate(this.ds.options.type, now),
        horizon: dbDate(this.ds.options.type, horizon),
      })
      .take(100)
      .getMany();
    let sent = 0;
    for (const inv of due) {
      await withTransaction(this.ds, ctx, async ({ em }) => {
        const claimed = await em.update(
          InvitationEntity,
          { id: inv.id, reminderSentAt: IsNull(), status: 'PENDING' },
          { reminderSentAt: now },
        );
        if (claimed.affected !== 1) return;
        // Only hashes are stored, so the reminder carries a second link to the same invitation;
        // the first one keeps working too.
        const token = newSecretToken();
        await em.update(InvitationEntity, { id: inv.id }, { reminderTokenHash: sha256Hex(token) });
        await this.enqueueInvitationEmail(em, inv, token, 'invitation_reminder', now);
        sent += 1;
      });
    }
    return sent;
  }
}
