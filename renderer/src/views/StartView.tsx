import { useRef, useState, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SpecSource } from '../../../shared/common/api/calls-spec';
import { useProject } from '../store/project';
import { useUi } from '../store/ui';
import { useCall } from '../lib/use-call';
import { basename, resolveBeside } from '../lib/paths';
import { formatBytes, formatDateTime, FORMAT_LABELS } from '../lib/format';
import { Button } from '../components/Button';
import { Field } from '../components/Field';
import { Badge } from '../components/Badge';
import { Banner, EmptyState, ErrorBanner } from '../components/Feedback';
import { SpecProgressLine } from './SpecProgressLine';

/** Reads a dropped or chosen file and opens it as a spec (text; works in browser and Electron). */
export async function openSpecFile(file: File): Promise<boolean> {
  const text = await file.text();
  const spec = await useProject.getState().openSpec({ kind: 'text', text, name: file.name });
  if (spec) useUi.getState().setView('spec');
  return spec !== null;
}

function OpenSpecPanel() {
  const openSpec = useProject((s) => s.openSpec);
  const setView = useUi((s) => s.setView);
  const fileRef = useRef<HTMLInputElement>(null);
  const [url, setUrl] = useState('');
  const [path, setPath] = useState('');
  const [pasted, setPasted] = useState('');
  const [allowRemote, setAllowRemote] = useState(false);

  const open = async (source: SpecSource) => {
    const spec = await openSpec(source, { allowRemoteRefs: allowRemote });
    if (spec) setView('spec');
  };
  const submit = (e: FormEvent, source: SpecSource | null) => {
    e.preventDefault();
    if (source) void open(source);
  };

  return (
    <section className="panel" aria-labelledby="open-spec-title">
      <div className="panel__title">
        <h2 id="open-spec-title">Open an API spec</h2>
        <span className="muted">OpenAPI 3.0 / 3.1, Swagger 2.0 · JSON or YAML</span>
      </div>
      <div className="dropzone">
        <p>Drop a spec file anywhere on the window, or</p>
        <div className="row" style={{ justifyContent: 'center', marginTop: 8 }}>
          <Button variant="primary" onClick={() => fileRef.current?.click()}>
            Choose a file…
          </Button>
          <input
            ref={fileRef}
            type="file"
            aria-label="Spec file"
            accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
            className="visually-hidden"
            tabIndex={-1}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void openSpecFile(file);
            }}
          />
        </div>
      </div>
      <form className="row" onSubmit={(e) => submit(e, path.trim() ? { kind: 'file', path: path.trim() } : null)}>
        <Field label="File path on this machine" className="grow" hint="Relative $refs next to the file resolve when opened by path.">
          {({ id, describedBy }) => (
            <input id={id} aria-describedby={describedBy} className="input mono" value={path} placeholder="/home/me/specs/api.yaml" onChange={(e) => setPath(e.target.value)} />
          )}
        </Field>
        <Button type="submit" disabled={!path.trim()} style={{ alignSelf: 'center' }}>
          Open path
        </Button>
      </form>
      <form className="row" onSubmit={(e) => submit(e, url.trim() ? { kind: 'url', url: url.trim() } : null)}>
        <Field label="URL" className="grow">
          {({ id }) => <input id={id} className="input mono" type="url" value={url} placeholder="https://api.example.com/openapi.json" onChange={(e) => setUrl(e.target.value)} />}
        </Field>
        <Button type="submit" disabled={!url.trim()} style={{ alignSelf: 'flex-end' }}>
          Open URL
        </Button>
      </form>
      <form className="stack" onSubmit={(e) => submit(e, pasted.trim() ? { kind: 'text', text: pasted, name: 'pasted' } : null)}>
        <Field label="Paste a spec">
          {({ id }) => (
            <textarea id={id} className="textarea" rows={5} value={pasted} placeholder="openapi: 3.1.0&#10;info: …" onChange={(e) => setPasted(e.target.value)} spellCheck={false} />
          )}
        </Field>
        <div className="row" style={{ justifyContent: 'space-between' }}>
          <label className="checkbox">
            <input type="checkbox" checked={allowRemote} onChange={(e) => setAllowRemote(e.target.checked)} />
            Allow remote $refs (http/https) for this spec
          </label>
          <Button type="submit" disabled={!pasted.trim()}>
            Open pasted text
          </Button>
        </div>
      </form>
    </section>
  );
}

function CurrentSpec() {
  const { spec, status, error } = useProject(useShallow((s) => ({ spec: s.spec, status: s.specStatus, error: s.specError })));
  const setView = useUi((s) => s.setView);
  const setDialog = useUi((s) => s.setDialog);
  const hasDoc = useProject((s) => s.doc !== null);
  const projectSpecPath = useProject((s) => (s.doc ? resolveBeside(s.doc.path, s.doc.project.spec.path) : null));
  const proposeSpecSwitch = useProject((s) => s.proposeSpecSwitch);
  if (status === 'loading') {
    return (
      <section className="panel" aria-label="Loading spec">
        <SpecProgressLine />
      </section>
    );
  }
  if (status === 'error' && error) {
    return <ErrorBanner title="The spec could not be opened." error={error} />;
  }
  if (!spec) return null;
  return (
    <section className="panel" aria-labelledby="current-spec-title">
      <div className="panel__title">
        <h2 id="current-spec-title">
          {spec.title} <span className="muted">{spec.version}</span>
        </h2>
        <Badge tone="accent">{FORMAT_LABELS[spec.format] ?? spec.format}</Badge>
      </div>
      <p className="muted">
        {spec.name} · {formatBytes(spec.sizeBytes)} · {spec.operations.length} operations
      </p>
      <div className="row">
        <Button onClick={() => setView('spec')}>View spec</Button>
        <Button onClick={() => setView('endpoints')}>Pick endpoints</Button>
        {!hasDoc ? (
          <Button variant="primary" onClick={() => setDialog('new-project')}>
            New project from this spec…
          </Button>
        ) : null}
        {hasDoc && spec.path && projectSpecPath !== spec.path ? (
          <Button onClick={() => proposeSpecSwitch(spec.path!)} title="Review the impact on the mappings first">
            Use this spec in the project…
          </Button>
        ) : null}
      </div>
    </section>
  );
}

function ProjectsPanel() {
  const openDemo = useProject((s) => s.openDemo);
  const openProject = useProject((s) => s.openProject);
  const openSpec = useProject((s) => s.openSpec);
  const demo = useProject((s) => s.demoSandbox);
  const busy = useProject((s) => s.busy);
  const hasDoc = useProject((s) => s.doc !== null);
  const closeProject = useProject((s) => s.closeProject);
  const setView = useUi((s) => s.setView);
  const setDialog = useUi((s) => s.setDialog);
  const recent = useCall('workspace.recent', {});
  const projects = (recent.data ?? []).filter((r) => r.kind === 'project');
  const specs = (recent.data ?? []).filter((r) => r.kind === 'spec');
  return (
    <section className="panel" aria-labelledby="projects-title">
      <div className="panel__title">
        <h2 id="projects-title">Projects</h2>
      </div>
      <div className="row">
        <Button
          variant="primary"
          busy={busy === 'Opening the demo project…'}
          onClick={() =>
            void openDemo().then((ok) => {
              if (ok) recent.reload();
            })
          }
        >
          Open demo project
        </Button>
        <Button onClick={() => setDialog('open-project')}>Open project…</Button>
        <Button onClick={() => setDialog('new-project')}>New project…</Button>
        {hasDoc ? (
          <Button variant="ghost" onClick={closeProject} title="Close the project (its work is autosaved)">
            Close project
          </Button>
        ) : null}
      </div>
      {demo ? (
        <Banner tone="ok" label="Demo sandbox" title="Demo sandbox running.">
          {demo.hint}
        </Banner>
      ) : null}
      <h3>Recent projects</h3>
      {recent.error ? <ErrorBanner error={recent.error} /> : null}
      {projects.length === 0 && !recent.loading ? <p className="muted">No recent projects yet.</p> : null}
      <ul className="list-plain" aria-label="Recent projects">
        {projects.map((r) => (
          <li key={r.path}>
            <button type="button" className="recent-item" onClick={() => void openProject(r.path).then((ok) => ok && setView('endpoints'))} title={r.path}>
              <span>{r.name}</span>
              <span className="recent-item__path">{r.path}</span>
              <span className="faint" style={{ fontSize: 'var(--fs-xs)' }}>
                {formatDateTime(r.openedAt)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {specs.length > 0 ? (
        <>
          <h3>Recent specs</h3>
          <ul className="list-plain" aria-label="Recent specs">
            {specs.map((r) => (
              <li key={r.path}>
                <button
                  type="button"
                  className="recent-item"
                  title={r.path}
                  onClick={() => void openSpec({ kind: 'file', path: r.path }).then((s) => s && setView('spec'))}
                >
                  <span>{r.name || basename(r.path)}</span>
                  <span className="recent-item__path">{r.path}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function StartView() {
  const connected = useProject((s) => s.info !== null);
  if (!connected) return <EmptyState title="Not connected" />;
  return (
    <section className="view" aria-labelledby="start-title">
      <div className="view__header">
        <div>
          <h1 id="start-title">Start</h1>
          <p>Open an API spec or a project. Everything stays on this machine.</p>
        </div>
      </div>
      <CurrentSpec />
      <div className="grid-2">
        <OpenSpecPanel />
        <ProjectsPanel />
      </div>
    </section>
  );
}
