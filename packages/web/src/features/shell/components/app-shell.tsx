import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitcher } from '@/components/language-switcher';
import { SiteFooter } from '@/components/layouts';
import { cx, SkipLink, VisuallyHidden } from '@/components/ui';
import { COMPANY_PAGES, paths, type CompanyPageKey } from '@/config/paths';
import { activeMemberships, type Membership, type Viewer } from '@/lib/auth';
import { useCanOpenPage } from '@/lib/authorization';
import { CompanySwitcher } from './company-switcher';
import { MainNav } from './main-nav';
import { UserMenu } from './user-menu';

export interface AppShellProps {
  viewer: Viewer;
  /** The company in the URL, when the page belongs to one. */
  membership?: Membership | null;
  currentPage?: CompanyPageKey | null;
  children: ReactNode;
}

/** The signed-in frame: header (brand, company, language, account), navigation, main content, footer. */
export function AppShell({ viewer, membership = null, currentPage = null, children }: AppShellProps) {
  const { t } = useTranslation();
  const opens = useCanOpenPage();
  const memberships = activeMemberships(viewer);
  const hasNav = viewer.user.isStaff || (membership !== null && COMPANY_PAGES.some(opens));

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
        {membership ? (
          memberships.length > 1 ? (
            <CompanySwitcher memberships={memberships} current={membership} currentPage={currentPage} />
          ) : (
            <p className="company-name">
              <span className="switcher__label">{t('shell.company')}</span>
              <span className="switcher__value">{membership.company.name}</span>
            </p>
          )
        ) : null}
        <div className="app-header__end">
          <LanguageSwitcher />
          <UserMenu viewer={viewer} />
        </div>
      </header>
      <div className={cx('app-body', hasNav && 'app-body--with-nav')}>
        {hasNav ? <MainNav companyId={membership?.company.id ?? null} isStaff={viewer.user.isStaff} /> : null}
        <main id="main" tabIndex={-1} className="app-main">
          {children}
        </main>
      </div>
      <SiteFooter />
    </div>
  );
}
