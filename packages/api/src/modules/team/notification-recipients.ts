import type { EntityManager } from 'typeorm';
import { can, type ContactSubject, type Locale, type Permission, type Scope } from '@guichet/shared';
import { csvSet } from '../../db/columns';

export interface NotificationRecipient {
  email: string;
  firstName: string;
  locale: Locale;
}

export interface NotificationRecipients {
  /** `contact`: the members tagged for the subject; `admin_fallback`: nobody is, so the administrators. */
  reason: 'contact' | 'admin_fallback';
  recipients: NotificationRecipient[];
}

const scopesOf = csvSet<Scope>();
const subjectsOf = csvSet<ContactSubject>();

/**
 * Who is notified about a subject of a company (DESIGN §5): the active members tagged "contact
 * for" it whose scopes grant `permission`; when there is none, the administrators. Disabled
 * accounts never are. Read in the caller's transaction, with the change that causes the emails.
 */
export async function notificationRecipients(
  em: EntityManager,
  companyId: string,
  subject: ContactSubject,
  permission: Permission,
): Promise<NotificationRecipients> {
  const members: { email: string; first_name: string; locale: string; scopes: string; contact_for: string }[] = await em.query(
    `SELECT u.email, u.first_name, u.locale, m.scopes, m.contact_for
       FROM memberships m JOIN users u ON u.id = m.user_id
      WHERE m.company_id = ? AND m.status = 'ACTIVE' AND u.disabled = 0
      ORDER BY u.email`,
    [companyId],
  );
  const contacts = members.filter((m) => subjectsOf.from(m.contact_for).includes(subject) && can(scopesOf.from(m.scopes), permission));
  const chosen = contacts.length > 0 ? contacts : members.filter((m) => scopesOf.from(m.scopes).includes('ADMIN'));
  return {
    reason: contacts.length > 0 ? 'contact' : 'admin_fallback',
    recipients: chosen.map((m) => ({ email: m.email, firstName: m.first_name, locale: m.locale === 'en' ? 'en' : 'fr' })),
  };
}
