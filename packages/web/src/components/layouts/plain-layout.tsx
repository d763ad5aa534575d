import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitcher } from '@/components/language-switcher';
import { SkipLink } from '@/components/ui';
import { paths } from '@/config/paths';

/** A minimal frame (brand, language, main) for pages outside the signed-in shell: 404, errors. */
export function PlainLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="app">
      <SkipLink>{t('app.skipToContent')}</SkipLink>
      <header className="app-header">
        <Link to={paths.home.getHref()} className="brand brand--link" aria-label={t('shell.home')}>
          <span className="brand__mark" aria-hidden="true">
            G
          </span>
          <span className="brand__name">{t('app.name')}</span>
        </Link>
        <div className="app-header__end">
          <LanguageSwitcher />
        </div>
      </header>
      <div className="app-body">
        <main id="main" tabIndex={-1} className="app-main">
          {children}
        </main>
      </div>
    </div>
  );
}
