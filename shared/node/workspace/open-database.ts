/**
 * Opening the workspace database: integrity, version and migrations, in that order.
 *
 * - A file SQLite cannot read as a database (or one that fails `PRAGMA quick_check`) is moved
 *   aside as `workspace.db.corrupt-<timestamp>` (with its -wal/-shm) and a fresh database is
 *   created; the caller gets a notice to show. Only corruption codes do this: a busy or
 *   unreadable file is an error, never a reason to move the user's data.
 * - A database whose user_version is newer than this build is refused before anything is
 *   written to it (no journal-mode change, no migration).
 * - Migrations run in one transaction each; an applied migration whose text changed is refused.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { StudioError } from '../../common/api/define';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';

export type SqliteDatabase = Database.Database;

export interface OpenedDatabase {
  db: SqliteDatabase;
  /** Set when the previous file was corrupt and has been moved aside. */
  notice: string | null;
  /** Where the corrupt file went, when it was moved. */
  movedAside: string | null;
}

function isCorruption(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

function migrationHash(m: Migration): string {
  return createHash('sha256').update(m.sql).digest('hex');
}

function timestampSuffix(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

/** Reads version and health without writing anything. Throws the SQLite error on corruption. */
function probe(db: SqliteDatabase): number {
  const check = db.pragma('quick_check', { simple: true }) as unknown;
  if (check !== 'ok') {
    const err = new Error(`quick_check: ${String(check)}`) as Error & { code: string };
    err.code = 'SQLITE_CORRUPT';
    throw err;
  }
  return Number(db.pragma('user_version', { simple: true }));
}

function moveAside(file: string, now: Date): string {
  const target = `${file}.corrupt-${timestampSuffix(now)}`;
  renameSync(file, target);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
  }
  return target;
}

function migrate(db: SqliteDatabase, from: number, file: string): void {
  if (from > 0) {
    const applied = db.prepare('SELECT version, sha256 FROM schema_migrations ORDER BY version').all() as {
      version: number;
      sha256: string;
    }[];
    for (const row of applied) {
      const known = MIGRATIONS.find((m) => m.version === row.version);
      if (known && migrationHash(known) !== row.sha256) {
        throw new StudioError(
          'internal',
          `${file}: migration ${row.version} was applied from a different text than this build has; refusing to continue on a database whose history is unknown`,
        );
      }
    }
  }
  for (const m of MIGRATIONS) {
    if (m.version <= from) continue;
    const run = db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)').run(
        m.version,
        m.name,
        migrationHash(m),
        new Date().toISOString(),
      );
      db.pragma(`user_version = ${m.version}`);
    });
    try {
      run();
    } catch (err) {
      throw new StudioError('internal', `${file}: workspace migration ${m.version} (${m.name}) failed: ${(err as Error).message}`);
    }
  }
}

/**
 * The Electron shell points STUDIO_SQLITE_BINDING at an Electron-ABI build of the addon in
 * development (docs/adr/0001); Node (tests, CLI, browser mode) uses the installed build.
 */
export const SQLITE_BINDING_ENV = 'STUDIO_SQLITE_BINDING';

function openRaw(file: string): SqliteDatabase {
  const binding = process.env[SQLITE_BINDING_ENV];
  return new Database(file, { timeout: 5000, ...(binding ? { nativeBinding: binding } : {}) });
}

/** Opens (creating, recovering or migrating as needed) the workspace database at `file`. */
export function openWorkspaceDatabase(file: string, now: () => Date = () => new Date()): OpenedDatabase {
  mkdirSync(dirname(file), { recursive: true });
  let notice: string | null = null;
  let movedAside: string | null = null;
  let db = openRaw(file);
  let version: number;
  try {
    version = probe(db);
  } catch (err) {
    db.close();
    if (!isCorruption(err)) {
      throw new StudioError('io', `cannot open the workspace database ${file}: ${(err as Error).message}`);
    }
    movedAside = moveAside(file, now());
    notice = `The workspace database was damaged (${(err as Error).message}); it was moved aside to ${movedAside} and a new, empty one was created. Project files are not affected; history, autosaves and the export log before now are in the moved file.`;
    db = openRaw(file);
    version = probe(db);
  }
  if (version > LATEST_SCHEMA_VERSION) {
    db.close();
    throw new StudioError(
      'unsupported-version',
      `The workspace database ${file} was written by a newer Connector Studio (schema ${version}; this version knows up to ${LATEST_SCHEMA_VERSION}). It was not changed. Update Connector Studio, or set STUDIO_HOME to another folder.`,
    );
  }
  try {
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode: a committed transaction survives the process being killed; only a
    // power loss can lose the last commits, never corrupt the file.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, version, file);
  } catch (err) {
    db.close();
    throw err;
  }
  return { db, notice, movedAside };
}
