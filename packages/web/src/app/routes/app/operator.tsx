import { useTranslation } from 'react-i18next';
import { NoAccess } from '@/components/errors/no-access';
import { PageHeader } from '@/components/layouts';
import { Badge, Card } from '@/components/ui';
import { AppShell } from '@/features/shell/components/app-shell';
import { useViewer } from '@/lib/auth';

/** The operator (staff) space: a placeholder until the operator pages are built. */
export function Component() {
  const { t } = useTranslation();
  const viewer = useViewer();
  if (!viewer) return null;
  return (
    <AppShell viewer={viewer}>
      {viewer.user.isStaff ? (
        <>
          <PageHeader title={t('operator.title')} />
          <Card className="placeholder">
            <Badge tone="info">{t('pages.comingSoon')}</Badge>
            <p className="placeholder__body">{t('operator.body')}</p>
            <ul className="bullets">
              <li>{t('operator.companies')}</li>
              <li>{t('operator.mail')}</li>
              <li>{t('operator.invoices')}</li>
              <li>{t('operator.formalities')}</li>
            </ul>
          </Card>
        </>
      ) : (
        <NoAccess reason="staff" />
      )}
    </AppShell>
  );
}
