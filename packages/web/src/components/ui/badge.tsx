import type { ComponentPropsWithoutRef } from 'react';
import { cx } from './cx';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export function Badge({ tone = 'neutral', className, ...props }: ComponentPropsWithoutRef<'span'> & { tone?: BadgeTone }) {
  return <span className={cx('badge', `badge--${tone}`, className)} {...props} />;
}
