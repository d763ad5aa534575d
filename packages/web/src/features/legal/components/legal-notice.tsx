import { Trans } from 'react-i18next';
import { localeOf } from '@/lib/i18n';
import { useLegalTranslation } from '../hooks/use-legal-translation';
import { formatAddress, groupSiren, groupSiret, telHref } from '../utils/format';
import { LegalFacts, legalLinks, LegalSection, type LegalNotice } from './legal-parts';

/** Mentions légales (LCEN art. 6): publisher, director of publication, approval, host, contacts. */
export function LegalNoticeBody({ notice }: { notice: LegalNotice }) {
  const { t, i18n } = useLegalTranslation();
  const locale = localeOf(i18n);
  const links = legalLinks(notice);
  const publisher = [
    { label: t('notice.publisher.name'), value: notice.legalName },
    { label: t('notice.publisher.form'), value: t('notice.publisher.formValue', { form: notice.legalForm, capital: notice.shareCapital }) },
    { label: t('notice.publisher.office'), value: formatAddress(notice.address, locale) },
    {
      label: t('notice.publisher.registration'),
      value: t('notice.publisher.registrationValue', { city: notice.rcsCity, siren: groupSiren(notice.siren) }),
    },
    ...(notice.siret ? [{ label: t('notice.publisher.siret'), value: groupSiret(notice.siret) }] : []),
    ...(notice.vatNumber ? [{ label: t('notice.publisher.vat'), value: notice.vatNumber }] : []),
    {
      label: t('notice.publisher.phone'),
      value: (
        <a className="link" href={telHref(notice.contactPhone)}>
          {notice.contactPhone}
        </a>
      ),
    },
    {
      label: t('notice.publisher.email'),
      value: (
        <a className="link" href={`mailto:${notice.contactEmail}`}>
          {notice.contactEmail}
        </a>
      ),
    },
  ];
  const host = [
    { label: t('notice.host.name'), value: notice.host.name },
    { label: t('notice.host.address'), value: notice.host.address },
    {
      label: t('notice.host.phone'),
      value: (
        <a className="link" href={telHref(notice.host.phone)}>
          {notice.host.phone}
        </a>
      ),
    },
  ];
  return (
    <>
      <p>{t('notice.intro')}</p>
      <LegalSection title={t('notice.publisher.title')}>
        <p>{t('notice.publisher.intro')}</p>
        <LegalFacts rows={publisher} />
      </LegalSection>
      <LegalSection title={t('notice.director.title')}>
        <p>{t('notice.director.body', { name: notice.publicationDirector })}</p>
      </LegalSection>
      <LegalSection title={t('notice.domiciliation.title')}>
        <p>{t('notice.domiciliation.body', { company: notice.legalName, approval: notice.domiciliationApproval })}</p>
      </LegalSection>
      <LegalSection title={t('notice.host.title')}>
        <p>{t('notice.host.intro')}</p>
        <LegalFacts rows={host} />
      </LegalSection>
      <LegalSection title={t('notice.contact.title')}>
        <p>
          <Trans
            t={t}
            i18nKey="notice.contact.body"
            values={{ email: notice.contactEmail, phone: notice.contactPhone, dpo: notice.dpoEmail }}
            components={links}
          />
        </p>
      </LegalSection>
      <LegalSection title={t('notice.intellectualProperty.title')}>
        <p>{t('notice.intellectualProperty.body', { company: notice.legalName })}</p>
      </LegalSection>
      <LegalSection title={t('notice.cookies.title')}>
        <p>{t('notice.cookies.body')}</p>
      </LegalSection>
      <LegalSection title={t('notice.seeAlso.title')}>
        <p>
          <Trans t={t} i18nKey="notice.seeAlso.body" components={links} />
        </p>
      </LegalSection>
    </>
  );
}
