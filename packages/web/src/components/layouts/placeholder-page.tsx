import { useTranslation } from 'react-i18next';
import { Badge, Card } from '@/components/ui';
import { PageHeader } from './page-header';

/** A page whose content comes in later work: its title and an honest sentence about it. */
export function PlaceholderPage({ title, body, next }: { title: string; body: string; next?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={title} />
      <Card className="placeholder">
        <Badge tone="info">{t('pages.comingSoon')}</Badge>
        <p className="placeholder__body">{body}</p>
        {next ? <p className="muted">{next}</p> : null}
      </Card>
    </>
  );
}
