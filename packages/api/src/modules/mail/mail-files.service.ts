import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { ZipFile } from 'yazl';
import type { Locale } from '@guichet/shared';
import { DomainError, notFound } from '../../common/domain-error';
import { isId } from '../../common/ids';
import { hmacSign, hmacVerify } from '../../common/signing';
import type { Env } from '../../config/env';
import type { ServiceContext } from '../../db/with-transaction';
import type { FileStorage } from '../../storage/storage';
import type { ActivityService } from '../activity/activity.service';
import type { Actor } from '../identity/principal';
import { MAIL_STATUS_LABELS, MAIL_TYPE_LABELS, mailFileName, parisDay, slugify } from './mail.labels';
import { mailCountQuery, mailPageQuery, normaliseFilter, toMailItemRow, type MailFilter, type MailItemRow } from './mail.queries';
import type { MailService } from './mail.service';
import { parseMailStatus, parseMailType } from './mail.validation';

export type Disposition = 'inline' | 'attachment';

export interface SignedLink {
  url: string;
  expiresAt: Date;
}

/** A link to one scan: bound to the item and to the member it was made for. */
export const ITEM_LINK_TTL_MS = 5 * 60_000;
/** An export link must be opened within this time; the download itself may last longer. */
export const EXPORT_LINK_TTL_MS = 10 * 60_000;
export const MAX_EXPORT_ITEMS = 20_000;
/** Items are read from the database in keyset batches of this size while the ZIP streams. */
export const EXPORT_BATCH_SIZE = 500;

export interface ExportPayload {
  v: 1;
  /** company, and the member (user id) or API token (token id) the link is for */
  c: string;
  u: string;
  /** filter */
  f: { t?: string[]; y?: string; s?: string; from?: number; to?: number; q?: string };
  /** items created up to this instant (ms): what the member saw when asking */
  a: number;
  /** item count when the link was made */
  n: number;
  /** expiry, seconds since the epoch */
  e: number;
}

export interface ItemLinkParams {
  companyId: string;
  mailItemId: string;
  userId: string;
  disposition: string;
  expires: string;
  signature: string;
}

export interface OpenedDownload {
  item: MailItemRow;
  disposition: Disposition;
  stream: Readable;
}

export interface OpenedExport {
  fileName: string;
  stream: Readable;
}

/** A file link opened without a session, or in another person's session. */
const otherSession = (): DomainError =>
  new DomainError('FORBIDDEN', 'This link belongs to another session: open it from your own Guichet page, signed in.');

const invalidLink = (): DomainError => new DomainError('INVALID_TOKEN', 'This link is invalid. Ask for a new one from the mail page.');
const expiredLink = (): DomainError => new DomainError('INVALID_TOKEN', 'This link has expired. Ask for a new one from the mail page.');

const MANIFEST_HEADERS: Record<Locale, string[]> = {
  fr: ['Date', 'Expéditeur', 'Destinataire', 'Type', 'Statut', 'Étiquettes', 'Pages', 'Fichier'],
  en: ['Date', 'Sender', 'Recipient', 'Type', 'Status', 'Tags', 'Pages', 'File'],
};

/** One CSV cell for Excel: `;`-separated, quoted when needed, formulas neutralised. */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Who opens an export: never anonymous (the route authorizes mail:export first). */
function actorIn(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw new Error('An export is always opened by someone');
  return ctx.actor;
}

const itemLinkMessage = (companyId: string, itemId: string, userId: string, disposition: string, expires: string): string =>
  ['mail-item', companyId, itemId, userId, disposition, expires].join('\n');

/**
 * Short-lived signed links to scans and to streamed ZIP exports. The signature binds the link to
 * a company, a member and (for a scan) an item; on use, the member's access is checked again, so a
 * link stops working as soon as the access is withdrawn.
 */
export class MailFilesService {
  constructor(
    private readonly ds: DataSource,
    private readonly env: Env,
    private readonly storage: FileStorage,
    private readonly mail: MailService,
    private readonly activity: ActivityService,
  ) {}

  private get kind(): string {
    return this.ds.options.type;
  }

  // ---------------------------------------------------------------- single scan

  async createItemLink(
    ctx: ServiceContext,
    companyId: string,
    mailItemId: string,
    userId: string,
    disposition: Disposition,
  ): Promise<SignedLink> {
    const item = await this.mail.findItem(ctx, companyId, mailItemId);
    if (!item) throw notFound('Mail item');
    const expiresAt = new Date(ctx.now.getTime() + ITEM_LINK_TTL_MS);
    const expires = String(Math.floor(expiresAt.getTime() / 1000));
    const d = disposition === 'attachment' ? 'attachment' : 'inline';
    const signature = hmacSign(this.env.fileUrlSecret, itemLinkMessage(companyId, item.id, userId, d, expires));
    const query = new URLSearchParams({ u: userId, d, e: expires, s: signature });
    return {
      url: `${this.env.publicUrl}/files/mail/${companyId}/${item.id}?${query.toString()}`,
      expiresAt: new Date(Number(expires) * 1000),
    };
  }

  /** The language of the person a link acts for (a token's creator) and the company's name. */
  private async exportLabels(ctx: ServiceContext, companyId: string, userId: string): Promise<{ locale: Locale; companyName: string }> {
    const rows: { locale: string; company_name: string }[] = await (ctx.em ?? this.ds.manager).query(
      'SELECT u.locale, c.name AS company_name FROM users u JOIN companies c ON c.id = ? WHERE u.id = ?',
      [companyId, userId],
    );
    const row = rows[0];
    return { locale: row?.locale === 'en' ? 'en' : 'fr', companyName: row?.company_name ?? 'export' };
  }

  /**
   * Checks a signed scan link: well formed, signed by this server, not expired, and opened by the
   * member (or token) it was made for. Access itself is decided by `authorize()` on the route.
   */
  verifyItemLink(ctx: ServiceContext, p: ItemLinkParams, owner: string | null): void {
    if (!isId(p.companyId) || !isId(p.mailItemId) || !isId(p.userId) || !/^\d{1,12}$/.test(p.expires)) throw invalidLink();
    if (p.disposition !== 'inline' && p.disposition !== 'attachment') throw invalidLink();
    if (!hmacVerify(this.env.fileUrlSecret, itemLinkMessage(p.companyId, p.mailItemId, p.userId, p.disposition, p.expires), p.signature)) {
      throw invalidLink();
    }
    // The link is bound to its member: it only opens in that member's own session.
    if (owner !== p.userId) throw otherSession();
    if (Number(p.expires) * 1000 <= ctx.now.getTime()) throw expiredLink();
  }

  /** Opens one scan of the company (the caller was authorized for mail:download there) and journals it. */
  async openItem(ctx: ServiceContext, companyId: string, mailItemId: string, disposition: Disposition): Promise<OpenedDownload> {
    const item = isId(mailItemId) ? await this.mail.findItem(ctx, companyId, mailItemId) : null;
    if (!item) throw notFound('Mail item');
    await this.activity.record(
      ctx.em ?? this.ds.manager,
      {
        companyId: item.companyId,
        actorUserId: ctx.actor?.userId ?? null,
        actorApiTokenId: ctx.actor?.apiTokenId ?? null,
        action: 'mail.downloaded',
        targetType: 'mail_item',
        targetId: item.id,
        details: { disposition },
        ip: ctx.ip ?? null,
      },
      ctx.now,
    );
    // Opened last: the caller starts piping it right away.
    const stream = await this.storage.getVerified(item.fileKey, item.fileSha256);
    return { item, disposition, stream };
  }

  // ---------------------------------------------------------------- ZIP export

  async createExport(
    ctx: ServiceContext,
    companyId: string,
    filter: MailFilter | null | undefined,
    userId: string,
  ): Promise<SignedLink & { itemCount: number }> {
    const { now } = ctx;
    const f = normaliseFilter(filter);
    // Everything that exists now (what `createdUpTo: now` keeps in the stream), counted from the index alone.
    const q = mailCountQuery(this.kind, companyId, f, { cap: MAX_EXPORT_ITEMS + 1 });
    const rows: { n: number | string }[] = await (ctx.em ?? this.ds.manager).query(q.sql, q.params);
    const itemCount = Number(rows[0]?.n ?? 0);
    if (itemCount > MAX_EXPORT_ITEMS) {
      throw new DomainError(
        'BAD_USER_INPUT',
        `More than ${MAX_EXPORT_ITEMS} items match: narrow the filter (for example by date) and export in several parts.`,
      );
    }
    const expiresAt = new Date(Math.floor((now.getTime() + EXPORT_LINK_TTL_MS) / 1000) * 1000);
    const payload: ExportPayload = {
      v: 1,
      c: companyId,
      u: userId,
      f: {
        ...(f.tagIds ? { t: [...f.tagIds] } : {}),
        ...(f.type ? { y: f.type } : {}),
        ...(f.status ? { s: f.status } : {}),
        ...(f.receivedFrom ? { from: f.receivedFrom.getTime() } : {}),
        ...(f.receivedTo ? { to: f.receivedTo.getTime() } : {}),
        ...(f.search ? { q: f.search } : {}),
      },
      a: now.getTime(),
      n: itemCount,
      e: expiresAt.getTime() / 1000,
    };
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    const token = `${body}.${hmacSign(this.env.fileUrlSecret, `mail-export\n${body}`)}`;
    return { url: `${this.env.publicUrl}/files/exports/${token}`, expiresAt, itemCount };
  }

  /** Reads a signed export link; the route then authorizes mail:export in the company it names. */
  decodeExport(ctx: ServiceContext, token: string): ExportPayload {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined || token.length > 8000) throw invalidLink();
    if (!hmacVerify(this.env.fileUrlSecret, `mail-export\n${body}`, signature)) throw invalidLink();
    let payload: ExportPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as ExportPayload;
    } catch {
      throw invalidLink();
    }
    if (payload.v !== 1 || !isId(payload.c) || !isId(payload.u)) throw invalidLink();
    if (payload.e * 1000 <= ctx.now.getTime()) throw expiredLink();
    return payload;
  }

  /** An export link opens only for the member (or token) it was made for. */
  checkExportOwner(_ctx: ServiceContext, payload: ExportPayload, owner: string | null): void {
    if (owner !== payload.u) throw otherSession();
  }

  /** Starts the ZIP stream of a decoded link, for the member (or token) it was made for, and journals it. */
  async openExport(ctx: ServiceContext, payload: ExportPayload): Promise<OpenedExport> {
    const actor = actorIn(ctx);
    const labels = await this.exportLabels(ctx, payload.c, actor.userId);
    const filter = normaliseFilter({
      tagIds: payload.f.t ?? null,
      type: parseMailType(payload.f.y),
      status: parseMailStatus(payload.f.s),
      receivedFrom: payload.f.from !== undefined ? new Date(payload.f.from) : null,
      receivedTo: payload.f.to !== undefined ? new Date(payload.f.to) : null,
      search: payload.f.q ?? null,
    });
    await this.activity.record(
      ctx.em ?? this.ds.manager,
      {
        companyId: payload.c,
        actorUserId: actor.userId,
        actorApiTokenId: actor.apiTokenId,
        action: 'mail.exported',
        targetType: 'company',
        targetId: payload.c,
        details: { itemCount: payload.n, filter: payload.f },
        ip: ctx.ip ?? null,
      },
      ctx.now,
    );
    const prefix = labels.locale === 'en' ? 'mail' : 'courrier';
    return {
      fileName: `${prefix}_${slugify(labels.companyName, 'export')}_${parisDay(ctx.now)}.zip`,
      stream: this.zipStream(ctx, payload.c, filter, new Date(payload.a), labels.locale),
    };
  }

  /**
   * The ZIP, built while it is sent: PDFs stored as they are (already compressed), each opened only
   * when its turn comes, items read in keyset batches; `manifest.csv` closes the archive.
   * The stream outlives the call that starts it, so its batches are read outside any caller's
   * transaction.
   */
  private zipStream(ctx: ServiceContext, companyId: string, filter: MailFilter, createdUpTo: Date, locale: Locale): Readable {
    const reading: ServiceContext = { actor: ctx.actor, now: ctx.now, ip: ctx.ip ?? null, userAgent: ctx.userAgent ?? null };
    const zip = new ZipFile();
    const output = zip.outputStream as Readable;
    const names = new Set<string>();
    const manifest: string[] = [`\uFEFF${MANIFEST_HEADERS[locale].map(csvCell).join(';')}`];
    let stopped = false;
    let current: Readable | null = null;
    const fail = (error: unknown): void => {
      stopped = true;
      current?.destroy();
      output.destroy(error instanceof Error ? error : new Error(String(error)));
    };
    zip.on('error', fail);
    output.on('close', () => {
      stopped = true;
      current?.destroy();
    });

    const uniqueName = (name: string): string => {
      let candidate = name;
      for (let i = 2; names.has(candidate); i += 1) candidate = name.replace(/\.pdf$/, `-${i}.pdf`);
      names.add(candidate);
      return candidate;
    };

    const addBatch = async (after: { receivedAt: Date; id: string } | null): Promise<void> => {
      if (stopped) return;
      const q = mailPageQuery(this.kind, companyId, filter, after, EXPORT_BATCH_SIZE, { createdUpTo });
      const rows = ((await this.ds.query(q.sql, q.params)) as Parameters<typeof toMailItemRow>[0][]).map(toMailItemRow);
      const tags = await this.mail.tagsOfItems(
        reading,
        rows.map((r) => r.id),
      );
      rows.forEach((row, i) => {
        const name = uniqueName(mailFileName(row));
        manifest.push(
          [
            parisDay(row.receivedAt),
            row.sender,
            row.recipient,
            MAIL_TYPE_LABELS[row.type][locale],
            MAIL_STATUS_LABELS[row.status][locale],
            (tags.get(row.id) ?? []).map((t) => t.name).join(', '),
            row.pageCount,
            name,
          ]
            .map(csvCell)
            .join(';'),
        );
        const fetchesNext = i === rows.length - 1 && rows.length === EXPORT_BATCH_SIZE;
        zip.addReadStreamLazy(name, { compress: false, mtime: row.receivedAt, size: row.fileSize }, (callback) => {
          const open = async (): Promise<Readable> => {
            if (stopped) throw new Error('Export stopped');
            // The next batch is read when the last file of this one starts: one batch in memory at a time.
            if (fetchesNext) await addBatch({ receivedAt: row.receivedAt, id: row.id });
            return this.storage.getVerified(row.fileKey, row.fileSha256);
          };
          open().then(
            (stream) => {
              current = stream;
              // yazl pipes the source without listening to its errors (an integrity failure among them).
              stream.on('error', fail);
              callback(null, stream);
            },
            (error: unknown) => callback(error, undefined as unknown as NodeJS.ReadableStream),
          );
        });
      });
      if (rows.length < EXPORT_BATCH_SIZE) {
        zip.addBuffer(Buffer.from(`${manifest.join('\r\n')}\r\n`, 'utf8'), 'manifest.csv', { mtime: new Date() });
        zip.end();
      }
    };
    addBatch(null).catch(fail);
    return output;
  }
}
