import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CompanyPageKey } from '@/config/paths';
import { useDisclosure } from '@/hooks/use-disclosure';
import type { Membership } from '@/lib/auth';
import { companyLandingHref } from '@/lib/authorization';

/**
 * Lists the person's companies as links (only shown with two or more). A disclosure rather than
 * a `<select>` that navigates on change: moving through options with the keyboard never
 * switches company by accident.
 */
export function CompanySwitcher({
  memberships,
  current,
  currentPage,
}: {
  memberships: Membership[];
  current: Membership;
  currentPage: CompanyPageKey | null;
}) {
  const { t } = useTranslation();
  const { open, close, rootRef, buttonProps, panelProps } = useDisclosure();
  return (
    <div className="switcher" ref={rootRef}>
      <button type="button" className="switcher__button" {...buttonProps}>
        <span className="switcher__label">{t('shell.company')}</span>
        <span className="switcher__value">{current.company.name}</span>
        <span className="visually-hidden">, {t('shell.switchCompany')}</span>
        <span className="chevron" aria-hidden="true" />
      </button>
      <div className="popover" {...panelProps}>
        <p className="popover__title" id={`${panelProps.id}-title`}>
          {t('shell.companies')}
        </p>
        <ul className="popover__list" aria-labelledby={`${panelProps.id}-title`}>
          {memberships.map((membership) => {
            const isCurrent = membership.id === current.id;
            return (
              <li key={membership.id}>
                <Link
                  className="popover__item"
                  to={companyLandingHref(membership, currentPage)}
                  aria-current={isCurrent ? 'true' : undefined}
                  onClick={() => open && close()}
                >
                  <span>{membership.company.name}</span>
                  {isCurrent ? <span className="popover__meta">{t('shell.currentCompany')}</span> : null}
                </Link>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
