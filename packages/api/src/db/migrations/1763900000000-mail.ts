import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions, type TableForeignKeyOptions } from 'typeorm';

const id = (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true });
const ref = (name: string, options: { nullable?: boolean; primary?: boolean } = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  isNullable: options.nullable ?? false,
  isPrimary: options.primary ?? false,
});
const str = (name: string, length: number, nullable = false, defaultValue?: string): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
  ...(defaultValue !== undefined ? { default: `'${defaultValue}'` } : {}),
});
const int = (name: string): TableColumnOptions => ({ name, type: 'int' });
const datetime = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const fk = (name: string, column: string, table: string): TableForeignKeyOptions => ({
  name,
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
});

/**
 * Scanned mail ("Mes courriers"): items, tags, forwarding requests.
 * Every list index starts with company_id and ends with (received_at, id) so keyset pages seek
 * instead of scanning, with or without a status or type filter.
 */
export class Mail1763900000000 implements MigrationInterface {
  name = 'Mail1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'mail_items',
        columns: [
          id(),
          ref('company_id'),
          datetime('received_at'),
          str('sender', 200),
          str('recipient', 200),
          str('type', 16),
          int('page_count'),
          str('status', 20, false, 'SCANNED'),
          str('file_key', 255),
          int('file_size'),
          str('file_sha256', 64),
          str('search_text', 512),
          datetime('created_at'),
          ref('uploaded_by_id', { nullable: true }),
        ],
        indices: [
          // Also carries status, type and search_text, so that a text search scans index entries only.
          {
            name: 'ix_mail_items_company_received',
            columnNames: ['company_id', 'received_at', 'id', 'status', 'type', 'search_text'],
          },
          { name: 'ix_mail_items_company_status', columnNames: ['company_id', 'status', 'received_at', 'id'] },
          { name: 'ix_mail_items_company_type', columnNames: ['company_id', 'type', 'received_at', 'id'] },
        ],
        foreignKeys: [fk('fk_mail_items_company', 'company_id', 'companies')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'tags',
        columns: [
          id(),
          ref('company_id'),
          str('name', 50),
          str('name_key', 50),
          str('color', 7),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        uniques: [{ name: 'uq_tags_company_name', columnNames: ['company_id', 'name_key'] }],
        foreignKeys: [fk('fk_tags_company', 'company_id', 'companies')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'mail_item_tags',
        // received_at repeats the item's (it never changes), so a tag's items are read in list order from its index.
        columns: [ref('mail_item_id', { primary: true }), ref('tag_id', { primary: true }), ref('company_id'), datetime('received_at')],
        indices: [{ name: 'ix_mail_item_tags_tag', columnNames: ['tag_id', 'received_at', 'mail_item_id'] }],
        foreignKeys: [fk('fk_mail_item_tags_item', 'mail_item_id', 'mail_items'), fk('fk_mail_item_tags_tag', 'tag_id', 'tags')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'forwarding_requests',
        columns: [
          id(),
          ref('company_id'),
          str('status', 16, false, 'REQUESTED'),
          str('address_line1', 200),
          str('address_line2', 200, true),
          str('postal_code', 16),
          str('city', 100),
          { name: 'country', type: 'varchar', length: '2' },
          int('item_count'),
          str('idempotency_key', 100),
          str('request_hash', 64),
          ref('requested_by_id'),
          datetime('created_at'),
          datetime('processed_at', true),
          ref('processed_by_id', { nullable: true }),
        ],
        uniques: [{ name: 'uq_forwarding_company_key', columnNames: ['company_id', 'idempotency_key'] }],
        indices: [
          { name: 'ix_forwarding_company_created', columnNames: ['company_id', 'created_at', 'id'] },
          { name: 'ix_forwarding_status_created', columnNames: ['status', 'created_at', 'id'] },
        ],
        foreignKeys: [fk('fk_forwarding_company', 'company_id', 'companies')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'forwarding_request_items',
        columns: [ref('forwarding_request_id', { primary: true }), ref('mail_item_id', { primary: true }), ref('company_id')],
        indices: [{ name: 'ix_forwarding_items_item', columnNames: ['mail_item_id'] }],
        foreignKeys: [
          fk('fk_forwarding_items_request', 'forwarding_request_id', 'forwarding_requests'),
          fk('fk_forwarding_items_item', 'mail_item_id', 'mail_items'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['forwarding_request_items', 'forwarding_requests', 'mail_item_tags', 'tags', 'mail_items']) {
      await q.dropTable(table);
    }
  }
}
