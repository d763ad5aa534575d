import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitcher } from '@/components/language-switcher';
import { SkipLink, VisuallyHidden } from '@/components/ui';
import { paths } from '@/config/paths';
import { SiteFooter } from './site-footer';

/** A minimal frame (brand, language, main, footer) for pages outside the signed-in shell: 404, errors, legal pages. */
export function PlainLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="app">
      <SkipLink>{t('app.skipToContent')}</SkipLink>
      <header className="app-header">
        {/* Named by what it shows ("Guichet"), then where it goes: the name contains the visible text. */}
        <Link to={paths.home.getHref()} className="brand brand--link">
          <span className="brand__mark" aria-hidden="true">
            G
          </span>
          <span className="brand__name">{t('app.name')}</span>
          <VisuallyHidden>{t('shell.homeSuffix')}</VisuallyHidden>
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
      <SiteFooter />
    </div>
  );
}
