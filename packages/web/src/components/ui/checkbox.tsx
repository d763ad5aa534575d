import type { ComponentPropsWithRef, ReactNode } from 'react';
import { cx } from './cx';

export interface CheckboxProps extends Omit<ComponentPropsWithRef<'input'>, 'type'> {
  label: ReactNode;
  /** A line under the label, inside the same clickable area. */
  description?: ReactNode;
  /** `radio` for one choice in a group (same `name`). */
  type?: 'checkbox' | 'radio';
}

/** A checkbox (or radio button) with its label wrapped around it, so the whole line is clickable. */
export function Checkbox({ label, description, className, type = 'checkbox', ...props }: CheckboxProps) {
  return (
    <label className={cx('check', className)}>
      <input type={type} className="check__input" {...props} />
      <span className="check__text">
        <span className="check__label">{label}</span>
        {description ? <span className="check__description">{description}</span> : null}
      </span>
    </label>
  );
}
