import DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import { MAIL_ITEM_COLUMNS, toMailItemRow, type MailItemRow } from './mail.queries';

export interface TagRow {
  id: string;
  companyId: string;
  name: string;
  color: string;
}

export const toTagRow = (r: { id: string; company_id: string; name: string; color: string }): TagRow => ({
  id: r.id,
  companyId: r.company_id,
  name: r.name,
  color: r.color,
});

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** Tags of many items in one statement, ordered by name. */
export async function loadTagsOfItems(db: DataSource | EntityManager, itemIds: readonly string[]): Promise<Map<string, TagRow[]>> {
  const out = new Map<string, TagRow[]>();
  if (itemIds.length === 0) return out;
  const rows: { mail_item_id: string; id: string; company_id: string; name: string; color: string }[] = await db.query(
    `SELECT mt.mail_item_id, t.id, t.company_id, t.name, t.color
       FROM mail_item_tags mt JOIN tags t ON t.id = mt.tag_id
      WHERE mt.mail_item_id IN (${placeholders(itemIds.length)})
      ORDER BY t.name_key, t.id`,
    [...itemIds],
  );
  for (const r of rows) {
    const list = out.get(r.mail_item_id) ?? [];
    list.push(toTagRow(r));
    out.set(r.mail_item_id, list);
  }
  return out;
}

/** Items of many forwarding requests in one statement, newest first. */
export async function loadItemsOfForwardingRequests(
  db: DataSource | EntityManager,
  requestIds: readonly string[],
): Promise<Map<string, MailItemRow[]>> {
  const out = new Map<string, MailItemRow[]>();
  if (requestIds.length === 0) return out;
  const rows: (Parameters<typeof toMailItemRow>[0] & { forwarding_request_id: string })[] = await db.query(
    `SELECT fri.forwarding_request_id, ${MAIL_ITEM_COLUMNS}
       FROM forwarding_request_items fri JOIN mail_items mi ON mi.id = fri.mail_item_id AND mi.company_id = fri.company_id
      WHERE fri.forwarding_request_id IN (${placeholders(requestIds.length)})
      ORDER BY mi.received_at DESC, mi.id DESC`,
    [...requestIds],
  );
  for (const r of rows) {
    const list = out.get(r.forwarding_request_id) ?? [];
    list.push(toMailItemRow(r));
    out.set(r.forwarding_request_id, list);
  }
  return out;
}

/** Per-request loaders of the mail module: one statement per relation for a whole page. */
export interface MailLoaders {
  tagsOfMailItem: DataLoader<string, TagRow[]>;
  itemsOfForwardingRequest: DataLoader<string, MailItemRow[]>;
}

export function createMailLoaders(ds: DataSource): MailLoaders {
  return {
    tagsOfMailItem: new DataLoader<string, TagRow[]>(async (ids) => {
      const map = await loadTagsOfItems(ds, ids);
      return ids.map((id) => map.get(id) ?? []);
    }),
    itemsOfForwardingRequest: new DataLoader<string, MailItemRow[]>(async (ids) => {
      const map = await loadItemsOfForwardingRequests(ds, ids);
      return ids.map((id) => map.get(id) ?? []);
    }),
  };
}
