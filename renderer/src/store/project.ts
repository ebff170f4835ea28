/**
 * The open project document and everything the views share: the opened spec, the selected
 * environment, save/autosave state and the undo history of mapping edits.
 *
 * Components select narrow slices (`useProject((s) => s.doc?.project.mappings)`), call actions,
 * and never call the bridge for document changes themselves.
 *
 * Undo/redo covers ONLY mapping edits made through `applyMappingEdit` (domain actions); selection,
 * panning, endpoint and environment edits are not undoable (they autosave like everything else).
 */
import { create } from 'zustand';
import type { AppInfo } from '../../../shared/common/api/calls-app';
import type { LintResult, OpenedSpec, SpecProgressEvent, SpecSource } from '../../../shared/common/api/calls-spec';
import type { ProjectState } from '../../../shared/common/api/calls-project';
import type { StudioErrorData } from '../../../shared/common/api/define';
import type { EndpointRef, Environment, Project } from '../../../shared/common/project/model';
import type { Role } from '../../../shared/common/spec/model';
import { bridge, callStudio, CallError } from '../bridge';
import { debounce } from '../lib/debounce';
import { resolveBeside } from '../lib/paths';
import { emptyHistory, recordEdit, redoEdit, undoEdit, type UndoHistory } from './history';
import { notifyError, useUi } from './ui';

export type Mappings = Project['mappings'];

export interface ProjectDocument {
  path: string;
  project: Project;
  /** Workspace revision of the last save (0 = never saved). */
  savedRevision: number;
  /** True when the document differs from the last save. */
  dirty: boolean;
}

export type SpecStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface SaveState {
  status: 'idle' | 'saving' | 'saved' | 'error';
  at: string | null;
  error: string | null;
}

export interface AutosaveState {
  status: 'idle' | 'pending' | 'saving' | 'saved' | 'error';
  at: string | null;
  error: string | null;
}

export interface DemoSandbox {
  baseUrl: string;
  username: string;
  hint: string;
}

export interface ProjectStore {
  info: AppInfo | null;
  connection: 'connecting' | 'ready' | 'failed';
  connectionError: string | null;
  /** Start-up finished (connected, and the last project reopened when there was one). */
  started: boolean;

  doc: ProjectDocument | null;
  /** Unsaved work from an autosave was restored when the project was opened. */
  recovered: boolean;
  /** The spec on disk changed since the project recorded it; the impact dialog is pending. */
  specChanged: boolean;
  /** A different spec file proposed for the open project (impact dialog pending). */
  specSwitch: string | null;
  demoSandbox: DemoSandbox | null;

  spec: OpenedSpec | null;
  specStatus: SpecStatus;
  specError: StudioErrorData | null;
  specProgress: SpecProgressEvent | null;
  lint: LintResult | null;
  lintError: string | null;

  environment: string;
  save: SaveState;
  autosave: AutosaveState;
  /** A long action in progress (shown in the top bar), e.g. "Opening project…". */
  busy: string | null;
  /** The error of the last failed document action (open/new/save/save as), for dialogs to show inline. */
  lastError: StudioErrorData | null;

  mappingHistory: UndoHistory<Mappings>;
  canUndo: boolean;
  canRedo: boolean;

  init(): Promise<void>;
  openSpec(source: SpecSource, options?: { allowRemoteRefs?: boolean }): Promise<OpenedSpec | null>;
  openProject(path: string): Promise<boolean>;
  openDemo(): Promise<boolean>;
  newProject(path: string, name: string, specPath: string): Promise<boolean>;
  closeProject(): void;
  saveProject(summary?: string): Promise<boolean>;
  saveAs(path: string): Promise<boolean>;
  /** Replaces the document with an older revision (marks it dirty; saving records a new revision). */
  restoreRevision(revision: number): Promise<boolean>;
  /** A non-undoable document edit (endpoints, environments, name, samples...). */
  updateProject(fn: (project: Project) => Project): void;
  setEndpoint(role: Role, ref: EndpointRef | undefined): void;
  setEnvironment(name: string): void;
  updateEnvironment(name: string, env: Environment): void;
  removeEnvironment(name: string): void;
  /** The one way to change mappings: recorded for undo/redo under `label`. */
  applyMappingEdit(label: string, fn: (mappings: Mappings) => Mappings): void;
  undo(): string | null;
  redo(): string | null;
  /** Asks to use the opened spec file (another version) for the project: the impact dialog opens first. */
  proposeSpecSwitch(path: string): void;
  /** Accepts the changed or proposed spec: records its path and hash in the project (after the impact review). */
  acceptSpecChange(): void;
  dismissSpecChange(): void;
  dismissRecovered(): void;
  flushAutosave(): void;
}

const ENV_KEY = 'connector-studio.environment';
const REOPEN_KEY = 'connector-studio.reopen-last';
export const AUTOSAVE_DELAY_MS = 1000;

function storedEnvironment(): string {
  try {
    return globalThis.localStorage?.getItem(ENV_KEY) ?? 'sandbox';
  } catch {
    return 'sandbox';
  }
}

function remember(key: string, value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Preferences are best-effort.
  }
}

function errorData(err: unknown): StudioErrorData {
  if (err instanceof CallError) return err.data;
  return { code: 'internal', message: err instanceof Error ? err.message : String(err) };
}

/** The environment to select for a project: the remembered one when it exists, else sandbox, else the first. */
export function pickEnvironment(project: Project, wanted: string): string {
  const names = Object.keys(project.environments);
  if (names.includes(wanted)) return wanted;
  if (names.includes('sandbox')) return 'sandbox';
  return names[0] ?? 'sandbox';
}

let specRequest = 0;

export const useProject = create<ProjectStore>()((set, get) => {
  const markSaved = (path: string, project: Project, revision: number) => {
    const doc = get().doc;
    if (!doc || doc.path !== path) return;
    // Only clean when nothing changed while the save was in flight.
    set({ doc: { ...doc, savedRevision: revision, dirty: doc.project !== project } });
  };

  const loadState = async (state: ProjectState, extra: Partial<ProjectStore> = {}) => {
    autosave.cancel();
    set({
      doc: { path: state.path, project: state.project, savedRevision: state.revision, dirty: state.recovered },
      recovered: state.recovered,
      specChanged: state.specChanged,
      specSwitch: null,
      environment: pickEnvironment(state.project, get().environment),
      mappingHistory: emptyHistory(),
      canUndo: false,
      canRedo: false,
      save: { status: 'idle', at: null, error: null },
      autosave: { status: 'idle', at: null, error: null },
      ...extra,
    });
    remember(REOPEN_KEY, 'yes');
    // The project's spec: endpoints and fields need it. Relative paths are beside the project file.
    const specPath = resolveBeside(state.path, state.project.spec.path);
    const current = get().spec;
    if (!current || current.path !== specPath) await get().openSpec({ kind: 'file', path: specPath });
  };

  const runAutosave = async () => {
    const doc = get().doc;
    if (!doc || !doc.dirty) return;
    set({ autosave: { status: 'saving', at: get().autosave.at, error: null } });
    try {
      const { savedAt } = await callStudio('project.autosave', {
        path: doc.path,
        project: doc.project as unknown as Record<string, unknown>,
      });
      set({ autosave: { status: 'saved', at: savedAt, error: null } });
    } catch (err) {
      set({ autosave: { status: 'error', at: get().autosave.at, error: errorData(err).message } });
    }
  };
  const autosave = debounce(() => void runAutosave(), AUTOSAVE_DELAY_MS);

  /** Every document change goes through here: dirty flag + autosave. */
  const changeProject = (next: Project, extra: Partial<ProjectStore> = {}) => {
    const doc = get().doc;
    if (!doc || next === doc.project) return;
    set({ doc: { ...doc, project: next, dirty: true }, autosave: { ...get().autosave, status: 'pending' }, ...extra });
    autosave();
  };

  return {
    info: null,
    connection: 'connecting',
    connectionError: null,
    started: false,
    doc: null,
    recovered: false,
    specChanged: false,
    specSwitch: null,
    demoSandbox: null,
    spec: null,
    specStatus: 'idle',
    specError: null,
    specProgress: null,
    lint: null,
    lintError: null,
    environment: storedEnvironment(),
    save: { status: 'idle', at: null, error: null },
    autosave: { status: 'idle', at: null, error: null },
    busy: null,
    lastError: null,
    mappingHistory: emptyHistory(),
    canUndo: false,
    canRedo: false,

    async init() {
      try {
        const info = await callStudio('app.info', {});
        set({ info, connection: 'ready', connectionError: null });
      } catch (err) {
        set({ connection: 'failed', connectionError: errorData(err).message });
        return;
      }
      bridge.subscribe('spec.progress', (p) => {
        if (p.specId === get().spec?.specId || get().specStatus === 'loading') set({ specProgress: p });
      });
      bridge.subscribe('spec.linted', (result) => {
        if (result.specId === get().spec?.specId && get().specStatus === 'ready') set({ lint: result, lintError: null });
      });
      // Nothing typed is lost on reload: reopen the last project (its autosave is recovered by project.open).
      let reopen = 'yes';
      try {
        reopen = globalThis.localStorage?.getItem(REOPEN_KEY) ?? 'yes';
      } catch {
        // keep default
      }
      if (reopen === 'no') {
        set({ started: true });
        return;
      }
      try {
        const recent = await callStudio('workspace.recent', {});
        const last = recent.find((r) => r.kind === 'project');
        if (last) {
          set({ busy: 'Reopening the last project…' });
          try {
            const state = await callStudio('project.open', { path: last.path });
            await loadState(state);
          } finally {
            set({ busy: null });
          }
        } else if (get().info?.openDemoOnStart && !get().doc) {
          // Nothing configured yet (npm start on a fresh machine): show the whole journey on the demo.
          await get().openDemo();
        }
      } catch (err) {
        notifyError('Could not reopen the last project', err);
      } finally {
        set({ started: true });
      }
    },

    async openSpec(source, options) {
      const request = ++specRequest;
      set({ specStatus: 'loading', specError: null, specProgress: null, lint: null, lintError: null });
      try {
        const spec = await callStudio('spec.open', { source, ...(options?.allowRemoteRefs ? { allowRemoteRefs: true } : {}) });
        if (request !== specRequest) return null;
        // A lint of the previous spec may have landed while this one loaded: it is not this spec's.
        set({ spec, specStatus: 'ready', specProgress: null, lint: null, lintError: null });
        void callStudio('spec.lint', { specId: spec.specId }).then(
          (lint) => {
            if (get().spec?.specId === spec.specId && lint.specId === spec.specId) set({ lint, lintError: null });
          },
          (err: unknown) => {
            if (get().spec?.specId === spec.specId) set({ lintError: errorData(err).message });
          },
        );
        return spec;
      } catch (err) {
        if (request !== specRequest) return null;
        set({ specStatus: 'error', specError: errorData(err), specProgress: null });
        return null;
      }
    },

    async openProject(path) {
      get().flushAutosave();
      set({ busy: 'Opening project…', lastError: null });
      try {
        const state = await callStudio('project.open', { path });
        await loadState(state, { demoSandbox: null });
        return true;
      } catch (err) {
        set({ lastError: errorData(err) });
        notifyError('Could not open the project', err);
        return false;
      } finally {
        set({ busy: null });
      }
    },

    async openDemo() {
      get().flushAutosave();
      set({ busy: 'Opening the demo project…', lastError: null });
      try {
        const { sandbox, ...state } = await callStudio('project.openDemo', {});
        await loadState(state, { demoSandbox: sandbox });
        return true;
      } catch (err) {
        set({ lastError: errorData(err) });
        notifyError('Could not open the demo project', err);
        return false;
      } finally {
        set({ busy: null });
      }
    },

    async newProject(path, name, specPath) {
      get().flushAutosave();
      set({ busy: 'Creating project…', lastError: null });
      try {
        const state = await callStudio('project.new', { path, name, specPath });
        await loadState(state, { demoSandbox: null });
        return true;
      } catch (err) {
        set({ lastError: errorData(err) });
        notifyError('Could not create the project', err);
        return false;
      } finally {
        set({ busy: null });
      }
    },

    closeProject() {
      get().flushAutosave();
      remember(REOPEN_KEY, 'no');
      set({ doc: null, recovered: false, specChanged: false, specSwitch: null, demoSandbox: null, mappingHistory: emptyHistory(), canUndo: false, canRedo: false });
    },

    async saveProject(summary) {
      const doc = get().doc;
      if (!doc) return false;
      autosave.cancel();
      set({ save: { status: 'saving', at: get().save.at, error: null } });
      try {
        const { revision } = await callStudio('project.save', {
          path: doc.path,
          project: doc.project as unknown as Record<string, unknown>,
          ...(summary ? { summary } : {}),
        });
        markSaved(doc.path, doc.project, revision);
        set({ save: { status: 'saved', at: new Date().toISOString(), error: null }, recovered: false });
        if (get().doc?.dirty) autosave();
        return true;
      } catch (err) {
        const data = errorData(err);
        set({ save: { status: 'error', at: get().save.at, error: data.message }, lastError: data });
        notifyError('Save failed', err);
        return false;
      }
    },

    async saveAs(path) {
      const doc = get().doc;
      if (!doc) return false;
      autosave.cancel();
      set({ save: { status: 'saving', at: get().save.at, error: null }, lastError: null });
      try {
        // Relative spec paths were relative to the old file: store the absolute path.
        const specPath = resolveBeside(doc.path, doc.project.spec.path);
        const project: Project = { ...doc.project, spec: { ...doc.project.spec, path: specPath } };
        const { path: savedPath, revision } = await callStudio('project.save', {
          path,
          project: project as unknown as Record<string, unknown>,
          summary: 'Saved as a new file',
        });
        set({
          doc: { path: savedPath, project, savedRevision: revision, dirty: false },
          save: { status: 'saved', at: new Date().toISOString(), error: null },
          recovered: false,
        });
        remember(REOPEN_KEY, 'yes');
        return true;
      } catch (err) {
        const data = errorData(err);
        set({ save: { status: 'error', at: get().save.at, error: data.message }, lastError: data });
        notifyError('Save as failed', err);
        return false;
      }
    },

    async restoreRevision(revision) {
      const doc = get().doc;
      if (!doc) return false;
      try {
        const project = await callStudio('project.revision', { path: doc.path, revision });
        changeProject(project, { mappingHistory: emptyHistory(), canUndo: false, canRedo: false });
        useUi.getState().notify('success', `Restored revision ${revision} — save to keep it`);
        return true;
      } catch (err) {
        notifyError(`Could not restore revision ${revision}`, err);
        return false;
      }
    },

    updateProject(fn) {
      const doc = get().doc;
      if (!doc) return;
      changeProject(fn(doc.project));
    },

    setEndpoint(role, ref) {
      get().updateProject((p) => {
        const endpoints = { ...p.endpoints };
        if (ref) endpoints[role] = ref;
        else delete endpoints[role];
        return { ...p, endpoints };
      });
    },

    setEnvironment(name) {
      remember(ENV_KEY, name);
      set({ environment: name });
    },

    updateEnvironment(name, env) {
      get().updateProject((p) => ({ ...p, environments: { ...p.environments, [name]: env } }));
    },

    removeEnvironment(name) {
      get().updateProject((p) => {
        const environments = { ...p.environments };
        delete environments[name];
        return { ...p, environments };
      });
      if (get().environment === name) {
        const project = get().doc?.project;
        if (project) get().setEnvironment(pickEnvironment(project, 'sandbox'));
      }
    },

    applyMappingEdit(label, fn) {
      const doc = get().doc;
      if (!doc) return;
      const before = doc.project.mappings;
      const after = fn(before);
      if (after === before) return;
      const mappingHistory = recordEdit(get().mappingHistory, label, before, after);
      changeProject({ ...doc.project, mappings: after }, { mappingHistory, canUndo: true, canRedo: false });
    },

    undo() {
      const doc = get().doc;
      const step = undoEdit(get().mappingHistory);
      if (!doc || !step) return null;
      changeProject(
        { ...doc.project, mappings: step.value },
        { mappingHistory: step.history, canUndo: step.history.past.length > 0, canRedo: true },
      );
      return step.label;
    },

    redo() {
      const doc = get().doc;
      const step = redoEdit(get().mappingHistory);
      if (!doc || !step) return null;
      changeProject(
        { ...doc.project, mappings: step.value },
        { mappingHistory: step.history, canUndo: true, canRedo: step.history.future.length > 0 },
      );
      return step.label;
    },

    proposeSpecSwitch(path) {
      set({ specSwitch: path });
    },

    acceptSpecChange() {
      const spec = get().spec;
      const switchTo = get().specSwitch;
      set({ specChanged: false, specSwitch: null });
      if (!spec) return;
      if (switchTo !== null && spec.path === switchTo) {
        get().updateProject((p) => ({ ...p, spec: { path: switchTo, sha256: spec.sha256 } }));
      } else if (switchTo === null) {
        get().updateProject((p) => ({ ...p, spec: { ...p.spec, sha256: spec.sha256 } }));
      }
    },

    dismissSpecChange() {
      set({ specChanged: false, specSwitch: null });
    },

    dismissRecovered() {
      set({ recovered: false });
    },

    flushAutosave() {
      autosave.flush();
    },
  };
});

/** Selectors (narrow, stable). */
export const selectProject = (s: ProjectStore): Project | null => s.doc?.project ?? null;
export const selectMappings = (s: ProjectStore): Mappings | null => s.doc?.project.mappings ?? null;
export const selectProjectPath = (s: ProjectStore): string | null => s.doc?.path ?? null;
export const selectCurrentEnvironment = (s: ProjectStore): Environment | null =>
  s.doc?.project.environments[s.environment] ?? null;
