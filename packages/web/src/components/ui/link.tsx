import type { ComponentPropsWithRef } from 'react';
import { Link as RouterLink } from 'react-router';
import { cx } from './cx';

export type LinkProps = ComponentPropsWithRef<typeof RouterLink> & {
  variant?: 'default' | 'button' | 'button-secondary';
};

/** A router link with the kit's look; `variant="button"` for a call to action that navigates. */
export function Link({ className, variant = 'default', ...props }: LinkProps) {
  return (
    <RouterLink
      className={cx(
        variant === 'default' && 'link',
        variant === 'button' && 'btn btn--primary',
        variant === 'button-secondary' && 'btn btn--secondary',
        className,
      )}
      {...props}
    />
  );
}
