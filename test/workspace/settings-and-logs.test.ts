import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerContext } from '../../shared/node/api/context';
import { createBundleHandlers } from '../../shared/node/api/handlers-bundle';
import { createProjectHandlers } from '../../shared/node/api/handlers-project';
import { exportBundle } from '../../shared/node/bundle/export';
import { generateSigningJwk, signingKeyFromJwk } from '../../shared/node/bundle/signing-key';
import { openWorkspace, recordTestRun } from '../../shared/node/workspace/index';
import { makeFixture } from '../bundle/fixtures/project';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function context(home: string): ServerContext {
  const closers: (() => Promise<void> | void)[] = [];
  cleanups.push(async () => {
    for (const fn of closers.splice(0).reverse()) await fn();
  });
  return { mode: 'browser', studioHome: home, appVersion: '0.1.0', emit: () => {}, onClose: (fn) => closers.push(fn) };
}

describe('workspace settings, test runs and the export log through the API', () => {
  it('records the author setting and puts it into bundles', async () => {
    const fx = makeFixture();
    cleanups.push(() => fx.cleanup());
    const projects = createProjectHandlers(context(fx.home));
    const before = await projects['workspace.settings']({});
    expect(['environment', 'os']).toContain(before.authorSource);
    expect(await projects['workspace.settings']({ author: '  Ada Lovelace ' })).toEqual({ author: 'Ada Lovelace', authorSource: 'settings' });

    const store = openWorkspace(fx.home);
    const key = await signingKeyFromJwk(await generateSigningJwk());
    const out = join(fx.dir, 'a.bundle.json');
    await exportBundle({ project: fx.project, projectPath: fx.projectPath, out, key, appVersion: '0.1.0', store });
    await store.close();
    const bundle = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8')) as { payload: { author: string } };
    expect(bundle.payload.author).toBe('Ada Lovelace');

    const bundles = createBundleHandlers(context(fx.home));
    const log = await bundles['bundle.log']({ projectPath: fx.projectPath });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ outcome: 'ok', file: out, keyId: key.keyId });
    expect(await bundles['bundle.log']({ projectPath: join(fx.dir, 'other.connector.json') })).toEqual([]);
  });

  it('lists a project’s test runs newest first, redacted', async () => {
    const home = mkdtempSync(join(tmpdir(), 'studio-runs-'));
    cleanups.push(() => rmSync(home, { recursive: true, force: true }));
    const projectPath = join(home, 'p.connector.json');
    for (const [i, status] of [200, 401].entries()) {
      await recordTestRun(home, {
        projectPath,
        environment: 'sandbox',
        operation: i === 0 ? 'metadata' : 'create',
        ok: status === 200,
        exchange: {
          request: { method: 'GET', url: 'http://127.0.0.1:9/jobs/metadata', headers: { authorization: 'Basic ZGVtbzpzZWNyZXQ=' }, body: null },
          response: { status, headers: {}, body: { ok: status === 200 } },
          durationMs: 5,
          attempts: 1,
        },
      });
    }
    const projects = createProjectHandlers(context(home));
    const runs = await projects['project.testRuns']({ path: projectPath });
    expect(runs.map((r) => [r.operation, r.status, r.ok])).toEqual([
      ['create', 401, false],
      ['metadata', 200, true],
    ]);
    expect(runs[0]?.exchange.request.headers.authorization).toBe('[redacted]');
    expect(await projects['project.testRuns']({ path: projectPath, limit: 1 })).toHaveLength(1);
  });
});
