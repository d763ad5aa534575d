import { DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from '@guichet/shared';
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from '@/locales/en';
import { fr } from '@/locales/fr';

export { DEFAULT_LOCALE, isLocale, LOCALES };
export const LOCALE_STORAGE_KEY = 'guichet.locale';

export const resources = {
  fr: { translation: fr },
  en: { translation: en },
} as const;

/** The language the person chose explicitly on this browser, if any. */
export function readStoredLocale(): Locale | null {
  try {
    const stored = window.localStorage.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : null;
  } catch {
    return null; // storage disabled (private mode, policies): fall back to the default
  }
}

export function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // not fatal: the choice lasts for this page only
  }
}

/** The locale of an i18n instance, narrowed to the ones the product speaks. */
export function localeOf(instance: Pick<I18n, 'language'>): Locale {
  return isLocale(instance.language) ? instance.language : DEFAULT_LOCALE;
}

/** GraphQL's `Locale` enum is upper-case (FR, EN); the SPA and shared use lower-case codes. */
export function toApiLocale(locale: Locale): 'FR' | 'EN' {
  return locale === 'en' ? 'EN' : 'FR';
}

export function fromApiLocale(locale: 'FR' | 'EN'): Locale {
  return locale === 'EN' ? 'en' : 'fr';
}

/**
 * Adds the texts of a namespace the first time a lazily loaded page needs them, so they stay out
 * of the initial bundle. Idempotent; safe to call during render (no re-render is triggered).
 */
export function addNamespace(instance: I18n, namespace: string, bundles: Readonly<Record<Locale, object>>): void {
  for (const locale of LOCALES) {
    if (!instance.hasResourceBundle(locale, namespace)) instance.addResourceBundle(locale, namespace, bundles[locale]);
  }
}

/**
 * A fresh i18next instance with both languages bundled (they are small), initialised
 * synchronously so the first render already has its texts. `<html lang>` follows the language.
 */
export function createI18n(locale: Locale = readStoredLocale() ?? DEFAULT_LOCALE): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: LOCALES,
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    returnEmptyString: false,
    showSupportNotice: false,
  });
  const syncDocument = (language: string) => {
    if (typeof document !== 'undefined') document.documentElement.lang = language;
  };
  syncDocument(instance.language);
  instance.on('languageChanged', syncDocument);
  return instance;
}
