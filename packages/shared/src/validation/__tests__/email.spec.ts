import { COMMON_EMAIL_DOMAINS, GENERIC_MAILBOXES, isGenericMailbox, normaliseEmail, suggestEmailDomain, validateEmail } from '../email';

describe('normaliseEmail', () => {
  it('trims and lower-cases', () => {
    expect(normaliseEmail('  Jean.Dupont@Example.FR \n')).toBe('jean.dupont@example.fr');
  });
});

describe('validateEmail', () => {
  it.each([
    ['Jean.Dupont@Example.FR ', 'jean.dupont@example.fr'],
    ['jean@x.fr', 'jean@x.fr'],
    ['jean-pierre.o_neil+guichet@sub.example.co.uk', 'jean-pierre.o_neil+guichet@sub.example.co.uk'],
    ['j%d@exemple-1.fr', 'j%d@exemple-1.fr'],
    ['a@b.paris', 'a@b.paris'],
    ['r.h@exemple.fr', 'r.h@exemple.fr'],
    ['contactless@exemple.fr', 'contactless@exemple.fr'],
  ])('accepts %p as %p', (raw, email) => {
    expect(validateEmail(raw)).toEqual({ ok: true, email });
  });

  it.each([
    ['', 'EMAIL_REQUIRED'],
    ['   ', 'EMAIL_REQUIRED'],
    [`${'a'.repeat(65)}@x.fr`, 'EMAIL_TOO_LONG'],
    [`jean@${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.fr`, 'EMAIL_TOO_LONG'],
    ['jean dupont@x.fr', 'EMAIL_HAS_SPACES'],
    ['jean@x .fr', 'EMAIL_HAS_SPACES'],
    ['jean\t@x.fr', 'EMAIL_HAS_SPACES'],
    ['josé@x.fr', 'EMAIL_NON_ASCII'],
    ['jean@exämple.fr', 'EMAIL_NON_ASCII'],
    ['jean＠x.fr', 'EMAIL_NON_ASCII'],
    ['jean@@x.fr', 'EMAIL_MISSING_AT'],
    ['jean.x.fr', 'EMAIL_MISSING_AT'],
    ['jean@dupont@x.fr', 'EMAIL_MISSING_AT'],
    ['jean..d@x.fr', 'EMAIL_INVALID_LOCAL_PART'],
    ['.jean@x.fr', 'EMAIL_INVALID_LOCAL_PART'],
    ['jean.@x.fr', 'EMAIL_INVALID_LOCAL_PART'],
    ['@x.fr', 'EMAIL_INVALID_LOCAL_PART'],
    ['jean!@x.fr', 'EMAIL_INVALID_LOCAL_PART'],
    ['"jean"@x.fr', 'EMAIL_INVALID_LOCAL_PART'],
    ['jean,dupont@x.fr', 'EMAIL_INVALID_LOCAL_PART'],
    ['jean@-x.fr', 'EMAIL_INVALID_DOMAIN'],
    ['jean@x-.fr', 'EMAIL_INVALID_DOMAIN'],
    ['jean@x..fr', 'EMAIL_INVALID_DOMAIN'],
    ['jean@.x.fr', 'EMAIL_INVALID_DOMAIN'],
    ['jean@x.fr.', 'EMAIL_INVALID_DOMAIN'],
    ['jean@', 'EMAIL_INVALID_DOMAIN'],
    ['jean@x_y.fr', 'EMAIL_INVALID_DOMAIN'],
    ['jean@[192.168.0.1]', 'EMAIL_INVALID_DOMAIN'],
    [`jean@${'a'.repeat(64)}.fr`, 'EMAIL_INVALID_DOMAIN'],
    ['jean@localhost', 'EMAIL_MISSING_TLD'],
    ['jean@x.f', 'EMAIL_MISSING_TLD'],
    ['jean@x.123', 'EMAIL_MISSING_TLD'],
    ['jean@192.168.0.1', 'EMAIL_MISSING_TLD'],
    ['jean@x.f1', 'EMAIL_MISSING_TLD'],
    ['contact@demo-sas.fr', 'EMAIL_GENERIC_MAILBOX'],
    ['Compta+2024@x.fr', 'EMAIL_GENERIC_MAILBOX'],
    ['no.reply@x.fr', 'EMAIL_GENERIC_MAILBOX'],
    ['ne_pas_repondre@x.fr', 'EMAIL_GENERIC_MAILBOX'],
    ['RH@x.fr', 'EMAIL_GENERIC_MAILBOX'],
    ['service-client@x.fr', 'EMAIL_GENERIC_MAILBOX'],
  ])('refuses %p with %s', (raw, error) => {
    expect(validateEmail(raw)).toEqual({ ok: false, email: normaliseEmail(raw), error });
  });

  it('accepts a 64-character local part and a 254-character address', () => {
    expect(validateEmail(`${'a'.repeat(64)}@x.fr`).ok).toBe(true);
    const domain = `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(54)}.fr`;
    const email = `jean@${domain}`;
    expect(email).toHaveLength(254);
    expect(validateEmail(email).ok).toBe(true);
  });

  it('reports the first broken rule when several are broken', () => {
    expect(validateEmail('josé dupont@x.fr')).toMatchObject({ error: 'EMAIL_HAS_SPACES' });
    expect(validateEmail('josé.x.fr')).toMatchObject({ error: 'EMAIL_NON_ASCII' });
    expect(validateEmail('jean..d@-x')).toMatchObject({ error: 'EMAIL_INVALID_LOCAL_PART' });
    expect(validateEmail('contact@localhost')).toMatchObject({ error: 'EMAIL_MISSING_TLD' });
  });

  it('accepts department mailboxes when explicitly allowed', () => {
    expect(validateEmail('Contact@demo-sas.fr', { allowGenericMailbox: true })).toEqual({
      ok: true,
      email: 'contact@demo-sas.fr',
    });
    expect(validateEmail('contact@localhost', { allowGenericMailbox: true })).toMatchObject({
      ok: false,
      error: 'EMAIL_MISSING_TLD',
    });
  });

  it('accepts a likely typo with a warning carrying the corrected address', () => {
    expect(validateEmail('Jean@Gmail.con')).toEqual({
      ok: true,
      email: 'jean@gmail.con',
      warning: { code: 'EMAIL_DOMAIN_TYPO', suggestion: 'jean@gmail.com' },
    });
    expect(validateEmail('x@hotmial.fr')).toMatchObject({
      ok: true,
      warning: { code: 'EMAIL_DOMAIN_TYPO', suggestion: 'x@hotmail.fr' },
    });
  });

  it('gives no warning for the exact provider domains', () => {
    for (const domain of COMMON_EMAIL_DOMAINS) {
      expect(validateEmail(`jean@${domain}`)).toEqual({ ok: true, email: `jean@${domain}` });
    }
  });
});

describe('GENERIC_MAILBOXES', () => {
  it('contains the department mailboxes named in the design', () => {
    for (const mailbox of [
      'contact',
      'info',
      'infos',
      'admin',
      'administration',
      'maintenance',
      'support',
      'compta',
      'comptabilite',
      'facturation',
      'factures',
      'billing',
      'accounting',
      'rh',
      'hr',
      'noreply',
      'no-reply',
      'ne-pas-repondre',
      'nepasrepondre',
      'postmaster',
      'webmaster',
      'hostmaster',
      'abuse',
      'sales',
      'commercial',
      'ventes',
      'direction',
      'secretariat',
      'accueil',
      'bonjour',
      'hello',
      'office',
      'team',
      'equipe',
      'service-client',
      'serviceclient',
      'juridique',
      'legal',
      'jobs',
      'recrutement',
      'marketing',
      'newsletter',
      'mailer-daemon',
      'root',
      'it',
      'dev',
      'test',
    ]) {
      expect(GENERIC_MAILBOXES).toContain(mailbox);
    }
  });

  it('holds lower-case ASCII entries in the canonical hyphenated form, without duplicates', () => {
    for (const mailbox of GENERIC_MAILBOXES) expect(mailbox).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(new Set(GENERIC_MAILBOXES).size).toBe(GENERIC_MAILBOXES.length);
  });

  it('every entry is refused by validateEmail, with and without a +tag', () => {
    for (const mailbox of GENERIC_MAILBOXES) {
      expect(validateEmail(`${mailbox}@exemple.fr`)).toMatchObject({ error: 'EMAIL_GENERIC_MAILBOX' });
      expect(validateEmail(`${mailbox}+tag@exemple.fr`)).toMatchObject({ error: 'EMAIL_GENERIC_MAILBOX' });
    }
  });

  it('isGenericMailbox matches on the local part only, ignoring the +tag and separators', () => {
    expect(isGenericMailbox('Support+urgent@exemple.fr')).toBe(true);
    expect(isGenericMailbox('service.client@exemple.fr')).toBe(true);
    expect(isGenericMailbox('jean@contact.fr')).toBe(false);
    expect(isGenericMailbox('contact.dupont@exemple.fr')).toBe(false);
    expect(isGenericMailbox('jean+contact@exemple.fr')).toBe(false);
  });
});

describe('suggestEmailDomain', () => {
  it.each([
    ['jean@gmail.con', 'jean@gmail.com'],
    ['jean@gmial.com', 'jean@gmail.com'],
    ['jean@gmai.com', 'jean@gmail.com'],
    ['jean@gmaill.com', 'jean@gmail.com'],
    ['jean@gmail.co', 'jean@gmail.com'],
    ['jean@gmail.cmo', 'jean@gmail.com'],
    ['jean@gmial.cmo', 'jean@gmail.com'],
    ['jean@gmail.fr', 'jean@gmail.com'],
    ['x@hotmial.fr', 'x@hotmail.fr'],
    ['x@hotmail.fe', 'x@hotmail.fr'],
    ['x@hotmail.frr', 'x@hotmail.fr'],
    ['x@hotmal.com', 'x@hotmail.com'],
    ['x@outlok.fr', 'x@outlook.fr'],
    ['x@yaho.fr', 'x@yahoo.fr'],
    ['x@oragne.fr', 'x@orange.fr'],
    ['x@wanadoo.fe', 'x@wanadoo.fr'],
    ['x@fre.fr', 'x@free.fr'],
    ['x@fre.frr', 'x@free.fr'],
    ['x@srf.fr', 'x@sfr.fr'],
    ['x@lapost.net', 'x@laposte.net'],
    ['x@laposte.ner', 'x@laposte.net'],
    ['x@iclould.com', 'x@icloud.com'],
    ['x@protonmial.com', 'x@protonmail.com'],
    ['x@proton.mee', 'x@proton.me'],
    ['X@GMAIL.CON', 'x@gmail.com'],
  ])('suggests a fix for %p: %p', (email, suggestion) => {
    expect(suggestEmailDomain(email)).toBe(suggestion);
  });

  it.each([
    ['jean@gmail.com'],
    ['jean@hotmail.fr'],
    ['jean@demo-sas.fr'],
    ['jean@exemple.com'],
    ['jean@hotmail.be'],
    ['jean@yahoo.de'],
    ['jean@outlook.es'],
    ['jean@orange.com'],
    ['jean@laposte.fr'],
    ['jean@live.com'],
    ['jean@mail.com'],
    ['jean@email.com'],
    ['jean@ymail.com'],
    ['jean@gmx.fr'],
    ['jean@sncf.fr'],
    ['jean@hotmail.co.uk'],
    ['jean@free.frrr'],
    ['not an email'],
    ['a@b@gmail.con'],
    ['@gmail.con'],
  ])('suggests nothing for %p', (email) => {
    expect(suggestEmailDomain(email)).toBeNull();
  });
});
