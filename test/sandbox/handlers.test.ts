import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudioServer, type StudioServer } from '../../shared/node/api/server';
import { startDemoSandbox, type DemoSandbox } from '../../shared/node/sandbox/demo-server';
import { openWorkspace } from '../../shared/node/workspace/index';
import { demoProject, tempDir, writeProject } from './helpers';

const PASSWORD = 'Handler-Session-Pass-3310';

describe('sandbox handlers through the dispatcher (session-only credentials)', () => {
  let sb: DemoSandbox;
  let studio: StudioServer;
  const tmp = tempDir();
  const studioHome = join(tmp.dir, 'home');
  let projectPath: string;
  const events: unknown[] = [];
  beforeAll(async () => {
    sb = await startDemoSandbox({ password: PASSWORD });
    studio = createStudioServer({ mode: 'cli', studioHome });
    studio.hub.listen((event, payload) => {
      if (event === 'sandbox.progress') events.push(payload);
    });
    projectPath = writeProject(tmp.dir, demoProject(sb.url));
  });
  afterAll(async () => {
    await studio.close();
    await sb.close();
    tmp.cleanup();
  });
  const ref = () => ({ project: demoProject(sb.url), projectPath, env: 'sandbox' });

  it('stores, uses and deletes a session-only password; the password never comes back', async () => {
    const before = await studio.dispatch('credentials.status', ref());
    expect(before).toMatchObject({ ok: true, value: { env: 'sandbox', username: 'demo', stored: false, where: null } });

    const set = await studio.dispatch('credentials.set', { ...ref(), username: 'demo', password: PASSWORD, sessionOnly: true });
    expect(set).toMatchObject({ ok: true, value: { stored: true, where: 'session' } });
    expect(Object.keys((set as { value: object }).value).sort()).toEqual(['env', 'keychain', 'stored', 'username', 'where']);

    const conn = await studio.dispatch('sandbox.testConnection', ref());
    expect(conn).toMatchObject({ ok: true, value: { ok: true, category: 'ok', status: 200, exchange: { request: { headers: { authorization: 'Basic <redacted>' } } } } });

    const fields = await studio.dispatch('sandbox.refreshFields', ref());
    expect(fields).toMatchObject({ ok: true, value: { source: 'metadata' } });
    expect((fields as { value: { comparison: unknown[] } }).value.comparison.length).toBeGreaterThan(20);

    const created = await studio.dispatch('sandbox.send', { ...ref(), operation: 'create', input: { title: 'Via handler', priority: 'normal', external_ref: 'H-1' } });
    expect(created).toMatchObject({ ok: true, value: { response: { status: 201 }, recordId: expect.stringMatching(/^job_/) } });
    const id = (created as { value: { recordId: string } }).value.recordId;
    const att = await studio.dispatch('sandbox.send', { ...ref(), operation: 'attachment', id, file: { name: 'n.txt', contentType: 'text/plain', base64: Buffer.from('note').toString('base64') } });
    expect(att).toMatchObject({ ok: true, value: { response: { status: 201, body: { filename: 'n.txt', size: 4 } } } });

    const bad = await studio.dispatch('sandbox.send', { ...ref(), operation: 'delete' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-input' } });

    const del = await studio.dispatch('credentials.delete', ref());
    expect(del).toMatchObject({ ok: true, value: { stored: false } });
    const after = await studio.dispatch('sandbox.testConnection', ref());
    expect(after.ok).toBe(false);
    expect(['auth', 'keychain-unavailable']).toContain((after as { error: { code: string } }).error.code);

    for (const r of [before, set, conn, fields, created, att, del, after]) expect(JSON.stringify(r)).not.toContain(PASSWORD);
    expect(events.length).toBeGreaterThanOrEqual(4);
  });

  it('records each call in the test-run history, redacted', async () => {
    const store = openWorkspace(studioHome);
    try {
      const runs = await store.listTestRuns(projectPath, 50);
      const ops = runs.map((r) => r.operation).sort();
      expect(ops).toEqual(expect.arrayContaining(['testConnection', 'refreshFields', 'create', 'attachment']));
      expect(JSON.stringify(runs)).not.toContain(PASSWORD);
    } finally {
      await store.close();
    }
  });
});
