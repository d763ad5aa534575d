import { devMailboxEn } from '@/locales/dev-mailbox/en';
import { devMailboxFr } from '@/locales/dev-mailbox/fr';
import { en } from '@/locales/en';
import { fr } from '@/locales/fr';
import { mailEn } from '@/locales/mail/en';
import { mailFr } from '@/locales/mail/fr';
import { operatorEn } from '@/locales/operator/en';
import { operatorFr } from '@/locales/operator/fr';
import { teamEn } from '@/locales/team/en';
import { teamFr } from '@/locales/team/fr';
import { createI18n, LOCALE_STORAGE_KEY } from '@/lib/i18n';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe('i18n', () => {
  it.each([
    { namespace: 'translation', frMessages: fr as object, enMessages: en as object },
    { namespace: 'team', frMessages: teamFr, enMessages: teamEn },
    { namespace: 'devMailbox', frMessages: devMailboxFr, enMessages: devMailboxEn },
    { namespace: 'mail', frMessages: mailFr, enMessages: mailEn },
    { namespace: 'operator', frMessages: operatorFr, enMessages: operatorEn },
  ])('has the same keys in French and English, none empty ($namespace)', ({ frMessages, enMessages }) => {
    expect(keys(enMessages).sort()).toEqual(keys(frMessages).sort());
    for (const key of keys(frMessages)) {
      const path = key.split('.');
      const read = (messages: unknown) => path.reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
      expect(read(frMessages)).not.toBe('');
      expect(read(enMessages)).not.toBe('');
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
