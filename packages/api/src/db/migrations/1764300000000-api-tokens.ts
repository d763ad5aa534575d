import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

const varchar = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const datetime = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });

/**
 * API tokens for programs (a company's, and the operator's own), and the token named on the
 * journal events it caused.
 */
export class ApiTokens1764300000000 implements MigrationInterface {
  name = 'ApiTokens1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'api_tokens',
        columns: [
          { ...varchar('id', 36), isPrimary: true },
          varchar('kind', 16),
          varchar('company_id', 36, true),
          varchar('name', 80),
          varchar('permissions', 400),
          varchar('token_hash', 64),
          varchar('prefix', 16),
          varchar('created_by_id', 36),
          datetime('created_at'),
          datetime('expires_at'),
          datetime('last_used_at', true),
          varchar('last_used_ip', 45, true),
          { ...varchar('allowed_ips', 1000), default: "''" },
          varchar('rotated_from_id', 36, true),
          datetime('grace_ends_at', true),
          datetime('revoked_at', true),
          varchar('revoked_reason', 32, true),
        ],
        uniques: [{ name: 'uq_api_tokens_hash', columnNames: ['token_hash'] }],
        indices: [
          { name: 'ix_api_tokens_company', columnNames: ['company_id', 'created_at', 'id'] },
          { name: 'ix_api_tokens_creator', columnNames: ['created_by_id', 'company_id'] },
        ],
        foreignKeys: [
          {
            name: 'fk_api_tokens_company',
            columnNames: ['company_id'],
            referencedTableName: 'companies',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          { name: 'fk_api_tokens_creator', columnNames: ['created_by_id'], referencedTableName: 'users', referencedColumnNames: ['id'] },
        ],
      }),
    );
    await q.addColumn('activity_events', new TableColumn(varchar('actor_api_token_id', 36, true)));
    await q.createIndex('activity_events', new TableIndex({ name: 'ix_activity_api_token', columnNames: ['actor_api_token_id'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('activity_events', 'ix_activity_api_token');
    await q.dropColumn('activity_events', 'actor_api_token_id');
    await q.dropTable('api_tokens');
  }
}
