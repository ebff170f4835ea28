/** WorkspaceStore on better-sqlite3 (the only module besides open-database.ts that runs SQL). */
import type { RecentEntry, RevisionSummary } from '../../common/api/calls-project';
import type { HttpExchange } from '../../common/api/calls-sandbox';
import { openWorkspaceDatabase, type SqliteDatabase } from './open-database';
import { redactExchange } from './redact';
import type {
  Autosave,
  ExportLogInput,
  ExportLogRecord,
  SavedRevision,
  TestRunInput,
  TestRunRecord,
  WorkspaceStore,
} from './store';

interface RevisionRow {
  id: number;
  revision: number;
  saved_at: string;
  summary: string;
  project_json?: string;
}

function toSummary(r: RevisionRow): RevisionSummary {
  return { id: r.id, revision: r.revision, savedAt: r.saved_at, summary: r.summary };
}

export class SqliteWorkspaceStore implements WorkspaceStore {
  readonly file: string;
  readonly notice: string | null;
  private readonly db: SqliteDatabase;
  private closed = false;
  private lastAutosaveMs = 0;

  constructor(file: string) {
    const opened = openWorkspaceDatabase(file);
    this.file = file;
    this.db = opened.db;
    this.notice = opened.notice;
  }

  async addRecent(entry: Omit<RecentEntry, 'openedAt'>): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO recent (path, kind, name, opened_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (path, kind) DO UPDATE SET name = excluded.name, opened_at = excluded.opened_at`,
      )
      .run(entry.path, entry.kind, entry.name, new Date().toISOString());
  }

  async listRecent(limit = 20): Promise<RecentEntry[]> {
    const rows = this.db
      .prepare('SELECT path, kind, name, opened_at FROM recent ORDER BY opened_at DESC, rowid DESC LIMIT ?')
      .all(limit) as { path: string; kind: 'project' | 'spec'; name: string; opened_at: string }[];
    return rows.map((r) => ({ path: r.path, kind: r.kind, name: r.name, openedAt: r.opened_at }));
  }

  async saveRevision(projectPath: string, projectJson: string, summary: string, projectId: string | null): Promise<RevisionSummary> {
    const insert = this.db.transaction(() => {
      const row = this.db
        .prepare('SELECT COALESCE(MAX(revision), 0) AS last FROM project_revisions WHERE project_path = ?')
        .get(projectPath) as { last: number };
      const revision = row.last + 1;
      const savedAt = new Date().toISOString();
      const info = this.db
        .prepare(
          'INSERT INTO project_revisions (project_path, project_id, revision, saved_at, summary, project_json) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(projectPath, projectId, revision, savedAt, summary, projectJson);
      return { id: Number(info.lastInsertRowid), revision, savedAt, summary };
    });
    return insert.immediate();
  }

  async listRevisions(projectPath: string): Promise<RevisionSummary[]> {
    const rows = this.db
      .prepare('SELECT id, revision, saved_at, summary FROM project_revisions WHERE project_path = ? ORDER BY revision DESC')
      .all(projectPath) as RevisionRow[];
    return rows.map(toSummary);
  }

  async getRevision(projectPath: string, revision: number): Promise<SavedRevision | null> {
    const row = this.db
      .prepare('SELECT id, revision, saved_at, summary, project_json FROM project_revisions WHERE project_path = ? AND revision = ?')
      .get(projectPath, revision) as RevisionRow | undefined;
    return row ? { ...toSummary(row), projectJson: row.project_json ?? '' } : null;
  }

  async latestRevision(projectPath: string): Promise<number> {
    const row = this.db
      .prepare('SELECT COALESCE(MAX(revision), 0) AS last FROM project_revisions WHERE project_path = ?')
      .get(projectPath) as { last: number };
    return row.last;
  }

  async putAutosave(projectPath: string, projectJson: string): Promise<Autosave> {
    // Strictly increasing per process, so "newer than" comparisons never tie within a burst.
    const savedAtMs = Math.max(Date.now(), this.lastAutosaveMs + 1);
    this.lastAutosaveMs = savedAtMs;
    this.db
      .prepare(
        `INSERT INTO autosaves (project_path, saved_at_ms, project_json) VALUES (?, ?, ?)
         ON CONFLICT (project_path) DO UPDATE SET saved_at_ms = excluded.saved_at_ms, project_json = excluded.project_json`,
      )
      .run(projectPath, savedAtMs, projectJson);
    return { projectJson, savedAtMs };
  }

  async getAutosave(projectPath: string): Promise<Autosave | null> {
    const row = this.db.prepare('SELECT saved_at_ms, project_json FROM autosaves WHERE project_path = ?').get(projectPath) as
      | { saved_at_ms: number; project_json: string }
      | undefined;
    return row ? { projectJson: row.project_json, savedAtMs: row.saved_at_ms } : null;
  }

  async clearAutosave(projectPath: string): Promise<void> {
    this.db.prepare('DELETE FROM autosaves WHERE project_path = ?').run(projectPath);
  }

  async recordTestRun(run: TestRunInput): Promise<number> {
    const exchange = redactExchange(run.exchange, run.secrets ?? []);
    const info = this.db
      .prepare(
        `INSERT INTO test_runs (project_path, environment, operation, started_at, duration_ms, status, ok, exchange_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        run.projectPath,
        run.environment,
        run.operation,
        run.startedAt ?? new Date().toISOString(),
        exchange.durationMs,
        exchange.response?.status ?? null,
        run.ok ? 1 : 0,
        JSON.stringify(exchange),
      );
    return Number(info.lastInsertRowid);
  }

  async listTestRuns(projectPath: string | null, limit = 50): Promise<TestRunRecord[]> {
    const rows = this.db
      .prepare(
        `SELECT id, project_path, environment, operation, started_at, duration_ms, status, ok, exchange_json
         FROM test_runs WHERE project_path IS ? ORDER BY id DESC LIMIT ?`,
      )
      .all(projectPath, limit) as {
      id: number;
      project_path: string | null;
      environment: string | null;
      operation: string;
      started_at: string;
      duration_ms: number | null;
      status: number | null;
      ok: number;
      exchange_json: string;
    }[];
    return rows.map((r) => ({
      id: r.id,
      projectPath: r.project_path,
      environment: r.environment,
      operation: r.operation,
      startedAt: r.started_at,
      durationMs: r.duration_ms,
      status: r.status,
      ok: r.ok === 1,
      exchange: JSON.parse(r.exchange_json) as HttpExchange,
    }));
  }

  async logExport(entry: ExportLogInput): Promise<number> {
    const info = this.db
      .prepare(
        `INSERT INTO export_log (project_path, exported_at, outcome, file, push_url, push_status, key_id, sha256, message)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        entry.projectPath,
        new Date().toISOString(),
        entry.outcome,
        entry.file,
        entry.pushUrl,
        entry.pushStatus,
        entry.keyId,
        entry.sha256,
        entry.message,
      );
    return Number(info.lastInsertRowid);
  }

  async listExports(projectPath?: string): Promise<ExportLogRecord[]> {
    const sql = `SELECT id, project_path, exported_at, outcome, file, push_url, push_status, key_id, sha256, message FROM export_log
      ${projectPath === undefined ? '' : 'WHERE project_path = ?'} ORDER BY id DESC`;
    const stmt = this.db.prepare(sql);
    const rows = (projectPath === undefined ? stmt.all() : stmt.all(projectPath)) as {
      id: number;
      project_path: string;
      exported_at: string;
      outcome: 'ok' | 'refused' | 'failed';
      file: string | null;
      push_url: string | null;
      push_status: number | null;
      key_id: string | null;
      sha256: string | null;
      message: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      projectPath: r.project_path,
      exportedAt: r.exported_at,
      outcome: r.outcome,
      file: r.file,
      pushUrl: r.push_url,
      pushStatus: r.push_status,
      keyId: r.key_id,
      sha256: r.sha256,
      message: r.message,
    }));
  }

  async getSetting(key: string): Promise<string | null> {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(key, value);
  }

  async putSpecSnapshot(sha256: string, fileName: string, text: string): Promise<void> {
    this.db
      .prepare('INSERT OR IGNORE INTO spec_snapshots (sha256, file_name, text, stored_at) VALUES (?, ?, ?, ?)')
      .run(sha256, fileName, text, new Date().toISOString());
  }

  async getSpecSnapshot(sha256: string): Promise<{ fileName: string; text: string } | null> {
    const row = this.db.prepare('SELECT file_name, text FROM spec_snapshots WHERE sha256 = ?').get(sha256) as
      | { file_name: string; text: string }
      | undefined;
    return row ? { fileName: row.file_name, text: row.text } : null;
  }

  async integrityCheck(): Promise<string> {
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
