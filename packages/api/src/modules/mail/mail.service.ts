import type { DataSource, EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../db/errors';
import { parseIsoInstant, validateMailParty } from '@guichet/shared';
import { DomainError, notFound } from '../../common/domain-error';
import { isId, newId } from '../../common/ids';
import type { Env } from '../../config/env';
import { dbDate } from '../../db/columns';
import { withTransaction, type ServiceContext, type TransactionalContext } from '../../db/with-transaction';
import { mailFileKey, type FileStorage } from '../../storage/storage';
import type { ActivityService } from '../activity/activity.service';
import { CompanyEntity } from '../companies/company.entity';
import type { Actor } from '../identity/principal';
import type { OutboxService } from '../mailer/outbox.service';
import { notificationRecipients } from '../team/notification-recipients';
import { MailItemEntity, MailItemTagEntity, type MailType } from './mail-item.entity';
import { newMailEmail } from './mail.emails';
import {
  decodeMailCursor,
  MAIL_ITEM_COLUMNS,
  mailCountQuery,
  mailCursor,
  mailPageQuery,
  normaliseFilter,
  toMailItemRow,
  type MailFilter,
  type MailItemRow,
} from './mail.queries';
import { distinctIds, mailValidationFailed, parseMailType, searchTextOf, validateTag, type MailFieldError } from './mail.validation';
import { inspectPdf } from './pdf';
import { TagEntity } from './tag.entity';
import { loadTagsOfItems, toTagRow, type TagRow } from './mail.loader';

/** Metadata of an upload, as received (query string of POST /files/mail). */
export interface UploadMetadata {
  companyId?: string | null;
  receivedAt?: string | null;
  sender?: string | null;
  recipient?: string | null;
  type?: string | null;
}

export interface PreparedUpload {
  company: CompanyEntity;
  receivedAt: Date;
  sender: string;
  recipient: string;
  type: MailType;
}

export interface MailPage {
  rows: MailItemRow[];
  hasNextPage: boolean;
  cursorOf: (row: MailItemRow) => string;
}

export const MAX_TAGS_PER_COMPANY = 100;
export const MAX_BULK_ITEMS = 500;
export const MAX_BULK_TAGS = 20;

/** Tolerated clock difference between the scanning station and the server. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** Who uploads a scan: never anonymous (the upload route requires staff or an operator token). */
function uploaderIn(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw new Error('A scan is always uploaded by someone');
  return ctx.actor;
}

export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e.driverError?.code ?? e.code;
  return code === 'ER_NO_REFERENCED_ROW_2' || code === 'ER_NO_REFERENCED_ROW' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/**
 * Scanned mail: ingest (operator upload), lists with keyset paging, tags. No GraphQL here:
 * resolvers and HTTP routes call these methods after the access check.
 */
export class MailService {
  constructor(
    private readonly ds: DataSource,
    private readonly env: Env,
    private readonly storage: FileStorage,
    private readonly activity: ActivityService,
    private readonly outbox: OutboxService,
  ) {}

  private get kind(): string {
    return this.ds.options.type;
  }

  // ---------------------------------------------------------------- ingest

  /** Checks the metadata of an upload before its body is read. */
  async prepareUpload(ctx: ServiceContext, meta: UploadMetadata): Promise<PreparedUpload> {
    const { now } = ctx;
    const companyId = meta.companyId ?? '';
    const company = isId(companyId) ? await (ctx.em ?? this.ds.manager).findOne(CompanyEntity, { where: { id: companyId } }) : null;
    if (!company) throw notFound('Company');
    const errors: MailFieldError[] = [];
    const sender = validateMailParty(meta.sender, 'sender');
    if (!sender.ok) errors.push({ field: 'sender', code: sender.error });
    const recipientValue = validateMailParty(meta.recipient, 'recipient');
    if (!recipientValue.ok) errors.push({ field: 'recipient', code: recipientValue.error });
    const recipient = (recipientValue.ok && recipientValue.value) || company.name;
    const type =
      meta.type === undefined || meta.type === null || meta.type === '' ? 'LETTER' : parseMailType(meta.type.trim().toUpperCase());
    if (!type) errors.push({ field: 'type', code: 'MAIL_TYPE_INVALID' });
    let receivedAt = now;
    if (meta.receivedAt) {
      // A date that is not on the calendar (30 February) is refused, never rolled into the next month.
      const parsed = parseIsoInstant(meta.receivedAt);
      if (!parsed || parsed.getUTCFullYear() < 1990) {
        errors.push({ field: 'receivedAt', code: 'MAIL_RECEIVED_AT_INVALID' });
      } else if (parsed.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
        errors.push({ field: 'receivedAt', code: 'MAIL_RECEIVED_AT_IN_FUTURE' });
      } else {
        receivedAt = parsed;
      }
    }
    if (errors.length > 0 || !type || !sender.ok) throw mailValidationFailed(errors);
    return { company, receivedAt, sender: sender.value, recipient, type };
  }

  /**
   * Stores the scan, then writes the row, the notification emails and the journal entry in one
   * transaction. The row exists only once the file is stored; if the transaction fails the file
   * is deleted again. Inside a caller's transaction the rows join it, and the file is deleted only
   * when this call fails.
   */
  async ingest(ctx: ServiceContext, prepared: PreparedUpload, body: Buffer): Promise<MailItemRow> {
    const actor = uploaderIn(ctx);
    const { now } = ctx;
    const pdf = await inspectPdf(body);
    if (!pdf.ok) throw mailValidationFailed([{ field: 'file', code: pdf.code }]);
    const { company } = prepared;
    const id = newId(now.getTime());
    const fileKey = mailFileKey(company.id, id);
    const stored = await this.storage.put(fileKey, body);
    const item: MailItemEntity = {
      id,
      companyId: company.id,
      receivedAt: prepared.receivedAt,
      sender: prepared.sender,
      recipient: prepared.recipient,
      type: prepared.type,
      pageCount: pdf.pageCount,
      status: 'SCANNED',
      fileKey,
      fileSize: stored.size,
      fileSha256: stored.sha256,
      searchText: searchTextOf(prepared.sender, prepared.recipient),
      createdAt: now,
      uploadedById: actor.userId,
    };
    try {
      await withTransaction(this.ds, ctx, async (tx) => {
        await tx.em.insert(MailItemEntity, item);
        await this.notifyNewMail(tx.em, company, item, tx.now);
        await this.activity.record(
          tx.em,
          {
            companyId: company.id,
            actorUserId: actor.userId,
            actorApiTokenId: actor.apiTokenId,
            action: 'mail.received',
            targetType: 'mail_item',
            targetId: id,
            details: { sender: item.sender, type: item.type, pageCount: item.pageCount, size: item.fileSize },
            ip: tx.ip ?? null,
          },
          tx.now,
        );
      });
    } catch (error) {
      await this.storage.delete(fileKey).catch(() => undefined);
      throw error;
    }
    return { ...item };
  }

  /**
   * New-mail emails: to the active members tagged "contact for" COURRIER whose scopes grant
   * mail:read; when nobody is, to the administrators.
   */
  private async notifyNewMail(em: EntityManager, company: CompanyEntity, item: MailItemEntity, now: Date): Promise<void> {
    const { reason, recipients } = await notificationRecipients(em, company.id, 'COURRIER', 'mail:read');
    const url = `${this.env.publicUrl}/c/${encodeURIComponent(company.id)}/mail?item=${encodeURIComponent(item.id)}`;
    for (const r of recipients) {
      await this.outbox.enqueue(
        em,
        r.email,
        newMailEmail(r.locale, {
          firstName: r.firstName,
          companyName: company.name,
          sender: item.sender,
          recipient: item.recipient,
          type: item.type,
          pageCount: item.pageCount,
          receivedAt: item.receivedAt,
          url,
          reason,
          publicUrl: this.env.publicUrl,
        }),
        now,
      );
    }
  }

  // ---------------------------------------------------------------- reading

  /** Newest first, keyset on (received_at, id): the cost of a page does not depend on its depth. */
  async list(
    ctx: ServiceContext,
    companyId: string,
    first: number,
    after: string | null | undefined,
    filter: MailFilter | null | undefined,
  ): Promise<MailPage> {
    const f = normaliseFilter(filter);
    const position = after ? decodeMailCursor(after) : null;
    const q = mailPageQuery(this.kind, companyId, f, position, first + 1);
    const raw: Parameters<typeof toMailItemRow>[0][] = await (ctx.em ?? this.ds.manager).query(q.sql, q.params);
    const rows = raw.map(toMailItemRow);
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first, cursorOf: mailCursor };
  }

  async count(ctx: ServiceContext, companyId: string, filter: MailFilter | null | undefined): Promise<number> {
    const q = mailCountQuery(this.kind, companyId, normaliseFilter(filter));
    const rows: { n: number | string }[] = await (ctx.em ?? this.ds.manager).query(q.sql, q.params);
    return Number(rows[0]?.n ?? 0);
  }

  async findItem(ctx: ServiceContext, companyId: string, id: string): Promise<MailItemRow | null> {
    if (!isId(id)) return null;
    const rows: Parameters<typeof toMailItemRow>[0][] = await (ctx.em ?? this.ds.manager).query(
      `SELECT ${MAIL_ITEM_COLUMNS} FROM mail_items mi WHERE mi.id = ? AND mi.company_id = ?`,
      [id, companyId],
    );
    const row = rows[0];
    return row ? toMailItemRow(row) : null;
  }

  /** Items of one company, newest first; ids of other companies are simply absent. */
  async itemsByIds(ctx: ServiceContext, companyId: string, ids: readonly string[]): Promise<MailItemRow[]> {
    if (ids.length === 0) return [];
    const rows: Parameters<typeof toMailItemRow>[0][] = await (ctx.em ?? this.ds.manager).query(
      `SELECT ${MAIL_ITEM_COLUMNS} FROM mail_items mi WHERE mi.company_id = ? AND mi.id IN (${ids.map(() => '?').join(', ')})
        ORDER BY mi.received_at DESC, mi.id DESC`,
      [companyId, ...ids],
    );
    return rows.map(toMailItemRow);
  }

  /** Tags of many items in one statement (also the DataLoader's batch function). */
  tagsOfItems(ctx: ServiceContext, itemIds: readonly string[]): Promise<Map<string, TagRow[]>> {
    return loadTagsOfItems(ctx.em ?? this.ds.manager, itemIds);
  }

  // ---------------------------------------------------------------- tags

  async listTags(ctx: ServiceContext, companyId: string): Promise<TagRow[]> {
    const rows: { id: string; company_id: string; name: string; color: string }[] = await (ctx.em ?? this.ds.manager).query(
      'SELECT id, company_id, name, color FROM tags WHERE company_id = ? ORDER BY name_key, id',
      [companyId],
    );
    return rows.map(toTagRow);
  }

  private tagNameTaken(): DomainError {
    return new DomainError('CONFLICT', 'A tag with this name already exists in this company.', [], { field: 'name' });
  }

  async createTag(ctx: ServiceContext, companyId: string, input: { name: string; color: string }): Promise<TagRow> {
    const values = validateTag(input, false) as { name: string; nameKey: string; color: string };
    const tag: TagEntity = { id: newId(ctx.now.getTime()), companyId, ...values, createdAt: ctx.now, updatedAt: ctx.now };
    try {
      await withTransaction(this.ds, ctx, async (tx) => {
        if (await tx.em.exists(TagEntity, { where: { companyId, nameKey: values.nameKey } })) throw this.tagNameTaken();
        if ((await tx.em.count(TagEntity, { where: { companyId } })) >= MAX_TAGS_PER_COMPANY) {
          throw new DomainError('CONFLICT', `A company can have at most ${MAX_TAGS_PER_COMPANY} tags.`);
        }
        await tx.em.insert(TagEntity, tag);
        await this.activity.record(
          tx.em,
          {
            companyId,
            actorUserId: tx.actor?.userId ?? null,
            actorApiTokenId: tx.actor?.apiTokenId ?? null,
            action: 'mail.tag_created',
            targetType: 'tag',
            targetId: tag.id,
            details: { name: tag.name },
            ip: tx.ip ?? null,
          },
          tx.now,
        );
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw this.tagNameTaken();
      throw error;
    }
    return { id: tag.id, companyId, name: tag.name, color: tag.color };
  }

  async updateTag(
    ctx: ServiceContext,
    companyId: string,
    tagId: string,
    input: { name?: string | null; color?: string | null },
  ): Promise<TagRow> {
    const values = validateTag(input, true);
    if (!isId(tagId)) throw notFound('Tag');
    try {
      return await withTransaction(this.ds, ctx, async (tx) => {
        const tag = await tx.em.findOne(TagEntity, { where: { id: tagId, companyId } });
        if (!tag) throw notFound('Tag');
        if (
          values.nameKey &&
          values.nameKey !== tag.nameKey &&
          (await tx.em.exists(TagEntity, { where: { companyId, nameKey: values.nameKey } }))
        ) {
          throw this.tagNameTaken();
        }
        await tx.em.update(TagEntity, { id: tagId, companyId }, { ...values, updatedAt: tx.now });
        await this.activity.record(
          tx.em,
          {
            companyId,
            actorUserId: tx.actor?.userId ?? null,
            actorApiTokenId: tx.actor?.apiTokenId ?? null,
            action: 'mail.tag_updated',
            targetType: 'tag',
            targetId: tagId,
            details: { name: values.name ?? tag.name },
            ip: tx.ip ?? null,
          },
          tx.now,
        );
        return { id: tag.id, companyId, name: values.name ?? tag.name, color: values.color ?? tag.color };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw this.tagNameTaken();
      throw error;
    }
  }

  /** Definitive: the tag goes, and with it its links to mail items (the items stay). */
  async deleteTag(ctx: ServiceContext, companyId: string, tagId: string): Promise<string> {
    if (!isId(tagId)) throw notFound('Tag');
    return withTransaction(this.ds, ctx, async (tx) => {
      const tag = await tx.em.findOne(TagEntity, { where: { id: tagId, companyId } });
      if (!tag) throw notFound('Tag');
      await tx.em.delete(MailItemTagEntity, { tagId, companyId });
      await tx.em.delete(TagEntity, { id: tagId, companyId });
      await this.activity.record(
        tx.em,
        {
          companyId,
          actorUserId: tx.actor?.userId ?? null,
          actorApiTokenId: tx.actor?.apiTokenId ?? null,
          action: 'mail.tag_deleted',
          targetType: 'tag',
          targetId: tagId,
          details: { name: tag.name },
          ip: tx.ip ?? null,
        },
        tx.now,
      );
      return tagId;
    });
  }

  /** Checks that every item and every tag belongs to the company; the whole call fails otherwise. */
  private async checkOwnership(tx: TransactionalContext, companyId: string, itemIds: string[], tagIds: string[]): Promise<MailItemRow[]> {
    const items = await this.itemsByIds(tx, companyId, itemIds);
    if (items.length !== itemIds.length) throw notFound('Mail item');
    const tags: { id: string }[] = await tx.em.query(
      `SELECT id FROM tags WHERE company_id = ? AND id IN (${tagIds.map(() => '?').join(', ')})`,
      [companyId, ...tagIds],
    );
    if (tags.length !== tagIds.length) throw notFound('Tag');
    return items;
  }

  /** Adds every tag to every item. Idempotent: links that exist already are left as they are. */
  async tagItems(
    ctx: ServiceContext,
    companyId: string,
    mailItemIds: readonly string[],
    tagIds: readonly string[],
  ): Promise<MailItemRow[]> {
    const itemIds = distinctIds(mailItemIds, 'Mail item', MAX_BULK_ITEMS);
    const tags = distinctIds(tagIds, 'Tag', MAX_BULK_TAGS);
    try {
      return await withTransaction(this.ds, ctx, async (tx) => {
        const items = await this.checkOwnership(tx, companyId, itemIds, tags);
        const pairs = items.flatMap((item) => tags.map((tagId) => [item.id, tagId, companyId, dbDate(this.kind, item.receivedAt)]));
        const ignore = this.kind === 'mysql' ? 'ON DUPLICATE KEY UPDATE mail_item_id = mail_item_id' : 'ON CONFLICT DO NOTHING';
        for (let i = 0; i < pairs.length; i += 1000) {
          const chunk = pairs.slice(i, i + 1000);
          await tx.em.query(
            `INSERT INTO mail_item_tags (mail_item_id, tag_id, company_id, received_at) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')} ${ignore}`,
            chunk.flat(),
          );
        }
        return items;
      });
    } catch (error) {
      // A tag deleted by someone else in the meantime.
      if (isForeignKeyViolation(error)) throw notFound('Tag');
      throw error;
    }
  }

  /** Removes the tags from the items. Idempotent. */
  async untagItems(
    ctx: ServiceContext,
    companyId: string,
    mailItemIds: readonly string[],
    tagIds: readonly string[],
  ): Promise<MailItemRow[]> {
    const itemIds = distinctIds(mailItemIds, 'Mail item', MAX_BULK_ITEMS);
    const tags = distinctIds(tagIds, 'Tag', MAX_BULK_TAGS);
    return withTransaction(this.ds, ctx, async (tx) => {
      const items = await this.checkOwnership(tx, companyId, itemIds, tags);
      await tx.em.query(
        `DELETE FROM mail_item_tags WHERE company_id = ? AND mail_item_id IN (${itemIds.map(() => '?').join(', ')})
            AND tag_id IN (${tags.map(() => '?').join(', ')})`,
        [companyId, ...itemIds, ...tags],
      );
      return items;
    });
  }
}
