import { Table, TableIndex, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: name === 'id' });
const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const str = (name: string, length: number, nullable = false, defaultValue?: string): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
  ...(defaultValue !== undefined ? { default: `'${defaultValue}'` } : {}),
});
const datetime = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const bool = (name: string): TableColumnOptions => ({ name, type: 'boolean', default: false });

/** Companies, users, memberships, sessions, password resets, activity journal and email outbox. */
export class Foundation1763800000000 implements MigrationInterface {
  name = 'Foundation1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'companies',
        columns: [
          id(),
          str('name', 120),
          { name: 'siret', type: 'varchar', length: '14' },
          str('address_line1', 200),
          str('address_line2', 200, true),
          str('postal_code', 16),
          str('city', 100),
          { name: 'country', type: 'varchar', length: '2' },
          datetime('created_at'),
          datetime('updated_at'),
        ],
        uniques: [{ name: 'uq_companies_siret', columnNames: ['siret'] }],
        indices: [{ name: 'ix_companies_created', columnNames: ['created_at', 'id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id(),
          str('email', 254),
          str('first_name', 80),
          str('last_name', 80),
          str('phone', 20, true),
          str('password_hash', 255, true),
          str('locale', 2, false, 'fr'),
          bool('is_staff'),
          bool('disabled'),
          datetime('last_login_at', true),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        uniques: [{ name: 'uq_users_email', columnNames: ['email'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'memberships',
        columns: [
          id(),
          ref('company_id'),
          ref('user_id'),
          str('scopes', 64),
          str('status', 16, false, 'ACTIVE'),
          str('contact_for', 64, false, ''),
          str('job_title', 100, true),
          ref('invited_by_id', true),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        uniques: [{ name: 'uq_memberships_company_user', columnNames: ['company_id', 'user_id'] }],
        indices: [{ name: 'ix_memberships_user', columnNames: ['user_id'] }],
        foreignKeys: [
          {
            name: 'fk_memberships_company',
            columnNames: ['company_id'],
            referencedTableName: 'companies',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            name: 'fk_memberships_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sessions',
        columns: [
          id(),
          { name: 'token_hash', type: 'varchar', length: '64' },
          ref('user_id'),
          datetime('created_at'),
          datetime('expires_at'),
          datetime('last_seen_at'),
          str('ip', 45, true),
          str('user_agent', 255, true),
        ],
        uniques: [{ name: 'uq_sessions_token', columnNames: ['token_hash'] }],
        indices: [{ name: 'ix_sessions_user', columnNames: ['user_id'] }],
        foreignKeys: [
          {
            name: 'fk_sessions_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'password_resets',
        columns: [
          id(),
          ref('user_id'),
          { name: 'token_hash', type: 'varchar', length: '64' },
          datetime('created_at'),
          datetime('expires_at'),
          datetime('used_at', true),
        ],
        uniques: [{ name: 'uq_password_resets_token', columnNames: ['token_hash'] }],
        indices: [{ name: 'ix_password_resets_user', columnNames: ['user_id', 'created_at'] }],
        foreignKeys: [
          {
            name: 'fk_password_resets_user',
            columnNames: ['user_id'],
            referencedTableName: 'users',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'activity_events',
        columns: [
          id(),
          ref('company_id', true),
          ref('actor_user_id', true),
          str('action', 64),
          str('target_type', 32, true),
          str('target_id', 64, true),
          { name: 'details', type: 'text', isNullable: true },
          str('ip', 45, true),
          datetime('created_at'),
        ],
        indices: [
          { name: 'ix_activity_company', columnNames: ['company_id', 'created_at', 'id'] },
          { name: 'ix_activity_actor', columnNames: ['actor_user_id', 'created_at'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'outbox_emails',
        columns: [
          id(),
          str('to_address', 254),
          str('subject', 255),
          { name: 'text_body', type: 'text' },
          { name: 'html_body', type: 'text' },
          str('kind', 64),
          str('status', 16, false, 'PENDING'),
          { name: 'attempts', type: 'int', default: 0 },
          datetime('next_attempt_at'),
          str('last_error', 500, true),
          datetime('created_at'),
          datetime('sent_at', true),
        ],
      }),
    );
    await q.createIndex('outbox_emails', new TableIndex({ name: 'ix_outbox_due', columnNames: ['status', 'next_attempt_at'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outbox_emails', 'activity_events', 'password_resets', 'sessions', 'memberships', 'users', 'companies']) {
      await q.dropTable(table);
    }
  }
}
