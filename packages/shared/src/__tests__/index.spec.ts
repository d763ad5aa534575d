import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as shared from '../index';

const SRC = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__tests__' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('package entry point', () => {
  it('re-exports the public API', () => {
    for (const name of [
      'SCOPES',
      'CONTACT_SUBJECTS',
      'NON_ADMIN_SCOPES',
      'isScope',
      'ROLES',
      'ROLE_SCOPES',
      'roleOf',
      'normaliseScopes',
      'validateScopes',
      'PERMISSIONS',
      'INTERACTIVE_ONLY_PERMISSIONS',
      'isPermission',
      'PERMISSION_MATRIX',
      'can',
      'permissionsOf',
      'LOCALES',
      'ROLE_LABELS',
      'SCOPE_LABELS',
      'CONTACT_SUBJECT_LABELS',
      'PERMISSION_LABELS',
      'LEGAL_PAGES',
      'LEGAL_PAGE_PATHS',
      'LEGAL_PAGE_LABELS',
      'scopesLabel',
      'normaliseEmail',
      'GENERIC_MAILBOXES',
      'validateEmail',
      'suggestEmailDomain',
      'normaliseSiret',
      'validateSiret',
      'validateSiren',
      'validatePhone',
      'PASSWORD_MIN_LENGTH',
      'PASSWORD_MAX_LENGTH',
      'validatePassword',
      'validatePersonName',
      'validateCompanyName',
      'validatePostalAddress',
      'VALIDATION_MESSAGES',
      'validationMessage',
      'ERROR_CODES',
      'ERROR_MESSAGES',
    ]) {
      expect(shared).toHaveProperty(name);
    }
  });

  it('exports no classes and no default export', () => {
    expect(shared).not.toHaveProperty('default');
    for (const value of Object.values(shared)) {
      if (typeof value === 'function') expect(value.toString()).not.toMatch(/^class\b/);
    }
  });
});

describe('source hygiene', () => {
  const files = sourceFiles(SRC);

  it('finds the sources', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it('imports libphonenumber-js only from validation/phone.ts, through its /min entry', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const imports = [...text.matchAll(/from '(libphonenumber-js[^']*)'/g)].map((m) => m[1]);
      if (relative(SRC, file) === join('validation', 'phone.ts')) {
        expect(imports.length).toBeGreaterThan(0);
        for (const specifier of imports) expect(specifier).toBe('libphonenumber-js/min');
      } else {
        expect(imports).toEqual([]);
      }
    }
  });

  it('imports no Node built-ins and uses no `any`', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      expect(text).not.toMatch(/from '(node:|fs|path|crypto|os|util)\b/);
      expect(text).not.toMatch(/\brequire\(/);
      expect(text).not.toMatch(/:\s*any\b|\bas any\b|<any>/);
    }
  });
});
