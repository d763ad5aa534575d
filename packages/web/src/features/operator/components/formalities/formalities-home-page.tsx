import { useId } from 'react';
import { useNavigate } from 'react-router';
import { PageHeader } from '@/components/layouts';
import { paths } from '@/config/paths';
import { useFormalitiesTranslation } from '../../hooks/use-formalities-translation';
import '../../formalities.css';
import '../../operator.css';
import { CompanyPicker } from '../company-picker';

/** "Formalités": the company to work on, one search away (by name or SIRET). */
export function FormalitiesHomePage() {
  const { t } = useFormalitiesTranslation();
  const navigate = useNavigate();
  const id = useId();
  return (
    <>
      <PageHeader title={t('home.title')} description={t('home.description')} />
      <section className="upload-section formalities-home" aria-labelledby={`${id}-company`}>
        <h2 id={`${id}-company`} className="formalities-section__title">
          {t('home.legend')}
        </h2>
        <p className="muted">{t('home.hint')}</p>
        <CompanyPicker selected={null} onSelect={(company) => company && void navigate(paths.operator.formalities.getHref(company.id))} />
      </section>
    </>
  );
}
