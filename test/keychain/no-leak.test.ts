/**
 * The password never reaches: the project file, the SQLite files under STUDIO_HOME (database,
 * WAL, shared memory), test-run records, captured stdout/stderr, call outcomes and error
 * messages, or an exported bundle. Everything runs for real: keychain, HTTP, SQLite, signing.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';
import { createStudioServer } from '../../shared/node/api/server';
import { deleteSecret, environmentAccount, projectKey } from '../../shared/node/keychain/index';
import { startDemoSandbox } from '../../shared/node/sandbox/demo-server';
import { openWorkspace } from '../../shared/node/workspace/index';
import { shutdownSharedJsonnetHost } from '../../shared/node/mapping/jsonnet-client';
import { captureIO, demoProject, tempDir, writeProject } from '../sandbox/helpers';
import { keychainGate, uniqueSecret } from './support';

const gate = await keychainGate();
const accounts: string[] = [];

afterAll(async () => {
  for (const a of accounts) await deleteSecret(a).catch(() => false);
  await shutdownSharedJsonnetHost();
});

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

describe('the password never leaks', () => {
  it.skipIf(gate.skip)('not to the project file, the database, logs, test runs, outcomes, errors or a bundle', async () => {
    const password = uniqueSecret('NoLeak');
    const needles = [password, Buffer.from(`demo:${password}`).toString('base64'), Buffer.from(password).toString('base64')];
    const sb = await startDemoSandbox({ password });
    const tmp = tempDir('cs-noleak-');
    const studioHome = join(tmp.dir, 'home');
    const studio = createStudioServer({ mode: 'cli', studioHome });
    const seen: string[] = []; // every outcome, message and stream the user or a log could see
    const origWrite = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      seen.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (origWrite as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stderr.write;
    try {
      const projectPath = writeProject(tmp.dir, demoProject(sb.url));
      const account = environmentAccount(projectKey({}, projectPath), 'sandbox');
      accounts.push(account);
      const call = async (name: string, input: unknown) => {
        const r = await studio.dispatch(name, input);
        seen.push(JSON.stringify(r));
        return r;
      };
      const project = JSON.parse(readFileSync(projectPath, 'utf8')) as ReturnType<typeof demoProject>;
      const ref = { project, projectPath, env: 'sandbox' };

      // Store through the UI path (keychain), and save the project (file + database revision).
      const set = await call('credentials.set', { ...ref, username: 'demo', password });
      expect(set).toMatchObject({ ok: true, value: { stored: true, where: 'keychain' } });
      project.environments.sandbox = { ...project.environments.sandbox!, credentialRef: account };
      expect(await call('project.save', { path: projectPath, project })).toMatchObject({ ok: true });

      // Calls that succeed, and calls that fail in every way we classify.
      expect(await call('credentials.status', ref)).toMatchObject({ ok: true, value: { stored: true } });
      expect(await call('sandbox.testConnection', ref)).toMatchObject({ ok: true, value: { ok: true } });
      expect(await call('sandbox.refreshFields', ref)).toMatchObject({ ok: true, value: { source: 'metadata' } });
      const created = await call('sandbox.send', { ...ref, operation: 'create', input: { title: 'Leak check', priority: 'low', external_ref: 'WO-9' } });
      expect(created).toMatchObject({ ok: true, value: { response: { status: 201 } } });
      const id = (created as { value: { recordId: string } }).value.recordId;
      await call('sandbox.send', { ...ref, operation: 'fetch', id });
      await call('sandbox.send', { ...ref, operation: 'update', id, input: { priority: 'oops' } }); // 400
      await call('sandbox.send', { ...ref, operation: 'attachment', id, file: { name: 'a.txt', contentType: 'text/plain', base64: Buffer.from('hi').toString('base64') } });
      const wrongPath = { ...ref, project: { ...project, endpoints: { ...project.endpoints, metadata: { method: 'GET', path: '/nope' } } } };
      expect(await call('sandbox.testConnection', wrongPath)).toMatchObject({ value: { category: 'not-found' } });
      expect(await call('sandbox.refreshFields', wrongPath)).toMatchObject({ ok: false, error: { code: 'not-found' } });
      const down = { ...ref, project: { ...project, environments: { sandbox: { ...project.environments.sandbox!, baseUrl: 'http://127.0.0.1:9' } } } };
      expect(await call('sandbox.testConnection', down)).toMatchObject({ value: { category: 'network' } });
      expect(await call('sandbox.send', { ...down, operation: 'fetch', id })).toMatchObject({ ok: false, error: { code: 'network' } });
      const inUrl = { ...ref, project: { ...project, environments: { sandbox: { ...project.environments.sandbox!, baseUrl: `http://demo:${password}@127.0.0.1:9` } } } };
      expect(await call('sandbox.testConnection', inUrl)).toMatchObject({ ok: false, error: { code: 'bad-input' } });

      // The CLI, reading the keychain.
      const ios = [captureIO(), captureIO(), captureIO()];
      delete process.env.CONNECTOR_STUDIO_PASSWORD;
      expect(await runCli(['test-connection', projectPath, '--json'], ios[0]!)).toBe(0);
      expect(await runCli(['send', projectPath, '--operation', 'fetch', '--id', id, '--json'], ios[1]!)).toBe(0);
      expect(await runCli(['credentials', 'status', projectPath], ios[2]!)).toBe(0);
      for (const io of ios) seen.push(io.stdout, io.stderr);

      // A wrong password stored: the auth failure names the user, not either password.
      const wrong = uniqueSecret('Wrong');
      await call('credentials.set', { ...ref, username: 'demo', password: wrong });
      const auth = await call('sandbox.testConnection', ref);
      expect(auth).toMatchObject({ value: { category: 'auth' } });
      expect(JSON.stringify(auth)).not.toContain(wrong);
      await call('credentials.set', { ...ref, username: 'demo', password });

      // An exported bundle (signed with the keychain signing key).
      const bundlePath = join(tmp.dir, 'out.bundle.json');
      const exported = await call('bundle.export', { project, projectPath, out: bundlePath });
      expect(exported, JSON.stringify(exported)).toMatchObject({ ok: true });

      await studio.close();

      // The test-run history exists (so scanning it means something) and is clean.
      const store = openWorkspace(studioHome);
      const runs = await store.listTestRuns(projectPath, 100);
      await store.close();
      expect(runs.length).toBeGreaterThanOrEqual(8);
      const runText = JSON.stringify(runs);
      expect(runText).toContain('"status":201');

      const targets: [string, string][] = [
        ['project file', readFileSync(projectPath, 'utf8')],
        ['bundle', readFileSync(bundlePath, 'utf8')],
        ['test runs', runText],
        ['outcomes, stdout and stderr', seen.join('\n')],
      ];
      const dbFiles = filesUnder(studioHome);
      expect(dbFiles.some((f) => f.endsWith('.db'))).toBe(true);
      for (const f of dbFiles) targets.push([f, readFileSync(f).toString('latin1')]);
      expect(readFileSync(projectPath, 'utf8')).toContain(account); // only the reference
      for (const [what, text] of targets) {
        for (const n of needles) expect(text.includes(n), `${what} contains the password (${n === password ? 'plain' : 'base64'})`).toBe(false);
      }
      writeFileSync(join(tmp.dir, 'scanned.txt'), targets.map(([w]) => w).join('\n'));
    } finally {
      process.stderr.write = origWrite;
      await studio.close();
      await sb.close();
      tmp.cleanup();
    }
  });
});
