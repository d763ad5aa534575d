import type { Ref } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { TextField } from '@/components/ui';

export interface EmailFieldProps {
  label: string;
  value: string;
  error?: string | null;
  /** A corrected address for a likely typo (`gmail.con` → `gmail.com`), offered as one click. */
  suggestion?: string | null;
  onChange: (value: string) => void;
  onBlur?: () => void;
  onAcceptSuggestion?: (suggestion: string) => void;
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
  /** `username` for sign-in forms (password managers pair it with the password), `email` elsewhere. */
  autoComplete?: string;
  name?: string;
  description?: string;
}

export function EmailField({
  label,
  value,
  error,
  suggestion,
  onChange,
  onBlur,
  onAcceptSuggestion,
  inputRef,
  autoFocus,
  autoComplete = 'username',
  name = 'email',
  description,
}: EmailFieldProps) {
  return (
    <TextField
      ref={inputRef}
      label={label}
      description={description}
      name={name}
      type="email"
      inputMode="email"
      autoComplete={autoComplete}
      autoCapitalize="none"
      spellCheck={false}
      required
      autoFocus={autoFocus}
      value={value}
      error={error ?? undefined}
      onChange={(event) => onChange(event.target.value)}
      onBlur={onBlur}
      hint={suggestion && !error ? <EmailSuggestion suggestion={suggestion} onAccept={onAcceptSuggestion} /> : undefined}
    />
  );
}

/** "Did you mean jean@gmail.com?" with the address as a button that applies it. */
export function EmailSuggestion({ suggestion, onAccept }: { suggestion: string; onAccept?: (suggestion: string) => void }) {
  const { t } = useTranslation();
  return (
    <p className="suggestion">
      <Trans
        t={t}
        i18nKey="form.didYouMean"
        values={{ suggestion }}
        components={{
          action: <button type="button" className="btn btn--link suggestion__action" onClick={() => onAccept?.(suggestion)} />,
        }}
      />
    </p>
  );
}
