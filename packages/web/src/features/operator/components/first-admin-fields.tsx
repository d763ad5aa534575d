import { EmailField } from '@/components/forms/email-field';
import { TextField } from '@/components/ui';
import { useOperatorTranslation } from '../hooks/use-operator-translation';
import type { PersonField, PersonValues } from '../utils/company-form';

export interface FirstAdminFieldsProps {
  values: PersonValues;
  /** The message to show on each field, if any. */
  message: (field: PersonField) => string | undefined;
  /** The corrected address for a likely typo in the domain. */
  suggestion: string | null;
  onChange: (field: PersonField, value: string) => void;
  onBlur: (field: PersonField) => void;
  fieldRef: (field: PersonField) => (element: HTMLElement | null) => void;
}

/** The first administrator: a person's address (not a department's), names, optional phone and job title. */
export function FirstAdminFields({ values, message, suggestion, onChange, onBlur, fieldRef }: FirstAdminFieldsProps) {
  const { t } = useOperatorTranslation();
  const text = (field: 'firstName' | 'lastName' | 'phone' | 'jobTitle') => ({
    ref: fieldRef(field),
    value: values[field],
    error: message(field),
    onChange: (event: { target: { value: string } }) => onChange(field, event.target.value),
    onBlur: () => onBlur(field),
  });
  return (
    <>
      <EmailField
        inputRef={fieldRef('email')}
        name="firstAdminEmail"
        label={t('firstAdmin.email')}
        description={t('firstAdmin.emailHint')}
        autoComplete="off"
        value={values.email}
        error={message('email')}
        suggestion={suggestion}
        onChange={(value) => onChange('email', value)}
        onBlur={() => onBlur('email')}
        onAcceptSuggestion={(value) => onChange('email', value)}
      />
      <div className="form__row">
        <TextField label={t('firstAdmin.firstName')} autoComplete="off" required {...text('firstName')} />
        <TextField label={t('firstAdmin.lastName')} autoComplete="off" required {...text('lastName')} />
      </div>
      <div className="form__row">
        <TextField
          label={t('firstAdmin.phone')}
          description={t('firstAdmin.optional')}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          {...text('phone')}
        />
        <TextField label={t('firstAdmin.jobTitle')} description={t('firstAdmin.optional')} autoComplete="off" {...text('jobTitle')} />
      </div>
    </>
  );
}
