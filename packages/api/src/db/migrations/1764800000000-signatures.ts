import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions, type TableForeignKeyOptions } from 'typeorm';

const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const int = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'int', isNullable: nullable });
const datetime = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const fk = (name: string, column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT' = 'CASCADE'): TableForeignKeyOptions => ({
  name,
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete,
});

/**
 * Electronic signatures: the requests (a delivered document, its SHA-256, the signer, the hashed
 * one-time code, the sealed PDF) and their evidence trail, a hash chain of events that are only
 * ever inserted.
 * - `document_key` (the document's id while a request is pending or signed, NULL otherwise) is
 *   unique: one live request per document, and a document is signed once. Both engines allow many
 *   NULLs in a unique index.
 * - `(request_id, seq)` is unique: two appends that read the same last event cannot both insert.
 */
export class Signatures1764800000000 implements MigrationInterface {
  name = 'Signatures1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'signature_requests',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('formality_id', 36),
          str('company_id', 36),
          str('document_id', 36),
          str('document_title', 200),
          str('document_sha256', 64),
          str('document_key', 36, true),
          str('signer_user_id', 36),
          str('signer_name', 200),
          str('signer_email', 254),
          str('status', 16),
          str('code_hash', 64, true),
          datetime('code_expires_at', true),
          { name: 'failed_attempts', type: 'int', default: 0 },
          str('verification_reference', 20),
          str('consent_version', 40, true),
          str('consent_locale', 2, true),
          datetime('signed_at', true),
          str('signed_file_key', 255, true),
          int('signed_file_size', true),
          str('signed_sha256', 64, true),
          datetime('declined_at', true),
          str('decline_reason', 1000, true),
          datetime('locked_at', true),
          datetime('cancelled_at', true),
          str('cancel_reason', 1000, true),
          str('requested_by_id', 36, true),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        indices: [
          { name: 'ix_signature_requests_formality', columnNames: ['formality_id', 'id'] },
          { name: 'ix_signature_requests_company', columnNames: ['company_id', 'id'] },
          { name: 'ux_signature_requests_document_key', columnNames: ['document_key'], isUnique: true },
          { name: 'ux_signature_requests_reference', columnNames: ['verification_reference'], isUnique: true },
        ],
        foreignKeys: [
          fk('fk_signature_requests_formality', 'formality_id', 'formalities'),
          fk('fk_signature_requests_document', 'document_id', 'formality_documents', 'RESTRICT'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'signature_events',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('request_id', 36),
          int('seq'),
          str('kind', 32),
          datetime('at'),
          str('ip', 64, true),
          str('user_agent', 500, true),
          str('user_id', 36, true),
          str('user_name', 200, true),
          str('company_id', 36),
          { name: 'detail', type: 'text', isNullable: true },
          str('previous_hash', 64),
          str('hash', 64),
        ],
        indices: [{ name: 'ux_signature_events_request_seq', columnNames: ['request_id', 'seq'], isUnique: true }],
        foreignKeys: [fk('fk_signature_events_request', 'request_id', 'signature_requests')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['signature_events', 'signature_requests']) await q.dropTable(table);
  }
}
