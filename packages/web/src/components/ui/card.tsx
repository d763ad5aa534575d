import type { ComponentPropsWithoutRef } from 'react';
import { cx } from './cx';

export function Card({ className, ...props }: ComponentPropsWithoutRef<'section'>) {
  return <section className={cx('card', className)} {...props} />;
}
