import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import type { ErrorCode } from '@guichet/shared';
import { DomainError } from '../common/domain-error';
import { isDatabaseUnavailable, SERVICE_UNAVAILABLE_MESSAGE, SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS } from '../db/unavailable';
import { mailFileName, mailFileNameUnicode } from '../modules/mail/mail.labels';
import { mailValidationFailed } from '../modules/mail/mail.validation';
import type { Services } from '../services';
import { isStorageUnavailable, STORAGE_UNAVAILABLE_MESSAGE } from '../storage/storage';
import { ANONYMOUS, linkOwnerOf } from '../modules/identity/principal';
import { RequestRefused } from '../modules/identity/resolve-principal';
import { authorize } from '../modules/identity/access';
import { authorizeRoute, FILE_ROUTES, routeContext, routePrincipal } from './file-routes';

const STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  INVALID_TOKEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VALIDATION_FAILED: 400,
  BAD_USER_INPUT: 400,
};

/** `{ error: { code, message, fields? } }`, the body of every refusal of the file routes. */
export function sendError(
  res: Response,
  status: number,
  code: ErrorCode,
  message: string,
  fields?: unknown[],
  extra: Record<string, unknown> = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(status).setHeader('Cache-Control', 'no-store');
  res.json({ error: { code, message, ...(fields && fields.length > 0 ? { fields } : {}), ...extra } });
}

/** Answers a file route's failure: its coded refusal, or 500 (logged) for anything unexpected. */
export function sendFailure(res: Response, error: unknown, log: (m: string) => void): void {
  if (error instanceof RequestRefused) {
    if (error.retryAfter !== undefined && !res.headersSent) res.setHeader('Retry-After', String(error.retryAfter));
    sendError(res, error.status, error.code, error.message);
    return;
  }
  if (error instanceof DomainError) {
    const tooLarge = error.fields.some((f) => (f.code as string) === 'MAIL_FILE_TOO_LARGE');
    sendError(res, tooLarge ? 413 : (STATUS[error.code] ?? 400), error.code, error.message, error.fields, error.extra);
    return;
  }
  log(`file route error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  if (isStorageUnavailable(error)) {
    // The file storage (S3) did not answer (checked first: its timeouts look like a database's): nothing was stored, no row claims a file; retryable.
    if (!res.headersSent) res.setHeader('Retry-After', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS));
    sendError(res, 503, 'STORAGE_UNAVAILABLE', STORAGE_UNAVAILABLE_MESSAGE, undefined, {
      retryAfter: SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS,
    });
    return;
  }
  if (isDatabaseUnavailable(error)) {
    // The database does not answer: retryable, unlike a bug.
    if (!res.headersSent) res.setHeader('Retry-After', String(SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS));
    sendError(res, 503, 'SERVICE_UNAVAILABLE', SERVICE_UNAVAILABLE_MESSAGE, undefined, {
      retryAfter: SERVICE_UNAVAILABLE_RETRY_AFTER_SECONDS,
    });
    return;
  }
  sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error.');
}

/** RFC 6266: an ASCII fallback plus the UTF-8 name. */
export function contentDisposition(kind: 'inline' | 'attachment', asciiName: string, unicodeName: string): string {
  const safeAscii = asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(unicodeName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${safeAscii}"; filename*=UTF-8''${encoded}`;
}

/** A query parameter's first value (Express gives an array when it is repeated). */
export const queryValue = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
const first = queryValue;

/** A title made a file name a browser may save: no control or path characters, at most 150 characters. */
export const saveableName = (title: string): string =>
  [...title]
    .map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .join('')
    .slice(0, 150);

export interface StoredFile {
  contentType: string;
  size: number;
  disposition: 'inline' | 'attachment';
  asciiName: string;
  name: string;
}

/**
 * Streams a stored file to the caller who may see it: private and never cached, not sniffed, and
 * framed only by the SPA's own pages (which show PDFs in a frame).
 */
export async function sendStoredFile(res: Response, stream: Readable, file: StoredFile): Promise<void> {
  res.status(200);
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Length', String(file.size));
  res.setHeader('Content-Disposition', contentDisposition(file.disposition, file.asciiName, file.name));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
  res.setHeader('Content-Security-Policy', "frame-ancestors 'self'");
  await pipeline(stream, res);
}

/**
 * Reads the request body up to `maxBytes`. Beyond it, the rest is drained and discarded so the
 * client still reads the 413 answer, and the promise rejects.
 */
export function readBody(req: Request, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        overflow = true;
        chunks.length = 0;
        return;
      }
      if (!overflow) chunks.push(chunk);
    });
    req.on('end', () => (overflow ? reject(tooLarge(maxBytes)) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

const tooLarge = (maxBytes: number): DomainError =>
  mailValidationFailed(
    [{ field: 'file', code: 'MAIL_FILE_TOO_LARGE' }],
    `The file is larger than ${Math.round((maxBytes / 1024 / 1024) * 100) / 100} MB.`,
  );

/**
 * File routes of the mail module (declared in FILE_ROUTES, decided by `authorize()`):
 * - POST /files/mail?companyId=…&sender=…[&recipient=…&type=…&receivedAt=…] — upload of one scan by
 *   staff or an operator token, `Content-Type: application/pdf` raw body. (A cross-site page cannot
 *   send that type without a CORS preflight, which this server never grants.)
 * - GET /files/mail/:companyId/:mailItemId — a signed link made by createMailItemLink (sessions), or
 *   directly with `Authorization: Bearer` (API tokens).
 * - GET /files/exports/:token — a signed link made by createMailExport: a ZIP built while it streams.
 */
export function mailFilesRouter(services: Services, log: (m: string) => void): Router {
  const router = Router();
  const maxBytes = Math.floor(services.env.MAIL_UPLOAD_MAX_MB * 1024 * 1024);

  router.post(FILE_ROUTES.uploadScan.path.replace('/files', ''), async (req, res) => {
    try {
      const principal = await authorizeRoute(services, req, res, FILE_ROUTES.uploadScan, undefined);
      const type = (req.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/pdf') {
        req.resume();
        sendError(res, 415, 'BAD_USER_INPUT', 'Send the scan as the raw request body with Content-Type: application/pdf.');
        return;
      }
      const declared = Number(req.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
      const prepared = await services.mail.prepareUpload(routeContext(principal, req), {
        companyId: first(req.query.companyId),
        receivedAt: first(req.query.receivedAt),
        sender: first(req.query.sender),
        recipient: first(req.query.recipient),
        type: first(req.query.type),
      });
      const body = await readBody(req, maxBytes);
      // Dated once the body has arrived: the item exists from then on.
      const item = await services.mail.ingest(routeContext(principal, req), prepared, body);
      res.status(201).setHeader('Cache-Control', 'no-store');
      res.json({
        mailItem: {
          id: item.id,
          companyId: item.companyId,
          receivedAt: item.receivedAt.toISOString(),
          sender: item.sender,
          recipient: item.recipient,
          type: item.type,
          status: item.status,
          pageCount: item.pageCount,
          fileSize: item.fileSize,
          sha256: item.fileSha256,
        },
      });
    } catch (error) {
      // Whatever is left of the body is read and dropped, so the client gets the answer.
      if (!req.complete) req.resume();
      sendFailure(res, error, log);
    }
  });

  router.get(FILE_ROUTES.downloadScan.path.replace('/files', ''), async (req, res) => {
    let stream: Readable | null = null;
    try {
      const companyId = String(req.params.companyId);
      const mailItemId = String(req.params.mailItemId);
      const principal = await routePrincipal(services, req, res);
      const ctx = routeContext(principal, req);
      let disposition: 'inline' | 'attachment' = first(req.query.d) === 'inline' ? 'inline' : 'attachment';
      if (principal.kind !== 'apiToken') {
        // A person opens scans through short-lived links bound to their session, never by a bare URL.
        const link = {
          companyId,
          mailItemId,
          userId: first(req.query.u) ?? '',
          disposition: first(req.query.d) ?? '',
          expires: first(req.query.e) ?? '',
          signature: first(req.query.s) ?? '',
        };
        services.mailFiles.verifyItemLink(ctx, link, linkOwnerOf(principal));
        disposition = link.disposition === 'inline' ? 'inline' : 'attachment';
      }
      authorize(principal, FILE_ROUTES.downloadScan.access, companyId);
      const opened = await services.mailFiles.openItem(ctx, companyId, mailItemId, disposition);
      stream = opened.stream;
      await sendStoredFile(res, stream, {
        contentType: 'application/pdf',
        size: opened.item.fileSize,
        disposition: opened.disposition,
        asciiName: mailFileName(opened.item),
        name: mailFileNameUnicode(opened.item),
      });
    } catch (error) {
      stream?.destroy();
      if (res.headersSent) {
        // Integrity failure or a broken source mid-way: the client sees an incomplete response.
        log(`mail download aborted: ${error instanceof Error ? error.message : String(error)}`);
        res.destroy();
        return;
      }
      sendFailure(res, error, log);
    }
  });

  router.get(FILE_ROUTES.downloadExport.path.replace('/files', ''), async (req, res) => {
    try {
      // The link is checked before the caller is resolved: a bad link is refused whoever opens it.
      const payload = services.mailFiles.decodeExport(routeContext(ANONYMOUS, req), String(req.params.token));
      const principal = await routePrincipal(services, req, res);
      const ctx = routeContext(principal, req);
      services.mailFiles.checkExportOwner(ctx, payload, linkOwnerOf(principal));
      authorize(principal, FILE_ROUTES.downloadExport.access, payload.c);
      const opened = await services.mailFiles.openExport(ctx, payload);
      res.status(200);
      res.setHeader('Content-Type', 'application/zip');
      res.setHeader('Content-Disposition', contentDisposition('attachment', opened.fileName, opened.fileName));
      res.setHeader('Cache-Control', 'private, no-store');
      try {
        await pipeline(opened.stream, res);
      } catch (error) {
        log(`mail export aborted: ${error instanceof Error ? error.message : String(error)}`);
        res.destroy();
      }
    } catch (error) {
      sendFailure(res, error, log);
    }
  });

  return router;
}
