import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerContext } from '../../shared/node/api/context';
import { createProjectHandlers } from '../../shared/node/api/handlers-project';
import type { Project } from '../../shared/common/project/model';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

function server(): { home: string; handlers: ReturnType<typeof createProjectHandlers>; close(): Promise<void> } {
  const home = mkdtempSync(join(tmpdir(), 'studio-demo-'));
  const closers: (() => Promise<void> | void)[] = [];
  const ctx: ServerContext = { mode: 'browser', studioHome: home, appVersion: '0.1.0', emit: () => {}, onClose: (fn) => closers.push(fn) };
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    for (const fn of closers.splice(0).reverse()) await fn();
  };
  cleanups.push(async () => {
    await close();
    rmSync(home, { recursive: true, force: true });
  });
  return { home, handlers: createProjectHandlers(ctx), close };
}

describe('project.openDemo', () => {
  it('copies the demo once, starts the sandbox once per server, points the project at it, and stops it on close', async () => {
    const s = server();
    const first = await s.handlers['project.openDemo']({});
    const demoFile = join(s.home, 'demo', 'demo.connector.json');
    expect(first.path).toBe(demoFile);
    for (const f of ['demo.connector.json', 'sandbox.openapi.yaml']) expect(existsSync(join(s.home, 'demo', f))).toBe(true);
    expect(first.sandbox.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.project.environments.sandbox?.baseUrl).toBe(first.sandbox.baseUrl);
    expect((JSON.parse(readFileSync(demoFile, 'utf8')) as Project).environments.sandbox?.baseUrl).toBe(first.sandbox.baseUrl);
    expect(first.sandbox.username).toBe('demo');
    expect(first.sandbox.hint).toContain('demo-sandbox-pass');
    const specHash = createHash('sha256').update(readFileSync(join(s.home, 'demo', 'sandbox.openapi.yaml'))).digest('hex');
    expect(first.specChanged).toBe(specHash !== first.project.spec.sha256);

    const auth = `Basic ${Buffer.from('demo:demo-sandbox-pass').toString('base64')}`;
    const res = await fetch(`${first.sandbox.baseUrl}/jobs/metadata`, { headers: { authorization: auth } });
    expect(res.status).toBe(200);

    // The copy is the user's: a later open keeps their edits and reuses the running sandbox.
    const edited = JSON.parse(readFileSync(demoFile, 'utf8')) as Project;
    edited.name = 'My demo';
    writeFileSync(demoFile, JSON.stringify(edited));
    const second = await s.handlers['project.openDemo']({});
    expect(second.project.name).toBe('My demo');
    expect(second.sandbox.baseUrl).toBe(first.sandbox.baseUrl);
    expect((await s.handlers['workspace.recent']({}))[0]).toMatchObject({ path: demoFile, kind: 'project', name: 'My demo' });

    await s.close();
    await expect(fetch(`${first.sandbox.baseUrl}/jobs/metadata`, { headers: { authorization: auth } })).rejects.toThrow();
  });
});
