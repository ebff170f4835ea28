import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main';
import type { CliIO } from '../../cli/io';
import { pushBundle } from '../../shared/node/bundle/push';
import { generateSigningJwk } from '../../shared/node/bundle/signing-key';
import { openWorkspace } from '../../shared/node/workspace/index';
import { makeFixture, repoRoot, type ProjectFixture } from './fixtures/project';

interface Broker {
  url: string;
  bodies: string[];
  server: Server;
}

const open: { close(): void }[] = [];

afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

/** A loopback broker answering with the given statuses in turn (the last one repeats). */
async function broker(statuses: number[]): Promise<Broker> {
  const bodies: string[] = [];
  let n = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(body);
      const status = statuses[Math.min(n++, statuses.length - 1)]!;
      res.writeHead(status, { 'content-type': 'application/json', ...(status === 503 ? { 'retry-after': '0' } : {}) });
      res.end(JSON.stringify({ accepted: status < 300, attempt: n }));
    });
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  open.push({ close: () => server.close() });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/bundles`, bodies, server };
}

function captureIO(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (t) => stdout.push(t),
    err: (t) => stderr.push(t),
    json: (v) => stdout.push(JSON.stringify(v)),
    stdin: async () => '',
  };
}

async function fixtureWithKey(): Promise<ProjectFixture & { keyFile: string; pubFile: string }> {
  const fx = makeFixture();
  open.push({ close: () => fx.cleanup() });
  const jwk = await generateSigningJwk();
  const keyFile = join(fx.dir, 'signing.jwk.json');
  const pubFile = join(fx.dir, 'public.jwk.json');
  writeFileSync(keyFile, JSON.stringify(jwk));
  writeFileSync(pubFile, JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x }));
  process.env.STUDIO_HOME = fx.home;
  return { ...fx, keyFile, pubFile };
}

describe('push to a broker', () => {
  it('retries a 503 and reports the final answer', async () => {
    const b = await broker([503, 201]);
    const result = await pushBundle(b.url, '{"x":1}', { baseDelayMs: 10 });
    expect(result).toMatchObject({ status: 201, attempts: 2, body: { accepted: true, attempt: 2 } });
    expect(b.bodies).toEqual(['{"x":1}', '{"x":1}']);
  });

  it('gives up after a bounded number of attempts', async () => {
    const b = await broker([500]);
    const result = await pushBundle(b.url, '{}', { attempts: 3, baseDelayMs: 5 });
    expect(result).toMatchObject({ status: 500, attempts: 3 });
    expect(b.bodies).toHaveLength(3);
  });

  it('does not retry a 4xx refusal', async () => {
    const b = await broker([422]);
    expect(await pushBundle(b.url, '{}', { baseDelayMs: 5 })).toMatchObject({ status: 422, attempts: 1 });
  });

  it('reports an unreachable broker as status 0 with the reason', async () => {
    const b = await broker([200]);
    const url = b.url;
    await new Promise<void>((res) => b.server.close(() => res()));
    const result = await pushBundle(url, '{}', { attempts: 2, baseDelayMs: 5 });
    expect(result.status).toBe(0);
    expect(result.error).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/);
  });
});

describe('CLI export and verify', () => {
  it('exports, pushes, prints one JSON document with the CLI.md keys, and logs the export', async () => {
    const fx = await fixtureWithKey();
    const b = await broker([200]);
    const out = join(fx.dir, 'x.bundle.json');
    const io = captureIO();
    const code = await runCli(['export', fx.projectPath, '--out', out, '--push', b.url, '--key', fx.keyFile, '--json'], io);
    expect(code).toBe(0);
    expect(io.stdout).toHaveLength(1);
    const result = JSON.parse(io.stdout[0]!) as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual(['file', 'keyId', 'pushed', 'sha256']);
    expect(result).toMatchObject({ file: out, pushed: { status: 200 } });
    expect(JSON.parse(b.bodies[0]!)).toEqual(JSON.parse(readFileSync(out, 'utf8')));
    const store = openWorkspace(fx.home);
    expect((await store.listExports())[0]).toMatchObject({ outcome: 'ok', pushUrl: b.url, pushStatus: 200 });
    await store.close();

    const verifyIO = captureIO();
    expect(await runCli(['verify', out, '--key', fx.pubFile, '--json'], verifyIO)).toBe(0);
    expect(JSON.parse(verifyIO.stdout[0]!)).toEqual({ valid: true, keyId: result.keyId, reason: null });
  });

  it('exits 1 when the broker refuses, after writing the file', async () => {
    const fx = await fixtureWithKey();
    const b = await broker([403]);
    const out = join(fx.dir, 'x.bundle.json');
    const io = captureIO();
    expect(await runCli(['export', fx.projectPath, '--out', out, '--push', b.url, '--key', fx.keyFile, '--json'], io)).toBe(1);
    expect(JSON.parse(io.stdout[0]!)).toMatchObject({ pushed: { status: 403 } });
    expect(io.stderr.join('\n')).toMatch(/broker answered HTTP 403/);
    expect(readFileSync(out, 'utf8')).toContain('"format": "connector-studio.bundle"');
  });

  it('exits 1 and names the place when the secret scan refuses, writing no file', async () => {
    const fx = await fixtureWithKey();
    const project = JSON.parse(readFileSync(fx.projectPath, 'utf8')) as { mappings: { outbound: { script?: string }[] } };
    project.mappings.outbound[2]!.script = '{ password: "hunter2" }';
    writeFileSync(fx.projectPath, JSON.stringify(project));
    const out = join(fx.dir, 'x.bundle.json');
    const io = captureIO();
    expect(await runCli(['export', fx.projectPath, '--out', out, '--key', fx.keyFile, '--json'], io)).toBe(1);
    expect(io.stdout).toHaveLength(1);
    expect(JSON.parse(io.stdout[0]!)).toMatchObject({
      file: null,
      scan: { clean: false, findings: [{ path: '$.mappings.outbound.mappings[2].script', reason: 'a password or API key value written in the text' }] },
    });
    expect(io.stderr.join('\n')).toContain('$.mappings.outbound.mappings[2].script');
    expect(io.stderr.join('\n')).not.toContain('hunter2');
    expect(() => readFileSync(out)).toThrow();
  });

  it('exits 2 with file:line:column for a key file that is not JSON', async () => {
    const fx = await fixtureWithKey();
    writeFileSync(fx.keyFile, '{ nope');
    const io = captureIO();
    expect(await runCli(['export', fx.projectPath, '--out', join(fx.dir, 'x.json'), '--key', fx.keyFile], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain(`${fx.keyFile}:1:1: the key file is not JSON`);
  });

  it('as a real process: verify of a tampered bundle prints one JSON document and exits 1, without a stack trace', async () => {
    const fx = await fixtureWithKey();
    const out = join(fx.dir, 'x.bundle.json');
    expect(await runCli(['export', fx.projectPath, '--out', out, '--key', fx.keyFile], captureIO())).toBe(0);
    writeFileSync(out, readFileSync(out, 'utf8').replace('"Bundle fixture"', '"Bundle fixturE"'));
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'cli/main.ts'), 'verify', out, '--json'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, STUDIO_HOME: fx.home },
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ valid: false, reason: 'payload-changed' });
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
