import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { CredentialStatus, FieldComparison, TestConnectionResult } from '../../../shared/common/api/calls-sandbox';
import type { StudioErrorData } from '../../../shared/common/api/define';
import type { Project } from '../../../shared/common/project/model';
import { bridge, callStudio } from '../bridge';
import { useProject } from '../store/project';
import { useUi } from '../store/ui';
import { toErrorData } from '../lib/use-call';
import { formatDateTime, formatMs } from '../lib/format';
import {
  COMPARISON_LABELS,
  COMPARISON_STATUSES,
  countComparison,
  filterComparison,
  sortComparison,
  validateEnvironmentName,
  type ComparisonStatus,
} from '../lib/fields-compare';
import { Badge, type BadgeTone } from '../components/Badge';
import { Button } from '../components/Button';
import { Field } from '../components/Field';
import { Banner, EmptyState, ErrorBanner, Progress } from '../components/Feedback';

type ProjectRef = { project: Record<string, unknown>; projectPath: string | null; env: string };

function projectRef(project: Project, path: string, env: string): ProjectRef {
  return { project: project as unknown as Record<string, unknown>, projectPath: path, env };
}

const CATEGORY_TONE: Record<TestConnectionResult['category'], BadgeTone> = {
  ok: 'ok',
  auth: 'err',
  'not-found': 'err',
  timeout: 'warn',
  tls: 'err',
  network: 'err',
  'bad-response': 'warn',
};

const CATEGORY_TEXT: Record<TestConnectionResult['category'], string> = {
  ok: 'Connected',
  auth: 'Authentication failed',
  'not-found': 'Endpoint not found',
  timeout: 'Timed out',
  tls: 'TLS/certificate problem',
  network: 'Network error',
  'bad-response': 'Unexpected response',
};

function EnvironmentTabs() {
  const { environments, current, setEnvironment, updateEnvironment, removeEnvironment } = useProject(
    useShallow((s) => ({
      environments: s.doc?.project.environments ?? null,
      current: s.environment,
      setEnvironment: s.setEnvironment,
      updateEnvironment: s.updateEnvironment,
      removeEnvironment: s.removeEnvironment,
    })),
  );
  const names = environments ? Object.keys(environments) : [];
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const error = adding && name ? validateEnvironmentName(name, names) : null;
  const add = (e: FormEvent) => {
    e.preventDefault();
    if (validateEnvironmentName(name, names)) return;
    updateEnvironment(name.trim(), { baseUrl: '', username: '' });
    setEnvironment(name.trim());
    setName('');
    setAdding(false);
  };
  return (
    <div className="row" style={{ justifyContent: 'space-between', alignItems: 'flex-end' }}>
      <div className="row" role="tablist" aria-label="Environments">
        {names.map((n) => (
          <Button key={n} role="tab" aria-selected={n === current} variant={n === current ? 'primary' : 'secondary'} size="small" onClick={() => setEnvironment(n)}>
            {n}
          </Button>
        ))}
        {['sandbox', 'production']
          .filter((n) => !names.includes(n))
          .map((n) => (
            <Button
              key={n}
              size="small"
              variant="ghost"
              onClick={() => {
                updateEnvironment(n, { baseUrl: '', username: '' });
                setEnvironment(n);
              }}
            >
              + {n}
            </Button>
          ))}
      </div>
      <div className="row">
        {adding ? (
          <form className="row" onSubmit={add} style={{ alignItems: 'flex-start' }}>
            <Field label="New environment name" error={error}>
              {({ id, describedBy, invalid }) => (
                <input id={id} autoFocus aria-describedby={describedBy} aria-invalid={invalid} className="input" style={{ width: 180 }} value={name} onChange={(e) => setName(e.target.value)} />
              )}
            </Field>
            <Button type="submit" variant="primary" size="small" disabled={Boolean(validateEnvironmentName(name, names))} style={{ marginTop: 22 }}>
              Add
            </Button>
            <Button size="small" onClick={() => setAdding(false)} style={{ marginTop: 22 }}>
              Cancel
            </Button>
          </form>
        ) : (
          <Button size="small" onClick={() => setAdding(true)}>
            Add environment…
          </Button>
        )}
        {names.length > 1 && !adding ? (
          <Button
            size="small"
            variant="danger"
            onClick={() => {
              if (window.confirm(`Remove the environment “${current}” from the project? Its stored password stays in the keychain until you forget it.`)) removeEnvironment(current);
            }}
          >
            Remove “{current}”
          </Button>
        ) : null}
      </div>
    </div>
  );
}

const NO_SERVERS: never[] = [];

function ConnectionSettings() {
  const { project, env, environment, updateEnvironment } = useProject(
    useShallow((s) => ({
      project: s.doc?.project ?? null,
      env: s.environment,
      environment: s.doc?.project.environments[s.environment] ?? null,
      updateEnvironment: s.updateEnvironment,
    })),
  );
  const servers = useProject((s) => s.spec?.serverDetails) ?? NO_SERVERS;
  const listId = useId();
  if (!project || !environment) return null;
  return (
    <section className="panel" aria-labelledby="conn-title">
      <h2 id="conn-title">Connection</h2>
      <Field label="Base URL" hint={servers.length ? 'Pick one of the spec’s servers or type another.' : 'The spec declares no servers; type the API’s base URL.'}>
        {({ id, describedBy }) => (
          <>
            <input
              id={id}
              aria-describedby={describedBy}
              className="input mono"
              type="url"
              list={listId}
              value={environment.baseUrl}
              placeholder="https://sandbox.example.com/api"
              onChange={(e) => updateEnvironment(env, { ...environment, baseUrl: e.target.value })}
            />
            <datalist id={listId}>
              {servers.map((s) => (
                <option key={s.template} value={s.url}>
                  {s.description ?? ''}
                </option>
              ))}
            </datalist>
          </>
        )}
      </Field>
      {servers.length > 0 ? (
        <div className="row" role="group" aria-label="Servers from the spec">
          <span className="muted" style={{ fontSize: 'var(--fs-sm)' }}>
            From the spec:
          </span>
          {servers.slice(0, 6).map((s) => (
            <Button
              key={s.template}
              size="small"
              className="mono"
              aria-pressed={environment.baseUrl === s.url}
              title={s.description ?? s.url}
              onClick={() => updateEnvironment(env, { ...environment, baseUrl: s.url })}
            >
              {s.url}
            </Button>
          ))}
        </div>
      ) : null}
      <Field label="Username">
        {({ id }) => (
          <input id={id} className="input" autoComplete="off" value={environment.username} onChange={(e) => updateEnvironment(env, { ...environment, username: e.target.value })} />
        )}
      </Field>
      <Credentials />
    </section>
  );
}

function Credentials() {
  const { project, path, env, username } = useProject(
    useShallow((s) => ({
      project: s.doc?.project ?? null,
      path: s.doc?.path ?? null,
      env: s.environment,
      username: s.doc?.project.environments[s.environment]?.username ?? '',
    })),
  );
  const demo = useProject((s) => s.demoSandbox);
  const [status, setStatus] = useState<CredentialStatus | null>(null);
  const [statusError, setStatusError] = useState<StudioErrorData | null>(null);
  const [password, setPassword] = useState('');
  const [sessionOnly, setSessionOnly] = useState(false);
  const [busy, setBusy] = useState(false);
  const projectId = project?.id ?? path;

  useEffect(() => {
    if (!project || !path) return;
    let live = true;
    setStatus(null);
    callStudio('credentials.status', projectRef(project, path, env)).then(
      (s) => live && (setStatus(s), setStatusError(null)),
      (err: unknown) => live && setStatusError(toErrorData(err)),
    );
    return () => {
      live = false;
    };
    // Re-check when the environment or project identity changes, not on every edit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [env, projectId]);

  if (!project || !path) return null;
  const keychainDown = status ? !status.keychain.available : false;
  const store = async (e: FormEvent) => {
    e.preventDefault();
    if (!password) return;
    setBusy(true);
    try {
      const s = await callStudio('credentials.set', { ...projectRef(project, path, env), username, password, ...(sessionOnly || keychainDown ? { sessionOnly: true } : {}) });
      setStatus(s);
      setStatusError(null);
      setPassword('');
      useUi.getState().notify('success', s.where === 'session' ? 'Password kept for this session only' : 'Password stored in the keychain');
    } catch (err) {
      setStatusError(toErrorData(err));
    } finally {
      setBusy(false);
    }
  };
  const forget = async () => {
    setBusy(true);
    try {
      setStatus(await callStudio('credentials.delete', projectRef(project, path, env)));
    } catch (err) {
      setStatusError(toErrorData(err));
    } finally {
      setBusy(false);
    }
  };
  const stored = status?.stored ?? false;
  return (
    <form className="stack" onSubmit={(e) => void store(e)} aria-label="Password">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <span className="field__label">Password</span>
        <span data-testid="credential-status">
          {status === null && !statusError ? (
            <Badge>checking…</Badge>
          ) : stored ? (
            <Badge tone="ok">stored{status?.where === 'session' ? ' (this session only)' : ' in keychain'}</Badge>
          ) : (
            <Badge tone="warn">not stored</Badge>
          )}
        </span>
      </div>
      {keychainDown ? (
        <Banner tone="warn" title="No keychain is reachable.">
          {status?.keychain.message ?? 'The OS keychain did not answer.'} The password can be kept in memory for this session only; it is never written to a file.
        </Banner>
      ) : null}
      {statusError ? <ErrorBanner error={statusError} /> : null}
      <div className="row" style={{ flexWrap: 'nowrap' }}>
        <input
          className="input"
          type="password"
          aria-label={`Password for ${env}`}
          autoComplete="new-password"
          value={password}
          placeholder={stored ? 'Enter a new password to replace the stored one' : 'Password'}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Button type="submit" variant="primary" busy={busy} disabled={!password || !username}>
          {sessionOnly || keychainDown ? 'Keep for session' : 'Store in keychain'}
        </Button>
        {stored ? (
          <Button onClick={() => void forget()} disabled={busy}>
            Forget
          </Button>
        ) : null}
      </div>
      <label className="checkbox" style={{ fontSize: 'var(--fs-sm)' }}>
        <input type="checkbox" checked={sessionOnly || keychainDown} disabled={keychainDown} onChange={(e) => setSessionOnly(e.target.checked)} />
        Keep for this session only (not in the keychain)
      </label>
      {!username ? <span className="field__hint">Enter the username first.</span> : null}
      {demo && env === 'sandbox' ? <span className="field__hint">Demo sandbox: {demo.hint}</span> : null}
    </form>
  );
}

function ExchangeDetails({ result }: { result: TestConnectionResult }) {
  if (!result.exchange) return null;
  const ex = result.exchange;
  return (
    <details>
      <summary className="muted" style={{ cursor: 'pointer' }}>
        Request and response ({formatMs(ex.durationMs)}, {ex.attempts} attempt{ex.attempts === 1 ? '' : 's'})
      </summary>
      <div className="grid-2" style={{ marginTop: 8 }}>
        <pre className="json" aria-label="Request">{`${ex.request.method} ${ex.request.url}\n${Object.entries(ex.request.headers)
          .map(([k, v]) => `${k}: ${v}`)
          .join('\n')}`}</pre>
        <pre className="json" aria-label="Response">
          {ex.response ? `${ex.response.status}\n${JSON.stringify(ex.response.body, null, 2)?.slice(0, 4000) ?? ''}` : (ex.error ?? 'no response')}
        </pre>
      </div>
    </details>
  );
}

function ConnectionTest() {
  const { project, path, env, baseUrl } = useProject(
    useShallow((s) => ({ project: s.doc?.project ?? null, path: s.doc?.path ?? null, env: s.environment, baseUrl: s.doc?.project.environments[s.environment]?.baseUrl ?? '' })),
  );
  const [result, setResult] = useState<TestConnectionResult | null>(null);
  const [error, setError] = useState<StudioErrorData | null>(null);
  const [busy, setBusy] = useState(false);
  if (!project || !path) return null;
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await callStudio('sandbox.testConnection', projectRef(project, path, env)));
    } catch (err) {
      setResult(null);
      setError(toErrorData(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel" aria-labelledby="test-conn-title">
      <div className="panel__title">
        <h2 id="test-conn-title">Test connection</h2>
        <Button variant="primary" busy={busy} disabled={!baseUrl} onClick={() => void run()}>
          Test connection
        </Button>
      </div>
      <p className="muted">Calls the metadata endpoint with the stored credentials.</p>
      <div data-testid="connection-result" aria-live="polite" style={{ minHeight: 40 }}>
        {error ? <ErrorBanner error={error} /> : null}
        {result ? (
          <div className="stack">
            <div className="row">
              <Badge tone={CATEGORY_TONE[result.category]}>{CATEGORY_TEXT[result.category]}</Badge>
              {result.status !== null ? <span className="mono">HTTP {result.status}</span> : null}
              <span>{result.message}</span>
            </div>
            <ExchangeDetails result={result} />
          </div>
        ) : null}
      </div>
    </section>
  );
}

function ComparisonTable({ rows }: { rows: FieldComparison[] }) {
  const [statuses, setStatuses] = useState<Set<ComparisonStatus>>(() => new Set(COMPARISON_STATUSES));
  const [query, setQuery] = useState('');
  const counts = useMemo(() => countComparison(rows), [rows]);
  const shown = useMemo(() => filterComparison(sortComparison(rows), statuses, query), [rows, statuses, query]);
  const tone: Record<ComparisonStatus, BadgeTone> = { both: 'ok', 'spec-only': 'info', 'live-only': 'accent', 'type-differs': 'warn' };
  return (
    <div className="stack">
      <div className="row" role="group" aria-label="Comparison filter">
        {COMPARISON_STATUSES.map((s) => (
          <label key={s} className="checkbox" style={{ fontSize: 'var(--fs-sm)' }}>
            <input
              type="checkbox"
              checked={statuses.has(s)}
              onChange={() =>
                setStatuses((prev) => {
                  const next = new Set(prev);
                  if (next.has(s)) next.delete(s);
                  else next.add(s);
                  return next;
                })
              }
            />
            {COMPARISON_LABELS[s]} ({counts[s]})
          </label>
        ))}
        <input className="input" type="search" aria-label="Filter fields" placeholder="Filter by path" style={{ width: 220, marginLeft: 'auto' }} value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      <div style={{ maxHeight: 420, overflow: 'auto', border: '1px solid var(--border)', borderRadius: 'var(--radius-sm)' }}>
        <table className="table" aria-label="Spec vs live fields">
          <thead>
            <tr>
              <th>Field</th>
              <th>Status</th>
              <th>Spec type</th>
              <th>Live type</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.path} data-status={r.status}>
                <td className="mono">{r.path}</td>
                <td>
                  <Badge tone={tone[r.status]}>{COMPARISON_LABELS[r.status]}</Badge>
                </td>
                <td className="mono">{r.specType ?? '—'}</td>
                <td className="mono">{r.liveType ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 ? <p className="muted" style={{ padding: 12 }}>No fields match.</p> : null}
      </div>
    </div>
  );
}

function RefreshFields() {
  const { project, path, env, updateProject } = useProject(
    useShallow((s) => ({ project: s.doc?.project ?? null, path: s.doc?.path ?? null, env: s.environment, updateProject: s.updateProject })),
  );
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<StudioErrorData | null>(null);
  const [comparison, setComparison] = useState<FieldComparison[] | null>(null);
  const [source, setSource] = useState<'metadata' | 'spec' | null>(null);
  useEffect(() => bridge.subscribe('sandbox.progress', (p) => setProgress(p.message)), []);
  if (!project || !path) return null;
  const run = async () => {
    setBusy(true);
    setError(null);
    setProgress('Starting…');
    try {
      const r = await callStudio('sandbox.refreshFields', projectRef(project, path, env));
      setComparison(r.comparison);
      setSource(r.source);
      updateProject((p) => ({ ...p, fields: { refreshedAt: new Date().toISOString(), source: r.source, fields: r.fields } }));
    } catch (err) {
      setError(toErrorData(err));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };
  const stored = project.fields;
  return (
    <section className="panel" aria-labelledby="fields-title">
      <div className="panel__title">
        <h2 id="fields-title">Fields</h2>
        <Button variant="primary" busy={busy} onClick={() => void run()}>
          Refresh fields
        </Button>
      </div>
      <p className="muted" data-testid="fields-summary">
        {stored
          ? `${stored.fields.length} fields from the ${stored.source === 'metadata' ? 'live metadata endpoint' : 'create request schema'}, refreshed ${formatDateTime(stored.refreshedAt)}.`
          : 'Not refreshed yet: the mapping uses the create request schema until fields are refreshed from the metadata endpoint.'}
      </p>
      <div style={{ minHeight: 4 }}>{busy ? <Progress value={null} label="Refreshing fields" /> : null}</div>
      {busy && progress ? <span className="muted">{progress}</span> : null}
      {error ? <ErrorBanner title="Refresh failed." error={error} /> : null}
      {comparison ? (
        <>
          {source === 'spec' ? <Banner tone="info">No metadata endpoint answered; fields come from the spec.</Banner> : null}
          <h3>Spec vs live</h3>
          <ComparisonTable rows={comparison} />
        </>
      ) : null}
    </section>
  );
}

export function EnvironmentView() {
  const hasDoc = useProject((s) => s.doc !== null);
  const env = useProject((s) => s.environment);
  const exists = useProject((s) => Boolean(s.doc?.project.environments[s.environment]));
  const updateEnvironment = useProject((s) => s.updateEnvironment);
  const setView = useUi((s) => s.setView);
  if (!hasDoc) {
    return (
      <section className="view" aria-labelledby="env-title">
        <h1 id="env-title">Environment</h1>
        <EmptyState title="No project open" actions={<Button variant="primary" onClick={() => setView('start')}>Open or create a project</Button>}>
          Environments (base URL, username, password) belong to a project.
        </EmptyState>
      </section>
    );
  }
  return (
    <section className="view" aria-labelledby="env-title">
      <div className="view__header">
        <div>
          <h1 id="env-title">Environment</h1>
          <p>Base URL and Basic Auth credentials per environment. Passwords live in the OS keychain, never in the project.</p>
        </div>
      </div>
      <EnvironmentTabs />
      {exists ? (
        <>
          <div className="grid-2">
            <ConnectionSettings />
            <ConnectionTest />
          </div>
          <RefreshFields />
        </>
      ) : (
        <EmptyState title={`No environment “${env}” in this project`} actions={<Button onClick={() => updateEnvironment(env, { baseUrl: '', username: '' })}>Create “{env}”</Button>} />
      )}
    </section>
  );
}
