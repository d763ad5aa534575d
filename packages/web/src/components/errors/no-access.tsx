import { can, ROLE_LABELS, ROLE_SCOPES, ROLES, type Locale, type Permission } from '@guichet/shared';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/layouts';
import { Card, Link } from '@/components/ui';
import { paths } from '@/config/paths';
import { localeOf } from '@/lib/i18n';

/** "Gestion de courrier ou Administrateur": the roles whose preset grants `permission`. */
export function rolesGranting(permission: Permission, locale: Locale): string {
  const labels = ROLES.filter((role) => can(ROLE_SCOPES[role], permission)).map((role) => ROLE_LABELS[role][locale]);
  // Administrators are listed last: the specific role is what a member usually needs.
  const specific = labels.slice(1);
  const ordered = specific.length > 0 ? [...specific, labels[0] ?? ''] : labels;
  const quote = (label: string) => (locale === 'fr' ? `«\u00a0${label}\u00a0»` : `“${label}”`);
  return new Intl.ListFormat(locale, { type: 'disjunction' }).format(ordered.map(quote));
}

export type NoAccessProps =
  | { reason: 'permission'; permission: Permission; companyName: string; pageName: string }
  | { reason: 'company' }
  /** The person's membership of the company is suspended: only its administrators can restore it. */
  | { reason: 'suspended'; companyName: string }
  /** Staff on a client company's pages (staff are not members; their tools are in the operator space). */
  | { reason: 'staffOnCompany' }
  | { reason: 'staff' }
  | { reason: 'generic' };

/**
 * Shown instead of a page the person may not open: says why, which role opens it, and who can
 * grant it (the company's administrators), rather than a broken or empty page.
 */
export function NoAccess(props: NoAccessProps) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  return (
    <>
      <PageHeader title={t('errors.noAccess.title')} />
      <Card className="notice-card">
        {props.reason === 'permission' ? (
          <>
            <p>
              {t('errors.noAccess.permission', {
                company: props.companyName,
                page: props.pageName,
              })}
            </p>
            <p>
              {t('errors.noAccess.requiredRole', {
                roles: rolesGranting(props.permission, locale),
              })}
            </p>
            <p>{t('errors.noAccess.whoToAsk', { company: props.companyName })}</p>
          </>
        ) : props.reason === 'company' ? (
          <>
            <p>{t('errors.noAccess.company')}</p>
            <p>{t('errors.noAccess.companyHint')}</p>
          </>
        ) : props.reason === 'suspended' ? (
          <>
            <p>{t('errors.noAccess.suspended', { company: props.companyName })}</p>
            <p>{t('errors.noAccess.suspendedHint', { company: props.companyName })}</p>
          </>
        ) : props.reason === 'staffOnCompany' ? (
          <>
            <p>{t('errors.noAccess.staffOnCompany')}</p>
            <p>
              <Link to={paths.operator.companies.getHref()}>{t('errors.noAccess.operatorCompanies')}</Link>
            </p>
          </>
        ) : props.reason === 'staff' ? (
          <p>{t('errors.noAccess.staff')}</p>
        ) : (
          <p>{t('errors.noAccess.generic')}</p>
        )}
        <p>
          <Link to={paths.home.getHref()}>{t('app.backHome')}</Link>
        </p>
      </Card>
    </>
  );
}
