import { useId, type ComponentPropsWithRef, type ReactNode } from 'react';
import { cx } from './cx';

export interface SelectFieldProps extends Omit<ComponentPropsWithRef<'select'>, 'id'> {
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  id?: string;
  /** Label kept for screen readers only (e.g. in a dense row whose column header says it). */
  hideLabel?: boolean;
}

/** A native `<select>` with its label, help and error wired like TextField's. */
export function SelectField({ label, description, error, id, className, hideLabel = false, children, ...selectProps }: SelectFieldProps) {
  const generatedId = useId();
  const selectId = id ?? `field-${generatedId}`;
  const descriptionId = description ? `${selectId}-description` : undefined;
  const errorId = error ? `${selectId}-error` : undefined;
  const describedBy = [errorId, descriptionId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cx('field', error ? 'field--invalid' : null, className)}>
      <label className={cx('field__label', hideLabel && 'visually-hidden')} htmlFor={selectId}>
        {label}
      </label>
      {description ? (
        <p id={descriptionId} className="field__description">
          {description}
        </p>
      ) : null}
      <div className="field__control">
        <select
          id={selectId}
          className="field__input field__select"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...selectProps}
        >
          {children}
        </select>
      </div>
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
