import { LEGAL_PAGE_LABELS, LEGAL_PAGES } from '@guichet/shared';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { paths } from '@/config/paths';
import { localeOf } from '@/lib/i18n';

/**
 * The footer of every frame (signed in, public pages, sign-in): the links to the legal pages, named
 * as the emails name them. It sits below the first screen (the frame above it fills the window), so
 * a page whose content arrives later never moves it.
 */
export function SiteFooter() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  return (
    <footer className="site-footer">
      <nav aria-label={t('app.legalNav')}>
        <ul className="site-footer__links">
          {LEGAL_PAGES.map((page) => (
            <li key={page}>
              <NavLink to={paths.legal[page].getHref()} className="site-footer__link">
                {LEGAL_PAGE_LABELS[page][locale]}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </footer>
  );
}
