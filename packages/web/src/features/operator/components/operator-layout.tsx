import type { ReactNode } from 'react';
import { NavLink } from 'react-router';
import { paths } from '@/config/paths';
import { useOperatorTranslation } from '../hooks/use-operator-translation';
import '../operator.css';

/** The operator space's own navigation (home, companies, upload, forwarding queue, billing, formalities) above the current tool. */
export function OperatorLayout({ children }: { children: ReactNode }) {
  const { t } = useOperatorTranslation();
  const links = [
    { to: paths.operator.getHref(), label: t('nav.home'), end: true },
    { to: paths.operator.companies.getHref(), label: t('nav.companies'), end: false },
    { to: paths.operator.upload.getHref(), label: t('nav.upload'), end: false },
    { to: paths.operator.forwarding.getHref(), label: t('nav.forwarding'), end: false },
    { to: paths.operator.billing.getHref(), label: t('nav.billing'), end: false },
    { to: paths.operator.formalities.getHref(), label: t('nav.formalities'), end: false },
  ];
  return (
    <>
      <nav className="operator-nav" aria-label={t('nav.label')}>
        <ul className="operator-nav__list">
          {links.map((link) => (
            <li key={link.to}>
              <NavLink className="operator-nav__link" to={link.to} end={link.end}>
                {link.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </>
  );
}
