import type { Locale } from '@guichet/shared';
import { useTranslation } from 'react-i18next';
import { cx } from '@/components/ui';
import { useSetLocale } from '@/lib/auth';
import { LOCALES, localeOf } from '@/lib/i18n';

/**
 * FR | EN: two toggle buttons in a labelled group. Each is named in its own language
 * ("Français", "English") so a person who cannot read the current one still finds theirs.
 */
export function LanguageSwitcher({ className }: { className?: string }) {
  const { t, i18n } = useTranslation();
  const setLocale = useSetLocale();
  const current = localeOf(i18n);
  const names: Record<Locale, { short: string; long: string }> = {
    fr: { short: t('language.frShort'), long: t('language.fr') },
    en: { short: t('language.enShort'), long: t('language.en') },
  };
  return (
    <div role="group" aria-label={t('language.label')} className={cx('lang-switch', className)}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          className="lang-switch__option"
          aria-pressed={locale === current}
          onClick={() => {
            if (locale !== current) setLocale(locale);
          }}
        >
          {names[locale].short}
          <span className="visually-hidden"> – {names[locale].long}</span>
        </button>
      ))}
    </div>
  );
}
