import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';
import { startDemoSandbox, type DemoSandbox } from '../../shared/node/sandbox/demo-server';
import { captureIO, demoProject, tempDir, writeProject } from './helpers';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const PASSWORD = 'Cli-Test-Pass-5120';

async function cli(args: string[], env: Record<string, string | undefined> = {}, stdin = '') {
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    const io = captureIO(stdin);
    const code = await runCli(args, io);
    return { code, stdout: io.stdout, stderr: io.stderr };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('CLI: test-connection, refresh-fields, send (in process, real HTTP)', () => {
  let sb: DemoSandbox;
  const tmp = tempDir();
  let projectPath: string;
  beforeAll(async () => {
    sb = await startDemoSandbox({ password: PASSWORD });
    projectPath = writeProject(tmp.dir, demoProject(sb.url));
  });
  afterAll(async () => {
    await sb.close();
    tmp.cleanup();
  });
  const withPw = { CONNECTOR_STUDIO_PASSWORD: PASSWORD };

  it('test-connection --json: one document with the CLI.md keys, exit 0', async () => {
    const r = await cli(['test-connection', projectPath, '--json'], withPw);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['ok', 'status', 'category', 'message']);
    expect(doc).toMatchObject({ ok: true, status: 200, category: 'ok' });
  });

  it('test-connection: wrong password is auth and exit 1; human output names the category', async () => {
    const r = await cli(['test-connection', projectPath], { CONNECTOR_STUDIO_PASSWORD: 'wrong-one' });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^auth \(401\): /);
    expect(r.stdout + r.stderr).not.toContain('wrong-one');
  });

  it('test-connection --json with the server down: network, exit 1, still one document', async () => {
    const down = writeProject(tmp.dir, demoProject('http://127.0.0.1:9'), 'down.connector.json');
    const r = await cli(['test-connection', down, '--json'], withPw);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, status: null, category: 'network' });
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it('test-connection: unknown environment and missing project are unusable input (exit 2)', async () => {
    const r1 = await cli(['test-connection', projectPath, '--env', 'production'], withPw);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/no environment "production" \(it has: sandbox\)/);
    const r2 = await cli(['test-connection', join(tmp.dir, 'nope.connector.json')], withPw);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/not found/);
    const r3 = await cli(['test-connection', projectPath, '--timeout', 'soon'], withPw);
    expect(r3.code).toBe(2);
  });

  it('refresh-fields --json: source and fields (plus the comparison)', async () => {
    const r = await cli(['refresh-fields', projectPath, '--json'], withPw);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { source: string; fields: { path: string; required: boolean }[]; comparison: unknown[] };
    expect(doc.source).toBe('metadata');
    expect(doc.fields.find((f) => f.path === 'site.address.line1')).toMatchObject({ required: true });
    expect(doc.comparison.length).toBe(doc.fields.length);
  });

  it('refresh-fields --save stores the fields in the project file, without any password', async () => {
    const p2 = writeProject(tmp.dir, demoProject(sb.url), 'save.connector.json');
    const r = await cli(['refresh-fields', p2, '--save'], withPw);
    expect(r.code).toBe(0);
    const saved = JSON.parse(readFileSync(p2, 'utf8')) as { fields: { source: string; fields: unknown[] } };
    expect(saved.fields.source).toBe('metadata');
    expect(saved.fields.fields.length).toBeGreaterThan(20);
    expect(readFileSync(p2, 'utf8')).not.toContain(PASSWORD);
  });

  it('refresh-fields on a failing server: exit 1, --json still prints one document', async () => {
    const r = await cli(['refresh-fields', projectPath, '--json'], { CONNECTOR_STUDIO_PASSWORD: 'wrong' });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { category: 'auth', status: 401 } });
  });

  it('send create → fetch → update → attachment with the record ID', async () => {
    const rec = join(tmp.dir, 'job.json');
    writeFileSync(rec, JSON.stringify({ title: 'Fix door', priority: 'urgent', external_ref: 'WO-1' }));
    const c = await cli(['send', projectPath, '--operation', 'create', '--input', rec, '--json'], withPw);
    expect(c.code).toBe(0);
    const created = JSON.parse(c.stdout) as { request: { headers: Record<string, string> }; response: { status: number }; recordId: string; durationMs: number };
    expect(Object.keys(created)).toEqual(['request', 'response', 'recordId', 'durationMs']);
    expect(created.response.status).toBe(201);
    expect(created.request.headers.authorization).toBe('Basic <redacted>');
    const id = created.recordId;
    const f = await cli(['send', projectPath, '--operation', 'fetch', '--id', id, '--json'], withPw);
    expect(JSON.parse(f.stdout)).toMatchObject({ response: { status: 200, body: { id, title: 'Fix door' } }, recordId: id });
    const upd = join(tmp.dir, 'upd.json');
    writeFileSync(upd, JSON.stringify({ status: 'dispatched' }));
    const u = await cli(['send', projectPath, '--operation', 'update', '--id', id, '--input', upd, '--json'], withPw);
    expect(JSON.parse(u.stdout)).toMatchObject({ request: { method: 'PATCH' }, response: { status: 200, body: { status: 'dispatched' } } });
    const file = join(tmp.dir, 'photo.png');
    writeFileSync(file, Buffer.from([137, 80, 78, 71]));
    const a = await cli(['send', projectPath, '--operation', 'attachment', '--id', id, '--file', file], withPw);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/"filename": "photo.png"/);
    expect(sb.jobs.get(id)?.attachments[0]).toMatchObject({ content_type: 'image/png', size: 4 });
  });

  it('send: a 400 from the server is exit 1; bad input files are exit 2 with file:line:column', async () => {
    const rec = join(tmp.dir, 'bad.json');
    writeFileSync(rec, JSON.stringify({ title: 'x' }));
    const r = await cli(['send', projectPath, '--operation', 'create', '--input', rec], withPw);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/answered 400/);
    const broken = join(tmp.dir, 'broken.json');
    writeFileSync(broken, '{\n  "title": "x",\n  oops\n}');
    const r2 = await cli(['send', projectPath, '--operation', 'create', '--input', broken], withPw);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(new RegExp(`${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:3: `));
    const r3 = await cli(['send', projectPath, '--operation', 'delete'], withPw);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/--operation must be create, fetch, update or attachment/);
  });

  it('credentials: unknown sub-command and a password on the command line are refused', async () => {
    const r = await cli(['credentials', 'show', projectPath]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/use set, status or delete/);
    const r2 = await cli(['credentials', 'set', projectPath, '--password', 'x']);
    expect(r2.code).toBe(2);
    const r3 = await cli(['credentials', 'set', projectPath], { CONNECTOR_STUDIO_PASSWORD: undefined });
    expect(r3.code).toBe(2);
    expect(r3.stderr).toMatch(/--password-stdin/);
  });

  it('--help lists the sandbox commands and the credentials sub-commands', async () => {
    const r = await cli(['--help']);
    for (const c of ['test-connection', 'refresh-fields', 'send', 'credentials set|status|delete', 'sandbox [--port N]']) expect(r.stderr).toContain(c);
  });
});

describe('CLI as a process', () => {
  it('sandbox prints the URL on its first stdout line, serves, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'sandbox', '--user', 'ci', '--password', 'ci-pass-1'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const url = await new Promise<string>((resolveUrl, reject) => {
      const t = setTimeout(() => reject(new Error(`no URL within 20 s: ${err}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const nl = out.indexOf('\n');
        if (nl >= 0) {
          clearTimeout(t);
          resolveUrl(out.slice(0, nl));
        }
      });
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const ok = await fetch(`${url}/jobs/metadata`, { headers: { authorization: `Basic ${Buffer.from('ci:ci-pass-1').toString('base64')}` } });
    expect(ok.status).toBe(200);
    expect(err).not.toContain('ci-pass-1');
    await new Promise((r) => setTimeout(r, 100));
    expect(err).toMatch(/GET \/jobs\/metadata -> 200 \(\d+ ms\)/);
    expect(err).not.toMatch(/Basic /);
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    const t0 = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(Date.now() - t0).toBeLessThan(2500);
  });
});
