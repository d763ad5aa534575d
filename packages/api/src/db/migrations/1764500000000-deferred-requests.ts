import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Public requests (password reset, access request, new invitation link, account-lock notice) whose
 * work is carried out after the answer, by a worker.
 */
export class DeferredRequests1764500000000 implements MigrationInterface {
  name = 'DeferredRequests1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'deferred_requests',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '32' },
          { name: 'payload', type: 'text' },
          { name: 'status', type: 'varchar', length: '16', default: "'PENDING'" },
          { name: 'attempts', type: 'int', default: 0 },
          { name: 'next_attempt_at', type: 'datetime', precision: 3 },
          { name: 'last_error', type: 'varchar', length: '500', isNullable: true },
          { name: 'created_at', type: 'datetime', precision: 3 },
        ],
        indices: [{ name: 'ix_deferred_due', columnNames: ['status', 'next_attempt_at'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('deferred_requests');
  }
}
