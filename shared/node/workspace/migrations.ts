/**
 * The workspace database's numbered migrations. Each runs once, in order, inside a transaction;
 * `PRAGMA user_version` holds the number of the last one applied and `schema_migrations` keeps a
 * hash of each applied script so an edited migration is noticed instead of silently skipped.
 * Never edit a released migration: add the next number.
 */

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'core tables: recent, revisions, autosaves, test runs',
    sql: `
      CREATE TABLE schema_migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        sha256     TEXT NOT NULL,
        applied_at TEXT NOT NULL
      );
      CREATE TABLE recent (
        path      TEXT NOT NULL,
        kind      TEXT NOT NULL CHECK (kind IN ('project', 'spec')),
        name      TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        PRIMARY KEY (path, kind)
      );
      CREATE INDEX recent_by_time ON recent (opened_at DESC);
      CREATE TABLE project_revisions (
        id           INTEGER PRIMARY KEY,
        project_path TEXT NOT NULL,
        project_id   TEXT,
        revision     INTEGER NOT NULL,
        saved_at     TEXT NOT NULL,
        summary      TEXT NOT NULL,
        project_json TEXT NOT NULL,
        UNIQUE (project_path, revision)
      );
      CREATE TABLE autosaves (
        project_path TEXT PRIMARY KEY,
        saved_at_ms  INTEGER NOT NULL,
        project_json TEXT NOT NULL
      );
      CREATE TABLE test_runs (
        id           INTEGER PRIMARY KEY,
        project_path TEXT,
        environment  TEXT,
        operation    TEXT NOT NULL,
        started_at   TEXT NOT NULL,
        duration_ms  REAL,
        status       INTEGER,
        ok           INTEGER NOT NULL,
        exchange_json TEXT NOT NULL
      );
      CREATE INDEX test_runs_by_project ON test_runs (project_path, id DESC);
    `,
  },
  {
    version: 2,
    name: 'export log, settings, spec snapshots',
    sql: `
      CREATE TABLE export_log (
        id           INTEGER PRIMARY KEY,
        project_path TEXT NOT NULL,
        exported_at  TEXT NOT NULL,
        outcome      TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'failed')),
        file         TEXT,
        push_url     TEXT,
        push_status  INTEGER,
        key_id       TEXT,
        sha256       TEXT,
        message      TEXT
      );
      CREATE INDEX export_log_by_project ON export_log (project_path, id DESC);
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE spec_snapshots (
        sha256    TEXT PRIMARY KEY,
        file_name TEXT NOT NULL,
        text      TEXT NOT NULL,
        stored_at TEXT NOT NULL
      );
    `,
  },
];

/** The newest schema this build knows; a database with a higher user_version is refused. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
