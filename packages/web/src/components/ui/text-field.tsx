import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';
import { cx } from './cx';

export interface TextFieldProps extends Omit<ComponentPropsWithRef<'input'>, 'id'> {
  label: ReactNode;
  /** Help shown under the label, linked with aria-describedby. */
  description?: ReactNode;
  /** Error shown under the field; sets aria-invalid and is read with the field. */
  error?: ReactNode;
  /** Extra content under the field (e.g. a suggestion), also linked with aria-describedby. */
  hint?: ReactNode;
  /** Content at the end of the input row (e.g. a show-password toggle). */
  endAdornment?: ReactNode;
  id?: string;
}

export function TextField({ label, description, error, hint, endAdornment, id, className, required, ...inputProps }: TextFieldProps) {
  const generatedId = useId();
  const inputId = id ?? `field-${generatedId}`;
  const descriptionId = description ? `${inputId}-description` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const describedBy = [errorId, descriptionId, hintId].filter(Boolean).join(' ') || undefined;

  return (
    <div className={cx('field', error ? 'field--invalid' : null, className)}>
      <label className="field__label" htmlFor={inputId}>
        {label}
      </label>
      {description ? (
        <p id={descriptionId} className="field__description">
          {description}
        </p>
      ) : null}
      <div className="field__control">
        <input
          id={inputId}
          className="field__input"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          required={required}
          {...inputProps}
        />
        {endAdornment}
      </div>
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
      {hint ? (
        <div id={hintId} className="field__hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
}
