import type { ReactNode } from 'react';
import { formatErrorData, type StudioErrorData } from '../../../shared/common/api/define';
import { useUi } from '../store/ui';
import { Button } from './Button';

export function Spinner({ label }: { label?: string }) {
  return (
    <span className="row" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ? <span className="muted">{label}</span> : <span className="visually-hidden">Loading</span>}
    </span>
  );
}

/** A progress bar; `value` 0..1, or null for indeterminate. */
export function Progress({ value, label }: { value: number | null; label: string }) {
  const pct = value === null ? undefined : Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div
      className={`progress${pct === undefined ? ' progress--indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
    >
      <div className="progress__bar" style={pct === undefined ? undefined : { width: `${pct}%` }} />
    </div>
  );
}

export interface BannerProps {
  tone: 'error' | 'warn' | 'info' | 'ok';
  title?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  label?: string;
}

/** An inline message; errors are announced (role=alert). */
export function Banner({ tone, title, children, actions, label }: BannerProps) {
  return (
    <div className={`banner banner--${tone}`} role={tone === 'error' ? 'alert' : 'status'} aria-label={label}>
      <div className="banner__body">
        {title ? <strong>{title}</strong> : null}
        {title && children ? ' ' : null}
        {children}
      </div>
      {actions ? <div className="row">{actions}</div> : null}
    </div>
  );
}

/** A call's error with its position (file:line:column) when it has one. */
export function ErrorBanner({ error, title, actions }: { error: StudioErrorData | string; title?: string; actions?: ReactNode }) {
  const text = typeof error === 'string' ? error : formatErrorData(error);
  const code = typeof error === 'string' ? null : error.code;
  return (
    <Banner tone="error" title={title} actions={actions}>
      <span className="mono">{text}</span>
      {code ? <span className="faint"> ({code})</span> : null}
    </Banner>
  );
}

export function EmptyState({ title, children, actions }: { title: string; children?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="empty">
      <div className="empty__title">{title}</div>
      {children ? <div>{children}</div> : null}
      {actions ? <div className="row" style={{ justifyContent: 'center' }}>{actions}</div> : null}
    </div>
  );
}

export function Toasts() {
  const toasts = useUi((s) => s.toasts);
  const dismiss = useUi((s) => s.dismiss);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast--${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'}>
          <div className="toast__body">{t.message}</div>
          <Button variant="ghost" size="small" aria-label="Dismiss notification" onClick={() => dismiss(t.id)}>
            ✕
          </Button>
        </div>
      ))}
    </div>
  );
}
