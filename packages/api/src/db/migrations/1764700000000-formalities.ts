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
 * Formalities: the formality and its timeline, the information requests and their answers (kept,
 * rejected ones included), the delivered documents. A company's formalities go with it.
 * The client's list reads (company_id, turn_rank, id): its turn first, newest first.
 */
export class Formalities1764700000000 implements MigrationInterface {
  name = 'Formalities1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'formalities',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('company_id', 36),
          str('type', 32),
          str('title', 200),
          str('state', 32),
          str('turn', 16, true),
          int('turn_rank'),
          str('due_date', 10, true),
          str('tracking_number', 100, true),
          str('reason', 1000, true),
          str('opened_by_id', 36, true),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        indices: [
          { name: 'ix_formalities_company_turn', columnNames: ['company_id', 'turn_rank', 'id', 'state'] },
          { name: 'ix_formalities_company_state', columnNames: ['company_id', 'state', 'turn_rank', 'id'] },
        ],
        foreignKeys: [fk('fk_formalities_company', 'company_id', 'companies')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'formality_events',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('formality_id', 36),
          str('company_id', 36),
          str('kind', 32),
          str('from_state', 32, true),
          str('to_state', 32, true),
          str('actor_user_id', 36, true),
          str('actor_name', 200, true),
          { name: 'actor_is_staff', type: 'boolean', default: false },
          str('detail', 1000, true),
          datetime('at'),
        ],
        indices: [{ name: 'ix_formality_events_formality', columnNames: ['formality_id', 'id'] }],
        foreignKeys: [fk('fk_formality_events_formality', 'formality_id', 'formalities')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'information_requests',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('formality_id', 36),
          str('company_id', 36),
          int('position'),
          str('kind', 16),
          str('question', 500),
          { name: 'choices_json', type: 'text', isNullable: true },
          { name: 'required', type: 'boolean' },
          str('due_date', 10, true),
          str('status', 16),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        indices: [{ name: 'ix_information_requests_formality', columnNames: ['formality_id', 'position'] }],
        foreignKeys: [fk('fk_information_requests_formality', 'formality_id', 'formalities')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'information_answers',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('request_id', 36),
          str('formality_id', 36),
          str('company_id', 36),
          { name: 'value', type: 'text', isNullable: true },
          str('file_key', 255, true),
          str('file_type', 40, true),
          int('file_size', true),
          str('file_sha256', 64, true),
          str('answered_by_id', 36, true),
          datetime('answered_at'),
          str('review', 16),
          str('review_reason', 1000, true),
          str('reviewed_by_id', 36, true),
          datetime('reviewed_at', true),
        ],
        indices: [
          { name: 'ix_information_answers_request', columnNames: ['request_id', 'id'] },
          { name: 'ix_information_answers_formality', columnNames: ['formality_id', 'id'] },
        ],
        foreignKeys: [fk('fk_information_answers_request', 'request_id', 'information_requests')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'formality_documents',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('formality_id', 36),
          str('company_id', 36),
          str('title', 200),
          str('file_key', 255),
          int('file_size'),
          str('file_sha256', 64),
          str('delivered_by_id', 36, true),
          datetime('delivered_at'),
        ],
        indices: [{ name: 'ix_formality_documents_formality', columnNames: ['formality_id', 'id'] }],
        foreignKeys: [fk('fk_formality_documents_formality', 'formality_id', 'formalities')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['formality_documents', 'information_answers', 'information_requests', 'formality_events', 'formalities']) {
      await q.dropTable(table);
    }
  }
}
