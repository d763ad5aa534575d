import { PERMISSIONS } from '../../permissions/permissions';
import { ROLES, ROLE_SCOPES } from '../../permissions/roles';
import { CONTACT_SUBJECTS, SCOPES } from '../../permissions/scopes';
import {
  CONTACT_SUBJECT_LABELS,
  DEFAULT_LOCALE,
  LOCALES,
  PERMISSION_LABELS,
  ROLE_LABELS,
  SCOPE_LABELS,
  type Labels,
  isLocale,
  scopesLabel,
} from '../labels';

function expectComplete(table: Readonly<Record<string, Labels>>, keys: readonly string[]): void {
  expect(Object.keys(table).sort()).toEqual([...keys].sort());
  for (const key of keys) {
    for (const locale of LOCALES) {
      const label = table[key]?.[locale];
      expect(typeof label).toBe('string');
      expect(label?.trim()).toBe(label);
      expect(label?.length).toBeGreaterThan(1);
    }
  }
}

describe('locales', () => {
  it('are French (default) and English', () => {
    expect(LOCALES).toEqual(['fr', 'en']);
    expect(DEFAULT_LOCALE).toBe('fr');
    expect(isLocale('fr')).toBe(true);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('de')).toBe(false);
    expect(isLocale('FR')).toBe(false);
    expect(isLocale(undefined)).toBe(false);
  });
});

describe('labels', () => {
  it('name every role in both locales', () => {
    expectComplete(ROLE_LABELS, ROLES);
    expect(ROLE_LABELS).toEqual({
      ADMINISTRATEUR: { fr: 'Administrateur', en: 'Administrator' },
      GESTION_COURRIER: { fr: 'Gestion de courrier', en: 'Mail management' },
      FACTURATION: { fr: 'Facturation', en: 'Billing' },
      GESTION_FORMALITE: { fr: 'Gestion de formalité', en: 'Formalities management' },
    });
  });

  it('name every scope in both locales', () => {
    expectComplete(SCOPE_LABELS, SCOPES);
    expect(SCOPE_LABELS).toEqual({
      ADMIN: { fr: 'Administrateur', en: 'Administrator' },
      COURRIER: { fr: 'Courrier', en: 'Mail' },
      FACTURATION: { fr: 'Facturation', en: 'Billing' },
      FORMALITE: { fr: 'Formalités', en: 'Formalities' },
    });
  });

  it('name every contact subject in both locales', () => {
    expectComplete(CONTACT_SUBJECT_LABELS, CONTACT_SUBJECTS);
  });

  it('describe every permission in both locales, each distinctly', () => {
    expectComplete(PERMISSION_LABELS, PERMISSIONS);
    for (const locale of LOCALES) {
      const labels = PERMISSIONS.map((permission) => PERMISSION_LABELS[permission][locale]);
      expect(new Set(labels).size).toBe(PERMISSIONS.length);
    }
  });

  it('use typographic apostrophes in French', () => {
    const french = [ROLE_LABELS, SCOPE_LABELS, CONTACT_SUBJECT_LABELS, PERMISSION_LABELS].flatMap((table) =>
      Object.values(table).map((labels: Labels) => labels.fr),
    );
    for (const label of french) expect(label).not.toContain("'");
  });
});

describe('scopesLabel', () => {
  it.each(ROLES)('names the %s preset by its role', (role) => {
    for (const locale of LOCALES) expect(scopesLabel(ROLE_SCOPES[role], locale)).toBe(ROLE_LABELS[role][locale]);
  });

  it('joins scope names for combinations, in canonical order', () => {
    expect(scopesLabel(['FACTURATION', 'COURRIER'], 'fr')).toBe('Courrier + Facturation');
    expect(scopesLabel(['FACTURATION', 'COURRIER'], 'en')).toBe('Mail + Billing');
    expect(scopesLabel(['FORMALITE', 'FACTURATION', 'COURRIER'], 'fr')).toBe('Courrier + Facturation + Formalités');
  });

  it('treats ADMIN as the administrator role, whatever else is present', () => {
    expect(scopesLabel(['COURRIER', 'ADMIN'], 'fr')).toBe('Administrateur');
  });

  it('says when there is no access', () => {
    expect(scopesLabel([], 'fr')).toBe('Aucun accès');
    expect(scopesLabel(null, 'en')).toBe('No access');
  });
});
