import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions } from 'typeorm';

const str = (name: string, length: number, nullable = false, defaultValue?: string): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
  ...(defaultValue !== undefined ? { default: `'${defaultValue}'` } : {}),
});
const datetime = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });

/** Invitations and access requests. */
export class Team1763850000000 implements MigrationInterface {
  name = 'Team1763850000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'invitations',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('company_id', 36),
          str('email', 254),
          str('first_name', 80),
          str('last_name', 80),
          str('phone', 20, true),
          str('job_title', 100, true),
          str('scopes', 64),
          str('contact_for', 64, false, ''),
          str('token_hash', 64),
          datetime('expires_at'),
          str('status', 16, false, 'PENDING'),
          str('pending_key', 300, true),
          { name: 'sent_count', type: 'int', default: 0 },
          datetime('last_sent_at', true),
          datetime('reminder_sent_at', true),
          str('reminder_token_hash', 64, true),
          str('locale', 2, false, 'fr'),
          str('invited_by_id', 36, true),
          str('access_request_id', 36, true),
          datetime('new_link_requested_at', true),
          datetime('accepted_at', true),
          str('accepted_user_id', 36, true),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        uniques: [
          { name: 'uq_invitations_token', columnNames: ['token_hash'] },
          { name: 'uq_invitations_reminder_token', columnNames: ['reminder_token_hash'] },
          { name: 'uq_invitations_pending', columnNames: ['pending_key'] },
        ],
        indices: [
          { name: 'ix_invitations_company', columnNames: ['company_id', 'created_at'] },
          { name: 'ix_invitations_email', columnNames: ['email', 'last_sent_at'] },
          { name: 'ix_invitations_due_reminder', columnNames: ['status', 'expires_at'] },
        ],
        foreignKeys: [
          {
            name: 'fk_invitations_company',
            columnNames: ['company_id'],
            referencedTableName: 'companies',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'access_requests',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('company_id', 36),
          str('email', 254),
          str('first_name', 80),
          str('last_name', 80),
          str('message', 1000, true),
          str('status', 16, false, 'PENDING'),
          str('pending_key', 300, true),
          str('decided_by_id', 36, true),
          datetime('decided_at', true),
          str('invitation_id', 36, true),
          str('ip', 45, true),
          datetime('created_at'),
        ],
        uniques: [{ name: 'uq_access_requests_pending', columnNames: ['pending_key'] }],
        indices: [{ name: 'ix_access_requests_company', columnNames: ['company_id', 'status', 'created_at'] }],
        foreignKeys: [
          {
            name: 'fk_access_requests_company',
            columnNames: ['company_id'],
            referencedTableName: 'companies',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('access_requests');
    await q.dropTable('invitations');
  }
}
