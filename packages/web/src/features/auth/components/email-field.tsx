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
}: EmailFieldProps) {
  const { t } = useTranslation();
  return (
    <TextField
      ref={inputRef}
      label={label}
      name="email"
      type="email"
      inputMode="email"
      autoComplete="username"
      autoCapitalize="none"
      spellCheck={false}
      required
      autoFocus={autoFocus}
      value={value}
      error={error ?? undefined}
      onChange={(event) => onChange(event.target.value)}
      onBlur={onBlur}
      hint={
        suggestion && !error ? (
          <p className="suggestion">
            <Trans
              t={t}
              i18nKey="auth.login.didYouMean"
              values={{ suggestion }}
              components={{
                action: (
                  <button type="button" className="btn btn--link suggestion__action" onClick={() => onAcceptSuggestion?.(suggestion)} />
                ),
              }}
            />
          </p>
        ) : undefined
      }
    />
  );
}
