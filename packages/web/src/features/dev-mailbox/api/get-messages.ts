/** One email as the API's development mailbox lists it (newest first). */
export interface DevMailboxMessage {
  id: string;
  to: string;
  subject: string;
  kind: string;
  text: string;
  html: string;
  status: string;
  createdAt: string;
}

export const DEV_MAILBOX_URL = '/dev-api/mailbox/messages.json';

export type DevMailboxResult = { available: true; messages: DevMailboxMessage[] } | { available: false };

function isMessage(value: unknown): value is DevMailboxMessage {
  if (!value || typeof value !== 'object') return false;
  const item = value as Record<string, unknown>;
  return ['id', 'to', 'subject', 'text', 'html', 'createdAt'].every((key) => typeof item[key] === 'string');
}

/**
 * The emails the product would have sent. Outside development the API has no such route (404,
 * or the SPA's own HTML in place of JSON): the mailbox is then "not available".
 */
export async function getDevMailboxMessages(to: string | null, signal?: AbortSignal): Promise<DevMailboxResult> {
  const url = to ? `${DEV_MAILBOX_URL}?to=${encodeURIComponent(to)}` : DEV_MAILBOX_URL;
  const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal });
  if (response.status === 404) return { available: false };
  if (!response.ok) throw new Error(`mailbox answered ${response.status}`);
  if (!(response.headers.get('content-type') ?? '').includes('application/json')) return { available: false };
  const body: unknown = await response.json();
  if (!Array.isArray(body)) return { available: false };
  return { available: true, messages: body.filter(isMessage) };
}
