import { BlockList, isIP } from 'node:net';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import {
  API_TOKEN_DEFAULT_EXPIRY_DAYS,
  isOperatorTokenCapability,
  validateApiTokenExpiryDays,
  validateApiTokenGraceHours,
  validateApiTokenName,
  validateApiTokenPermissions,
  validateIpAllowList,
  type FieldError,
  type OperatorTokenCapability,
  type Permission,
} from '@guichet/shared';
import { toDate } from '../../common/dates';
import { DomainError, notFound, validationFailed } from '../../common/domain-error';
import { isId, newId } from '../../common/ids';
import { sha256Hex } from '../../common/tokens';
import { withTransaction, type ServiceContext, type TransactionalContext } from '../../db/with-transaction';
import type { ActivityService } from '../activity/activity.service';
import type { ApiTokenPrincipal, OperatorTokenPrincipal } from '../identity/principal';
import { ApiTokenEntity, type ApiTokenKind } from './api-token.entity';
import { DISPLAYED_PREFIX_LENGTH, newTokenSecret, parseTokenSecret } from './token-secret';

const DAY_MS = 86_400_000;
/** lastUsedAt is written at most this often, so a busy token doesn't cost a write per request. */
const TOUCH_INTERVAL_MS = 60_000;
/** A denied use is journaled at most this often per token and reason. */
const DENIED_EVENT_INTERVAL_MS = 60_000;

export type ApiTokenStatus = 'ACTIVE' | 'ROTATING' | 'EXPIRED' | 'REVOKED';

export function statusOf(token: ApiTokenEntity, now: Date = new Date()): ApiTokenStatus {
  if (token.revokedAt) return 'REVOKED';
  if (token.expiresAt <= now || (token.graceEndsAt && token.graceEndsAt <= now)) return 'EXPIRED';
  return token.graceEndsAt ? 'ROTATING' : 'ACTIVE';
}

/** Why a presented token was refused. Every one answers 401, except an address outside the allow-list (403). */
export class TokenRefused extends DomainError {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(status === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN', message);
  }
}

export interface CreateTokenInput {
  name: string;
  /** COMPANY tokens: permissions; OPERATOR tokens: capabilities. */
  permissions: readonly string[];
  expiresInDays?: number | null;
  allowedIps?: readonly string[] | null;
}

export interface IssuedToken {
  token: ApiTokenEntity;
  /** Shown once, never stored. */
  secret: string;
}

/** Where a token belongs: a company, or the platform (operator tokens). */
export type TokenOwner = { kind: 'COMPANY'; companyId: string } | { kind: 'OPERATOR' };

interface TokenRow {
  id: string;
  kind: ApiTokenKind;
  company_id: string | null;
  name: string;
  permissions: string;
  created_by_id: string;
  expires_at: unknown;
  grace_ends_at: unknown;
  revoked_at: unknown;
  last_used_at: unknown;
  allowed_ips: string;
  disabled: unknown;
  is_staff: unknown;
  creator_scopes: string | null;
  creator_status: string | null;
}

export class ApiTokenService {
  private readonly deniedRecently = new Map<string, number>();

  constructor(
    private readonly ds: DataSource,
    private readonly activity: ActivityService,
  ) {}

  // ---------------------------------------------------------------- management

  async list(owner: TokenOwner): Promise<ApiTokenEntity[]> {
    return this.ds.getRepository(ApiTokenEntity).find({
      where: owner.kind === 'COMPANY' ? { kind: 'COMPANY', companyId: owner.companyId } : { kind: 'OPERATOR', companyId: IsNull() },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: 500,
    });
  }

  private validate(
    owner: TokenOwner,
    input: CreateTokenInput,
  ): Pick<ApiTokenEntity, 'name' | 'permissions' | 'allowedIps'> & { days: number } {
    const errors: FieldError[] = [];
    const name = validateApiTokenName(input.name);
    if (!name.ok) errors.push({ field: 'name', code: name.error });
    let permissions: (Permission | OperatorTokenCapability)[] = [];
    if (owner.kind === 'COMPANY') {
      const checked = validateApiTokenPermissions(input.permissions);
      if (checked.ok) permissions = checked.value;
      else errors.push({ field: 'permissions', code: checked.error });
    } else if (input.permissions.length === 0) {
      errors.push({ field: 'permissions', code: 'TOKEN_PERMISSIONS_REQUIRED' });
    } else if (!input.permissions.every(isOperatorTokenCapability)) {
      errors.push({ field: 'permissions', code: 'TOKEN_PERMISSION_NOT_ALLOWED' });
    } else {
      permissions = [...new Set(input.permissions as OperatorTokenCapability[])];
    }
    const days = validateApiTokenExpiryDays(input.expiresInDays ?? API_TOKEN_DEFAULT_EXPIRY_DAYS);
    if (!days.ok) errors.push({ field: 'expiresInDays', code: days.error });
    const ips = validateIpAllowList(input.allowedIps ?? []);
    if (!ips.ok) errors.push({ field: 'allowedIps', code: ips.error });
    if (!name.ok || !days.ok || !ips.ok || errors.length > 0) throw validationFailed(errors);
    return { name: name.value, permissions, allowedIps: ips.value, days: days.value };
  }

  async create(ctx: ServiceContext, owner: TokenOwner, input: CreateTokenInput): Promise<IssuedToken> {
    const values = this.validate(owner, input);
    return withTransaction(this.ds, ctx, async (tx) => {
      const issued = await this.insert(tx, owner, {
        name: values.name,
        permissions: values.permissions,
        allowedIps: values.allowedIps,
        expiresAt: new Date(tx.now.getTime() + values.days * DAY_MS),
        rotatedFromId: null,
      });
      await this.journal(tx, issued.token, 'apiToken.created', {
        name: issued.token.name,
        permissions: issued.token.permissions,
        expiresAt: issued.token.expiresAt.toISOString(),
        allowedIps: issued.token.allowedIps,
      });
      return issued;
    });
  }

  /**
   * A new secret with the same settings and expiry; the old secret keeps working for `graceHours`
   * (0: stops at once), so a program can be switched over without downtime.
   */
  async rotate(ctx: ServiceContext, owner: TokenOwner, tokenId: string, graceHours: number): Promise<IssuedToken> {
    const grace = validateApiTokenGraceHours(graceHours);
    if (!grace.ok) throw validationFailed([{ field: 'graceHours', code: grace.error }]);
    return withTransaction(this.ds, ctx, async (tx) => {
      const old = await this.findOwned(tx.em, owner, tokenId);
      const status = statusOf(old, tx.now);
      if (status !== 'ACTIVE') {
        throw new DomainError('CONFLICT', `This token is ${status.toLowerCase()}: only an active token can be rotated.`);
      }
      const graceEndsAt = new Date(tx.now.getTime() + grace.value * 3_600_000);
      const changed = await tx.em.update(
        ApiTokenEntity,
        { id: old.id, revokedAt: IsNull(), graceEndsAt: IsNull() },
        { graceEndsAt: graceEndsAt < old.expiresAt ? graceEndsAt : old.expiresAt },
      );
      if (changed.affected !== 1) throw new DomainError('CONFLICT', 'This token was changed meanwhile: reload the list.');
      const issued = await this.insert(tx, owner, {
        name: old.name,
        permissions: old.permissions,
        allowedIps: old.allowedIps,
        expiresAt: old.expiresAt,
        rotatedFromId: old.id,
      });
      await this.journal(tx, issued.token, 'apiToken.rotated', { name: old.name, previousTokenId: old.id, graceHours: grace.value });
      return issued;
    });
  }

  async revoke(ctx: ServiceContext, owner: TokenOwner, tokenId: string): Promise<ApiTokenEntity> {
    return withTransaction(this.ds, ctx, async (tx) => {
      const token = await this.findOwned(tx.em, owner, tokenId);
      if (token.revokedAt) return token;
      await tx.em.update(ApiTokenEntity, { id: token.id }, { revokedAt: tx.now, revokedReason: 'REVOKED' });
      await this.journal(tx, token, 'apiToken.revoked', { name: token.name });
      return { ...token, revokedAt: tx.now, revokedReason: 'REVOKED' };
    });
  }

  /**
   * Ends every live token a member created in a company, when they are removed, suspended or
   * lose Administrateur. Runs in the caller's transaction, with the change that causes it.
   */
  async revokeCreatedBy(
    tx: TransactionalContext,
    companyId: string,
    userId: string,
    reason: 'CREATOR_REMOVED' | 'CREATOR_SUSPENDED' | 'CREATOR_NOT_ADMIN',
  ): Promise<number> {
    const live = await tx.em.find(ApiTokenEntity, { where: { kind: 'COMPANY', companyId, createdById: userId, revokedAt: IsNull() } });
    for (const token of live) {
      await tx.em.update(ApiTokenEntity, { id: token.id }, { revokedAt: tx.now, revokedReason: reason });
      await this.journal(tx, token, 'apiToken.revoked', { name: token.name, reason });
    }
    return live.length;
  }

  private async insert(
    tx: TransactionalContext,
    owner: TokenOwner,
    values: Pick<ApiTokenEntity, 'name' | 'permissions' | 'allowedIps' | 'expiresAt' | 'rotatedFromId'>,
  ): Promise<IssuedToken> {
    if (!tx.actor) throw new Error('A token is always created by a person');
    const secret = newTokenSecret(owner.kind);
    const token: ApiTokenEntity = {
      id: newId(tx.now.getTime()),
      kind: owner.kind,
      companyId: owner.kind === 'COMPANY' ? owner.companyId : null,
      ...values,
      tokenHash: sha256Hex(secret),
      prefix: secret.slice(0, DISPLAYED_PREFIX_LENGTH),
      createdById: tx.actor.userId,
      createdAt: tx.now,
      lastUsedAt: null,
      lastUsedIp: null,
      graceEndsAt: null,
      revokedAt: null,
      revokedReason: null,
    };
    await tx.em.insert(ApiTokenEntity, token);
    return { token, secret };
  }

  private async findOwned(em: EntityManager, owner: TokenOwner, tokenId: string): Promise<ApiTokenEntity> {
    if (!isId(tokenId)) throw notFound('API token');
    const token = await em.findOne(ApiTokenEntity, { where: { id: tokenId } });
    const matches =
      token && (owner.kind === 'COMPANY' ? token.kind === 'COMPANY' && token.companyId === owner.companyId : token.kind === 'OPERATOR');
    if (!token || !matches) throw notFound('API token');
    return token;
  }

  private journal(tx: TransactionalContext, token: ApiTokenEntity, action: string, details: Record<string, unknown>): Promise<void> {
    return this.activity.record(
      tx.em,
      {
        companyId: token.companyId,
        actorUserId: tx.actor?.userId ?? null,
        actorApiTokenId: tx.actor?.apiTokenId ?? null,
        action,
        targetType: 'api_token',
        targetId: token.id,
        details: { prefix: token.prefix, ...details },
        ip: tx.actor?.ip ?? null,
      },
      tx.now,
    );
  }

  // ---------------------------------------------------------------- use

  /**
   * The one lookup of a request that carries a token: the token, its creator and the creator's
   * membership, in one statement. A token works while it is neither revoked nor expired (nor past
   * its rotation grace), its creator's account is enabled and — for a company's token — the creator
   * is still an active Administrateur of that company; and only from its allowed addresses.
   */
  async authenticate(secret: string, ip: string | null, now: Date = new Date()): Promise<ApiTokenPrincipal | OperatorTokenPrincipal> {
    if (parseTokenSecret(secret) === null) throw new TokenRefused(401, 'This API token is malformed: check that it was copied whole.');
    const rows: TokenRow[] = await this.ds.query(
      `SELECT t.id, t.kind, t.company_id, t.name, t.permissions, t.created_by_id, t.expires_at, t.grace_ends_at, t.revoked_at,
              t.last_used_at, t.allowed_ips, u.disabled, u.is_staff, m.scopes AS creator_scopes, m.status AS creator_status
         FROM api_tokens t
         JOIN users u ON u.id = t.created_by_id
         LEFT JOIN memberships m ON m.user_id = t.created_by_id AND m.company_id = t.company_id
        WHERE t.token_hash = ?`,
      [sha256Hex(secret)],
    );
    const row = rows[0];
    if (!row) throw new TokenRefused(401, 'This API token is unknown.');
    if (row.revoked_at !== null)
      throw await this.denied(row, 'REVOKED', ip, now, new TokenRefused(401, 'This API token has been revoked.'));
    const ends = [toDate(row.expires_at), ...(row.grace_ends_at !== null ? [toDate(row.grace_ends_at)] : [])];
    if (ends.some((end) => end <= now)) {
      throw await this.denied(row, 'EXPIRED', ip, now, new TokenRefused(401, 'This API token has expired: create a new one.'));
    }
    const creatorOk =
      !Number(row.disabled) &&
      (row.kind === 'OPERATOR'
        ? Boolean(Number(row.is_staff))
        : row.creator_status === 'ACTIVE' && (row.creator_scopes ?? '').split(',').includes('ADMIN'));
    if (!creatorOk) {
      throw await this.denied(
        row,
        'CREATOR_ACCESS_ENDED',
        ip,
        now,
        new TokenRefused(401, 'This API token is no longer valid: its creator’s access has ended.'),
      );
    }
    const allowed = row.allowed_ips ? row.allowed_ips.split(',').filter(Boolean) : [];
    if (allowed.length > 0 && !ipAllowed(allowed, ip)) {
      throw await this.denied(
        row,
        'IP_NOT_ALLOWED',
        ip,
        now,
        new TokenRefused(403, `This API token cannot be used from this address (${ip ?? 'unknown'}).`),
      );
    }
    await this.touch(row, ip, now);
    const permissions = row.permissions.split(',').filter(Boolean);
    if (row.kind === 'OPERATOR') {
      return {
        kind: 'operatorToken',
        tokenId: row.id,
        name: row.name,
        capabilities: new Set(permissions.filter(isOperatorTokenCapability)),
        createdByUserId: row.created_by_id,
      };
    }
    return {
      kind: 'apiToken',
      tokenId: row.id,
      name: row.name,
      companyId: row.company_id ?? '',
      permissions: new Set(permissions as Permission[]),
      createdByUserId: row.created_by_id,
    };
  }

  private async touch(row: TokenRow, ip: string | null, now: Date): Promise<void> {
    const last = row.last_used_at === null ? null : toDate(row.last_used_at);
    if (last && now.getTime() - last.getTime() < TOUCH_INTERVAL_MS) return;
    await this.ds.getRepository(ApiTokenEntity).update({ id: row.id }, { lastUsedAt: now, lastUsedIp: ip });
  }

  /** Journals a refused use of a known token (at most once a minute per token and reason) and returns the error. */
  async denied<E extends Error>(
    token: { id: string; company_id: string | null; created_by_id: string },
    reason: string,
    ip: string | null,
    now: Date,
    error: E,
  ): Promise<E> {
    const key = `${token.id}:${reason}`;
    const last = this.deniedRecently.get(key);
    if (last === undefined || now.getTime() - last >= DENIED_EVENT_INTERVAL_MS) {
      this.deniedRecently.set(key, now.getTime());
      if (this.deniedRecently.size > 10_000) this.deniedRecently.clear();
      await this.activity.record(
        this.ds.manager,
        {
          companyId: token.company_id,
          actorUserId: token.created_by_id,
          actorApiTokenId: token.id,
          action: 'apiToken.denied',
          targetType: 'api_token',
          targetId: token.id,
          details: { reason, message: error.message },
          ip,
        },
        now,
      );
    }
    return error;
  }

  /** A use refused by the access decision (a permission the token doesn't hold, another company's id). */
  async recordRefusedUse(
    principal: ApiTokenPrincipal | OperatorTokenPrincipal,
    code: string,
    ip: string | null,
    now: Date = new Date(),
  ): Promise<void> {
    await this.denied(
      {
        id: principal.tokenId,
        company_id: principal.kind === 'apiToken' ? principal.companyId : null,
        created_by_id: principal.createdByUserId,
      },
      code,
      ip,
      now,
      new Error(`Refused: ${code}`),
    );
  }
}

function ipAllowed(ranges: readonly string[], ip: string | null): boolean {
  if (!ip) return false;
  const address = ip.startsWith('::ffff:') && isIP(ip.slice(7)) === 4 ? ip.slice(7) : ip;
  const family = isIP(address);
  if (family === 0) return false;
  const list = new BlockList();
  for (const range of ranges) {
    const [net = '', bits = ''] = range.split('/');
    const netFamily = isIP(net);
    if (netFamily === 0) continue;
    list.addSubnet(net, Number(bits), netFamily === 4 ? 'ipv4' : 'ipv6');
  }
  return list.check(address, family === 4 ? 'ipv4' : 'ipv6');
}
