/**
 * The workspace database's public face. Everything outside this folder reaches SQLite only
 * through a WorkspaceStore obtained here (docs/adr/0003-workspace-database.md): that keeps the
 * Node-ABI better-sqlite3 addon in one place, so it can move to a child or utility process.
 */
import { join, resolve } from 'node:path';
import { SqliteWorkspaceStore } from './sqlite-store';
import type { TestRunInput, WorkspaceStore } from './store';

export type {
  Autosave,
  ExportLogInput,
  ExportLogRecord,
  SavedRevision,
  TestRunInput,
  TestRunRecord,
  WorkspaceStore,
} from './store';
export { LATEST_SCHEMA_VERSION } from './migrations';
export { redactExchange, REDACTED } from './redact';

export const WORKSPACE_FILE_NAME = 'workspace.db';

export function workspaceFile(studioHome: string): string {
  return join(resolve(studioHome), WORKSPACE_FILE_NAME);
}

/** A connection of its own (the caller closes it). Throws StudioError for a newer or unusable database. */
export function openWorkspace(studioHome: string): WorkspaceStore {
  return new SqliteWorkspaceStore(workspaceFile(studioHome));
}

interface Shared {
  store: WorkspaceStore;
  refs: number;
}

const shared = new Map<string, Shared>();

export interface WorkspaceHandle {
  store: WorkspaceStore;
  release(): Promise<void>;
}

/**
 * The process's one connection to a studio home's database, reference-counted: servers and
 * commands in the same process share it; the last release closes it.
 */
export function acquireWorkspace(studioHome: string): WorkspaceHandle {
  const file = workspaceFile(studioHome);
  let entry = shared.get(file);
  if (!entry) {
    entry = { store: new SqliteWorkspaceStore(file), refs: 0 };
    shared.set(file, entry);
    if (entry.store.notice) process.stderr.write(`${entry.store.notice}\n`);
  }
  entry.refs++;
  const held = entry;
  let released = false;
  return {
    store: held.store,
    release: async () => {
      if (released) return;
      released = true;
      held.refs--;
      if (held.refs === 0 && shared.get(file) === held) {
        shared.delete(file);
        await held.store.close();
      }
    },
  };
}

/**
 * Records one test run (request and response, secrets redacted) in the studio home's history.
 * The exchange is redacted again here whatever the caller did: Authorization and cookie
 * headers, password/token members, URL credentials and every value in `run.secrets`.
 */
export async function recordTestRun(studioHome: string, run: TestRunInput): Promise<number> {
  const handle = acquireWorkspace(studioHome);
  try {
    return await handle.store.recordTestRun(run);
  } finally {
    await handle.release();
  }
}

/** Remembers an opened project or spec in the recent list (for the spec and sandbox areas). */
export async function rememberRecent(studioHome: string, entry: { path: string; kind: 'project' | 'spec'; name: string }): Promise<void> {
  const handle = acquireWorkspace(studioHome);
  try {
    await handle.store.addRecent({ ...entry, path: resolve(entry.path) });
  } finally {
    await handle.release();
  }
}
