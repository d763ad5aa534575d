import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { COMPANY_PAGES, paths } from '@/config/paths';
import { useCanOpenPage } from '@/lib/authorization';

/**
 * The sections of the current company that the member's scopes open (shared `can()`), plus the
 * operator space for staff. The active entry carries aria-current="page" (NavLink).
 */
export function MainNav({ companyId, isStaff }: { companyId: string | null; isStaff: boolean }) {
  const { t } = useTranslation();
  const opens = useCanOpenPage();
  const pages = companyId ? COMPANY_PAGES.filter(opens) : [];
  if (pages.length === 0 && !isStaff) return null;
  return (
    <nav className="main-nav" aria-label={t('shell.mainNav')}>
      <ul className="main-nav__list">
        {companyId
          ? pages.map((page) => (
              <li key={page.key}>
                <NavLink className="main-nav__link" to={page.getHref(companyId)}>
                  {t(`nav.${page.key}`)}
                </NavLink>
              </li>
            ))
          : null}
        {isStaff ? (
          <li className="main-nav__separated">
            <NavLink className="main-nav__link" to={paths.operator.getHref()}>
              {t('nav.operator')}
            </NavLink>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
