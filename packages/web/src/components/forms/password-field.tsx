import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField, type TextFieldProps } from '@/components/ui';

/**
 * A password input with a show toggle (helps on phones and against typos): one fixed label,
 * its state in aria-pressed.
 */
export function PasswordField(props: Omit<TextFieldProps, 'type' | 'endAdornment'>) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...props}
      type={visible ? 'text' : 'password'}
      spellCheck={false}
      autoCapitalize="none"
      endAdornment={
        <button type="button" className="field__toggle" aria-pressed={visible} onClick={() => setVisible((value) => !value)}>
          {t('form.showPassword')}
        </button>
      }
    />
  );
}
