import { PageHeader } from '@/components/layouts';
import { useTeamTranslation } from '../hooks/use-team-translation';
import { RequestAccessForm } from './request-access-form';

/** `/request-access`: someone without access asks the administrators of a company to let them in. */
export function RequestAccessPage() {
  const { t } = useTeamTranslation();
  return (
    <>
      <PageHeader title={t('requestAccess.title')} description={t('requestAccess.intro')} />
      <RequestAccessForm />
    </>
  );
}
