import { ROLE_LABELS, ROLES, SCOPE_LABELS, validationMessage, type ContactSubject } from '@guichet/shared';
import { EmailSuggestion } from '@/components/forms/email-field';
import { Button, Checkbox, SelectField, TextField } from '@/components/ui';
import { localeOf } from '@/lib/i18n';
import { useTeamTranslation } from '../hooks/use-team-translation';
import type { FieldIssue, InviteField, InviteRowDraft, RowCheck } from '../utils/invite-rows';
import { COMBINABLE_SCOPES, isRoleChoice, keepGranted, scopesOfChoice, type ScopeChoice } from '../utils/scopes';
import { ContactForPicker } from './scopes-picker';

export interface InviteRowProps {
  row: InviteRowDraft;
  /** 1-based, for the legend ("Personne 2"). */
  position: number;
  check: RowCheck;
  /** Whether every error shows (after a send attempt), or only those of fields already left. */
  showAllErrors: boolean;
  canRemove: boolean;
  onChange: (patch: Partial<InviteRowDraft>, field: InviteField) => void;
  onBlur: (field: InviteField) => void;
  onRemove: () => void;
  /** Registers the element of each field, so the form can move focus to the first error. */
  fieldRef: (field: InviteField) => (element: HTMLElement | null) => void;
}

/** One person to invite: address, names, optional phone and job title, role, and "contact for". */
export function InviteRow({ row, position, check, showAllErrors, canRemove, onChange, onBlur, onRemove, fieldRef }: InviteRowProps) {
  const { t, i18n } = useTeamTranslation();
  const locale = localeOf(i18n);

  const issue = (field: InviteField): FieldIssue | undefined => {
    const local = check.errors[field];
    if (local && (showAllErrors || row.touched[field])) return local;
    return row.serverErrors[field];
  };
  const message = (field: InviteField): string | undefined => {
    const found = issue(field);
    return found ? validationMessage(found.code, locale, found.params) : undefined;
  };
  const text = (field: 'email' | 'firstName' | 'lastName' | 'phone' | 'jobTitle') => ({
    value: row[field],
    error: message(field),
    onChange: (event: { target: { value: string } }) => onChange({ [field]: event.target.value }, field),
    onBlur: () => onBlur(field),
  });
  const label = row.email.trim() || t('invite.row.legend', { position });
  const setChoice = (choice: ScopeChoice) =>
    onChange({ choice, contactFor: keepGranted(row.contactFor, scopesOfChoice(choice)) }, 'scopes');

  return (
    <fieldset className="invite-row">
      <legend className="invite-row__legend">{t('invite.row.legend', { position })}</legend>
      <div className="invite-row__grid">
        <TextField
          ref={fieldRef('email')}
          className="invite-row__email"
          label={t('invite.row.email')}
          type="email"
          inputMode="email"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          {...text('email')}
          hint={
            check.suggestion && !message('email') ? (
              <EmailSuggestion suggestion={check.suggestion} onAccept={(suggestion) => onChange({ email: suggestion }, 'email')} />
            ) : check.domainWarning && !message('email') ? (
              <p className="suggestion">{validationMessage(check.domainWarning.code, locale, { domain: check.domainWarning.domain })}</p>
            ) : undefined
          }
        />
        <TextField ref={fieldRef('firstName')} label={t('invite.row.firstName')} autoComplete="off" required {...text('firstName')} />
        <TextField
          ref={fieldRef('lastName')}
          label={t('invite.row.lastName')}
          autoComplete="off"
          required
          {...text('lastName')}
          hint={
            check.sameNameAs && !message('lastName') ? (
              <p className="suggestion">{validationMessage('POSSIBLE_DUPLICATE_MEMBER', locale, { name: check.sameNameAs })}</p>
            ) : undefined
          }
        />
        <TextField ref={fieldRef('phone')} label={t('invite.row.phone')} type="tel" inputMode="tel" autoComplete="off" {...text('phone')} />
        <TextField ref={fieldRef('jobTitle')} label={t('invite.row.jobTitle')} autoComplete="off" {...text('jobTitle')} />
        <div className="invite-row__role">
          <SelectField
            ref={fieldRef('scopes')}
            label={t('invite.row.role')}
            required
            value={row.choice.role}
            error={row.choice.role === 'CUSTOM' ? undefined : message('scopes')}
            onChange={(event) => {
              const role = event.target.value;
              if (isRoleChoice(role)) setChoice({ ...row.choice, role });
            }}
            onBlur={() => onBlur('scopes')}
          >
            <option value="">{t('scopes.choose')}</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role][locale]}
              </option>
            ))}
            <option value="CUSTOM">{t('scopes.customOption')}</option>
          </SelectField>
          {row.choice.role === 'CUSTOM' ? (
            <fieldset
              className="choice-group choice-group--inline"
              aria-describedby={message('scopes') ? `${row.key}-scopes-error` : undefined}
            >
              <legend className="field__label">{t('scopes.customLegend')}</legend>
              {COMBINABLE_SCOPES.map((scope) => (
                <Checkbox
                  key={scope}
                  checked={row.choice.custom.includes(scope)}
                  onChange={(event) =>
                    setChoice({
                      ...row.choice,
                      custom: event.target.checked ? [...row.choice.custom, scope] : row.choice.custom.filter((item) => item !== scope),
                    })
                  }
                  label={SCOPE_LABELS[scope][locale]}
                />
              ))}
              {message('scopes') ? (
                <p id={`${row.key}-scopes-error`} className="field__error">
                  {message('scopes')}
                </p>
              ) : null}
            </fieldset>
          ) : null}
        </div>
        <div className="invite-row__contact">
          <ContactForPicker
            compact
            choice={row.choice}
            value={row.contactFor}
            error={message('contactFor')}
            onChange={(contactFor: ContactSubject[]) => onChange({ contactFor }, 'contactFor')}
          />
        </div>
      </div>
      {canRemove ? (
        <div className="invite-row__remove">
          <Button variant="ghost" size="sm" onClick={onRemove} aria-label={t('invite.row.removeLabel', { label })}>
            {t('invite.row.remove')}
          </Button>
        </div>
      ) : null}
    </fieldset>
  );
}
