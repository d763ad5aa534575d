import { CONTACT_SUBJECT_LABELS, ROLE_LABELS, ROLES, SCOPE_LABELS, type ContactSubject } from '@guichet/shared';
import { useId } from 'react';
import { Checkbox } from '@/components/ui';
import { localeOf } from '@/lib/i18n';
import { useTeamTranslation } from '../hooks/use-team-translation';
import { COMBINABLE_SCOPES, grantedSubjects, scopesOfChoice, type ScopeChoice } from '../utils/scopes';

export interface ScopesPickerProps {
  value: ScopeChoice;
  onChange: (value: ScopeChoice) => void;
  /** A message when no access is chosen (SCOPES_REQUIRED), linked to the group. */
  error?: string | null;
  legend?: string;
  /**
   * Only the administrator role may be chosen (the company's last administrator): the other
   * choices are disabled and this sentence, linked to the group, says why.
   */
  adminOnly?: string | null;
}

/**
 * The four roles as radio buttons (each says what it opens), plus a combination of non-admin
 * areas shown as checkboxes when chosen.
 */
export function ScopesPicker({ value, onChange, error, legend, adminOnly = null }: ScopesPickerProps) {
  const { t, i18n } = useTeamTranslation();
  const locale = localeOf(i18n);
  const id = useId();
  const errorId = error ? `scopes-${id}-error` : undefined;
  const lockedId = adminOnly ? `scopes-${id}-locked` : undefined;
  const name = `scopes-${id}`;
  return (
    <fieldset
      className="choice-group"
      aria-describedby={[errorId, lockedId].filter(Boolean).join(' ') || undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend className="field__label">{legend ?? t('scopes.legend')}</legend>
      {adminOnly ? (
        <p id={lockedId} className="field__description">
          {adminOnly}
        </p>
      ) : null}
      {ROLES.map((role) => (
        <Checkbox
          key={role}
          type="radio"
          name={name}
          value={role}
          checked={value.role === role}
          disabled={adminOnly !== null && role !== 'ADMINISTRATEUR'}
          onChange={() => onChange({ ...value, role })}
          label={ROLE_LABELS[role][locale]}
          description={t(`scopes.descriptions.${role}`)}
        />
      ))}
      <Checkbox
        type="radio"
        name={name}
        value="CUSTOM"
        checked={value.role === 'CUSTOM'}
        disabled={adminOnly !== null}
        onChange={() => onChange({ ...value, role: 'CUSTOM' })}
        label={t('scopes.custom')}
        description={t('scopes.descriptions.CUSTOM')}
      />
      {value.role === 'CUSTOM' ? (
        <fieldset className="choice-group choice-group--nested">
          <legend className="visually-hidden">{t('scopes.customLegend')}</legend>
          {COMBINABLE_SCOPES.map((scope) => (
            <Checkbox
              key={scope}
              checked={value.custom.includes(scope)}
              onChange={(event) =>
                onChange({
                  ...value,
                  custom: event.target.checked ? [...value.custom, scope] : value.custom.filter((item) => item !== scope),
                })
              }
              label={SCOPE_LABELS[scope][locale]}
            />
          ))}
        </fieldset>
      ) : null}
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export interface ContactForPickerProps {
  /** What the member may be the contact for is limited to what these scopes open. */
  choice: ScopeChoice;
  value: readonly ContactSubject[];
  onChange: (value: ContactSubject[]) => void;
  error?: string | null;
  /** Smaller layout for the rows of the invite form. */
  compact?: boolean;
}

/** "Contact pour": checkboxes for the areas the chosen access grants, and only those. */
export function ContactForPicker({ choice, value, onChange, error, compact = false }: ContactForPickerProps) {
  const { t, i18n } = useTeamTranslation();
  const locale = localeOf(i18n);
  const id = useId();
  const descriptionId = `contact-${id}-description`;
  const errorId = error ? `contact-${id}-error` : undefined;
  const subjects = grantedSubjects(scopesOfChoice(choice));
  return (
    <fieldset
      className={compact ? 'choice-group choice-group--inline' : 'choice-group'}
      aria-describedby={[errorId, descriptionId].filter(Boolean).join(' ')}
    >
      <legend className="field__label">{t('contactFor.legend')}</legend>
      <p id={descriptionId} className="field__description">
        {subjects.length === 0 ? t('contactFor.chooseRoleFirst') : t('contactFor.description')}
      </p>
      {subjects.map((subject) => (
        <Checkbox
          key={subject}
          checked={value.includes(subject)}
          onChange={(event) => onChange(event.target.checked ? [...value, subject] : value.filter((item) => item !== subject))}
          label={CONTACT_SUBJECT_LABELS[subject][locale]}
        />
      ))}
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
