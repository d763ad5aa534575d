import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';
import { cx } from './cx';

export interface TextAreaFieldProps extends Omit<ComponentPropsWithRef<'textarea'>, 'id'> {
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  /** Under the field (e.g. a character count), linked with aria-describedby. */
  hint?: ReactNode;
  id?: string;
}

/** A multi-line text field with its label, help and error wired like TextField's. */
export function TextAreaField({ label, description, error, hint, id, className, rows = 4, ...props }: TextAreaFieldProps) {
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
      <textarea
        id={inputId}
        rows={rows}
        className="field__input field__textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...props}
      />
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
