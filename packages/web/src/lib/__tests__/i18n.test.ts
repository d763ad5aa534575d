import { en } from '@/locales/en';
import { fr } from '@/locales/fr';
import { createI18n, LOCALE_STORAGE_KEY } from '@/lib/i18n';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe('i18n', () => {
  it('has the same keys in French and English, none empty', () => {
    expect(keys(en).sort()).toEqual(keys(fr).sort());
    for (const key of keys(fr)) {
      const path = key.split('.');
      const read = (messages: unknown) => path.reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
      expect(read(fr)).not.toBe('');
      expect(read(en)).not.toBe('');
    }
  });

  it('starts in French, or in the language saved on this browser', () => {
    expect(createI18n().language).toBe('fr');
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
    expect(createI18n().language).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'de');
    expect(createI18n().language).toBe('fr');
  });
});
