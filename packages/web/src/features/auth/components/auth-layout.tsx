import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '@/components/language-switcher';
import { SiteFooter } from '@/components/layouts';
import { Card, SkipLink } from '@/components/ui';

/** The frame of the public pages (sign-in, password reset): brand, language, one card, footer. */
export function AuthLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="auth-page">
      <SkipLink>{t('app.skipToContent')}</SkipLink>
      <header className="auth-header">
        <p className="brand">
          <span className="brand__mark" aria-hidden="true">
            G
          </span>
          <span className="brand__name">{t('app.name')}</span>
          <span className="brand__tagline">{t('app.tagline')}</span>
        </p>
        <LanguageSwitcher />
      </header>
      <main id="main" tabIndex={-1} className="auth-main">
        <Card className="auth-card">{children}</Card>
      </main>
      <SiteFooter />
    </div>
  );
}
