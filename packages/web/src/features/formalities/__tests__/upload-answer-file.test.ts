import { readFilters, toApiFilter, writeFilters } from '../utils/filters';
import { ANSWER_FILE_MAX_BYTES, answerUploadUrl, checkAnswerFile, uploadAnswerFile } from '../utils/upload-answer-file';

type Listener = (event: ProgressEvent) => void;

/** Just enough of XMLHttpRequest to play the server: the test decides when bytes go and what comes back. */
class FakeXhr {
  static last: FakeXhr | null = null;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  withCredentials = false;
  responseType = '';
  status = 0;
  responseText = '';
  body: unknown = null;
  aborted = false;
  private listeners = new Map<string, Listener[]>();
  private uploadListeners = new Map<string, Listener[]>();
  upload = {
    addEventListener: (type: string, listener: Listener) =>
      this.uploadListeners.set(type, [...(this.uploadListeners.get(type) ?? []), listener]),
  };

  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }
  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.emit('abort');
  }

  progress(loaded: number, total: number) {
    for (const listener of this.uploadListeners.get('progress') ?? []) {
      listener({ loaded, total, lengthComputable: true } as ProgressEvent);
    }
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.emit('load');
  }
  emit(type: string) {
    for (const listener of this.listeners.get(type) ?? []) listener({} as ProgressEvent);
  }
}

const original = window.XMLHttpRequest;
beforeEach(() => {
  FakeXhr.last = null;
  window.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
});
afterEach(() => {
  window.XMLHttpRequest = original;
});

const pdf = (size = 1000) => new File([new Uint8Array(size)], 'pv.pdf', { type: 'application/pdf' });
const xhr = () => {
  if (!FakeXhr.last) throw new Error('No request sent');
  return FakeXhr.last;
};

describe('the file answer upload', () => {
  it('POSTs the raw file with its own type and the session cookie, reports progress, and reads the saved answer', async () => {
    const file = pdf(2000);
    const progress: number[] = [];
    const done = uploadAnswerFile({ companyId: 'acme', requestId: 'req 1', file, onProgress: ({ percent }) => progress.push(percent) });
    const request = xhr();
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/files/formalities/acme/req%201');
    expect(request.headers['content-type']).toBe('application/pdf');
    expect(request.withCredentials).toBe(true);
    expect(request.body).toBe(file);

    request.progress(500, 2000);
    request.progress(2000, 2000);
    request.respond(201, {
      answer: {
        id: 'answer-1',
        requestId: 'req 1',
        fileType: 'application/pdf',
        fileSize: 2000,
        review: 'PENDING',
        answeredAt: '2026-03-12T10:00:00.000Z',
      },
    });
    await expect(done).resolves.toEqual({
      ok: true,
      answer: {
        id: 'answer-1',
        requestId: 'req 1',
        fileType: 'application/pdf',
        fileSize: 2000,
        review: 'PENDING',
        answeredAt: '2026-03-12T10:00:00.000Z',
      },
    });
    // 99 % while the server checks the file; 100 % once it has answered.
    expect(progress).toEqual([25, 99, 100]);
  });

  it('returns the server’s coded refusal, with its fields and the reason of a conflict', async () => {
    const done = uploadAnswerFile({ companyId: 'acme', requestId: 'r1', file: pdf() });
    xhr().respond(400, {
      error: { code: 'VALIDATION_FAILED', message: 'Invalid input', fields: [{ field: 'file', code: 'FORMALITY_FILE_INVALID' }] },
    });
    await expect(done).resolves.toEqual({
      ok: false,
      kind: 'refused',
      status: 400,
      code: 'VALIDATION_FAILED',
      reason: null,
      message: 'Invalid input',
      fields: [{ field: 'file', code: 'FORMALITY_FILE_INVALID' }],
    });

    const conflict = uploadAnswerFile({ companyId: 'acme', requestId: 'r1', file: pdf() });
    xhr().respond(409, { error: { code: 'CONFLICT', message: 'accepted', reason: 'REQUEST_ACCEPTED' } });
    await expect(conflict).resolves.toMatchObject({
      ok: false,
      kind: 'refused',
      status: 409,
      code: 'CONFLICT',
      reason: 'REQUEST_ACCEPTED',
    });
  });

  it('tells a network failure, an answer that is not the API’s, and a cancelled upload apart', async () => {
    const offline = uploadAnswerFile({ companyId: 'acme', requestId: 'r1', file: pdf() });
    xhr().emit('error');
    await expect(offline).resolves.toEqual({ ok: false, kind: 'network', status: 0 });

    const proxy = uploadAnswerFile({ companyId: 'acme', requestId: 'r1', file: pdf() });
    xhr().respond(502, '<html>Bad gateway</html>');
    await expect(proxy).resolves.toEqual({ ok: false, kind: 'unexpected', status: 502 });

    const controller = new AbortController();
    const cancelled = uploadAnswerFile({ companyId: 'acme', requestId: 'r1', file: pdf(), signal: controller.signal });
    controller.abort();
    await expect(cancelled).resolves.toEqual({ ok: false, kind: 'aborted', status: 0 });
    expect(xhr().aborted).toBe(true);
  });

  it('checks the type and size before sending, with the API’s codes', () => {
    expect(checkAnswerFile({ type: 'application/pdf', size: 10 })).toBeNull();
    expect(checkAnswerFile({ type: 'image/jpeg', size: ANSWER_FILE_MAX_BYTES })).toBeNull();
    expect(checkAnswerFile({ type: 'image/gif', size: 10 })).toBe('FORMALITY_FILE_INVALID');
    expect(checkAnswerFile({ type: '', size: 10 })).toBe('FORMALITY_FILE_INVALID');
    expect(checkAnswerFile({ type: 'image/png', size: 0 })).toBe('FORMALITY_FILE_INVALID');
    expect(checkAnswerFile({ type: 'image/png', size: ANSWER_FILE_MAX_BYTES + 1 })).toBe('FORMALITY_FILE_TOO_LARGE');
    expect(answerUploadUrl('a/b', 'c')).toBe('/files/formalities/a%2Fb/c');
  });
});

describe('the state filter ↔ URL ↔ API', () => {
  it('round-trips through the URL, keeps other parameters and drops an unknown state', () => {
    const params = writeFilters(new URLSearchParams('x=1'), { state: 'AWAITING_SIGNATURE' });
    expect(params.toString()).toBe('x=1&state=AWAITING_SIGNATURE');
    expect(readFilters(params)).toEqual({ state: 'AWAITING_SIGNATURE' });
    expect(readFilters(new URLSearchParams('state=signed'))).toEqual({ state: null });
    expect(toApiFilter({ state: 'FILED' })).toEqual({ state: 'FILED' });
    expect(toApiFilter({ state: null })).toBeNull();
  });
});
