import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/layouts';
import { Card, Link } from '@/components/ui';
import { paths } from '@/config/paths';
import { useOperatorTranslation } from '../hooks/use-operator-translation';

/** `/operator`: what the staff can do here, one card per tool. */
export function OperatorHome() {
  const { t } = useOperatorTranslation();
  const { t: tApp } = useTranslation();
  return (
    <>
      <PageHeader title={tApp('operator.title')} description={t('home.intro')} />
      <div className="operator-tools">
        <Card className="operator-tool">
          <h2 className="card__title">
            <Link to={paths.operator.companies.getHref()}>{t('nav.companies')}</Link>
          </h2>
          <p>{t('home.companies')}</p>
          <p>
            <Link to={paths.operator.newCompany.getHref()}>{t('companies.new')}</Link>
          </p>
        </Card>
        <Card className="operator-tool">
          <h2 className="card__title">
            <Link to={paths.operator.upload.getHref()}>{t('nav.upload')}</Link>
          </h2>
          <p>{t('home.upload')}</p>
        </Card>
        <Card className="operator-tool">
          <h2 className="card__title">
            <Link to={paths.operator.forwarding.getHref()}>{t('nav.forwarding')}</Link>
          </h2>
          <p>{t('home.forwarding')}</p>
        </Card>
        <Card className="operator-tool">
          <h2 className="card__title">
            <Link to={paths.operator.billing.getHref()}>{t('nav.billing')}</Link>
          </h2>
          <p>{t('home.billing')}</p>
        </Card>
        <Card className="operator-tool">
          <h2 className="card__title">
            <Link to={paths.operator.formalities.getHref()}>{t('nav.formalities')}</Link>
          </h2>
          <p>{t('home.formalities')}</p>
        </Card>
      </div>
    </>
  );
}
