import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NoAccess } from '@/components/errors/no-access';
import type { CompanyPage } from '@/config/paths';
import { useCanOpenPage, useCurrentMembership } from '@/lib/authorization';

/**
 * Renders a company section only when `can()` allows one of the permissions that open it;
 * otherwise says who can grant access.
 */
export function PermissionGuard({ page, children }: { page: CompanyPage; children: ReactNode }) {
  const { t } = useTranslation();
  const membership = useCurrentMembership();
  const opens = useCanOpenPage();
  if (opens(page)) return <>{children}</>;
  return (
    <NoAccess
      reason="permission"
      permission={page.permission}
      companyName={membership?.company.name ?? ''}
      pageName={t(`nav.${page.key}`)}
    />
  );
}
