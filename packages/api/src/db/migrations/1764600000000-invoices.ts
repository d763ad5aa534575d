import { Table, type MigrationInterface, type QueryRunner, type TableColumnOptions, type TableForeignKeyOptions } from 'typeorm';

const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const int = (name: string, defaultValue?: number): TableColumnOptions => ({
  name,
  type: 'int',
  ...(defaultValue !== undefined ? { default: defaultValue } : {}),
});
const datetime = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'datetime', precision: 3, isNullable: nullable });
const fk = (name: string, column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT' = 'RESTRICT'): TableForeignKeyOptions => ({
  name,
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete,
});

/**
 * Invoices ("Factures"): plans, the gap-free number sequences, invoices and credit notes, their
 * lines and payments. Invoices are kept (10 years by law): a company's deletion is refused while it
 * has invoices (RESTRICT), while plans go with their company.
 * Every list index starts with company_id and ends with (issued_at, id), so keyset pages seek.
 */
export class Invoices1764600000000 implements MigrationInterface {
  name = 'Invoices1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'invoice_plans',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('company_id', 36),
          str('label', 200),
          str('period', 8),
          int('price_cents'),
          str('vat_rate', 5),
          str('exemption_reason', 300, true),
          { name: 'active', type: 'boolean', default: true },
          str('created_by_id', 36, true),
          datetime('created_at'),
          datetime('updated_at'),
        ],
        uniques: [{ name: 'uq_invoice_plans_company', columnNames: ['company_id'] }],
        foreignKeys: [fk('fk_invoice_plans_company', 'company_id', 'companies', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'invoice_sequences',
        columns: [{ ...str('series', 16), isPrimary: true }, int('last_number'), datetime('last_issued_at')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'invoices',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('company_id', 36),
          str('kind', 16),
          str('series', 16),
          int('sequence_number'),
          str('number', 40),
          str('credited_invoice_id', 36, true),
          str('credited_invoice_number', 40, true),
          datetime('issued_at'),
          str('issue_date', 10),
          str('due_date', 10),
          str('period_start', 10),
          str('period_end', 10),
          str('label', 300),
          { name: 'buyer_json', type: 'text' },
          str('buyer_name', 200),
          int('net_cents'),
          int('vat_cents'),
          int('gross_cents'),
          { name: 'vat_breakdown_json', type: 'text' },
          str('status', 16, true),
          int('paid_cents', 0),
          int('credited_cents', 0),
          str('paid_date', 10, true),
          str('pdf_key', 255),
          int('pdf_size'),
          str('pdf_sha256', 64),
          str('xml_key', 255),
          int('xml_size'),
          str('xml_sha256', 64),
          str('billing_period', 7, true),
          str('search_text', 250),
          datetime('overdue_reminder_sent_at', true),
          str('issued_by_id', 36, true),
          datetime('created_at'),
        ],
        uniques: [
          { name: 'uq_invoices_number', columnNames: ['number'] },
          { name: 'uq_invoices_series_sequence', columnNames: ['series', 'sequence_number'] },
          // One invoice per company and billing period: two runs at once, or a run repeated after a
          // crash, cannot bill twice. NULL (one-off invoices, credit notes) repeats freely.
          { name: 'uq_invoices_company_period', columnNames: ['company_id', 'billing_period'] },
        ],
        indices: [
          // Also carries what the filters read, so that a filtered or searched page scans index entries only.
          {
            name: 'ix_invoices_company_issued',
            columnNames: ['company_id', 'issued_at', 'id', 'status', 'kind', 'due_date', 'search_text'],
          },
          { name: 'ix_invoices_company_status', columnNames: ['company_id', 'status', 'issued_at', 'id'] },
          // The operator's lists across companies.
          { name: 'ix_invoices_issued', columnNames: ['issued_at', 'id'] },
          { name: 'ix_invoices_status', columnNames: ['status', 'issued_at', 'id'] },
          // The overdue reminder job.
          { name: 'ix_invoices_status_due', columnNames: ['status', 'due_date'] },
          { name: 'ix_invoices_credited', columnNames: ['credited_invoice_id'] },
        ],
        foreignKeys: [fk('fk_invoices_company', 'company_id', 'companies'), fk('fk_invoices_credited', 'credited_invoice_id', 'invoices')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'invoice_lines',
        columns: [
          { ...str('invoice_id', 36), isPrimary: true },
          { ...int('position'), isPrimary: true },
          str('company_id', 36),
          str('label', 300),
          str('quantity', 24),
          int('unit_price_cents'),
          str('vat_rate', 5),
          str('exemption_reason', 300, true),
          int('net_cents'),
        ],
        foreignKeys: [fk('fk_invoice_lines_invoice', 'invoice_id', 'invoices', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'invoice_payments',
        columns: [
          { ...str('id', 36), isPrimary: true },
          str('invoice_id', 36),
          str('company_id', 36),
          int('amount_cents'),
          str('paid_on', 10),
          str('method', 16),
          str('reference', 100, true),
          str('recorded_by_id', 36, true),
          datetime('recorded_at'),
        ],
        indices: [{ name: 'ix_invoice_payments_invoice', columnNames: ['invoice_id', 'paid_on', 'id'] }],
        foreignKeys: [fk('fk_invoice_payments_invoice', 'invoice_id', 'invoices', 'CASCADE')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['invoice_payments', 'invoice_lines', 'invoices', 'invoice_sequences', 'invoice_plans']) {
      await q.dropTable(table);
    }
  }
}
