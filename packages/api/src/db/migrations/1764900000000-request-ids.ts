import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The id of the HTTP request that caused an outbox email or a deferred request (X-Request-Id), so
 * that the worker's line for it can be found with the request's line. Null for the work of
 * scheduled jobs, and for the rows written before this migration.
 */
export class RequestIds1764900000000 implements MigrationInterface {
  name = 'RequestIds1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('outbox_emails', new TableColumn({ name: 'request_id', type: 'varchar', length: '64', isNullable: true }));
    await q.addColumn('deferred_requests', new TableColumn({ name: 'request_id', type: 'varchar', length: '64', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('deferred_requests', 'request_id');
    await q.dropColumn('outbox_emails', 'request_id');
  }
}
