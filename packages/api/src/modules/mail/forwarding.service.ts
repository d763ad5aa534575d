import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { validatePostalAddress } from '@guichet/shared';
import { decodeKeysetCursor, encodeCursor } from '../../common/cursor';
import { toDate } from '../../common/dates';
import { DomainError, notFound } from '../../common/domain-error';
import { isId, newId } from '../../common/ids';
import { dbDate } from '../../db/columns';
import { withTransaction, type ServiceContext } from '../../db/with-transaction';
import type { ActivityService } from '../activity/activity.service';
import { CompanyEntity } from '../companies/company.entity';
import type { Actor } from '../identity/principal';
import { ForwardingRequestEntity, ForwardingRequestItemEntity, type ForwardingStatus } from './forwarding-request.entity';
import { MailItemEntity, type MailStatus } from './mail-item.entity';
import { loadItemsOfForwardingRequests } from './mail.loader';
import type { MailItemRow } from './mail.queries';
import { isUniqueViolation } from '../../db/errors';
import { distinctIds, mailValidationFailed, type MailFieldError } from './mail.validation';

export interface ForwardingAddress {
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  country: string;
}

export interface ForwardingRequestRow {
  id: string;
  companyId: string;
  status: ForwardingStatus;
  address: ForwardingAddress;
  itemCount: number;
  idempotencyKey: string;
  requestedById: string;
  createdAt: Date;
  processedAt: Date | null;
  processedById: string | null;
}

export interface ForwardingPage {
  rows: ForwardingRequestRow[];
  hasNextPage: boolean;
  cursorOf: (row: ForwardingRequestRow) => string;
}

export interface RequestForwardingInput {
  mailItemIds: readonly string[];
  address?: { line1: string; line2?: string | null; postalCode: string; city: string; country?: string | null } | null;
  idempotencyKey: string;
}

export const MAX_FORWARDING_ITEMS = 200;
/** Items in these states can be asked for; the others are already on their way or gone. */
const FORWARDABLE: MailStatus[] = ['SCANNED', 'ARCHIVED'];
const IDEMPOTENCY_KEY_RE = /^[\x21-\x7e]{1,100}$/;

const FR_COLUMNS =
  'fr.id, fr.company_id, fr.status, fr.address_line1, fr.address_line2, fr.postal_code, fr.city, fr.country, fr.item_count, fr.idempotency_key, fr.requested_by_id, fr.created_at, fr.processed_at, fr.processed_by_id';

interface RawForwarding {
  id: string;
  company_id: string;
  status: string;
  address_line1: string;
  address_line2: string | null;
  postal_code: string;
  city: string;
  country: string;
  item_count: number | string;
  idempotency_key: string;
  requested_by_id: string;
  created_at: unknown;
  processed_at: unknown;
  processed_by_id: string | null;
}

function toRow(r: RawForwarding): ForwardingRequestRow {
  return {
    id: r.id,
    companyId: r.company_id,
    status: r.status as ForwardingStatus,
    address: { line1: r.address_line1, line2: r.address_line2, postalCode: r.postal_code, city: r.city, country: r.country },
    itemCount: Number(r.item_count),
    idempotencyKey: r.idempotency_key,
    requestedById: r.requested_by_id,
    createdAt: toDate(r.created_at),
    processedAt: r.processed_at === null || r.processed_at === undefined ? null : toDate(r.processed_at),
    processedById: r.processed_by_id,
  };
}

const cursorOf = (row: ForwardingRequestRow): string => encodeCursor([row.createdAt.toISOString(), row.id]);

function decodePosition(after: string): { at: Date; id: string } {
  return decodeKeysetCursor(after);
}

/** Who asks for or processes a forwarding: never anonymous (the access declarations require a caller). */
function actorIn(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw new Error('A forwarding request is always made or processed by someone');
  return ctx.actor;
}

/**
 * Requests to post physical mail to an address: made by members (mail:forward), processed by the
 * operator's staff. Items move SCANNED → FORWARD_REQUESTED → FORWARDED, or back on cancellation.
 */
export class ForwardingService {
  constructor(
    private readonly ds: DataSource,
    private readonly activity: ActivityService,
  ) {}

  private get kind(): string {
    return this.ds.options.type;
  }

  private async find(em: EntityManager, where: string, params: unknown[]): Promise<ForwardingRequestRow | null> {
    const rows: RawForwarding[] = await em.query(`SELECT ${FR_COLUMNS} FROM forwarding_requests fr WHERE ${where}`, params);
    const row = rows[0];
    return row ? toRow(row) : null;
  }

  findById(ctx: ServiceContext, id: string, companyId?: string): Promise<ForwardingRequestRow | null> {
    if (!isId(id)) return Promise.resolve(null);
    const em = ctx.em ?? this.ds.manager;
    return companyId ? this.find(em, 'fr.id = ? AND fr.company_id = ?', [id, companyId]) : this.find(em, 'fr.id = ?', [id]);
  }

  /**
   * Idempotent on (company, idempotencyKey): the same key with the same content returns the first
   * request and creates nothing; the same key with other content is a CONFLICT.
   */
  async request(ctx: ServiceContext, companyId: string, input: RequestForwardingInput): Promise<ForwardingRequestRow> {
    const actor = actorIn(ctx);
    const key = input.idempotencyKey.trim();
    if (!IDEMPOTENCY_KEY_RE.test(key)) throw mailValidationFailed([{ field: 'idempotencyKey', code: 'IDEMPOTENCY_KEY_INVALID' }]);
    const itemIds = distinctIds(input.mailItemIds, 'Mail item', MAX_FORWARDING_ITEMS);
    const explicit = input.address ? this.validateAddress(input.address) : null;
    const requestHash = createHash('sha256')
      .update(JSON.stringify({ items: [...itemIds].sort(), address: explicit }))
      .digest('hex');

    const replay = async (): Promise<ForwardingRequestRow | null> => {
      const existing: (RawForwarding & { request_hash: string })[] = await (ctx.em ?? this.ds.manager).query(
        `SELECT ${FR_COLUMNS}, fr.request_hash FROM forwarding_requests fr WHERE fr.company_id = ? AND fr.idempotency_key = ?`,
        [companyId, key],
      );
      const first = existing[0];
      if (!first) return null;
      if (first.request_hash !== requestHash) {
        throw new DomainError('CONFLICT', 'This idempotency key was already used for a different forwarding request.', [], {
          field: 'idempotencyKey',
        });
      }
      return toRow(first);
    };

    const earlier = await replay();
    if (earlier) return earlier;
    try {
      return await withTransaction(this.ds, ctx, async (tx) => {
        const { em, now } = tx;
        let address = explicit;
        if (!address) {
          const company = await em.findOne(CompanyEntity, { where: { id: companyId } });
          if (!company) throw notFound('Company');
          address = {
            line1: company.addressLine1,
            line2: company.addressLine2,
            postalCode: company.postalCode,
            city: company.city,
            country: company.country,
          };
        }
        const request: ForwardingRequestEntity = {
          id: newId(now.getTime()),
          companyId,
          status: 'REQUESTED',
          addressLine1: address.line1,
          addressLine2: address.line2,
          postalCode: address.postalCode,
          city: address.city,
          country: address.country,
          itemCount: itemIds.length,
          idempotencyKey: key,
          requestHash,
          requestedById: actor.userId,
          createdAt: now,
          processedAt: null,
          processedById: null,
        };
        // The key is claimed first: a concurrent request with the same key waits here, then fails on the unique index.
        await em.insert(ForwardingRequestEntity, request);
        const owned: { id: string }[] = await em.query(
          `SELECT id FROM mail_items WHERE company_id = ? AND id IN (${itemIds.map(() => '?').join(', ')})`,
          [companyId, ...itemIds],
        );
        if (owned.length !== itemIds.length) throw notFound('Mail item');
        const moved = await em
          .createQueryBuilder()
          .update(MailItemEntity)
          .set({ status: 'FORWARD_REQUESTED' })
          .where('company_id = :companyId AND id IN (:...ids) AND status IN (:...from)', { companyId, ids: itemIds, from: FORWARDABLE })
          .execute();
        if (moved.affected !== itemIds.length) {
          throw new DomainError('CONFLICT', 'Some of these items are already being forwarded or have been forwarded.', [], {
            field: 'mailItemIds',
          });
        }
        await em.insert(
          ForwardingRequestItemEntity,
          itemIds.map((mailItemId) => ({ forwardingRequestId: request.id, mailItemId, companyId })),
        );
        await this.activity.record(
          em,
          {
            companyId,
            actorUserId: actor.userId,
            actorApiTokenId: actor.apiTokenId,
            action: 'mail.forwarding_requested',
            targetType: 'forwarding_request',
            targetId: request.id,
            details: { itemCount: itemIds.length, city: address.city, country: address.country },
            ip: tx.ip ?? null,
          },
          now,
        );
        return {
          id: request.id,
          companyId,
          status: request.status,
          address,
          itemCount: request.itemCount,
          idempotencyKey: key,
          requestedById: actor.userId,
          createdAt: now,
          processedAt: null,
          processedById: null,
        };
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        const first = await replay();
        if (first) return first;
      }
      throw error;
    }
  }

  private validateAddress(input: NonNullable<RequestForwardingInput['address']>): ForwardingAddress {
    const result = validatePostalAddress({ ...input, line2: input.line2 ?? undefined, country: input.country ?? 'FR' });
    if (!result.ok) {
      const fields: MailFieldError[] = [];
      for (const [field, code] of Object.entries(result.errors)) {
        if (code) fields.push({ field: `address.${field}`, code });
      }
      throw mailValidationFailed(fields);
    }
    const v = result.value;
    const tooLong: MailFieldError[] = [];
    if (v.line1.length > 200) tooLong.push({ field: 'address.line1', code: 'ADDRESS_TOO_LONG' });
    if ((v.line2 ?? '').length > 200) tooLong.push({ field: 'address.line2', code: 'ADDRESS_TOO_LONG' });
    if (v.city.length > 100) tooLong.push({ field: 'address.city', code: 'ADDRESS_TOO_LONG' });
    if (tooLong.length > 0) throw mailValidationFailed(tooLong);
    return { line1: v.line1, line2: v.line2 ?? null, postalCode: v.postalCode, city: v.city, country: v.country };
  }

  /** A member withdraws a request, while the operator has not sent it yet. */
  cancelByMember(ctx: ServiceContext, companyId: string, requestId: string): Promise<ForwardingRequestRow> {
    return this.transition(ctx, requestId, companyId, 'CANCELLED', 'SCANNED', 'mail.forwarding_cancelled');
  }

  /** Staff: the items were posted. */
  markSent(ctx: ServiceContext, requestId: string): Promise<ForwardingRequestRow> {
    return this.transition(ctx, requestId, null, 'SENT', 'FORWARDED', 'mail.forwarding_sent');
  }

  /** Staff: the request cannot be honoured (or was made by mistake); the items are available again. */
  cancelByStaff(ctx: ServiceContext, requestId: string): Promise<ForwardingRequestRow> {
    return this.transition(ctx, requestId, null, 'CANCELLED', 'SCANNED', 'mail.forwarding_cancelled');
  }

  /** REQUESTED → `to`, by a conditional update (two concurrent transitions: one wins, the other gets CONFLICT). */
  private async transition(
    ctx: ServiceContext,
    requestId: string,
    companyId: string | null,
    to: Exclude<ForwardingStatus, 'REQUESTED'>,
    itemStatus: MailStatus,
    action: string,
  ): Promise<ForwardingRequestRow> {
    const actor = actorIn(ctx);
    if (!isId(requestId)) throw notFound('Forwarding request');
    return withTransaction(this.ds, ctx, async (tx) => {
      const { em, now } = tx;
      const current = companyId
        ? await this.find(em, 'fr.id = ? AND fr.company_id = ?', [requestId, companyId])
        : await this.find(em, 'fr.id = ?', [requestId]);
      if (!current) throw notFound('Forwarding request');
      const changed = await em
        .createQueryBuilder()
        .update(ForwardingRequestEntity)
        .set({ status: to, processedAt: now, processedById: actor.userId })
        .where('id = :id AND company_id = :companyId AND status = :from', {
          id: requestId,
          companyId: current.companyId,
          from: 'REQUESTED',
        })
        .execute();
      if (changed.affected !== 1) {
        throw new DomainError('CONFLICT', `This forwarding request is already ${current.status === 'SENT' ? 'sent' : 'cancelled'}.`);
      }
      await em.query(
        `UPDATE mail_items SET status = ?
          WHERE company_id = ? AND status = 'FORWARD_REQUESTED'
            AND id IN (SELECT mail_item_id FROM forwarding_request_items WHERE forwarding_request_id = ?)`,
        [itemStatus, current.companyId, requestId],
      );
      await this.activity.record(
        em,
        {
          companyId: current.companyId,
          actorUserId: actor.userId,
          actorApiTokenId: actor.apiTokenId,
          action,
          targetType: 'forwarding_request',
          targetId: requestId,
          details: { itemCount: current.itemCount },
          ip: tx.ip ?? null,
        },
        now,
      );
      return { ...current, status: to, processedAt: now, processedById: actor.userId };
    });
  }

  /** A company's requests, newest first. */
  async listForCompany(ctx: ServiceContext, companyId: string, first: number, after: string | null | undefined): Promise<ForwardingPage> {
    const params: unknown[] = [companyId];
    let sql = `SELECT ${FR_COLUMNS} FROM forwarding_requests fr WHERE fr.company_id = ?`;
    if (after) {
      const p = decodePosition(after);
      const at = dbDate(this.kind, p.at);
      sql += ' AND (fr.created_at < ? OR (fr.created_at = ? AND fr.id < ?))';
      params.push(at, at, p.id);
    }
    sql += ` ORDER BY fr.created_at DESC, fr.id DESC LIMIT ${first + 1}`;
    const rows = ((await (ctx.em ?? this.ds.manager).query(sql, params)) as RawForwarding[]).map(toRow);
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first, cursorOf };
  }

  /** Staff queue: every company's requests in one status, oldest first (first come, first served). */
  async queue(ctx: ServiceContext, status: ForwardingStatus, first: number, after: string | null | undefined): Promise<ForwardingPage> {
    const params: unknown[] = [status];
    let sql = `SELECT ${FR_COLUMNS} FROM forwarding_requests fr WHERE fr.status = ?`;
    if (after) {
      const p = decodePosition(after);
      const at = dbDate(this.kind, p.at);
      sql += ' AND (fr.created_at > ? OR (fr.created_at = ? AND fr.id > ?))';
      params.push(at, at, p.id);
    }
    sql += ` ORDER BY fr.created_at ASC, fr.id ASC LIMIT ${first + 1}`;
    const rows = ((await (ctx.em ?? this.ds.manager).query(sql, params)) as RawForwarding[]).map(toRow);
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first, cursorOf };
  }

  /** Items of many requests in one statement (also the DataLoader's batch function). */
  itemsOfRequests(ctx: ServiceContext, requestIds: readonly string[]): Promise<Map<string, MailItemRow[]>> {
    return loadItemsOfForwardingRequests(ctx.em ?? this.ds.manager, requestIds);
  }
}
