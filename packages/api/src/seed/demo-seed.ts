import type { DataSource } from 'typeorm';
import type { Scope } from '@guichet/shared';
import { newId } from '../common/ids';
import { hashPassword } from '../modules/auth/password';
import { UserEntity } from '../modules/auth/user.entity';
import { CompanyEntity } from '../modules/companies/company.entity';
import { MembershipEntity } from '../modules/team/membership.entity';
import type { FileStorage } from '../storage/storage';
import type { SellerIdentity } from '../modules/invoices/facturx';
import { seedDemoFormalities, seedOtherCompanyFormality } from './demo-formalities';
import { seedDemoInvoices } from './demo-invoices';
import { seedDemoMail } from './demo-mail';

export interface DemoLogin {
  email: string;
  description: string;
}

interface DemoPerson {
  firstName: string;
  lastName: string;
  email: string;
  scopes: Scope[];
  jobTitle: string;
  description: string;
}

export const DEMO_COMPANIES = {
  demo: { name: 'Demo SAS', siret: '91234567500017', addressLine1: '12 rue de la Paix', postalCode: '75002', city: 'Paris' },
  autre: { name: 'Autre SARL', siret: '92345678400019', addressLine1: '8 avenue Jean Médecin', postalCode: '06000', city: 'Nice' },
} as const;

const DEMO_SAS_PEOPLE: DemoPerson[] = [
  {
    firstName: 'Alice',
    lastName: 'Martin',
    email: 'alice.martin@demo-sas.fr',
    scopes: ['ADMIN'],
    jobTitle: 'Gérante',
    description: 'Demo SAS — Administrateur',
  },
  {
    firstName: 'Bruno',
    lastName: 'Petit',
    email: 'bruno.petit@demo-sas.fr',
    scopes: ['COURRIER'],
    jobTitle: 'Assistant de direction',
    description: 'Demo SAS — Gestion de courrier',
  },
  {
    firstName: 'Chloé',
    lastName: 'Durand',
    email: 'chloe.durand@demo-sas.fr',
    scopes: ['FACTURATION'],
    jobTitle: 'Comptable',
    description: 'Demo SAS — Facturation',
  },
  {
    firstName: 'David',
    lastName: 'Bernard',
    email: 'david.bernard@demo-sas.fr',
    scopes: ['FORMALITE'],
    jobTitle: 'Juriste',
    description: 'Demo SAS — Gestion de formalité',
  },
];
const AUTRE_SARL_PEOPLE: DemoPerson[] = [
  {
    firstName: 'Emma',
    lastName: 'Leroy',
    email: 'emma.leroy@autre-sarl.fr',
    scopes: ['ADMIN'],
    jobTitle: 'Gérante',
    description: 'Autre SARL — Administrateur',
  },
];
const STAFF = { firstName: 'Olivia', lastName: 'Robert', email: 'olivia.robert@domicile-pro.fr', description: 'Opérateur (staff)' };

/** Seeds the demo companies and people when the database has no user yet; returns the logins. */
export async function seedDemoIfEmpty(
  ds: DataSource,
  password: string,
  now: Date = new Date(),
  options: { storage?: FileStorage; seller?: SellerIdentity; invoices?: boolean } = {},
): Promise<DemoLogin[] | null> {
  if ((await ds.getRepository(UserEntity).count()) > 0) return null;
  const logins: DemoLogin[] = [];
  const ids = { staff: '', demo: '', formalities: '', autre: '', autreAdmin: '' };
  await ds.transaction(async (em) => {
    const makeUser = async (p: { firstName: string; lastName: string; email: string }, isStaff = false): Promise<UserEntity> => {
      const user: UserEntity = {
        id: newId(),
        email: p.email,
        firstName: p.firstName,
        lastName: p.lastName,
        phone: null,
        passwordHash: await hashPassword(password),
        locale: 'fr',
        isStaff,
        disabled: false,
        lastLoginAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await em.insert(UserEntity, user);
      return user;
    };
    const staff = await makeUser(STAFF, true);
    ids.staff = staff.id;
    logins.push({ email: STAFF.email, description: STAFF.description });
    for (const [key, people] of [
      ['demo', DEMO_SAS_PEOPLE],
      ['autre', AUTRE_SARL_PEOPLE],
    ] as const) {
      const c = DEMO_COMPANIES[key];
      const company: CompanyEntity = { id: newId(), ...c, addressLine2: null, country: 'FR', createdAt: now, updatedAt: now };
      await em.insert(CompanyEntity, company);
      if (key === 'demo') ids.demo = company.id;
      if (key === 'autre') ids.autre = company.id;
      let admin: UserEntity | undefined;
      for (const person of people) {
        const user = await makeUser(person);
        await em.insert(MembershipEntity, {
          id: newId(),
          companyId: company.id,
          userId: user.id,
          scopes: person.scopes,
          status: 'ACTIVE',
          contactFor: person.scopes.includes('ADMIN')
            ? []
            : person.scopes.filter((s): s is 'COURRIER' | 'FACTURATION' | 'FORMALITE' => s !== 'ADMIN'),
          jobTitle: person.jobTitle,
          invitedById: admin?.id ?? staff.id,
          createdAt: now,
          updatedAt: now,
        });
        if (key === 'demo' && person.scopes.includes('FORMALITE')) ids.formalities = user.id;
        if (key === 'autre' && person.scopes.includes('ADMIN')) ids.autreAdmin = user.id;
        admin ??= user;
        logins.push({ email: person.email, description: person.description });
      }
    }
  });
  // Demo mail with its PDFs, when there is a file storage to put them in.
  if (options.storage) await seedDemoMail(ds, options.storage, DEMO_COMPANIES, now);
  // Demo SAS's formalities (one waiting for the client and a signature, one completed with its
  // document), and Autre SARL's (under the operator's review).
  if (options.storage) {
    await seedDemoFormalities(ds, options.storage, ids.demo, ids.staff, ids.formalities, now);
    await seedOtherCompanyFormality(ds, options.storage, ids.autre, ids.staff, ids.autreAdmin, now);
  }
  // A year of Demo SAS's invoices (Factur-X PDFs and XMLs in the same storage).
  if (options.storage && options.invoices !== false) await seedDemoInvoices(ds, options.storage, ids.demo, ids.staff, now, options.seller);
  return logins;
}
