/**
 * The project lifecycle on top of project files and the workspace database: new, open (with
 * crash recovery from autosaves), save (file + revision), autosave (database only), history,
 * diff and spec impact. The project file stays the user's document; the database only adds
 * history and recovery, so a database that cannot be used (newer schema, unreadable) never
 * stops a file from being opened or saved — it only costs history.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { ProjectDiff, ProjectState, RevisionSummary, SpecImpact } from '../../common/api/calls-project';
import { StudioError } from '../../common/api/define';
import { diffProjects, summarizeDiff } from '../../common/project/diff';
import { computeSpecImpact, type SpecSide } from '../../common/project/impact';
import { CURRENT_SCHEMA_VERSION, type Project } from '../../common/project/model';
import { parseProjectText, readProjectFile, resolveSpecPath, serializeProject, writeProjectFile } from '../project/file';
import { extractFields, findOperation, loadSpec, loadSpecFile, type LoadedSpec } from '../spec/index';
import type { WorkspaceStore } from './store';

/** How the lifecycle reaches the database: a getter, because opening it can fail. */
export type StoreAccess = () => WorkspaceStore;

function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

let warned = false;

/** Runs a database step that the file operation does not depend on; a refused database costs history only. */
async function optional<T>(store: StoreAccess, step: (s: WorkspaceStore) => Promise<T>, fallback: T): Promise<T> {
  let s: WorkspaceStore;
  try {
    s = store();
  } catch (err) {
    if (!warned) {
      warned = true;
      process.stderr.write(`workspace database unavailable, continuing without history: ${(err as Error).message}\n`);
    }
    return fallback;
  }
  return step(s);
}

async function specSha(specPath: string): Promise<{ sha256: string; text: string } | null> {
  try {
    const bytes = await readFile(specPath);
    return { sha256: sha256Hex(bytes), text: bytes.toString('utf8') };
  } catch {
    return null;
  }
}

/** Keeps a copy of the spec the project is built on, so a later change can be compared with it. */
async function snapshotSpec(store: StoreAccess, projectPath: string, project: Project): Promise<boolean> {
  const specPath = resolveSpecPath(projectPath, project);
  const now = await specSha(specPath);
  if (!now) return true;
  if (now.sha256 === project.spec.sha256) {
    await optional(store, (s) => s.putSpecSnapshot(now.sha256, specPath.split(sep).pop() ?? 'spec', now.text), undefined);
    return false;
  }
  return true;
}

function newProjectId(): string {
  return `prj_${randomBytes(9).toString('base64url')}`;
}

/** A new project file beside (or anywhere relative to) its spec. Refuses to overwrite a file. */
export async function createProject(store: StoreAccess, input: { path: string; name: string; specPath: string }): Promise<ProjectState> {
  const path = resolve(input.path);
  if (existsSync(path)) throw new StudioError('conflict', `${input.path} already exists; open it, or choose another name`, { file: input.path });
  const specPath = resolve(input.specPath);
  const spec = await loadSpecFile(specPath);
  const baseUrl = spec.model.servers.map((s) => s.url).find((u) => /^https?:\/\//.test(u)) ?? '';
  const specRel = relative(dirname(path), specPath).split(sep).join('/');
  const project: Project = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: newProjectId(),
    name: input.name,
    spec: { path: specRel, sha256: spec.sha256 },
    endpoints: {},
    environments: { sandbox: { baseUrl, username: '' } },
    mappings: { outbound: [], inbound: [] },
  };
  const text = await writeProjectFile(path, project);
  const revision = await optional(store, async (s) => {
    const r = await s.saveRevision(path, text, 'Created', project.id ?? null);
    await s.addRecent({ path, kind: 'project', name: project.name });
    await s.putSpecSnapshot(spec.sha256, spec.name, spec.text);
    return r.revision;
  }, 0);
  return { path, project, revision, recovered: false, specChanged: false };
}

/** Opens a project file; restores an autosave that is newer than the file and differs from it. */
export async function openProject(store: StoreAccess, inputPath: string): Promise<ProjectState> {
  const { project: fromFile, path, text } = await readProjectFile(inputPath);
  const mtimeMs = (await stat(path)).mtimeMs;
  let project = fromFile;
  let recovered = false;
  const autosave = await optional(store, (s) => s.getAutosave(path), null);
  if (autosave && autosave.savedAtMs > mtimeMs) {
    let saved: Project | null = null;
    try {
      saved = parseProjectText(autosave.projectJson, path);
    } catch {
      // Work in progress may not validate yet; it is still the user's work, so restore it as is.
      try {
        saved = JSON.parse(autosave.projectJson) as Project;
      } catch {
        saved = null;
      }
    }
    if (saved && serializeProject(saved) !== serializeProject(fromFile)) {
      project = saved;
      recovered = true;
    }
  }
  const revision = await optional(store, async (s) => {
    await s.addRecent({ path, kind: 'project', name: project.name });
    const last = await s.latestRevision(path);
    if (last > 0) return last;
    // History starts with the file as first opened, so later saves have something to diff against.
    return (await s.saveRevision(path, text, 'Opened (start of history)', fromFile.id ?? null)).revision;
  }, 0);
  const specChanged = await snapshotSpec(store, path, fromFile);
  return { path, project, revision, recovered, specChanged };
}

/** Writes the file atomically, records a revision, and drops the autosave it supersedes. */
export async function saveProject(
  store: StoreAccess,
  input: { path: string; project: Record<string, unknown>; summary?: string; previousPath?: string },
): Promise<{ path: string; revision: number }> {
  const path = resolve(input.path);
  // Validate exactly what will be written, so a saved file always opens again.
  const project = parseProjectText(serializeProject(input.project), input.path);
  if (input.previousPath && dirname(resolve(input.previousPath)) !== dirname(path) && !isAbsolute(project.spec.path)) {
    // Save as into another folder: the spec path is relative to the project file, so rebase it.
    const specAbs = resolveSpecPath(resolve(input.previousPath), project);
    project.spec = { ...project.spec, path: relative(dirname(path), specAbs).split(sep).join('/') };
  }
  const text = await writeProjectFile(path, project);
  const revision = await optional(store, async (s) => {
    let summary = input.summary?.trim();
    if (!summary) {
      const last = await s.latestRevision(path);
      const previous = last > 0 ? await s.getRevision(path, last) : null;
      summary = previous ? summarizeDiff(diffProjects(JSON.parse(previous.projectJson), project)) : 'Saved';
    }
    const r = await s.saveRevision(path, text, summary, project.id ?? null);
    await s.clearAutosave(path);
    await s.addRecent({ path, kind: 'project', name: project.name });
    return r.revision;
  }, 0);
  await snapshotSpec(store, path, project);
  return { path, revision };
}

const ENVIRONMENT_KEYS = new Set(['baseUrl', 'username', 'credentialRef']);

/**
 * Work in progress is stored unvalidated (it may not be complete yet), so keep anything but the
 * known environment members out of it: a password typed into the wrong place never reaches the
 * database.
 */
function withoutEnvironmentExtras(project: Record<string, unknown>): Record<string, unknown> {
  const envs = project.environments;
  if (envs === null || typeof envs !== 'object' || Array.isArray(envs)) return project;
  const clean: Record<string, unknown> = {};
  for (const [name, env] of Object.entries(envs as Record<string, unknown>)) {
    clean[name] =
      env !== null && typeof env === 'object' && !Array.isArray(env)
        ? Object.fromEntries(Object.entries(env as Record<string, unknown>).filter(([k]) => ENVIRONMENT_KEYS.has(k)))
        : env;
  }
  return { ...project, environments: clean };
}

/** Database only: the user's file is not touched until they save. */
export async function autosaveProject(store: StoreAccess, input: { path: string; project: Record<string, unknown> }): Promise<{ savedAt: string }> {
  const saved = await store().putAutosave(resolve(input.path), JSON.stringify(withoutEnvironmentExtras(input.project)));
  return { savedAt: new Date(saved.savedAtMs).toISOString() };
}

export async function projectHistory(store: StoreAccess, path: string): Promise<RevisionSummary[]> {
  return store().listRevisions(resolve(path));
}

export async function projectRevision(store: StoreAccess, path: string, revision: number): Promise<Project> {
  const row = await store().getRevision(resolve(path), revision);
  if (!row) throw new StudioError('not-found', `${path} has no revision ${revision} in the workspace history`);
  return JSON.parse(row.projectJson) as Project;
}

export async function projectDiff(store: StoreAccess, path: string, from: number, to: number): Promise<ProjectDiff> {
  const [a, b] = await Promise.all([projectRevision(store, path, from), projectRevision(store, path, to)]);
  return diffProjects(a, b);
}

function fieldsOf(spec: LoadedSpec, ep: { method: string; path: string } | undefined, part: 'request' | 'response') {
  if (!ep || !findOperation(spec, ep.method, ep.path)) return null;
  try {
    return extractFields(spec, `${ep.method.toUpperCase()} ${ep.path}`, part).fields;
  } catch {
    return null;
  }
}

/** The parts of a loaded spec the impact analysis compares. */
export function specSide(spec: LoadedSpec, project: Project): SpecSide {
  return {
    operations: spec.model.operations.map((o) => ({ method: o.method, path: o.path })),
    createRequest: fieldsOf(spec, project.endpoints.create, 'request'),
    updateRequest: fieldsOf(spec, project.endpoints.update, 'request'),
    fetchResponse: fieldsOf(spec, project.endpoints.fetch, 'response'),
  };
}

/**
 * Impact of the spec now on disk (or `newSpecPath`) on the project, compared with the spec the
 * project was built on: the current file when it still has the recorded hash, else the snapshot
 * kept in the database, else nothing (then only what is missing now can be reported).
 */
export async function specImpactFor(store: StoreAccess, input: { path: string; project: Record<string, unknown>; newSpecPath?: string }): Promise<SpecImpact> {
  const projectPath = resolve(input.path);
  const project = parseProjectText(serializeProject(input.project), input.path);
  const currentPath = resolveSpecPath(projectPath, project);
  const afterPath = input.newSpecPath ? resolve(input.newSpecPath) : currentPath;
  const after = await loadSpecFile(afterPath);
  let before: LoadedSpec | null = null;
  if (after.sha256 === project.spec.sha256) {
    before = after;
  } else {
    const current = input.newSpecPath ? await specSha(currentPath) : null;
    if (current && current.sha256 === project.spec.sha256) {
      before = await loadSpecFile(currentPath);
    } else {
      const snap = await optional(store, (s) => s.getSpecSnapshot(project.spec.sha256), null);
      if (snap) before = await loadSpec({ kind: 'text', text: snap.text, name: snap.fileName });
    }
  }
  return computeSpecImpact(project, before ? specSide(before, project) : null, specSide(after, project));
}
