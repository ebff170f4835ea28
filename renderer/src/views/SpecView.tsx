import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Diagnostic, Severity } from '../../../shared/common/spec/model';
import { useProject } from '../store/project';
import { useUi } from '../store/ui';
import { useCall } from '../lib/use-call';
import { countBySeverity, filterDiagnostics, mergeDiagnostics, toMarkers } from '../lib/diagnostics';
import { formatBytes, formatMs, FORMAT_LABELS } from '../lib/format';
import { Badge, type BadgeTone } from '../components/Badge';
import { Button } from '../components/Button';
import { EmptyState, ErrorBanner, Progress, Spinner } from '../components/Feedback';
import { SpecProgressLine } from './SpecProgressLine';
import { ErrorBoundary } from '../components/ErrorBoundary';

const CodeView = lazy(() => import('../components/CodeView'));

const SEVERITY_TONE: Record<Severity, BadgeTone> = { error: 'err', warning: 'warn', info: 'info', hint: 'neutral' };
const SEVERITIES: Severity[] = ['error', 'warning', 'info', 'hint'];

function DiagnosticsList({ items, current, onPick, emptyText }: { items: Diagnostic[]; current: number | null; onPick(index: number): void; emptyText: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => 52, overscan: 10 });
  if (items.length === 0) {
    return (
      <div className="diag-list" data-testid="diagnostics-empty">
        <p className="muted" style={{ padding: 12 }}>
          {emptyText}
        </p>
      </div>
    );
  }
  return (
    <div ref={scrollRef} className="diag-list" role="list" aria-label="Diagnostics">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const d = items[row.index];
          if (!d) return null;
          const where = `${d.file ? `${d.file}:` : ''}${d.line}:${d.column}`;
          return (
            <div
              key={row.key}
              role="listitem"
              data-index={row.index}
              ref={virtualizer.measureElement}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)` }}
            >
              <button type="button" className="diag-item" aria-current={current === row.index} onClick={() => onPick(row.index)} title={d.file ? 'In another file of this spec' : 'Show in source'}>
                <Badge tone={SEVERITY_TONE[d.severity]}>{d.severity}</Badge>
                <span>{d.message}</span>
                <span className="diag-item__pos">
                  {where} · {d.code}
                </span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}

function SourcePane({ specId, markers, jumpTo }: { specId: string; markers: ReturnType<typeof toMarkers>; jumpTo: { line: number; column: number; seq: number } | null }) {
  const source = useCall('spec.source', { specId });
  if (source.loading) return <Spinner label="Loading the source…" />;
  if (source.error) return <ErrorBanner title="The source could not be loaded." error={source.error} />;
  if (!source.data) return null;
  return (
    <ErrorBoundary what="the source editor">
      <Suspense fallback={<Spinner label="Loading the editor…" />}>
        <CodeView value={source.data.text} language={source.data.language} path={`file:///spec/${specId}.${source.data.language}`} markers={markers} jumpTo={jumpTo} label="Spec source" />
      </Suspense>
    </ErrorBoundary>
  );
}

export function SpecView() {
  const { spec, status, error, lint, lintError } = useProject(
    useShallow((s) => ({ spec: s.spec, status: s.specStatus, error: s.specError, lint: s.lint, lintError: s.lintError })),
  );
  const setView = useUi((s) => s.setView);
  const [severities, setSeverities] = useState<Set<Severity>>(() => new Set(SEVERITIES));
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState<number | null>(null);
  const [jumpTo, setJumpTo] = useState<{ line: number; column: number; seq: number } | null>(null);

  const all = useMemo(() => mergeDiagnostics(spec?.diagnostics, lint?.diagnostics), [spec, lint]);
  const counts = useMemo(() => countBySeverity(all), [all]);
  const shown = useMemo(() => filterDiagnostics(all, severities, query), [all, severities, query]);
  const markers = useMemo(() => toMarkers(all), [all]);

  if (status === 'loading') {
    return (
      <section className="view" aria-labelledby="spec-title">
        <h1 id="spec-title">Spec</h1>
        <div className="panel">
          <SpecProgressLine />
        </div>
      </section>
    );
  }
  if (status === 'error' && error) {
    return (
      <section className="view" aria-labelledby="spec-title">
        <h1 id="spec-title">Spec</h1>
        <ErrorBanner
          title={error.code === 'not-openapi' ? 'This is not an OpenAPI document.' : error.code === 'unparseable' ? 'The document could not be parsed.' : error.code === 'network' ? 'The spec could not be fetched.' : 'The spec could not be opened.'}
          error={error}
          actions={<Button onClick={() => setView('start')}>Open another spec</Button>}
        />
      </section>
    );
  }
  if (!spec) {
    return (
      <section className="view" aria-labelledby="spec-title">
        <h1 id="spec-title">Spec</h1>
        <EmptyState title="No spec open" actions={<Button variant="primary" onClick={() => setView('start')}>Open a spec</Button>}>
          Open an OpenAPI or Swagger document from the Start view.
        </EmptyState>
      </section>
    );
  }

  const pick = (index: number) => {
    const d = shown[index];
    setCurrent(index);
    if (d && !d.file) setJumpTo({ line: d.line, column: d.column, seq: Date.now() });
  };
  const toggle = (s: Severity) =>
    setSeverities((prev) => {
      const next = new Set(prev);
      if (next.has(s)) next.delete(s);
      else next.add(s);
      return next;
    });

  return (
    <section className="view" aria-labelledby="spec-title" style={{ maxWidth: 'none' }}>
      <div className="view__header">
        <div>
          <h1 id="spec-title">
            {spec.title} <span className="muted" style={{ fontWeight: 400 }}>{spec.version}</span>
          </h1>
          <p>
            {spec.name} · {formatBytes(spec.sizeBytes)} · {spec.sourceFormat.toUpperCase()} · loaded in {formatMs(spec.loadMs)}
          </p>
        </div>
        <div className="row">
          <Badge tone="accent">{FORMAT_LABELS[spec.format] ?? spec.format}</Badge>
          <Badge tone={spec.basicAuth ? 'ok' : 'warn'}>{spec.basicAuth ? 'Basic Auth declared' : 'No Basic Auth'}</Badge>
        </div>
      </div>

      <div className="row" style={{ alignItems: 'stretch', gap: 'var(--sp-3)' }}>
        <div className="stat">
          <span className="stat__value" data-testid="count-operations">{spec.operations.length}</span>
          <span className="stat__label">operations</span>
        </div>
        <div className="stat">
          <span className="stat__value">{spec.webhooks.length}</span>
          <span className="stat__label">webhooks</span>
        </div>
        <div className="stat">
          <span className="stat__value">{new Set(spec.operations.map((o) => o.path)).size}</span>
          <span className="stat__label">paths</span>
        </div>
        <div className="stat">
          <span className="stat__value" style={{ color: counts.error ? 'var(--err)' : undefined }} title={lint ? undefined : 'linting…'}>
            {lint || lintError ? counts.error : '…'}
          </span>
          <span className="stat__label">errors</span>
        </div>
        <div className="stat">
          <span className="stat__value" style={{ color: counts.warning ? 'var(--warn)' : undefined }} title={lint ? undefined : 'linting…'}>
            {lint || lintError ? counts.warning : '…'}
          </span>
          <span className="stat__label">warnings</span>
        </div>
        <div className="panel" style={{ flex: 1, padding: '8px 12px', gap: 4 }}>
          <span className="field__label">Servers</span>
          {spec.serverDetails.length === 0 ? <span className="muted">None declared — type the base URL in the Environment view.</span> : null}
          <ul className="list-plain" aria-label="Servers">
            {spec.serverDetails.map((s) => (
              <li key={s.template} className="mono" title={s.template !== s.url ? `template: ${s.template}` : undefined}>
                {s.url} {s.description ? <span className="muted" style={{ fontFamily: 'var(--font-ui)' }}>— {s.description}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      </div>

      <div className="spec-layout">
        <div className="stack" style={{ minWidth: 0 }}>
          <div className="row" style={{ justifyContent: 'space-between' }}>
            <h2>Diagnostics</h2>
            {lint ? (
              <span className="muted" style={{ fontSize: 'var(--fs-sm)' }} data-testid="lint-done">
                linted in {formatMs(lint.lintMs)}
              </span>
            ) : lintError ? null : (
              <span className="row muted" style={{ fontSize: 'var(--fs-sm)' }} data-testid="lint-running">
                <span className="spinner" aria-hidden="true" /> linting…
              </span>
            )}
          </div>
          {!lint && !lintError ? <Progress value={null} label="Linting" /> : null}
          {lintError ? <ErrorBanner title="Lint failed." error={lintError} /> : null}
          <div className="row" role="group" aria-label="Severity filter">
            {SEVERITIES.map((s) => (
              <label key={s} className="checkbox" style={{ fontSize: 'var(--fs-sm)' }}>
                <input type="checkbox" checked={severities.has(s)} onChange={() => toggle(s)} />
                {s} ({counts[s]})
              </label>
            ))}
          </div>
          <input className="input" type="search" aria-label="Filter diagnostics" placeholder="Filter by message, rule or path" value={query} onChange={(e) => setQuery(e.target.value)} />
          <DiagnosticsList
            items={shown}
            current={current}
            onPick={pick}
            emptyText={all.length > 0 ? 'No diagnostics match the filter.' : lint ? 'No diagnostics: the spec lints clean.' : 'No load diagnostics; linting…'}
          />
        </div>
        <div className="editor-frame">
          <SourcePane specId={spec.specId} markers={markers} jumpTo={jumpTo} />
        </div>
      </div>
    </section>
  );
}
