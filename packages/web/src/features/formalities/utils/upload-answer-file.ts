/**
 * The client's file answer to a FILE information request: the raw file as the body of
 * `POST /files/formalities/:companyId/:requestId`, its own type as Content-Type, with the session
 * cookie. An XMLHttpRequest rather than `fetch`, because only it reports the upload's progress.
 */

/** The types the API accepts (it also reads the file's real type from its content). */
export const ANSWER_FILE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type AnswerFileType = (typeof ANSWER_FILE_TYPES)[number];

/** The API's limit for one file (FORMALITY_FILE_MAX_BYTES). */
export const ANSWER_FILE_MAX_BYTES = 20 * 1024 * 1024;

/** What the file picker offers. */
export const ANSWER_FILE_ACCEPT = 'application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg';

export function answerUploadUrl(companyId: string, requestId: string): string {
  return `/files/formalities/${encodeURIComponent(companyId)}/${encodeURIComponent(requestId)}`;
}

/**
 * Checked before sending, with the codes the API would answer (so the same messages show): a file
 * the browser does not see as a PDF, PNG or JPEG, or one above the size limit.
 */
export function checkAnswerFile(file: Pick<File, 'type' | 'size'>): 'FORMALITY_FILE_INVALID' | 'FORMALITY_FILE_TOO_LARGE' | null {
  if (!(ANSWER_FILE_TYPES as readonly string[]).includes(file.type)) return 'FORMALITY_FILE_INVALID';
  if (file.size > ANSWER_FILE_MAX_BYTES) return 'FORMALITY_FILE_TOO_LARGE';
  if (file.size === 0) return 'FORMALITY_FILE_INVALID';
  return null;
}

export interface UploadedAnswer {
  id: string;
  requestId: string;
  fileType: string;
  fileSize: number;
  review: string;
  answeredAt: string;
}

export interface UploadFieldError {
  field: string;
  code: string;
  params?: Readonly<Record<string, string>>;
}

export type UploadOutcome =
  | { ok: true; answer: UploadedAnswer }
  /** The API refused it: `{ error: { code, message, fields?, reason? } }`. */
  | {
      ok: false;
      kind: 'refused';
      status: number;
      code: string | null;
      reason: string | null;
      message: string | null;
      fields: UploadFieldError[];
    }
  /** No answer (offline, server down), an answer that is not the API's, or cancelled by the person. */
  | { ok: false; kind: 'network' | 'unexpected' | 'aborted'; status: number };

export interface UploadProgress {
  loaded: number;
  total: number;
  /** 0 to 100, rounded down (100 only once the server has answered). */
  percent: number;
}

export interface UploadAnswerFileOptions {
  companyId: string;
  requestId: string;
  file: File;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

function readError(body: unknown): Omit<Extract<UploadOutcome, { kind: 'refused' }>, 'ok' | 'kind' | 'status'> | null {
  if (!body || typeof body !== 'object' || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  if (!error || typeof error !== 'object') return null;
  const { code, message, fields, reason } = error as { code?: unknown; message?: unknown; fields?: unknown; reason?: unknown };
  return {
    code: typeof code === 'string' ? code : null,
    reason: typeof reason === 'string' ? reason : null,
    message: typeof message === 'string' ? message : null,
    fields: Array.isArray(fields)
      ? fields.flatMap((item: unknown): UploadFieldError[] => {
          if (!item || typeof item !== 'object') return [];
          const { field, code: fieldCode, params } = item as { field?: unknown; code?: unknown; params?: unknown };
          if (typeof field !== 'string' || typeof fieldCode !== 'string') return [];
          return [
            params && typeof params === 'object'
              ? { field, code: fieldCode, params: params as Record<string, string> }
              : { field, code: fieldCode },
          ];
        })
      : [],
  };
}

function readAnswer(body: unknown): UploadedAnswer | null {
  const answer = (body as { answer?: Partial<UploadedAnswer> } | null)?.answer;
  if (!answer || typeof answer.id !== 'string') return null;
  return {
    id: answer.id,
    requestId: String(answer.requestId ?? ''),
    fileType: String(answer.fileType ?? ''),
    fileSize: Number(answer.fileSize ?? 0),
    review: String(answer.review ?? 'PENDING'),
    answeredAt: String(answer.answeredAt ?? ''),
  };
}

function parse(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

/**
 * Sends one file and says what came of it; it never throws. Progress is reported as the bytes go
 * out; `signal` cancels the upload (the outcome is then `aborted`).
 */
export function uploadAnswerFile({ companyId, requestId, file, onProgress, signal }: UploadAnswerFileOptions): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve({ ok: false, kind: 'aborted', status: 0 });
      return;
    }
    const xhr = new XMLHttpRequest();
    let settled = false;
    const finish = (outcome: UploadOutcome) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = () => xhr.abort();

    xhr.open('POST', answerUploadUrl(companyId, requestId));
    // Same origin: the session cookie goes with it (and would across origins too, with CORS).
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', file.type);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'text';

    xhr.upload.addEventListener('progress', (event) => {
      if (!onProgress) return;
      const total = event.lengthComputable && event.total > 0 ? event.total : file.size;
      const percent = total > 0 ? Math.min(99, Math.floor((event.loaded / total) * 100)) : 0;
      onProgress({ loaded: event.loaded, total, percent });
    });
    xhr.addEventListener('load', () => {
      const body = parse(typeof xhr.responseText === 'string' ? xhr.responseText : '');
      if (xhr.status >= 200 && xhr.status < 300) {
        const answer = readAnswer(body);
        if (answer) {
          onProgress?.({ loaded: file.size, total: file.size, percent: 100 });
          finish({ ok: true, answer });
        } else {
          finish({ ok: false, kind: 'unexpected', status: xhr.status });
        }
        return;
      }
      const error = readError(body);
      finish(error ? { ok: false, kind: 'refused', status: xhr.status, ...error } : { ok: false, kind: 'unexpected', status: xhr.status });
    });
    xhr.addEventListener('error', () => finish({ ok: false, kind: 'network', status: 0 }));
    xhr.addEventListener('timeout', () => finish({ ok: false, kind: 'network', status: 0 }));
    xhr.addEventListener('abort', () => finish({ ok: false, kind: 'aborted', status: 0 }));
    signal?.addEventListener('abort', onAbort);
    xhr.send(file);
  });
}
