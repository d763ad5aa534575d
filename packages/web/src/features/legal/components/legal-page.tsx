import { useQuery } from '@apollo/client/react';
import { LEGAL_PAGE_LABELS, type LegalPage as LegalPageKey } from '@guichet/shared';
import type { ComponentType } from 'react';
import { LoadFailed } from '@/components/errors';
import { PageHeader } from '@/components/layouts';
import { Spinner } from '@/components/ui';
import { localeOf } from '@/lib/i18n';
import { LegalNoticeDocument } from '../api/generated';
import { useLegalTranslation } from '../hooks/use-legal-translation';
import { formatLongDay, LEGAL_TEXTS_UPDATED } from '../utils/format';
import { LegalNoticeBody } from './legal-notice';
import type { LegalNotice } from './legal-parts';
import { PrivacyNoticeBody } from './privacy-notice';
import { TermsOfUseBody } from './terms-of-use';
import '../legal.css';

const BODIES: Record<LegalPageKey, ComponentType<{ notice: LegalNotice }>> = {
  notice: LegalNoticeBody,
  terms: TermsOfUseBody,
  privacy: PrivacyNoticeBody,
};

/**
 * One legal page (mentions légales, CGU, politique de confidentialité), in the interface's language,
 * with the operator's identity and retention settings from the API. Public: the same for everyone.
 */
export function LegalPage({ page }: { page: LegalPageKey }) {
  const { t, i18n } = useLegalTranslation();
  const locale = localeOf(i18n);
  const { data, error, refetch } = useQuery(LegalNoticeDocument);
  const Body = BODIES[page];
  return (
    <article className="legal">
      <PageHeader
        title={LEGAL_PAGE_LABELS[page][locale]}
        description={t('lastUpdated', { date: formatLongDay(LEGAL_TEXTS_UPDATED, locale) })}
      />
      {data ? (
        <Body notice={data.legalNotice} />
      ) : error ? (
        <LoadFailed title={t('loadFailed')} error={error} onRetry={() => void refetch()} />
      ) : (
        <Spinner label={t('loading')} />
      )}
    </article>
  );
}
