import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The client's due date a formality was last reminded for: one reminder per due date. */
export class FormalityReminders1764750000000 implements MigrationInterface {
  name = 'FormalityReminders1764750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('formalities', new TableColumn({ name: 'reminded_due_date', type: 'varchar', length: '10', isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('formalities', 'reminded_due_date');
  }
}
