import { useMutation } from '@apollo/client/react';
import { validationMessage } from '@guichet/shared';
import { useState, type FormEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog } from '@/components/ui';
import { describeError, fieldErrorsOf } from '@/lib/errors';
import { localeOf } from '@/lib/i18n';
import { ReplaceFirstAdminDocument, type FirstAdminStateFragment, type OperatorCompanyFragment } from '../api/generated';
import { useFieldForm } from '../hooks/use-field-form';
import { useOperatorTranslation } from '../hooks/use-operator-translation';
import { checkPerson, EMPTY_PERSON, issuesFromApi, PERSON_FIELDS, type PersonField } from '../utils/company-form';
import { FirstAdminFields } from './first-admin-fields';

export interface ReplaceFirstAdminDialogProps {
  company: OperatorCompanyFragment & FirstAdminStateFragment;
  onClose: () => void;
  onDone: (state: FirstAdminStateFragment) => void;
  returnFocusRef?: RefObject<HTMLElement | null>;
}

/**
 * Invites another person as the first administrator of a company that has none: the pending
 * invitation (if any) is withdrawn, its link stops working. Mounted while open, so it starts empty.
 */
export function ReplaceFirstAdminDialog({ company, onClose, onDone, returnFocusRef }: ReplaceFirstAdminDialogProps) {
  const { t } = useOperatorTranslation();
  const { t: tApp, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const form = useFieldForm<PersonField>(EMPTY_PERSON, (values) => checkPerson(values).errors);
  const [replace, { loading }] = useMutation(ReplaceFirstAdminDocument);
  const [failure, setFailure] = useState<string | null>(null);
  const checked = checkPerson(form.values);
  const pending = company.pendingAdminInvitation;

  const message = (field: PersonField): string | undefined => {
    const issue = form.issue(field);
    return issue && issue !== 'SIRET_TAKEN' ? validationMessage(issue, locale) : undefined;
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (loading) return;
    setFailure(null);
    form.setShowAll(true);
    if (!checked.input) {
      form.focusFirst(PERSON_FIELDS, checked.errors);
      return;
    }
    try {
      const result = await replace({ variables: { companyId: company.id, firstAdmin: checked.input } });
      if (result.data?.replaceFirstAdmin) onDone(result.data.replaceFirstAdmin);
    } catch (cause) {
      const fields = issuesFromApi(fieldErrorsOf(cause), PERSON_FIELDS);
      if (Object.keys(fields).length > 0) {
        form.setServerIssues(fields);
        form.focusFirst(PERSON_FIELDS, fields);
      } else {
        setFailure(describeError(cause, locale, tApp('errors.network')));
      }
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      size="md"
      title={t('companies.replace.title', { company: company.name })}
      description={pending ? t('companies.replace.description', { email: pending.email }) : t('companies.replace.descriptionNone')}
      returnFocusRef={returnFocusRef}
    >
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <FirstAdminFields
          values={form.values}
          message={message}
          suggestion={checked.suggestion}
          onChange={form.change}
          onBlur={form.blur}
          fieldRef={form.fieldRef}
        />
        {failure ? <Alert tone="error">{failure}</Alert> : null}
        <div className="form__actions form__actions--end">
          <Button variant="secondary" onClick={onClose}>
            {tApp('form.cancel')}
          </Button>
          <Button type="submit" isLoading={loading}>
            {t('companies.replace.submit')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
