import type { ServiceContext } from '../../../db/with-transaction';
import { letterPdf } from '../../../seed/demo-mail';
import type { Actor } from '../../identity/principal';
import type { Client, TestApp } from '../../../../test/harness';

export interface UploadResult {
  status: number;
  body: {
    mailItem?: { id: string; companyId: string; pageCount: number; sha256: string; fileSize: number; sender: string; type: string };
    error?: { code: string; message: string; fields?: { field: string; code: string }[] };
  };
}

/** POST /files/mail as the given client (cookie), raw body. */
export async function upload(
  app: TestApp,
  client: Client | null,
  query: Record<string, string | undefined>,
  body: Buffer | string | ReadableStream<Uint8Array>,
  contentType = 'application/pdf',
  extraHeaders: Record<string, string> = {},
): Promise<UploadResult> {
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
  const res = await fetch(`${app.url}/files/mail?${params.toString()}`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(client?.cookie ? { cookie: client.cookie } : {}), ...extraHeaders },
    body: body as RequestInit['body'],
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  return { status: res.status, body: (await res.json()) as UploadResult['body'] };
}

/** The context of a service call made directly by a test: `actor` (nobody by default) acting at `now`. */
export const callContext = (now: Date = new Date(), actor: Actor | null = null): ServiceContext => ({
  actor,
  now,
  ip: null,
  userAgent: null,
});

export const samplePdf = (sender = 'URSSAF Île-de-France', pages = 1): Promise<Buffer> =>
  letterPdf({ sender, recipient: 'Demo SAS', city: 'Paris', date: new Date(), subject: 'Test', lines: ['Ligne 1', 'Ligne 2'], pages });

export async function count(app: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const rows: { n: number | string }[] = await app.db.ds.query(sql, params);
  return Number(rows[0]?.n ?? 0);
}

/** The path and query of an absolute URL returned by the API, against the test server. */
export const local = (app: TestApp, url: string): string => {
  const u = new URL(url);
  return `${app.url}${u.pathname}${u.search}`;
};

export async function mailItemIds(app: TestApp, companyId: string, limit = 5): Promise<string[]> {
  const rows: { id: string }[] = await app.db.ds.query(
    `SELECT id FROM mail_items WHERE company_id = ? AND status = 'SCANNED' ORDER BY received_at DESC, id DESC LIMIT ${limit}`,
    [companyId],
  );
  return rows.map((r) => r.id);
}

export async function tagId(app: TestApp, companyId: string, name: string): Promise<string> {
  const rows: { id: string }[] = await app.db.ds.query('SELECT id FROM tags WHERE company_id = ? AND name = ?', [companyId, name]);
  const id = rows[0]?.id;
  if (!id) throw new Error(`no tag ${name}`);
  return id;
}
