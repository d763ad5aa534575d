import type { ComponentPropsWithoutRef } from 'react';
import { cx } from './cx';

/** Text for assistive technologies only (still read by screen readers and copied). */
export function VisuallyHidden({ className, ...props }: ComponentPropsWithoutRef<'span'>) {
  return <span className={cx('visually-hidden', className)} {...props} />;
}
