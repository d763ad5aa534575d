import { cx } from './cx';

export interface SpinnerProps {
  /** Announced to screen readers; omit when the surrounding text already says it. */
  label?: string;
  size?: 'sm' | 'md' | 'lg';
  className?: string;
}

export function Spinner({ label, size = 'md', className }: SpinnerProps) {
  const circle = <span className={cx('spinner', `spinner--${size}`, className)} aria-hidden="true" />;
  if (!label) return circle;
  return (
    <span role="status" className="spinner-wrap">
      {circle}
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
