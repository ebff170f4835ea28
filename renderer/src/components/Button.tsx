import type { ButtonHTMLAttributes } from 'react';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: 'primary' | 'secondary' | 'ghost' | 'danger';
  size?: 'normal' | 'small';
  busy?: boolean;
}

/** A button; `busy` keeps its width and shows a spinner (no layout jump). */
export function Button({ variant = 'secondary', size = 'normal', busy = false, className, children, type, disabled, ...rest }: ButtonProps) {
  const classes = ['btn', variant !== 'secondary' ? `btn--${variant}` : '', size === 'small' ? 'btn--small' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <button type={type ?? 'button'} className={classes} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {busy ? <span className="spinner" aria-hidden="true" /> : null}
      {children}
    </button>
  );
}
