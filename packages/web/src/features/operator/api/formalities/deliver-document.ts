import { parseFieldErrors, type ApiFieldError } from '../../components/formalities/formality-errors';

/** The API's route for a delivered document (staff): the raw PDF as the body, the title in the query string. */
export function deliveryUrl(companyId: string, formalityId: string, title: string): string {
  const query = new URLSearchParams({ title });
  return `/files/formality-documents/${encodeURIComponent(companyId)}/${encodeURIComponent(formalityId)}?${query.toString()}`;
}

export interface DeliveredDocument {
  id: string;
  title: string;
  size: number;
  sha256: string | null;
}

export type DeliveryResult =
  | { ok: true; document: DeliveredDocument }
  /** The API refused it: `{ error: { code, message, fields?, reason? } }`. */
  | { ok: false; kind: 'refused'; status: number; code: string | null; reason: string | null; fields: ApiFieldError[] }
  /** No answer (offline, server down), one that is not the API's, or the person stopped it. */
  | { ok: false; kind: 'network' | 'unexpected' | 'aborted'; status: number };

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function resultOf(status: number, body: unknown): DeliveryResult {
  if (status >= 200 && status < 300) {
    const doc = (body as { document?: Record<string, unknown> } | null)?.document;
    if (doc && typeof doc.id === 'string' && typeof doc.size === 'number') {
      return {
        ok: true,
        document: {
          id: doc.id,
          title: typeof doc.title === 'string' ? doc.title : '',
          size: doc.size,
          sha256: typeof doc.sha256 === 'string' ? doc.sha256 : null,
        },
      };
    }
    return { ok: false, kind: 'unexpected', status };
  }
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  if (!error || typeof error !== 'object') return { ok: false, kind: 'unexpected', status };
  return {
    ok: false,
    kind: 'refused',
    status,
    code: typeof error.code === 'string' ? error.code : null,
    reason: typeof error.reason === 'string' ? error.reason : null,
    fields: parseFieldErrors(error.fields),
  };
}

/**
 * Delivers one PDF (POST, `Content-Type: application/pdf`, the session cookie) with XMLHttpRequest,
 * whose upload reports its progress (0 to 1) where fetch cannot; it never throws.
 */
export function deliverDocument(
  file: Blob,
  target: { companyId: string; formalityId: string; title: string },
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<DeliveryResult> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', deliveryUrl(target.companyId, target.formalityId, target.title));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/pdf');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => resolve(resultOf(xhr.status, parse(xhr.responseText)));
    xhr.onerror = () => resolve({ ok: false, kind: 'network', status: 0 });
    xhr.onabort = () => resolve({ ok: false, kind: 'aborted', status: 0 });
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}
