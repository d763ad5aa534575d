import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import { IsNull } from 'typeorm';
import { normaliseEmail, validateEmail, validatePassword, type Locale, type Scope } from '@guichet/shared';
import { addHours, addMinutes, toDate } from '../../common/dates';
import { DomainError, validationFailed } from '../../common/domain-error';
import { newId } from '../../common/ids';
import { newSecretToken, sha256Hex } from '../../common/tokens';
import type { Env } from '../../config/env';
import type { SessionPrincipal } from '../identity/principal';
import type { ActivityService } from '../activity/activity.service';
import type { OutboxService } from '../mailer/outbox.service';
import { accountLockedEmail, passwordResetEmail } from '../mailer/templates';
import { withTransaction, type ServiceContext, type TransactionalContext } from '../../db/with-transaction';
import { addressKey, requireWithin, type Counter, type Limits } from '../../common/limits';
import type { DeferredRequests } from '../deferred/deferred.service';
import { LoginGuard } from './login-guard';
import { MembershipEntity } from '../team/membership.entity';
import { hashPassword, prepareDummyHash, verifyAgainstDummy, verifyPassword } from './password';
import { PasswordResetEntity } from './password-reset.entity';
import { SessionEntity } from './session.entity';
import { UserEntity } from './user.entity';

/** The shape of a reset link's token (base64url); anything else is refused before any lookup. */
const RESET_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;
/**
 * Checks of reset links from one client address per hour: the reset page asks once per load, so
 * this leaves room for reloads and a few links while making guessing by volume pointless.
 */
const RESET_LINK_CHECKS_PER_ADDRESS_PER_HOUR = 60;

export type SessionLookup = { principal: SessionPrincipal } | { principal: null; expired: boolean };

interface SessionRow {
  session_id: string;
  expires_at: unknown;
  last_seen_at: unknown;
  user_id: string;
  email: string;
  is_staff: unknown;
  disabled: unknown;
  membership_id: string | null;
  company_id: string | null;
  scopes: string | null;
}

const PASSWORD_RESET_MINUTES = 60;
/** lastSeenAt is written at most this often, so reads don't each cost a write. */
const TOUCH_INTERVAL_MS = 60_000;

export class AuthService {
  readonly loginGuard: LoginGuard;
  private readonly resetsPerEmail: Counter;
  private readonly resetsPerAddress: Counter;
  private readonly resetChecksPerAddress: Counter;

  constructor(
    private readonly ds: DataSource,
    private readonly env: Env,
    private readonly activity: ActivityService,
    private readonly outbox: OutboxService,
    limits: Limits,
    private readonly deferred: DeferredRequests,
  ) {
    this.loginGuard = new LoginGuard(limits, env);
    this.resetsPerEmail = limits.counter('reset:email', { points: env.PASSWORD_RESETS_PER_EMAIL_PER_HOUR, durationSec: 3600 });
    this.resetsPerAddress = limits.counter('reset:address', { points: env.PASSWORD_RESETS_PER_IP_PER_HOUR, durationSec: 3600 });
    this.resetChecksPerAddress = limits.counter('reset:check:address', {
      points: RESET_LINK_CHECKS_PER_ADDRESS_PER_HOUR,
      durationSec: 3600,
    });
    deferred.handle('password_reset', (tx, p) => this.sendPasswordReset(tx, p.email));
    deferred.handle('login_locked', (tx, p) => this.notifyLocked(tx, p.email, new Date(p.lockedUntil)));
    // The dummy hash of unknown-email sign-ins, ready before the first one.
    void prepareDummyHash().catch(() => undefined);
  }

  /**
   * The one lookup per request: session, user and active memberships in a single statement.
   * Permissions are derived from these rows every time, never from the cookie.
   */
  async resolveSession(token: string, now: Date = new Date()): Promise<SessionLookup> {
    const rows: SessionRow[] = await this.ds.query(
      `SELECT s.id AS session_id, s.expires_at, s.last_seen_at, u.id AS user_id, u.email, u.is_staff, u.disabled,
              m.id AS membership_id, m.company_id, m.scopes
         FROM sessions s
         JOIN users u ON u.id = s.user_id
         LEFT JOIN memberships m ON m.user_id = u.id AND m.status = 'ACTIVE'
        WHERE s.token_hash = ?`,
      [sha256Hex(token)],
    );
    const first = rows[0];
    if (!first) return { principal: null, expired: true };
    const lastSeen = toDate(first.last_seen_at);
    const staff = Boolean(Number(first.is_staff));
    const idleDeadline = addMinutes(lastSeen, staff ? this.env.STAFF_SESSION_IDLE_MINUTES : this.env.SESSION_IDLE_MINUTES);
    if (toDate(first.expires_at) <= now || idleDeadline <= now || Boolean(Number(first.disabled))) {
      await this.ds.getRepository(SessionEntity).delete({ id: first.session_id });
      return { principal: null, expired: true };
    }
    if (now.getTime() - lastSeen.getTime() > TOUCH_INTERVAL_MS) {
      await this.ds.getRepository(SessionEntity).update({ id: first.session_id }, { lastSeenAt: now });
    }
    const memberships = new Map<string, { membershipId: string; scopes: Scope[] }>();
    for (const row of rows) {
      if (row.membership_id && row.company_id && row.scopes) {
        memberships.set(row.company_id, { membershipId: row.membership_id, scopes: row.scopes.split(',') as Scope[] });
      }
    }
    return {
      principal: {
        kind: 'session',
        userId: first.user_id,
        sessionId: first.session_id,
        email: first.email,
        isStaff: Boolean(Number(first.is_staff)),
        memberships,
      },
    };
  }

  /** Active memberships of a user, as the request principal holds them. */
  async membershipsOf(ctx: ServiceContext, userId: string): Promise<Map<string, { membershipId: string; scopes: Scope[] }>> {
    const rows: { id: string; company_id: string; scopes: string }[] = await (ctx.em ?? this.ds.manager).query(
      "SELECT id, company_id, scopes FROM memberships WHERE user_id = ? AND status = 'ACTIVE'",
      [userId],
    );
    return new Map(rows.map((r) => [r.company_id, { membershipId: r.id, scopes: r.scopes.split(',') as Scope[] }]));
  }

  /** A person's active memberships with their company, oldest first (what the viewer shows). */
  async activeMemberships(ctx: ServiceContext, userId: string): Promise<MembershipEntity[]> {
    return (ctx.em ?? this.ds.manager)
      .getRepository(MembershipEntity)
      .find({ where: { userId, status: 'ACTIVE' }, order: { createdAt: 'ASC' } });
  }

  /** A person's suspended memberships, oldest first (the viewer names their companies, nothing more). */
  async suspendedMemberships(ctx: ServiceContext, userId: string): Promise<MembershipEntity[]> {
    return (ctx.em ?? this.ds.manager)
      .getRepository(MembershipEntity)
      .find({ where: { userId, status: 'SUSPENDED' }, order: { createdAt: 'ASC' } });
  }

  async login(ctx: ServiceContext, rawEmail: string, password: string): Promise<{ token: string; expiresAt: Date; user: UserEntity }> {
    const { now } = ctx;
    const email = normaliseEmail(rawEmail);
    const check = validateEmail(email, { allowGenericMailbox: true });
    if (!check.ok) throw validationFailed([{ field: 'email', code: check.error }]);
    if (password.length === 0 || password.length > 1024) {
      throw new DomainError('INVALID_CREDENTIALS', 'Wrong email or password.');
    }
    // Per address, then per account (login-guard.ts). A locked account goes through the same steps
    // as a wrong password — lookup, argon2, journal — and gets the same answer, right password or not.
    const attempt = await this.loginGuard.attempt(email, ctx.ip);
    if (attempt.kind === 'addressLocked') {
      throw new DomainError('RATE_LIMITED', `Too many failed sign-ins from this address: retry in ${attempt.retryAfter} s.`, [], {
        retryAfter: attempt.retryAfter,
      });
    }
    if (attempt.delayMs > 0) await sleep(attempt.delayMs);
    const locked = attempt.kind === 'accountLocked';
    const user = await (ctx.em ?? this.ds.manager).getRepository(UserEntity).findOne({ where: { email } });
    let valid = false;
    if (!user || !user.passwordHash) await verifyAgainstDummy(password);
    else valid = await verifyPassword(user.passwordHash, password);
    if (!user || !valid || locked) {
      const lockedUntil = attempt.kind === 'open' ? await this.loginGuard.failed(email, ctx.ip, attempt, now) : null;
      await withTransaction(this.ds, ctx, async (tx) => {
        const details = { ...(user ? {} : { email }), ...(locked ? { locked: true } : {}) };
        await this.activity.record(
          tx.em,
          {
            action: 'auth.login_failed',
            actorUserId: user?.id ?? null,
            details: Object.keys(details).length > 0 ? details : null,
            ip: ctx.ip,
          },
          now,
        );
        // Whether or not the address has an account: the worker tells the holder, if there is one.
        if (lockedUntil) await this.deferred.enqueue(tx, 'login_locked', { email, lockedUntil: lockedUntil.toISOString() });
      });
      throw new DomainError('INVALID_CREDENTIALS', 'Wrong email or password.');
    }
    await this.loginGuard.succeeded(email, ctx.ip);
    if (user.disabled) {
      throw new DomainError('ACCOUNT_DISABLED', 'This account is disabled. Contact your administrator.');
    }
    const session = await this.openSession(ctx, user.id);
    user.lastLoginAt = now;
    return { ...session, user };
  }

  /** Creates a session (after a login, or for a person who just accepted an invitation). */
  async openSession(ctx: ServiceContext, userId: string): Promise<{ token: string; expiresAt: Date }> {
    const { now } = ctx;
    const token = newSecretToken();
    let expiresAt = addHours(now, this.env.SESSION_ABSOLUTE_HOURS);
    await withTransaction(this.ds, ctx, async ({ em }) => {
      const user = await em.findOne(UserEntity, { where: { id: userId }, select: { id: true, isStaff: true } });
      if (user?.isStaff) expiresAt = addHours(now, this.env.STAFF_SESSION_ABSOLUTE_HOURS);
      await em.insert(SessionEntity, {
        id: newId(now.getTime()),
        tokenHash: sha256Hex(token),
        userId,
        createdAt: now,
        expiresAt,
        lastSeenAt: now,
        ip: ctx.ip ?? null,
        userAgent: ctx.userAgent?.slice(0, 255) ?? null,
      });
      await em.update(UserEntity, { id: userId }, { lastLoginAt: now });
      await this.activity.record(em, { action: 'auth.login', actorUserId: userId, ip: ctx.ip }, now);
    });
    return { token, expiresAt };
  }

  async logout(ctx: ServiceContext, sessionId: string): Promise<void> {
    await (ctx.em ?? this.ds.manager).delete(SessionEntity, { id: sessionId });
  }

  /**
   * Same answer, same statements whether or not the email has an account: the request path checks
   * the format and the limits (per client address, then per email address typed — beyond them
   * RATE_LIMITED, for an account or not) and writes a deferred request; the worker looks the account up
   * and sends the link (sendPasswordReset).
   */
  async requestPasswordReset(ctx: ServiceContext, rawEmail: string): Promise<void> {
    const check = validateEmail(rawEmail, { allowGenericMailbox: true });
    if (!check.ok) throw validationFailed([{ field: 'email', code: check.error }]);
    await requireWithin(this.resetsPerAddress, addressKey(ctx.ip), 'password reset requests from this address');
    // Counted by the address typed, account or not: the refusal tells nothing about accounts.
    await requireWithin(this.resetsPerEmail, check.email, 'password reset requests for this email address');
    await this.deferred.enqueue(ctx, 'password_reset', { email: check.email });
  }

  /** The deferred part of a reset request: a link for an enabled account, nothing otherwise. */
  private async sendPasswordReset(ctx: TransactionalContext, email: string): Promise<void> {
    const { now } = ctx;
    const user = await ctx.em.getRepository(UserEntity).findOne({ where: { email } });
    if (!user || user.disabled) return;
    const token = newSecretToken();
    const expiresAt = addMinutes(now, PASSWORD_RESET_MINUTES);
    const url = `${this.env.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    await withTransaction(this.ds, ctx, async ({ em }) => {
      await em.insert(PasswordResetEntity, {
        id: newId(now.getTime()),
        userId: user.id,
        tokenHash: sha256Hex(token),
        createdAt: now,
        expiresAt,
        usedAt: null,
      });
      await this.outbox.enqueue(
        em,
        user.email,
        passwordResetEmail(user.locale, { firstName: user.firstName, url, expiresAt, publicUrl: this.env.publicUrl }),
        now,
      );
      await this.activity.record(em, { action: 'auth.password_reset_requested', actorUserId: user.id, ip: ctx.ip }, now);
    });
  }

  /** Single use: the token is consumed by a conditional update, so two concurrent uses can't both win. */
  /** The reset of a link's token while it can still be used (not used, not expired), else null. */
  private async usableReset(ctx: ServiceContext, token: string): Promise<PasswordResetEntity | null> {
    if (!RESET_TOKEN.test(token)) return null;
    const reset = await (ctx.em ?? this.ds.manager).getRepository(PasswordResetEntity).findOne({ where: { tokenHash: sha256Hex(token) } });
    return reset && !reset.usedAt && reset.expiresAt > ctx.now ? reset : null;
  }

  /**
   * Whether a reset link still works (the page says at once when it does not), without using it up.
   * Nothing else: an unknown, used or expired link all answer false. Limited per client address.
   */
  async isResetLinkValid(ctx: ServiceContext, token: string): Promise<boolean> {
    await requireWithin(this.resetChecksPerAddress, addressKey(ctx.ip), 'reset link checks from this address');
    return (await this.usableReset(ctx, token)) !== null;
  }

  async resetPassword(ctx: ServiceContext, token: string, password: string): Promise<void> {
    const { now } = ctx;
    const invalid = new DomainError('INVALID_TOKEN', 'This link is invalid, already used or expired. Ask for a new one.');
    const reset = await this.usableReset(ctx, token);
    if (!reset) throw invalid;
    const user = await (ctx.em ?? this.ds.manager).getRepository(UserEntity).findOneOrFail({ where: { id: reset.userId } });
    const strength = validatePassword(password, { email: user.email, firstName: user.firstName, lastName: user.lastName });
    if (!strength.ok) throw validationFailed([{ field: 'password', code: strength.error }]);
    const passwordHash = await hashPassword(password);
    await withTransaction(this.ds, ctx, async ({ em }) => {
      const consumed = await em.update(PasswordResetEntity, { id: reset.id, usedAt: IsNull() }, { usedAt: now });
      if (consumed.affected !== 1) throw invalid;
      await em.update(PasswordResetEntity, { userId: user.id, usedAt: IsNull() }, { usedAt: now });
      await em.update(UserEntity, { id: user.id }, { passwordHash, updatedAt: now });
      // A new password ends every open session of the account.
      await em.delete(SessionEntity, { userId: user.id });
      await this.activity.record(em, { action: 'auth.password_reset', actorUserId: user.id, ip: ctx.ip }, now);
    });
    await this.loginGuard.unlock(user.email);
  }

  /** The deferred part of a lock: the holder of the address, if it has an account, is told once. */
  private async notifyLocked(ctx: TransactionalContext, email: string, lockedUntil: Date): Promise<void> {
    const user = await ctx.em.getRepository(UserEntity).findOne({ where: { email } });
    if (!user || user.disabled) return;
    const url = `${this.env.publicUrl}/forgot-password`;
    await this.outbox.enqueue(
      ctx.em,
      user.email,
      accountLockedEmail(user.locale, { firstName: user.firstName, lockedUntil, url, publicUrl: this.env.publicUrl }),
      ctx.now,
    );
    await this.activity.record(
      ctx.em,
      { action: 'auth.account_locked', actorUserId: user.id, details: { lockedUntil }, ip: ctx.ip },
      ctx.now,
    );
  }

  async setLocale(ctx: ServiceContext, userId: string, locale: Locale): Promise<UserEntity> {
    const repo = (ctx.em ?? this.ds.manager).getRepository(UserEntity);
    await repo.update({ id: userId }, { locale, updatedAt: ctx.now });
    return repo.findOneOrFail({ where: { id: userId } });
  }
}
