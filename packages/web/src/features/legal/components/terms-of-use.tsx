import { Trans } from 'react-i18next';
import { useLegalTranslation } from '../hooks/use-legal-translation';
import { groupSiren } from '../utils/format';
import { legalLinks, LegalSection, type LegalNotice } from './legal-parts';

/** Conditions générales d’utilisation: the service, accounts, API tokens, use, availability, liability, data, changes, law. */
export function TermsOfUseBody({ notice }: { notice: LegalNotice }) {
  const { t } = useLegalTranslation();
  const links = legalLinks(notice);
  const contact = { email: notice.contactEmail, phone: notice.contactPhone };
  return (
    <>
      <p>
        {t('terms.intro', {
          company: notice.legalName,
          form: notice.legalForm,
          capital: notice.shareCapital,
          city: notice.rcsCity,
          siren: groupSiren(notice.siren),
        })}
      </p>
      <LegalSection title={t('terms.service.title')}>
        <p>{t('terms.service.body')}</p>
        <p>{t('terms.service.contract')}</p>
      </LegalSection>
      <LegalSection title={t('terms.accounts.title')}>
        <p>{t('terms.accounts.personal')}</p>
        <p>{t('terms.accounts.invitations')}</p>
        <p>{t('terms.accounts.requests')}</p>
        <p>{t('terms.accounts.password')}</p>
        <p>
          <Trans t={t} i18nKey="terms.accounts.compromised" values={contact} components={links} />
        </p>
        <p>{t('terms.accounts.client')}</p>
      </LegalSection>
      <LegalSection title={t('terms.apiTokens.title')}>
        <p>{t('terms.apiTokens.intro')}</p>
        <ul className="legal__list">
          <li>{t('terms.apiTokens.secret')}</li>
          <li>{t('terms.apiTokens.leastPrivilege')}</li>
          <li>{t('terms.apiTokens.revoke')}</li>
          <li>{t('terms.apiTokens.limits')}</li>
        </ul>
        <p>{t('terms.apiTokens.responsibility')}</p>
      </LegalSection>
      <LegalSection title={t('terms.use.title')}>
        <ul className="legal__list">
          <li>{t('terms.use.lawful')}</li>
          <li>{t('terms.use.security')}</li>
          <li>{t('terms.use.accuracy')}</li>
        </ul>
        <p>{t('terms.use.breach')}</p>
      </LegalSection>
      <LegalSection title={t('terms.availability.title')}>
        <p>
          <Trans t={t} i18nKey="terms.availability.body" values={contact} components={links} />
        </p>
      </LegalSection>
      <LegalSection title={t('terms.liability.title')}>
        <p>{t('terms.liability.operator')}</p>
        <p>{t('terms.liability.exclusions')}</p>
        <p>{t('terms.liability.client')}</p>
      </LegalSection>
      <LegalSection title={t('terms.data.title')}>
        <p>
          <Trans t={t} i18nKey="terms.data.body" components={links} />
        </p>
      </LegalSection>
      <LegalSection title={t('terms.ownership.title')}>
        <p>{t('terms.ownership.body')}</p>
      </LegalSection>
      <LegalSection title={t('terms.changes.title')}>
        <p>{t('terms.changes.body')}</p>
      </LegalSection>
      <LegalSection title={t('terms.law.title')}>
        <p>{t('terms.law.body')}</p>
      </LegalSection>
      <LegalSection title={t('terms.contact.title')}>
        <p>
          <Trans t={t} i18nKey="terms.contact.body" values={contact} components={links} />
        </p>
      </LegalSection>
    </>
  );
}
