import { useMutation } from '@apollo/client/react';
import { formatSiret, validateSiret, validationMessage } from '@guichet/shared';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/layouts';
import { Alert, Button, Link, TextField } from '@/components/ui';
import { paths } from '@/config/paths';
import { describeError, errorCodeOf, errorExtensionOf, fieldErrorsOf } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { localeOf } from '@/lib/i18n';
import { CreateCompanyDocument, type CreateCompanyMutation } from '../api/generated';
import { useFieldForm } from '../hooks/use-field-form';
import { useOperatorTranslation } from '../hooks/use-operator-translation';
import '../operator.css';
import {
  checkNewCompany,
  EMPTY_NEW_COMPANY,
  issuesFromApi,
  NEW_COMPANY_FIELDS,
  type FieldIssue,
  type NewCompanyField,
  type PersonField,
} from '../utils/company-form';
import { FirstAdminFields } from './first-admin-fields';

type Created = CreateCompanyMutation['createCompany'];

/**
 * "Nouvelle société": the company (name, SIRET, address) and its first administrator, checked
 * live with the shared rules; the API creates both in one step and emails the invitation. Field
 * errors from the API land on their fields, and nothing typed is lost.
 */
export function NewCompanyPage() {
  const { t } = useOperatorTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const form = useFieldForm<NewCompanyField>(EMPTY_NEW_COMPANY, (values) => checkNewCompany(values).errors);
  const [createCompany, { loading }] = useMutation(CreateCompanyDocument, { refetchQueries: ['OperatorCompanyList'] });
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const checked = checkNewCompany(form.values);

  useEffect(() => {
    if (created) doneRef.current?.focus();
  }, [created]);

  const message = (field: NewCompanyField): string | undefined => {
    const issue: FieldIssue | undefined = form.issue(field);
    if (!issue) return undefined;
    return issue === 'SIRET_TAKEN' ? t('newCompany.siretTaken') : validationMessage(issue, locale);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (loading) return;
    setFormError(null);
    form.setShowAll(true);
    if (!checked.input) {
      form.focusFirst(NEW_COMPANY_FIELDS, checked.errors);
      return;
    }
    try {
      const result = await createCompany({ variables: { input: checked.input } });
      if (result.data?.createCompany) setCreated(result.data.createCompany);
    } catch (cause) {
      const fields = issuesFromApi(fieldErrorsOf(cause), NEW_COMPANY_FIELDS);
      if (errorCodeOf(cause) === 'CONFLICT' && errorExtensionOf(cause, 'field') === 'siret') fields.siret = 'SIRET_TAKEN';
      if (Object.keys(fields).length > 0) {
        form.setServerIssues(fields);
        form.focusFirst(NEW_COMPANY_FIELDS, fields);
        setFormError(t('newCompany.fixFields'));
      } else {
        setFormError(describeError(cause, locale, tApp('errors.network')));
      }
    }
  };

  const startOver = () => {
    setCreated(null);
    setFormError(null);
    form.reset();
  };

  const field = (name: Exclude<NewCompanyField, PersonField>, props: { label: string; description?: string; autoComplete?: string }) => (
    <TextField
      ref={form.fieldRef(name)}
      required={name !== 'line2'}
      value={form.values[name]}
      error={message(name)}
      onChange={(event) => form.change(name, event.target.value)}
      onBlur={() => {
        form.blur(name);
        if (name !== 'siret' || !validateSiret(form.values.siret).ok) return;
        const formatted = formatSiret(form.values.siret);
        if (formatted !== form.values.siret) form.change('siret', formatted);
      }}
      {...props}
    />
  );

  if (created) {
    const invitation = created.pendingAdminInvitation;
    return (
      <>
        <PageHeader title={t('newCompany.title')} />
        <div className="new-company-done">
          <h2 ref={doneRef} tabIndex={-1} className="card__title">
            {t('newCompany.doneTitle', { company: created.name })}
          </h2>
          <Alert tone="success">
            {invitation
              ? t('newCompany.done', { email: invitation.email, date: formatDate(invitation.expiresAt, locale) })
              : t('newCompany.doneNoInvitation')}
          </Alert>
          <p className="muted">{t('newCompany.doneHint')}</p>
          <div className="button-row">
            <Button onClick={startOver}>{t('newCompany.another')}</Button>
            <Link variant="button-secondary" to={paths.operator.companies.getHref()}>
              {t('newCompany.toList')}
            </Link>
          </div>
        </div>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('newCompany.title')} description={t('newCompany.description')} />
      <form className="form new-company-form" noValidate onSubmit={(event) => void submit(event)}>
        <fieldset className="upload-section">
          <legend className="upload-section__legend">{t('newCompany.companyLegend')}</legend>
          {field('name', { label: t('newCompany.name'), autoComplete: 'organization' })}
          {field('siret', { label: t('newCompany.siret'), description: t('newCompany.siretHint'), autoComplete: 'off' })}
          {field('line1', { label: t('newCompany.line1'), description: t('newCompany.line1Hint'), autoComplete: 'address-line1' })}
          {field('line2', { label: t('newCompany.line2'), autoComplete: 'address-line2' })}
          <div className="form__row">
            {field('postalCode', { label: t('newCompany.postalCode'), autoComplete: 'postal-code' })}
            {field('city', { label: t('newCompany.city'), autoComplete: 'address-level2' })}
          </div>
          {field('country', { label: t('newCompany.country'), description: t('newCompany.countryHint'), autoComplete: 'country' })}
        </fieldset>
        <fieldset className="upload-section">
          <legend className="upload-section__legend">{t('firstAdmin.legend')}</legend>
          <p className="muted">{t('firstAdmin.explain')}</p>
          <FirstAdminFields
            values={form.values}
            message={message}
            suggestion={checked.suggestion}
            onChange={form.change}
            onBlur={form.blur}
            fieldRef={form.fieldRef}
          />
        </fieldset>
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <div className="form__actions form__actions--end">
          <Button type="submit" isLoading={loading}>
            {loading ? t('newCompany.submitting') : t('newCompany.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}
