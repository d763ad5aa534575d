import { LOCALES, type Locale } from '@guichet/shared';
import { formalityReminderEmail } from '../../formalities/formality-reminders';
import { formalityEmail } from '../../formalities/formalities.emails';
import { invoiceIssuedEmail, invoiceOverdueEmail } from '../../invoices/invoices.emails';
import { newMailEmail } from '../../mail/mail.emails';
import {
  operatorSignatureAlertEmail,
  signatureCancelledEmail,
  signatureCodeEmail,
  signatureCompletedEmail,
  signatureRequestedEmail,
} from '../../signatures/signatures.emails';
import { adminNoticeEmail, invitationEmail } from '../../team/team.emails';
import { accountLockedEmail, layoutEmail, passwordResetEmail, type RenderedEmail } from '../templates';

/** Every email the product sends ends with the links to the legal notice and the privacy notice, in its language. */

const publicUrl = 'https://guichet.example.fr';
const when = new Date('2026-12-08T10:00:00Z');
const url = `${publicUrl}/c/company/page`;
const signature = { firstName: 'Alice', companyName: 'Demo SAS', formalityTitle: 'Transfert', documentTitle: 'PV', url, publicUrl };
const invoice = {
  firstName: 'Alice',
  companyName: 'Demo SAS',
  kind: 'INVOICE' as const,
  number: 'F-2026-0001',
  grossCents: 5880,
  remainingCents: 5880,
  dueDate: '2027-01-07',
  periodStart: '2026-12-01',
  periodEnd: '2026-12-31',
  creditedNumber: null,
  url,
  reason: 'contact' as const,
  publicUrl,
};

/** Each email of the product, written in `locale` (the operator's alerts are French only). */
const EMAILS: Record<string, (locale: Locale) => RenderedEmail> = {
  password_reset: (locale) => passwordResetEmail(locale, { firstName: 'Alice', url, expiresAt: when, publicUrl }),
  account_locked: (locale) => accountLockedEmail(locale, { firstName: 'Alice', lockedUntil: when, url, publicUrl }),
  invitation: (locale) =>
    invitationEmail(locale, 'invitation', {
      companyName: 'Demo SAS',
      inviterName: 'Alice Martin',
      firstName: 'Léa',
      scopes: ['COURRIER'],
      url,
      expiresAt: when,
      accountExists: false,
      forgotPasswordUrl: `${publicUrl}/forgot-password`,
      publicUrl,
    }),
  access_requested: (locale) =>
    adminNoticeEmail(locale, 'access_requested', {
      companyName: 'Demo SAS',
      personName: 'Léa Moreau',
      email: 'lea@exemple.fr',
      url,
      publicUrl,
    }),
  mail_received: (locale) =>
    newMailEmail(locale, {
      firstName: 'Alice',
      companyName: 'Demo SAS',
      sender: 'URSSAF',
      recipient: 'Demo SAS',
      type: 'LETTER',
      pageCount: 2,
      receivedAt: when,
      url,
      reason: 'contact',
      publicUrl,
    }),
  invoice_issued: (locale) => invoiceIssuedEmail(locale, invoice),
  invoice_overdue: (locale) => invoiceOverdueEmail(locale, invoice),
  formality: (locale) =>
    formalityEmail('completed', locale, {
      firstName: 'Alice',
      companyName: 'Demo SAS',
      title: 'Transfert',
      url,
      reason: 'contact',
      publicUrl,
    }),
  formality_due_reminder: (locale) =>
    formalityReminderEmail(locale, {
      firstName: 'Alice',
      companyName: 'Demo SAS',
      title: 'Transfert',
      dueDate: '2026-12-10',
      overdue: false,
      url,
      reason: 'contact',
      publicUrl,
    }),
  signature_requested: (locale) => signatureRequestedEmail(locale, signature),
  signature_code: (locale) => signatureCodeEmail(locale, { ...signature, code: '123456', expiresAt: when }),
  signature_completed: (locale) => signatureCompletedEmail(locale, { ...signature, signerName: 'David Bernard', reason: 'contact' }),
  signature_cancelled: (locale) => signatureCancelledEmail(locale, { ...signature, reason: 'Erreur de document' }),
};

const FOOTER: Record<Locale, { text: string; html: string[] }> = {
  fr: {
    text: `Mentions légales : ${publicUrl}/legal/mentions-legales\nPolitique de confidentialité : ${publicUrl}/legal/confidentialite`,
    html: [
      `<a href="${publicUrl}/legal/mentions-legales" style="color:#4b5563">Mentions légales</a>`,
      `<a href="${publicUrl}/legal/confidentialite" style="color:#4b5563">Politique de confidentialité</a>`,
    ],
  },
  en: {
    text: `Legal notice: ${publicUrl}/legal/mentions-legales\nPrivacy notice: ${publicUrl}/legal/confidentialite`,
    html: [
      `<a href="${publicUrl}/legal/mentions-legales" style="color:#4b5563">Legal notice</a>`,
      `<a href="${publicUrl}/legal/confidentialite" style="color:#4b5563">Privacy notice</a>`,
    ],
  },
};

describe('the footer of every email', () => {
  const cases = Object.entries(EMAILS).flatMap(([name, build]) => LOCALES.map((locale) => [name, locale, build] as const));

  it.each(cases)('%s (%s) ends with the legal links, in its language', (_name, locale, build) => {
    const email = build(locale);
    expect(email.text.endsWith(`\n\n${FOOTER[locale].text}`)).toBe(true);
    for (const link of FOOTER[locale].html) expect(email.html).toContain(link);
    expect(email.html).toContain(`<html lang="${locale}">`);
    const other = locale === 'fr' ? 'en' : 'fr';
    expect(email.text).not.toContain(FOOTER[other].text.split('\n')[0]);
  });

  it('does the same for the operator’s alerts, which are written in French', () => {
    const email = operatorSignatureAlertEmail('locked', {
      companyName: 'Demo SAS',
      formalityTitle: 'Transfert',
      documentTitle: 'PV',
      signerName: 'David Bernard',
      reason: null,
      url,
      publicUrl,
    });
    expect(email.text.endsWith(`\n\n${FOOTER.fr.text}`)).toBe(true);
    for (const link of FOOTER.fr.html) expect(email.html).toContain(link);
  });

  it('escapes the links in the HTML, as the rest of the email', () => {
    const email = layoutEmail('test', 'Sujet', ['Bonjour,'], { label: 'Ouvrir', url }, 'Guichet', {
      locale: 'fr',
      publicUrl: 'https://guichet.example.fr/a"b',
    });
    expect(email.html).toContain('href="https://guichet.example.fr/a&quot;b/legal/mentions-legales"');
    expect(email.html).not.toContain('a"b');
  });
});
