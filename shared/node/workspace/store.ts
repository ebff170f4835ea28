/**
 * The workspace store: every named capability the rest of the app needs from the workspace
 * database. Callers never see SQL or a database handle, and every argument and result is plain
 * structured-clone data, so this interface can be served from another process (a Node child or
 * an Electron utility process) without changing a caller (docs/adr/0003).
 */
import type { HttpExchange } from '../../common/api/calls-sandbox';
import type { RecentEntry, RevisionSummary } from '../../common/api/calls-project';

export interface SavedRevision extends RevisionSummary {
  projectJson: string;
}

export interface Autosave {
  projectJson: string;
  savedAtMs: number;
}

export interface TestRunInput {
  projectPath: string | null;
  environment: string | null;
  operation: string;
  ok: boolean;
  exchange: HttpExchange;
  /** Secret values to scrub in addition to the header/key rules (the environment's password). */
  secrets?: readonly string[];
  startedAt?: string;
}

export interface TestRunRecord {
  id: number;
  projectPath: string | null;
  environment: string | null;
  operation: string;
  startedAt: string;
  durationMs: number | null;
  status: number | null;
  ok: boolean;
  exchange: HttpExchange;
}

export interface ExportLogInput {
  projectPath: string;
  outcome: 'ok' | 'refused' | 'failed';
  file: string | null;
  pushUrl: string | null;
  pushStatus: number | null;
  keyId: string | null;
  sha256: string | null;
  message: string | null;
}

export interface ExportLogRecord extends ExportLogInput {
  id: number;
  exportedAt: string;
}

export interface WorkspaceStore {
  /** Where the database lives, and the corruption notice from opening it (shown once). */
  readonly file: string;
  readonly notice: string | null;

  addRecent(entry: Omit<RecentEntry, 'openedAt'>): Promise<void>;
  listRecent(limit?: number): Promise<RecentEntry[]>;

  saveRevision(projectPath: string, projectJson: string, summary: string, projectId: string | null): Promise<RevisionSummary>;
  listRevisions(projectPath: string): Promise<RevisionSummary[]>;
  getRevision(projectPath: string, revision: number): Promise<SavedRevision | null>;
  latestRevision(projectPath: string): Promise<number>;

  putAutosave(projectPath: string, projectJson: string): Promise<Autosave>;
  getAutosave(projectPath: string): Promise<Autosave | null>;
  clearAutosave(projectPath: string): Promise<void>;

  recordTestRun(run: TestRunInput): Promise<number>;
  listTestRuns(projectPath: string | null, limit?: number): Promise<TestRunRecord[]>;

  logExport(entry: ExportLogInput): Promise<number>;
  listExports(projectPath?: string): Promise<ExportLogRecord[]>;

  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;

  putSpecSnapshot(sha256: string, fileName: string, text: string): Promise<void>;
  getSpecSnapshot(sha256: string): Promise<{ fileName: string; text: string } | null>;

  /** `PRAGMA integrity_check` (for diagnostics and tests). */
  integrityCheck(): Promise<string>;
  close(): Promise<void>;
}
