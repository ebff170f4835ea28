/**
 * The spec commands as a contract checked from outside: spawn the CLI, check the JSON shape,
 * stdout/stderr discipline and exit codes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { casePath, repoRoot } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'spec-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli spec commands', { timeout: 180_000 }, () => {
  it('inspect --json prints exactly one document with the CLI.md keys', () => {
    const r = cli('inspect', casePath('06-path-level-parameters.yaml'), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['format', 'title', 'version', 'servers', 'basicAuth', 'operations', 'webhooks', 'roles']);
    expect(out.format).toBe('openapi-3.0');
    expect(out.operations.map((o: { method: string }) => o.method)).toEqual(['GET', 'PATCH', 'DELETE']);
    expect(out.operations[0]).toEqual({
      method: 'GET',
      path: '/groups/{groupId}/members/{memberId}',
      operationId: expect.any(String),
      summary: expect.toBeOneOf([expect.any(String), null]),
      tags: expect.any(Array),
    });
    expect(Object.keys(out.roles)).toEqual(['metadata', 'fetch', 'create', 'update', 'attachment']);
    expect(out.roles.fetch.every((c: { method: string }) => c.method === 'GET')).toBe(true);
    expect(out.roles.update[0]).toMatchObject({ method: 'PATCH', score: expect.any(Number), idParam: 'memberId' });
  });

  it('fields --json follows CLI.md (request by default, response on request)', () => {
    const r = cli('fields', casePath('05-recursive-request-body.yaml'), '--operation', 'POST /entries', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ operation: 'POST /entries', part: 'request', contentType: 'application/json' });
    expect(out.fields[1]).toEqual({
      path: 'parent', type: 'object', required: false, nullable: false, enum: null, format: null,
      readOnly: false, writeOnly: false, description: null, cycle: 'Entry',
    });
    const resp = JSON.parse(cli('fields', casePath('18-readonly-writeonly.yaml'), '--operation', 'POST /accounts', '--part', 'response', '--json').stdout);
    expect(resp.part).toBe('response');
    expect(resp.fields.map((f: { path: string }) => f.path)).not.toContain('password');
  });

  it('exit 2 with file:line:column on stderr for unusable input, never a stack trace', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'openapi: 3.0.0\ninfo:\n  title: t\n   version: 1\n');
    const r = cli('inspect', bad, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:4:\\d+: YAML syntax error`));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const missing = cli('fields', casePath('05-recursive-request-body.yaml'), '--operation', 'GET /nope', '--json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no operation GET \/nope/);
    const part = cli('fields', casePath('05-recursive-request-body.yaml'), '--operation', 'POST /entries', '--part', 'body');
    expect(part.code).toBe(2);
    const notOas = join(dir, 'pkg.json');
    writeFileSync(notOas, '{"name": "x"}');
    const n = cli('inspect', notOas);
    expect(n.code).toBe(2);
    expect(n.stderr).toMatch(/not an OpenAPI document/);
  });

  it('lint --json: exit 0 below the threshold, 1 at or above it', () => {
    const ok = cli('lint', casePath('19-allof-request-body.yaml'), '--json');
    expect(ok.code).toBe(0);
    const out = JSON.parse(ok.stdout);
    expect(Object.keys(out)).toEqual(['diagnostics', 'summary']);
    expect(out.summary.errors).toBe(0);
    expect(out.summary.warnings).toBeGreaterThan(0);
    for (const d of out.diagnostics) {
      expect(Object.keys(d).sort()).toEqual(expect.arrayContaining(['code', 'column', 'line', 'message', 'path', 'severity', 'source']));
      expect(['spectral', 'connector']).toContain(d.source);
    }
    const strict = cli('lint', casePath('19-allof-request-body.yaml'), '--json', '--fail-on', 'warning');
    expect(strict.code).toBe(1);
    expect(JSON.parse(strict.stdout).summary).toEqual(out.summary);
    expect(cli('lint', casePath('19-allof-request-body.yaml'), '--fail-on', 'fatal').code).toBe(2);
  });
});
