import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/common/api/define';
import { LATEST_SCHEMA_VERSION, openWorkspace, recordTestRun, workspaceFile } from '../../shared/node/workspace/index';
import { MIGRATIONS } from '../../shared/node/workspace/migrations';

const repoRoot = resolve(__dirname, '..', '..');
const homes: string[] = [];

function tempHome(): string {
  const dir = mkdtempSync(join(tmpdir(), 'studio-ws-'));
  homes.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of homes.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('workspace database', () => {
  it('creates the database in WAL mode with every migration applied and recorded', async () => {
    const home = tempHome();
    const store = openWorkspace(home);
    await store.close();
    const db = new Database(workspaceFile(home), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const applied = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(applied).toEqual(MIGRATIONS.map((m) => m.version));
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(
      expect.arrayContaining(['recent', 'project_revisions', 'autosaves', 'test_runs', 'export_log', 'settings', 'spec_snapshots']),
    );
    db.close();
  });

  it('migrates a database left at version 1 forward and keeps its data', async () => {
    const home = tempHome();
    const file = workspaceFile(home);
    const first = MIGRATIONS[0]!;
    const db = new Database(file);
    db.exec(first.sql);
    db.pragma('user_version = 1');
    db.prepare('INSERT INTO schema_migrations VALUES (1, ?, ?, ?)').run(
      first.name,
      (await import('node:crypto')).createHash('sha256').update(first.sql).digest('hex'),
      '2026-01-01T00:00:00.000Z',
    );
    db.prepare("INSERT INTO recent VALUES ('/p/a.connector.json', 'project', 'A', '2026-01-01T00:00:00.000Z')").run();
    db.close();
    const store = openWorkspace(home);
    expect((await store.listRecent()).map((r) => r.name)).toEqual(['A']);
    await store.setSetting('author', 'Ada');
    expect(await store.getSetting('author')).toBe('Ada');
    await store.close();
  });

  it('refuses a database whose applied migration text differs from this build', async () => {
    const home = tempHome();
    await openWorkspace(home).close();
    const db = new Database(workspaceFile(home));
    db.prepare("UPDATE schema_migrations SET sha256 = 'edited' WHERE version = 1").run();
    db.close();
    expect(() => openWorkspace(home)).toThrow(/migration 1 was applied from a different text/);
  });

  it('refuses a newer database with a clear error and writes nothing to it', () => {
    const home = tempHome();
    const file = workspaceFile(home);
    const db = new Database(file);
    db.exec('CREATE TABLE future (x)');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    const before = readFileSync(file);
    let error: unknown;
    try {
      openWorkspace(home);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('unsupported-version');
    expect((error as StudioError).message).toMatch(/newer Connector Studio \(schema \d+; this version knows up to \d+\)/);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('moves a corrupt database aside, says where, and starts a fresh one', async () => {
    const home = tempHome();
    const file = workspaceFile(home);
    writeFileSync(file, 'this is not a database, just some text that is long enough to fill a header.'.repeat(20));
    const store = openWorkspace(home);
    expect(store.notice).toMatch(/damaged.*moved aside to .*workspace\.db\.corrupt-/);
    await store.addRecent({ path: '/x.connector.json', kind: 'project', name: 'X' });
    expect(await store.integrityCheck()).toBe('ok');
    await store.close();
    const aside = readdirSync(home).filter((f) => f.startsWith('workspace.db.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(home, aside[0]!), 'utf8')).toMatch(/^this is not a database/);
  });

  it('treats a database with damaged pages as corrupt and recovers', async () => {
    const home = tempHome();
    const store = openWorkspace(home);
    for (let i = 0; i < 200; i++) await store.saveRevision(`/p${i}.connector.json`, JSON.stringify({ i, pad: 'y'.repeat(500) }), 'save', null);
    await store.close();
    const file = workspaceFile(home);
    // Checkpoint so the data lives in the main file, then scribble over pages after the header.
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    for (let off = 4096 * 2; off < bytes.length; off += 4096) bytes.fill(0x5a, off + 8, off + 200);
    writeFileSync(file, bytes);
    const reopened = openWorkspace(home);
    expect(reopened.notice).toMatch(/moved aside/);
    expect(await reopened.listRevisions('/p1.connector.json')).toEqual([]);
    await reopened.close();
  });

  it('numbers revisions per project and returns each saved state', async () => {
    const home = tempHome();
    const store = openWorkspace(home);
    const a = await store.saveRevision('/a.connector.json', '{"v":1}', 'first', 'prj_a');
    const b = await store.saveRevision('/a.connector.json', '{"v":2}', 'second', 'prj_a');
    const other = await store.saveRevision('/b.connector.json', '{"v":9}', 'other', null);
    expect([a.revision, b.revision, other.revision]).toEqual([1, 2, 1]);
    expect((await store.listRevisions('/a.connector.json')).map((r) => [r.revision, r.summary])).toEqual([
      [2, 'second'],
      [1, 'first'],
    ]);
    expect((await store.getRevision('/a.connector.json', 1))?.projectJson).toBe('{"v":1}');
    expect(await store.getRevision('/a.connector.json', 7)).toBeNull();
    expect(await store.latestRevision('/a.connector.json')).toBe(2);
    await store.close();
  });

  it('stores test runs with credentials redacted whatever the caller sent', async () => {
    const home = tempHome();
    const password = 'S3cret-Pa55word';
    const basic = Buffer.from(`demo:${password}`).toString('base64');
    await recordTestRun(home, {
      projectPath: '/a.connector.json',
      environment: 'sandbox',
      operation: 'create',
      ok: true,
      secrets: [password, basic],
      exchange: {
        request: {
          method: 'POST',
          url: `http://demo:${password}@127.0.0.1:9/jobs?token=abc123456`,
          headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/json' },
          body: { title: 'Fix pump', note: `pw is ${password}`, password },
        },
        response: { status: 201, headers: { 'set-cookie': 'sid=1' }, body: { id: 'J-1' } },
        durationMs: 12,
        attempts: 1,
      },
    });
    const store = openWorkspace(home);
    const [run] = await store.listTestRuns('/a.connector.json');
    expect(run?.exchange.request.headers.Authorization).toBe('[redacted]');
    expect(run?.exchange.request.body).toEqual({ title: 'Fix pump', note: 'pw is [redacted]', password: '[redacted]' });
    expect(run?.status).toBe(201);
    await store.close();
    const raw = readFileSync(workspaceFile(home)).toString('latin1') + (existsSync(`${workspaceFile(home)}-wal`) ? readFileSync(`${workspaceFile(home)}-wal`).toString('latin1') : '');
    expect(raw).not.toContain(password);
    expect(raw).not.toContain(basic);
    expect(raw).not.toContain('abc123456');
  });

  it('keeps the last committed autosave and a healthy database when the writer is killed with SIGKILL', async () => {
    const home = tempHome();
    const projectPath = '/work-in-progress.connector.json';
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'test/workspace/fixtures/autosave-loop.ts'), home, projectPath], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lastCommitted = 0;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_code, signal) => res(signal)));
    await new Promise<void>((res, rej) => {
      const timer = setTimeout(() => rej(new Error(`autosave child made no progress: ${stderr}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        const lines = d.toString().trim().split('\n');
        lastCommitted = Number(lines[lines.length - 1]);
        if (lastCommitted >= 300) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          res();
        }
      });
    });
    expect(await exited).toBe('SIGKILL');
    const store = openWorkspace(home);
    const autosave = await store.getAutosave(projectPath);
    const state = JSON.parse(autosave!.projectJson) as { counter: number; name: string };
    // Every counter printed was committed first; the kill may land after one more commit.
    expect(state.counter).toBeGreaterThanOrEqual(lastCommitted);
    expect(state.name).toBe(`autosave ${state.counter}`);
    expect(await store.integrityCheck()).toBe('ok');
    await store.close();
  });
});
