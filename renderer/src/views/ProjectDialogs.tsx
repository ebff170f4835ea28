import { useState, type FormEvent } from 'react';
import { useProject } from '../store/project';
import { useUi } from '../store/ui';
import { useCall } from '../lib/use-call';
import { copyPath, defaultProjectPath, PROJECT_EXT } from '../lib/project-files';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';
import { Field } from '../components/Field';
import { Banner, ErrorBanner } from '../components/Feedback';

/** The failure of the dialog's last attempt, shown inside the dialog (toasts sit behind a modal). */
function DialogError({ shown }: { shown: boolean }) {
  const error = useProject((s) => s.lastError);
  return shown && error ? <ErrorBanner error={error} /> : null;
}

function OpenProjectDialog({ onClose }: { onClose(): void }) {
  const openProject = useProject((s) => s.openProject);
  const recent = useCall('workspace.recent', {});
  const [path, setPath] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!path.trim()) return;
    setBusy(true);
    const ok = await openProject(path.trim());
    setBusy(false);
    setFailed(!ok);
    if (ok) {
      onClose();
      useUi.getState().setView('endpoints');
    }
  };
  const projects = (recent.data ?? []).filter((r) => r.kind === 'project');
  return (
    <form onSubmit={(e) => void submit(e)} className="stack">
      <Field label="Project file" hint={`A ${PROJECT_EXT} file on this machine.`}>
        {({ id, describedBy }) => (
          <input id={id} aria-describedby={describedBy} className="input mono" autoFocus value={path} onChange={(e) => setPath(e.target.value)} placeholder={`/path/to/project${PROJECT_EXT}`} />
        )}
      </Field>
      {projects.length > 0 ? (
        <div className="stack">
          <span className="field__label">Recent</span>
          <ul className="list-plain">
            {projects.slice(0, 8).map((r) => (
              <li key={r.path}>
                <button type="button" className="recent-item" onClick={() => setPath(r.path)}>
                  <span>{r.name}</span>
                  <span className="recent-item__path">{r.path}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <DialogError shown={failed} />
      <div className="row row--end">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" busy={busy} disabled={!path.trim()}>
          Open
        </Button>
      </div>
    </form>
  );
}

function SaveAsDialog({ onClose }: { onClose(): void }) {
  const current = useProject((s) => s.doc?.path ?? '');
  const saveAs = useProject((s) => s.saveAs);
  const [path, setPath] = useState(() => copyPath(current));
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!path.trim()) return;
    setBusy(true);
    const ok = await saveAs(path.trim());
    setBusy(false);
    setFailed(!ok);
    if (ok) {
      useUi.getState().notify('success', `Saved as ${path.trim()}`);
      onClose();
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="stack">
      <Field label="New project file" hint="The project continues in the new file; the old file stays as it is.">
        {({ id, describedBy }) => <input id={id} aria-describedby={describedBy} className="input mono" autoFocus value={path} onChange={(e) => setPath(e.target.value)} />}
      </Field>
      <DialogError shown={failed} />
      <div className="row row--end">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" busy={busy} disabled={!path.trim()}>
          Save as
        </Button>
      </div>
    </form>
  );
}

function NewProjectDialog({ onClose }: { onClose(): void }) {
  const spec = useProject((s) => s.spec);
  const studioHome = useProject((s) => s.info?.studioHome ?? '');
  const newProject = useProject((s) => s.newProject);
  const initialName = spec?.title ?? 'New connector';
  const [name, setName] = useState(initialName);
  const [path, setPath] = useState(() => defaultProjectPath(studioHome, initialName));
  const [pathTouched, setPathTouched] = useState(false);
  const [specPath, setSpecPath] = useState(spec?.path ?? '');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim() || !path.trim() || !specPath.trim()) return;
    setBusy(true);
    const ok = await newProject(path.trim(), name.trim(), specPath.trim());
    setBusy(false);
    setFailed(!ok);
    if (ok) {
      onClose();
      useUi.getState().setView('endpoints');
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="stack">
      <Field label="Project name">
        {({ id }) => (
          <input
            id={id}
            className="input"
            autoFocus
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              if (!pathTouched) setPath(defaultProjectPath(studioHome, e.target.value));
            }}
          />
        )}
      </Field>
      <Field label="Project file">
        {({ id }) => (
          <input
            id={id}
            className="input mono"
            value={path}
            onChange={(e) => {
              setPathTouched(true);
              setPath(e.target.value);
            }}
          />
        )}
      </Field>
      <Field
        label="Spec file"
        hint={spec && !spec.path ? `“${spec.name}” was opened from a browser upload or pasted text; give the path of the same file on this machine.` : 'The project refers to the spec by path and records its hash.'}
      >
        {({ id, describedBy }) => (
          <input id={id} aria-describedby={describedBy} className="input mono" value={specPath} placeholder="/path/to/openapi.yaml" onChange={(e) => setSpecPath(e.target.value)} />
        )}
      </Field>
      {!spec ? <Banner tone="info">Tip: open the spec first (Start view) to pick endpoints right after creating the project.</Banner> : null}
      <DialogError shown={failed} />
      <div className="row row--end">
        <Button onClick={onClose}>Cancel</Button>
        <Button type="submit" variant="primary" busy={busy} disabled={!name.trim() || !path.trim() || !specPath.trim()}>
          Create project
        </Button>
      </div>
    </form>
  );
}

/** The open / save as / new project dialogs (path-based: they work in browser mode too). */
export function ProjectDialogs() {
  const dialog = useUi((s) => s.dialog);
  const setDialog = useUi((s) => s.setDialog);
  const close = () => setDialog(null);
  return (
    <>
      <Dialog open={dialog === 'open-project'} title="Open project" onClose={close}>
        <OpenProjectDialog onClose={close} />
      </Dialog>
      <Dialog open={dialog === 'save-as'} title="Save project as" onClose={close}>
        <SaveAsDialog onClose={close} />
      </Dialog>
      <Dialog open={dialog === 'new-project'} title="New project" onClose={close}>
        <NewProjectDialog onClose={close} />
      </Dialog>
    </>
  );
}
