import type { MailType } from '@/lib/graphql/schema-types';

/** The API's upload route for scans (staff): raw PDF body, metadata in the query string. */
export const MAIL_UPLOAD_URL = '/files/mail';

export interface ScanMetadata {
  companyId: string;
  /** Instant, ISO 8601. */
  receivedAt: string;
  sender: string;
  /** Empty: the API uses the company's name. */
  recipient: string;
  type: MailType;
}

export interface UploadedScan {
  id: string;
  pageCount: number;
}

export interface UploadFieldError {
  field: string;
  code: string;
}

export type UploadResult =
  | { ok: true; item: UploadedScan }
  /** The API refused it: `{ error: { code, message, fields? } }`. */
  | { ok: false; kind: 'refused'; status: number; code: string | null; message: string | null; fields: UploadFieldError[] }
  /** No answer (offline, server down) or one that is not the API's. */
  | { ok: false; kind: 'network' | 'unexpected'; status: number };

function readError(body: unknown): { code: string | null; message: string | null; fields: UploadFieldError[] } | null {
  if (!body || typeof body !== 'object' || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  if (!error || typeof error !== 'object') return null;
  const { code, message, fields } = error as { code?: unknown; message?: unknown; fields?: unknown };
  return {
    code: typeof code === 'string' ? code : null,
    message: typeof message === 'string' ? message : null,
    fields: Array.isArray(fields)
      ? fields.flatMap((item: unknown) => {
          if (!item || typeof item !== 'object') return [];
          const { field, code: fieldCode } = item as { field?: unknown; code?: unknown };
          return typeof field === 'string' && typeof fieldCode === 'string' ? [{ field, code: fieldCode }] : [];
        })
      : [],
  };
}

/**
 * Uploads one scan (POST /files/mail, `Content-Type: application/pdf`, the session cookie) and
 * says what came of it; it never throws, so one file's failure never stops the others.
 */
export async function uploadMailScan(file: Blob, metadata: ScanMetadata, signal?: AbortSignal): Promise<UploadResult> {
  const query = new URLSearchParams({
    companyId: metadata.companyId,
    receivedAt: metadata.receivedAt,
    sender: metadata.sender,
    type: metadata.type,
  });
  if (metadata.recipient) query.set('recipient', metadata.recipient);
  let response: Response;
  try {
    response = await fetch(`${MAIL_UPLOAD_URL}?${query.toString()}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/pdf', Accept: 'application/json' },
      body: file,
      credentials: 'same-origin',
      signal,
    });
  } catch {
    return { ok: false, kind: 'network', status: 0 };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (response.ok) {
    const item = (body as { mailItem?: { id?: unknown; pageCount?: unknown } } | null)?.mailItem;
    if (item && typeof item.id === 'string' && typeof item.pageCount === 'number') {
      return { ok: true, item: { id: item.id, pageCount: item.pageCount } };
    }
    return { ok: false, kind: 'unexpected', status: response.status };
  }
  const error = readError(body);
  return error
    ? { ok: false, kind: 'refused', status: response.status, ...error }
    : { ok: false, kind: 'unexpected', status: response.status };
}
