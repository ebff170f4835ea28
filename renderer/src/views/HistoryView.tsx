import { useEffect, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ProjectDiff } from '../../../shared/common/api/calls-project';
import { useProject } from '../store/project';
import { useUi } from '../store/ui';
import { useCall } from '../lib/use-call';
import { formatDateTime } from '../lib/format';
import { diffCount, defaultDiffPair, showValue } from '../lib/history-view';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { Field } from '../components/Field';
import { EmptyState, ErrorBanner, Spinner } from '../components/Feedback';

function Change({ before, after }: { before: unknown; after: unknown }) {
  return (
    <span className="stack" style={{ gap: 2 }}>
      {before !== undefined && before !== null ? <span className="mono diff-before">− {showValue(before)}</span> : null}
      {after !== undefined && after !== null ? <span className="mono diff-after">+ {showValue(after)}</span> : null}
    </span>
  );
}

/** One kind of named change (endpoint role, environment, setting) as a two-column table; nothing when empty. */
function ChangeTable(props: {
  label: string;
  heading: string;
  rows: { name: string; before: unknown; after: unknown }[];
  mono?: boolean;
}) {
  if (props.rows.length === 0) return null;
  return (
    <table className="table" aria-label={props.label}>
      <thead>
        <tr>
          <th style={{ width: 160 }}>{props.heading}</th>
          <th>Change</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.name}>
            <td className={props.mono ? 'mono' : undefined}>{r.name}</td>
            <td>
              <Change before={r.before} after={r.after} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DiffView({ diff }: { diff: ProjectDiff }) {
  if (diffCount(diff) === 0) return <p className="muted">The two revisions are the same.</p>;
  return (
    <div className="stack" style={{ gap: 'var(--sp-3)' }} data-testid="revision-diff">
      <ChangeTable label="Endpoint changes" heading="Endpoint role" rows={diff.endpoints.map((e) => ({ name: e.role, before: e.before, after: e.after }))} />
      <ChangeTable label="Environment changes" heading="Environment" rows={diff.environments.map((e) => ({ name: e.name, before: e.before, after: e.after }))} />
      {diff.mappings.length > 0 ? (
        <table className="table" aria-label="Mapping changes">
          <thead>
            <tr>
              <th style={{ width: 90 }}>Direction</th>
              <th style={{ width: 200 }}>Target</th>
              <th style={{ width: 90 }} />
              <th>Change</th>
            </tr>
          </thead>
          <tbody>
            {diff.mappings.map((m, i) => (
              <tr key={`${m.direction}:${m.target}:${i}`}>
                <td>{m.direction}</td>
                <td className="mono">{m.target}</td>
                <td>
                  <Badge tone={m.change === 'added' ? 'ok' : m.change === 'removed' ? 'err' : 'warn'}>{m.change}</Badge>
                </td>
                <td>
                  <Change before={m.before} after={m.after} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ChangeTable label="Other changes" heading="Setting" mono rows={diff.other.map((o) => ({ name: o.key, before: o.before, after: o.after }))} />
    </div>
  );
}

export function HistoryView() {
  const { path, savedRevision, dirty, saveProject, restoreRevision } = useProject(
    useShallow((s) => ({
      path: s.doc?.path ?? null,
      savedRevision: s.doc?.savedRevision ?? 0,
      dirty: s.doc?.dirty ?? false,
      saveProject: s.saveProject,
      restoreRevision: s.restoreRevision,
    })),
  );
  const setView = useUi((s) => s.setView);
  const history = useCall('project.history', path ? { path } : null);
  const reloadHistory = history.reload;
  const [summary, setSummary] = useState('');
  const [pair, setPair] = useState<{ from: number; to: number } | null>(null);
  const revisions = history.data ?? [];

  useEffect(() => {
    if (path) reloadHistory();
  }, [savedRevision, path, reloadHistory]);

  const effectivePair = pair ?? defaultDiffPair(revisions);
  const diff = useCall('project.diff', path && effectivePair && effectivePair.from !== effectivePair.to ? { path, ...effectivePair } : null);

  if (!path) {
    return (
      <section className="view" aria-labelledby="history-title">
        <h1 id="history-title">History</h1>
        <EmptyState title="No project open" actions={<Button variant="primary" onClick={() => setView('start')}>Open a project</Button>}>
          Every save records a revision you can compare and restore.
        </EmptyState>
      </section>
    );
  }

  const saveWithSummary = async (e: FormEvent) => {
    e.preventDefault();
    if (await saveProject(summary.trim() || undefined)) setSummary('');
  };

  return (
    <section className="view" aria-labelledby="history-title">
      <div className="view__header">
        <div>
          <h1 id="history-title">History</h1>
          <p>Every save is a revision. Compare any two, or restore an older one into the editor (save to keep it).</p>
        </div>
      </div>
      <form className="panel" onSubmit={(e) => void saveWithSummary(e)} aria-label="Save a revision">
        <div className="row" style={{ alignItems: 'flex-end', flexWrap: 'nowrap' }}>
          <Field label="Summary of this revision" className="grow" hint={dirty ? 'There are unsaved changes.' : 'No unsaved changes.'}>
            {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} className="input" value={summary} placeholder="e.g. mapped the priority field" onChange={(e) => setSummary(e.target.value)} />}
          </Field>
          <Button type="submit" variant="primary" style={{ marginBottom: 22 }}>
            Save revision
          </Button>
        </div>
      </form>
      <section className="panel" aria-labelledby="revisions-title">
        <div className="panel__title">
          <h2 id="revisions-title">Revisions</h2>
          {history.loading ? <Spinner /> : null}
        </div>
        {history.error ? <ErrorBanner error={history.error} /> : null}
        {revisions.length === 0 && !history.loading && !history.error ? <p className="muted">No saved revisions yet. Save (Ctrl+S) to record the first.</p> : null}
        {revisions.length > 0 ? (
          <table className="table" aria-label="Revisions">
            <thead>
              <tr>
                <th style={{ width: 60 }}>From</th>
                <th style={{ width: 60 }}>To</th>
                <th style={{ width: 80 }}>Revision</th>
                <th style={{ width: 190 }}>Saved</th>
                <th>Summary</th>
                <th style={{ width: 100 }} />
              </tr>
            </thead>
            <tbody>
              {revisions.map((r) => (
                <tr key={r.id} aria-selected={r.revision === savedRevision}>
                  <td>
                    <input
                      type="radio"
                      name="diff-from"
                      aria-label={`Compare from revision ${r.revision}`}
                      checked={effectivePair?.from === r.revision}
                      onChange={() => setPair({ from: r.revision, to: effectivePair?.to ?? r.revision })}
                    />
                  </td>
                  <td>
                    <input
                      type="radio"
                      name="diff-to"
                      aria-label={`Compare to revision ${r.revision}`}
                      checked={effectivePair?.to === r.revision}
                      onChange={() => setPair({ from: effectivePair?.from ?? r.revision, to: r.revision })}
                    />
                  </td>
                  <td>
                    {r.revision}
                    {r.revision === savedRevision ? (
                      <>
                        {' '}
                        <Badge tone="accent">current</Badge>
                      </>
                    ) : null}
                  </td>
                  <td>{formatDateTime(r.savedAt)}</td>
                  <td>{r.summary}</td>
                  <td>
                    <Button size="small" aria-label={`Restore revision ${r.revision}`} onClick={() => void restoreRevision(r.revision)}>
                      Restore
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      {effectivePair && revisions.length > 1 ? (
        <section className="panel" aria-labelledby="diff-title">
          <div className="panel__title">
            <h2 id="diff-title">
              Changes from revision {effectivePair.from} to {effectivePair.to}
            </h2>
            {diff.loading ? <Spinner /> : null}
          </div>
          {effectivePair.from === effectivePair.to ? <p className="muted">Pick two different revisions.</p> : null}
          {diff.error ? <ErrorBanner error={diff.error} /> : null}
          {diff.data ? <DiffView diff={diff.data} /> : null}
        </section>
      ) : null}
    </section>
  );
}
