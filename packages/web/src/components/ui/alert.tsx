import type { ReactNode } from 'react';
import { cx } from './cx';

export type AlertTone = 'info' | 'success' | 'warning' | 'error';

export interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  /**
   * `assertive` (role=alert) interrupts the screen reader: use it for errors the person just
   * caused. `polite` (role=status) waits its turn: confirmations and notices. `off`: static text.
   */
  live?: 'assertive' | 'polite' | 'off';
  className?: string;
  id?: string;
}

export function Alert({ tone = 'info', title, children, live, className, id }: AlertProps) {
  const politeness = live ?? (tone === 'error' ? 'assertive' : 'polite');
  const role = politeness === 'assertive' ? 'alert' : politeness === 'polite' ? 'status' : undefined;
  return (
    <div id={id} role={role} className={cx('alert', `alert--${tone}`, className)}>
      {title ? <p className="alert__title">{title}</p> : null}
      {children ? <div className="alert__body">{children}</div> : null}
    </div>
  );
}
