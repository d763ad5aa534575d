import DataLoader from 'dataloader';
import { In, type DataSource } from 'typeorm';
import { UserEntity } from '../modules/auth/user.entity';
import { CompanyEntity } from '../modules/companies/company.entity';
import { createInvoiceLoaders, type InvoiceLoaders } from '../modules/invoices/invoices.loader';
import { createMailLoaders, type MailLoaders } from '../modules/mail/mail.loader';

/** Built per request: nothing is cached across requests, so permission changes apply at once. */
export interface Loaders {
  companyById: DataLoader<string, CompanyEntity | null>;
  userById: DataLoader<string, UserEntity | null>;
  mail: MailLoaders;
  invoices: InvoiceLoaders;
}

function byId<T extends { id: string }>(load: (ids: string[]) => Promise<T[]>): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await load([...ids]);
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

export function createLoaders(ds: DataSource): Loaders {
  return {
    companyById: byId((ids) => ds.getRepository(CompanyEntity).findBy({ id: In(ids) })),
    userById: byId((ids) => ds.getRepository(UserEntity).findBy({ id: In(ids) })),
    mail: createMailLoaders(ds),
    invoices: createInvoiceLoaders(ds),
  };
}
