import { Trans } from 'react-i18next';
import { localeOf } from '@/lib/i18n';
import { useLegalTranslation } from '../hooks/use-legal-translation';
import { formatAddress, groupSiren } from '../utils/format';
import { LegalFacts, legalLinks, LegalSection, type LegalNotice } from './legal-parts';

/** The kinds of data Guichet holds, in the order of docs/privacy.md. */
const RECORDS = [
  'accounts',
  'memberships',
  'sessions',
  'journal',
  'mail',
  'invoices',
  'formalities',
  'signatures',
  'emails',
  'requests',
] as const;

/** The periods set by RETENTION_* (from the API, as configured), then those the law sets. */
const CONFIGURED_PERIODS = [
  ['sessions', 'sessionsDays'],
  ['resetLinks', 'resetLinksDays'],
  ['journalIp', 'journalIpMonths'],
  ['sentEmails', 'sentEmailsDays'],
  ['failedRequests', 'failedRequestsDays'],
  ['accessRequests', 'accessRequestsMonths'],
] as const;
const LEGAL_PERIODS = ['invoices', 'signatures', 'identity', 'scans'] as const;

const RIGHTS = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection', 'postMortem'] as const;

/** Politique de confidentialité: what docs/privacy.md records, for the people it concerns, with their rights. */
export function PrivacyNoticeBody({ notice }: { notice: LegalNotice }) {
  const { t, i18n } = useLegalTranslation();
  const locale = localeOf(i18n);
  const links = legalLinks(notice);
  const periods = [
    ...CONFIGURED_PERIODS.map(([key, setting]) => ({
      key,
      what: t(`privacy.retention.items.${key}.what`),
      howLong: t(`privacy.retention.items.${key}.howLong`, { count: notice.retention[setting] }),
      why: t(`privacy.retention.items.${key}.why`),
    })),
    ...LEGAL_PERIODS.map((key) => ({
      key,
      what: t(`privacy.retention.items.${key}.what`),
      howLong: t(`privacy.retention.items.${key}.howLong`),
      why: t(`privacy.retention.items.${key}.why`),
    })),
  ];
  return (
    <>
      <p>{t('privacy.intro')}</p>
      <LegalSection title={t('privacy.controller.title')}>
        <p>
          <Trans
            t={t}
            i18nKey="privacy.controller.body"
            values={{
              company: notice.legalName,
              city: notice.rcsCity,
              siren: groupSiren(notice.siren),
              address: formatAddress(notice.address, locale),
              dpo: notice.dpoEmail,
            }}
            components={links}
          />
        </p>
      </LegalSection>
      <LegalSection title={t('privacy.records.title')}>
        <ul className="legal-records">
          {RECORDS.map((key) => (
            <li key={key} className="legal-records__item">
              <h3 className="legal-records__title">{t(`privacy.records.items.${key}.title`)}</h3>
              <LegalFacts
                rows={[
                  { label: t('privacy.records.data'), value: t(`privacy.records.items.${key}.data`) },
                  { label: t('privacy.records.whom'), value: t(`privacy.records.items.${key}.whom`) },
                  { label: t('privacy.records.why'), value: t(`privacy.records.items.${key}.why`) },
                  { label: t('privacy.records.who'), value: t(`privacy.records.items.${key}.who`) },
                ]}
              />
            </li>
          ))}
        </ul>
        <p>{t('privacy.records.noSale')}</p>
      </LegalSection>
      <LegalSection title={t('privacy.retention.title')}>
        <p>{t('privacy.retention.intro')}</p>
        <dl className="legal-periods">
          {periods.map((period) => (
            <div key={period.key} className="legal-periods__row">
              <dt>{period.what}</dt>
              <dd>
                <strong>{period.howLong}</strong>. {period.why}
              </dd>
            </div>
          ))}
        </dl>
        <p>{t('privacy.retention.pending')}</p>
      </LegalSection>
      <LegalSection title={t('privacy.location.title')}>
        <p>
          <Trans t={t} i18nKey="privacy.location.body" components={links} />
        </p>
      </LegalSection>
      <LegalSection title={t('privacy.neverStored.title')}>
        <p>{t('privacy.neverStored.body')}</p>
      </LegalSection>
      <LegalSection title={t('privacy.cookies.title')}>
        <p>{t('privacy.cookies.body')}</p>
      </LegalSection>
      <LegalSection title={t('privacy.rights.title')}>
        <p>{t('privacy.rights.list')}</p>
        <ul className="legal__list">
          {RIGHTS.map((right) => (
            <li key={right}>{t(`privacy.rights.${right}`)}</li>
          ))}
        </ul>
        <p>
          <Trans t={t} i18nKey="privacy.rights.how" values={{ dpo: notice.dpoEmail }} components={links} />
        </p>
        <p>{t('privacy.rights.limits')}</p>
        <p>
          <Trans t={t} i18nKey="privacy.rights.complaint" components={links} />
        </p>
      </LegalSection>
    </>
  );
}
