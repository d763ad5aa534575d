import { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { ZipFile } from 'yazl';
import type { Locale } from '@guichet/shared';
import { DomainError, notFound } from '../../common/domain-error';
import { isId } from '../../common/ids';
import { hmacSign, hmacVerify } from '../../common/signing';
import type { ServiceContext } from '../../db/with-transaction';
import type { FileStorage } from '../../storage/storage';
import type { ActivityService } from '../activity/activity.service';
import type { Actor } from '../identity/principal';
import { csvCell, type SignedLink } from '../mail/mail-files.service';
import { parisDay, slugify } from '../mail/mail.labels';
import { frenchDay } from './calendar';
import { INVOICE_KINDS, INVOICE_STATUSES, type InvoiceKind, type InvoiceStatus } from './invoice.entity';
import { decimalComma, INVOICE_KIND_LABELS, INVOICE_STATUS_LABELS, invoiceFileName, rateComma } from './invoices.labels';
import {
  invoiceCountQuery,
  invoicePageQuery,
  isOverdue,
  normaliseFilter,
  toInvoiceRow,
  type InvoiceFilter,
  type InvoiceRow,
  type RawInvoice,
} from './invoices.queries';
import type { InvoicesService } from './invoices.service';

export type InvoiceFormat = 'pdf' | 'xml';
export type Disposition = 'inline' | 'attachment';
export type ExportFormat = 'csv' | 'zip';

/** A link to one invoice's file: bound to the invoice, the format and the member it was made for. */
export const FILE_LINK_TTL_MS = 5 * 60_000;
/** An export link must be opened within this time; the download itself may last longer. */
export const EXPORT_LINK_TTL_MS = 10 * 60_000;
export const MAX_EXPORT_INVOICES = 20_000;
/** Invoices are read in keyset batches of this size while an export streams. */
export const EXPORT_BATCH_SIZE = 500;

export interface InvoiceLinkParams {
  companyId: string;
  invoiceId: string;
  format: string;
  userId: string;
  disposition: string;
  expires: string;
  signature: string;
}

export interface InvoiceExportPayload {
  v: 1;
  /** company, and the member (user id) or API token (token id) the link is for */
  c: string;
  u: string;
  /** csv or zip */
  x: ExportFormat;
  /** filter: status, overdue, kind, year, search */
  f: { s?: string; o?: boolean; k?: string; y?: number; q?: string };
  /** invoices issued up to this instant (ms): what the member saw when asking */
  a: number;
  /** invoice count when the link was made */
  n: number;
  /** expiry, seconds since the epoch */
  e: number;
}

export interface OpenedInvoiceFile {
  invoice: InvoiceRow;
  format: InvoiceFormat;
  disposition: Disposition;
  size: number;
  stream: Readable;
}

export interface OpenedInvoiceExport {
  fileName: string;
  contentType: string;
  stream: Readable;
}

const otherSession = (): DomainError =>
  new DomainError('FORBIDDEN', 'This link belongs to another session: open it from your own Guichet page, signed in.');
const invalidLink = (): DomainError => new DomainError('INVALID_TOKEN', 'This link is invalid. Ask for a new one from the invoices page.');
const expiredLink = (): DomainError => new DomainError('INVALID_TOKEN', 'This link has expired. Ask for a new one from the invoices page.');

const linkMessage = (p: Omit<InvoiceLinkParams, 'signature'>): string =>
  ['invoice-file', p.companyId, p.invoiceId, p.format, p.userId, p.disposition, p.expires].join('\n');

const CSV_HEADERS: Record<Locale, string[]> = {
  fr: [
    'Date',
    'Numéro',
    'Type',
    'Client',
    'SIREN client',
    'Libellé',
    'Début de période',
    'Fin de période',
    'Taux TVA (%)',
    'Montant HT',
    'Montant TVA',
    'Montant TTC',
    'Statut',
    'Échéance',
    'Date de paiement',
    'Facture d’origine',
  ],
  en: [
    'Date',
    'Number',
    'Type',
    'Client',
    'Client SIREN',
    'Label',
    'Period start',
    'Period end',
    'VAT rate (%)',
    'Net',
    'VAT',
    'Gross',
    'Status',
    'Due date',
    'Paid on',
    'Credited invoice',
  ],
};

/** `\uFEFF` + the header line: UTF-8 with a BOM, `;`-separated, so that Excel FR opens it without a wizard. */
export const csvHeader = (locale: Locale): string => `\uFEFF${CSV_HEADERS[locale].map(csvCell).join(';')}`;

/**
 * The accountant's lines of one invoice: one per VAT rate, with that rate's net, VAT and total
 * including VAT (a credit note's amounts negative), decimal commas, French dates.
 */
export function csvLines(row: InvoiceRow, locale: Locale, today: string): string[] {
  const sign = row.kind === 'CREDIT_NOTE' ? -1 : 1;
  const status =
    row.kind === 'CREDIT_NOTE'
      ? INVOICE_KIND_LABELS.CREDIT_NOTE[locale]
      : isOverdue(row, today)
        ? INVOICE_STATUS_LABELS.OVERDUE[locale]
        : row.status
          ? INVOICE_STATUS_LABELS[row.status][locale]
          : '';
  return row.vatBreakdown.map((vat) =>
    [
      csvCell(frenchDay(row.issueDate)),
      csvCell(row.number),
      csvCell(INVOICE_KIND_LABELS[row.kind][locale]),
      csvCell(row.buyer.legalName),
      csvCell(row.buyer.siren),
      csvCell(row.label),
      csvCell(frenchDay(row.periodStart)),
      csvCell(frenchDay(row.periodEnd)),
      // Numbers are written by us (digits, a comma, a leading minus): never formula-neutralised.
      rateComma(vat.rate),
      decimalComma(sign * vat.basisCents),
      decimalComma(sign * vat.vatCents),
      decimalComma(sign * (vat.basisCents + vat.vatCents)),
      csvCell(status),
      csvCell(frenchDay(row.dueDate)),
      csvCell(row.paidDate ? frenchDay(row.paidDate) : ''),
      csvCell(row.creditedInvoiceNumber ?? ''),
    ].join(';'),
  );
}

function actorIn(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw new Error('An export is always opened by someone');
  return ctx.actor;
}

/**
 * Short-lived signed links to an invoice's Factur-X PDF or XML, and to the accountant's exports
 * (CSV, or a ZIP of the PDFs with the CSV), streamed. Like the mail's: bound to the member (or API
 * token) that asked, checked again against the current access when opened.
 */
export class InvoiceFilesService {
  constructor(
    private readonly ds: DataSource,
    private readonly settings: { publicUrl: string; fileUrlSecret: string },
    private readonly storage: FileStorage,
    private readonly invoices: InvoicesService,
    private readonly activity: ActivityService,
  ) {}

  private get kind(): string {
    return this.ds.options.type;
  }

  // ---------------------------------------------------------------- one file

  async createLink(
    ctx: ServiceContext,
    companyId: string,
    invoiceId: string,
    format: InvoiceFormat,
    userId: string,
    disposition: Disposition,
  ): Promise<SignedLink> {
    const invoice = await this.invoices.find(ctx, companyId, invoiceId);
    if (!invoice) throw notFound('Invoice');
    const expiresAt = new Date(ctx.now.getTime() + FILE_LINK_TTL_MS);
    const expires = String(Math.floor(expiresAt.getTime() / 1000));
    const params = { companyId, invoiceId: invoice.id, format, userId, disposition, expires };
    const signature = hmacSign(this.settings.fileUrlSecret, linkMessage(params));
    const query = new URLSearchParams({ u: userId, d: disposition, e: expires, s: signature });
    return {
      url: `${this.settings.publicUrl}/files/invoices/${companyId}/${invoice.id}/${format}?${query.toString()}`,
      expiresAt: new Date(Number(expires) * 1000),
    };
  }

  /** Checks a signed file link: well formed, signed here, not expired, opened by its member (or token). */
  verifyLink(ctx: ServiceContext, p: InvoiceLinkParams, owner: string | null): void {
    if (!isId(p.companyId) || !isId(p.invoiceId) || !isId(p.userId) || !/^\d{1,12}$/.test(p.expires)) throw invalidLink();
    if ((p.format !== 'pdf' && p.format !== 'xml') || (p.disposition !== 'inline' && p.disposition !== 'attachment')) throw invalidLink();
    if (!hmacVerify(this.settings.fileUrlSecret, linkMessage(p), p.signature)) throw invalidLink();
    if (owner !== p.userId) throw otherSession();
    if (Number(p.expires) * 1000 <= ctx.now.getTime()) throw expiredLink();
  }

  /** Opens the PDF or the XML of an invoice of the company (the caller holds invoice:download there), and journals it. */
  async openFile(
    ctx: ServiceContext,
    companyId: string,
    invoiceId: string,
    format: InvoiceFormat,
    disposition: Disposition,
  ): Promise<OpenedInvoiceFile> {
    const invoice = await this.invoices.find(ctx, companyId, invoiceId);
    if (!invoice) throw notFound('Invoice');
    await this.activity.record(
      ctx.em ?? this.ds.manager,
      {
        companyId,
        actorUserId: ctx.actor?.userId ?? null,
        actorApiTokenId: ctx.actor?.apiTokenId ?? null,
        action: 'invoice.downloaded',
        targetType: 'invoice',
        targetId: invoice.id,
        details: { number: invoice.number, format, disposition },
        ip: ctx.ip ?? null,
      },
      ctx.now,
    );
    const [key, sha256, size] =
      format === 'pdf' ? [invoice.pdfKey, invoice.pdfSha256, invoice.pdfSize] : [invoice.xmlKey, invoice.xmlSha256, invoice.xmlSize];
    const stream = await this.storage.getVerified(key, sha256);
    return { invoice, format, disposition, size, stream };
  }

  // ---------------------------------------------------------------- exports

  async createExport(
    ctx: ServiceContext,
    companyId: string,
    filter: InvoiceFilter | null | undefined,
    format: ExportFormat,
    userId: string,
  ): Promise<SignedLink & { invoiceCount: number }> {
    const f = normaliseFilter(filter);
    const q = invoiceCountQuery(this.kind, companyId, f, parisDay(ctx.now), { cap: MAX_EXPORT_INVOICES + 1 });
    const rows: { n: number | string }[] = await (ctx.em ?? this.ds.manager).query(q.sql, q.params);
    const invoiceCount = Number(rows[0]?.n ?? 0);
    if (invoiceCount > MAX_EXPORT_INVOICES) {
      throw new DomainError(
        'BAD_USER_INPUT',
        `More than ${MAX_EXPORT_INVOICES} invoices match: narrow the filter (for example by year) and export in several parts.`,
      );
    }
    const expiresAt = new Date(Math.floor((ctx.now.getTime() + EXPORT_LINK_TTL_MS) / 1000) * 1000);
    const payload: InvoiceExportPayload = {
      v: 1,
      c: companyId,
      u: userId,
      x: format,
      f: {
        ...(f.status ? { s: f.status } : {}),
        ...(f.overdue !== null && f.overdue !== undefined ? { o: f.overdue } : {}),
        ...(f.kind ? { k: f.kind } : {}),
        ...(f.year ? { y: f.year } : {}),
        ...(f.search ? { q: f.search } : {}),
      },
      a: ctx.now.getTime(),
      n: invoiceCount,
      e: expiresAt.getTime() / 1000,
    };
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    const token = `${body}.${hmacSign(this.settings.fileUrlSecret, `invoice-export\n${body}`)}`;
    return { url: `${this.settings.publicUrl}/files/invoice-exports/${token}`, expiresAt, invoiceCount };
  }

  /** Reads a signed export link; the route then authorizes invoice:download in the company it names. */
  decodeExport(ctx: ServiceContext, token: string): InvoiceExportPayload {
    const [body, signature, extra] = token.split('.');
    if (!body || !signature || extra !== undefined || token.length > 8000) throw invalidLink();
    if (!hmacVerify(this.settings.fileUrlSecret, `invoice-export\n${body}`, signature)) throw invalidLink();
    let payload: InvoiceExportPayload;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as InvoiceExportPayload;
    } catch {
      throw invalidLink();
    }
    if (payload.v !== 1 || !isId(payload.c) || !isId(payload.u) || (payload.x !== 'csv' && payload.x !== 'zip')) throw invalidLink();
    if (payload.e * 1000 <= ctx.now.getTime()) throw expiredLink();
    return payload;
  }

  /** An export link opens only for the member (or token) it was made for. */
  checkExportOwner(_ctx: ServiceContext, payload: InvoiceExportPayload, owner: string | null): void {
    if (owner !== payload.u) throw otherSession();
  }

  private async exportLabels(ctx: ServiceContext, companyId: string, userId: string): Promise<{ locale: Locale; companyName: string }> {
    const rows: { locale: string; company_name: string }[] = await (ctx.em ?? this.ds.manager).query(
      'SELECT u.locale, c.name AS company_name FROM users u JOIN companies c ON c.id = ? WHERE u.id = ?',
      [companyId, userId],
    );
    const row = rows[0];
    return { locale: row?.locale === 'en' ? 'en' : 'fr', companyName: row?.company_name ?? 'export' };
  }

  /** Starts the stream of a decoded export link, for the member (or token) it was made for, and journals it. */
  async openExport(ctx: ServiceContext, payload: InvoiceExportPayload): Promise<OpenedInvoiceExport> {
    const actor = actorIn(ctx);
    const labels = await this.exportLabels(ctx, payload.c, actor.userId);
    const filter = normaliseFilter({
      status: (INVOICE_STATUSES as readonly string[]).includes(payload.f.s ?? '') ? (payload.f.s as InvoiceStatus) : null,
      overdue: typeof payload.f.o === 'boolean' ? payload.f.o : null,
      kind: (INVOICE_KINDS as readonly string[]).includes(payload.f.k ?? '') ? (payload.f.k as InvoiceKind) : null,
      year: payload.f.y ?? null,
      search: payload.f.q ?? null,
    });
    await this.activity.record(
      ctx.em ?? this.ds.manager,
      {
        companyId: payload.c,
        actorUserId: actor.userId,
        actorApiTokenId: actor.apiTokenId,
        action: 'invoice.exported',
        targetType: 'company',
        targetId: payload.c,
        details: { format: payload.x, invoiceCount: payload.n, filter: payload.f },
        ip: ctx.ip ?? null,
      },
      ctx.now,
    );
    const base = `${labels.locale === 'en' ? 'invoices' : 'factures'}_${slugify(labels.companyName, 'export')}_${parisDay(ctx.now)}`;
    const today = parisDay(ctx.now);
    const upTo = new Date(payload.a);
    if (payload.x === 'csv') {
      return {
        fileName: `${base}.csv`,
        contentType: 'text/csv; charset=utf-8',
        stream: Readable.from(this.csvChunks(payload.c, filter, upTo, labels.locale, today)),
      };
    }
    return {
      fileName: `${base}.zip`,
      contentType: 'application/zip',
      stream: this.zipStream(payload.c, filter, upTo, labels.locale, today),
    };
  }

  /** Keyset batches of the filter, newest first, issued up to `upTo`; read outside any transaction (the stream outlives the call). */
  private async batch(
    companyId: string,
    filter: InvoiceFilter,
    upTo: Date,
    today: string,
    after: InvoiceRow | null,
  ): Promise<InvoiceRow[]> {
    const q = invoicePageQuery(
      this.kind,
      companyId,
      filter,
      today,
      after ? { issuedAt: after.issuedAt, id: after.id } : null,
      EXPORT_BATCH_SIZE,
      {
        createdUpTo: upTo,
      },
    );
    return ((await this.ds.query(q.sql, q.params)) as RawInvoice[]).map(toInvoiceRow);
  }

  private async *csvChunks(companyId: string, filter: InvoiceFilter, upTo: Date, locale: Locale, today: string): AsyncGenerator<string> {
    yield `${csvHeader(locale)}\r\n`;
    let after: InvoiceRow | null = null;
    for (;;) {
      const rows = await this.batch(companyId, filter, upTo, today, after);
      if (rows.length > 0) yield `${rows.flatMap((r) => csvLines(r, locale, today)).join('\r\n')}\r\n`;
      if (rows.length < EXPORT_BATCH_SIZE) return;
      after = rows[rows.length - 1] ?? null;
    }
  }

  /**
   * The ZIP, built while it is sent: the Factur-X PDFs stored as they are (already compressed),
   * each opened only when its turn comes, invoices read in keyset batches; the CSV closes the archive.
   */
  private zipStream(companyId: string, filter: InvoiceFilter, upTo: Date, locale: Locale, today: string): Readable {
    const zip = new ZipFile();
    const output = zip.outputStream as Readable;
    const csv: string[] = [csvHeader(locale)];
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

    const addBatch = async (after: InvoiceRow | null): Promise<void> => {
      if (stopped) return;
      const rows = await this.batch(companyId, filter, upTo, today, after);
      rows.forEach((row, i) => {
        csv.push(...csvLines(row, locale, today));
        const fetchesNext = i === rows.length - 1 && rows.length === EXPORT_BATCH_SIZE;
        zip.addReadStreamLazy(
          invoiceFileName(row.number, 'pdf'),
          { compress: false, mtime: row.issuedAt, size: row.pdfSize },
          (callback) => {
            const open = async (): Promise<Readable> => {
              if (stopped) throw new Error('Export stopped');
              // The next batch is read when the last file of this one starts: one batch in memory at a time.
              if (fetchesNext) await addBatch(row);
              return this.storage.getVerified(row.pdfKey, row.pdfSha256);
            };
            open().then(
              (stream) => {
                current = stream;
                stream.on('error', fail);
                callback(null, stream);
              },
              (error: unknown) => callback(error, undefined as unknown as NodeJS.ReadableStream),
            );
          },
        );
      });
      if (rows.length < EXPORT_BATCH_SIZE) {
        zip.addBuffer(Buffer.from(`${csv.join('\r\n')}\r\n`, 'utf8'), locale === 'en' ? 'invoices.csv' : 'factures.csv', {
          mtime: new Date(),
        });
        zip.end();
      }
    };
    addBatch(null).catch(fail);
    return output;
  }
}
