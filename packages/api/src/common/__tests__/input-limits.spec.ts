import { getMetadataArgsStorage } from 'typeorm';
import { TEXT_LIMITS, type TextLimitName } from '@guichet/shared';
import { entities } from '../../db/entities';
import { INPUT_LIMITS } from '../input-limits';

/** The column each stored limit must fit in (table.column); the others are never stored as given. */
const COLUMNS: Partial<Record<TextLimitName, readonly string[]>> = {
  email: ['users.email', 'invitations.email', 'access_requests.email'],
  personName: ['users.first_name', 'users.last_name', 'invitations.first_name', 'access_requests.last_name'],
  companyName: ['companies.name'],
  jobTitle: ['memberships.job_title', 'invitations.job_title'],
  addressLine: ['companies.address_line1', 'companies.address_line2', 'forwarding_requests.address_line1'],
  postalCode: ['companies.postal_code', 'forwarding_requests.postal_code'],
  city: ['companies.city', 'forwarding_requests.city'],
  country: ['companies.country', 'forwarding_requests.country'],
  accessRequestMessage: ['access_requests.message'],
  tagName: ['tags.name', 'tags.name_key'],
  tagColor: ['tags.color'],
  idempotencyKey: ['forwarding_requests.idempotency_key'],
  tokenName: ['api_tokens.name'],
  mailSender: ['mail_items.sender'],
  mailRecipient: ['mail_items.recipient'],
  invoiceLabel: ['invoices.label', 'invoice_lines.label', 'invoice_lines.exemption_reason', 'invoice_plans.exemption_reason'],
  planLabel: ['invoice_plans.label'],
  quantity: ['invoice_lines.quantity'],
  vatRate: ['invoice_lines.vat_rate', 'invoice_plans.vat_rate'],
  day: ['invoices.due_date', 'invoices.period_start', 'invoice_payments.paid_on'],
  paymentReference: ['invoice_payments.reference'],
};

function columnLength(coordinate: string): number {
  const [table, column] = coordinate.split('.');
  const storage = getMetadataArgsStorage();
  const entity = storage.tables.find((t) => t.name === table && (entities as readonly unknown[]).includes(t.target));
  if (!entity) throw new Error(`no table ${table}`);
  const col = storage.columns.find(
    (c) => c.target === entity.target && (c.options.name ?? c.propertyName.replace(/[A-Z]/g, (l) => `_${l.toLowerCase()}`)) === column,
  );
  if (!col || typeof col.options.length !== 'number') throw new Error(`no column ${coordinate}`);
  return col.options.length;
}

describe('input limits', () => {
  it.each(Object.entries(COLUMNS))('%s fits the columns it is stored in', (name, columns) => {
    const limit = TEXT_LIMITS[name as TextLimitName];
    for (const column of columns ?? []) expect({ column, fits: limit <= columnLength(column) }).toEqual({ column, fits: true });
  });

  it('the tag name is exactly its column (the name and its folded key)', () => {
    expect(TEXT_LIMITS.tagName).toBe(columnLength('tags.name'));
    expect(TEXT_LIMITS.tagName).toBe(columnLength('tags.name_key'));
  });

  it('every declared limit names a shared maximum', () => {
    for (const [coordinate, rule] of Object.entries(INPUT_LIMITS)) {
      expect({ coordinate, limit: TEXT_LIMITS[rule.limit] > 0 }).toEqual({ coordinate, limit: true });
    }
  });
});
