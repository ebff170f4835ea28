import { useEffect, type ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useProject } from './store/project';
import { useUi, VIEWS, VIEW_LABELS, type View } from './store/ui';
import { resolveShortcut, isEditableTarget } from './lib/shortcuts';
import { useDesktopEvents } from './lib/desktop-events';
import { describeSaveState } from './lib/format';
import { Button } from './components/Button';
import { Banner, ErrorBanner, Spinner, Toasts } from './components/Feedback';
import { ErrorBoundary } from './components/ErrorBoundary';
import { StartView } from './views/StartView';
import { SpecView } from './views/SpecView';
import { EndpointsView } from './views/EndpointsView';
import { EnvironmentView } from './views/EnvironmentView';
import { HistoryView } from './views/HistoryView';
import { ExportView } from './views/ExportView';
import { ProjectDialogs } from './views/ProjectDialogs';
import { SpecImpactDialog } from './views/SpecImpactDialog';
import { DropTarget } from './views/DropTarget';
import { MappingView } from './features/mapping/MappingView';
import { TestPanelView } from './features/testpanel/TestPanelView';

const VIEW_COMPONENTS: Record<View, () => ReactElement> = {
  start: StartView,
  spec: SpecView,
  endpoints: EndpointsView,
  environment: EnvironmentView,
  mapping: MappingView,
  test: TestPanelView,
  history: HistoryView,
  export: ExportView,
};

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function useThemeAttribute() {
  const theme = useUi((s) => s.theme);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}

function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = resolveShortcut(e, isEditableTarget(e.target), isMac);
      if (!action) return;
      const project = useProject.getState();
      const ui = useUi.getState();
      e.preventDefault();
      switch (action.kind) {
        case 'save':
          if (project.doc) void project.saveProject();
          break;
        case 'save-as':
          if (project.doc) ui.setDialog('save-as');
          break;
        case 'open':
          ui.setDialog('open-project');
          break;
        case 'undo': {
          const label = project.undo();
          if (label) ui.notify('info', `Undid: ${label}`);
          break;
        }
        case 'redo': {
          const label = project.redo();
          if (label) ui.notify('info', `Redid: ${label}`);
          break;
        }
        case 'view': {
          const view = VIEWS[action.index];
          if (view) ui.setView(view);
          break;
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Flush a pending autosave when the page is hidden or unloaded. */
function useFlushOnHide() {
  useEffect(() => {
    const flush = () => useProject.getState().flushAutosave();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);
}

function ThemeToggle() {
  const theme = useUi((s) => s.theme);
  const setTheme = useUi((s) => s.setTheme);
  const next = theme === 'system' ? 'light' : theme === 'light' ? 'dark' : 'system';
  const icon = theme === 'dark' ? '☾' : theme === 'light' ? '☀' : '◐';
  return (
    <Button variant="ghost" size="small" aria-label={`Theme: ${theme} (switch to ${next})`} title={`Theme: ${theme}`} onClick={() => setTheme(next)}>
      <span aria-hidden="true">{icon}</span>
    </Button>
  );
}

function EnvironmentPicker() {
  const { environment, environments, setEnvironment } = useProject(
    useShallow((s) => ({
      environment: s.environment,
      environments: s.doc?.project.environments ?? null,
      setEnvironment: s.setEnvironment,
    })),
  );
  const names = environments ? Object.keys(environments) : [];
  if (names.length === 0) return null;
  return (
    <label className="row" style={{ gap: 6 }}>
      <span className="muted" style={{ fontSize: 'var(--fs-sm)' }}>
        Environment
      </span>
      <select className="select" style={{ width: 130, height: 26 }} value={environment} onChange={(e) => setEnvironment(e.target.value)}>
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}

function TopBar() {
  const s = useProject(
    useShallow((st) => ({
      name: st.doc?.project.name ?? null,
      path: st.doc?.path ?? null,
      dirty: st.doc?.dirty ?? false,
      save: st.save,
      autosave: st.autosave,
      busy: st.busy,
      saveProject: st.saveProject,
    })),
  );
  const line = describeSaveState({
    hasDoc: s.name !== null,
    dirty: s.dirty,
    saveStatus: s.save.status,
    saveAt: s.save.at,
    autosaveStatus: s.autosave.status,
    autosaveAt: s.autosave.at,
    autosaveError: s.autosave.error,
  });
  const setDialog = useUi((u) => u.setDialog);
  return (
    <header className="topbar">
      <div className="topbar__brand">Connector Studio</div>
      <div className="topbar__project">
        {s.name !== null ? (
          <>
            <span className="dirty-dot" data-dirty={s.dirty} data-testid="dirty-indicator" role="img" aria-label={s.dirty ? 'Unsaved changes' : 'No unsaved changes'} />
            <span className="topbar__name" title={s.path ?? undefined} data-testid="project-name">
              {s.name}
            </span>
          </>
        ) : (
          <span className="muted">No project open</span>
        )}
        <span className="topbar__status" data-testid="save-state" hidden={s.name === null} aria-live="polite" style={{ color: line.tone === 'muted' ? undefined : `var(--${line.tone})` }}>
          {line.text}
        </span>
        {s.busy ? <Spinner label={s.busy} /> : null}
      </div>
      <div className="topbar__actions">
        <EnvironmentPicker />
        <Button size="small" onClick={() => setDialog('open-project')} title="Open project (Ctrl+O)">
          Open…
        </Button>
        <Button size="small" disabled={s.name === null} onClick={() => setDialog('save-as')} title="Save as (Ctrl+Shift+S)">
          Save as…
        </Button>
        <Button size="small" variant="primary" disabled={s.name === null} busy={s.save.status === 'saving'} onClick={() => void s.saveProject()} title="Save (Ctrl+S)">
          Save
        </Button>
        <ThemeToggle />
      </div>
    </header>
  );
}

function Navigation() {
  const view = useUi((s) => s.view);
  const setView = useUi((s) => s.setView);
  const hasDoc = useProject((s) => s.doc !== null);
  const hasSpec = useProject((s) => s.spec !== null);
  const version = useProject((s) => s.info?.version);
  const mode = useProject((s) => s.info?.mode);
  return (
    <nav className="nav" aria-label="Views">
      {VIEWS.map((v, i) => {
        const needs = v === 'start' ? null : v === 'spec' ? (hasSpec ? null : 'Open a spec first') : hasDoc || v === 'endpoints' ? null : 'Open a project first';
        return (
          <button
            key={v}
            type="button"
            className="nav__item"
            aria-current={view === v ? 'page' : undefined}
            title={needs ?? `${VIEW_LABELS[v]} (Alt+${i + 1})`}
            onClick={() => setView(v)}
          >
            <span>{VIEW_LABELS[v]}</span>
            <span className="nav__key" aria-hidden="true">
              Alt+{i + 1}
            </span>
          </button>
        );
      })}
      <div className="nav__footer">{version ? `v${version} · ${mode} mode` : ''}</div>
    </nav>
  );
}

function ProjectBanners() {
  const { recovered, dismissRecovered } = useProject(useShallow((s) => ({ recovered: s.recovered, dismissRecovered: s.dismissRecovered })));
  if (!recovered) return null;
  return (
    <div className="stack" style={{ padding: 'var(--sp-3) var(--sp-5) 0' }}>
      {(
        <Banner
          tone="info"
          label="Recovered work"
          title="Recovered unsaved work."
          actions={
            <Button size="small" onClick={dismissRecovered}>
              Dismiss
            </Button>
          }
        >
          This project had autosaved changes newer than its file; they are restored. Save to keep them in the file.
        </Banner>
      )}
    </div>
  );
}

export function App() {
  const connection = useProject((s) => s.connection);
  const connectionError = useProject((s) => s.connectionError);
  const started = useProject((s) => s.started);
  const init = useProject((s) => s.init);
  const view = useUi((s) => s.view);
  useThemeAttribute();
  useShortcuts();
  useDesktopEvents();
  useFlushOnHide();
  useEffect(() => {
    void init();
  }, [init]);

  if (connection === 'connecting') {
    return (
      <main className="view">
        <Spinner label="Connecting to the studio…" />
      </main>
    );
  }
  if (connection === 'failed') {
    return (
      <main className="view">
        <h1>Connector Studio</h1>
        <ErrorBanner title="The studio is not reachable." error={connectionError ?? 'unknown error'} />
        <p className="muted">In browser mode, keep `connector-studio serve` running and open the URL it printed (it carries the access token).</p>
      </main>
    );
  }
  const ViewComponent = VIEW_COMPONENTS[view];
  return (
    <div className="shell" data-testid="app-ready" data-startup={started ? 'done' : 'running'}>
      <TopBar />
      <Navigation />
      <main className="main" id="main">
        <ProjectBanners />
        <ErrorBoundary key={view} what={`the ${VIEW_LABELS[view]} view`}>
          <ViewComponent />
        </ErrorBoundary>
      </main>
      <ProjectDialogs />
      <SpecImpactDialog />
      <DropTarget />
      <Toasts />
    </div>
  );
}
