import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const demo = join(root, 'resources', 'demo', 'demo.connector.json');
const sample = join(root, 'resources', 'demo', 'sample-workorder.json');
const dir = mkdtempSync(join(tmpdir(), 'cs-cli-map-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', join(root, 'cli', 'main.ts'), ...args], { cwd: root, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? ((err as { code?: number }).code ?? 1) : 0;
      resolve({ code: typeof code === 'number' ? code : 1, stdout, stderr });
    });
  });
}

describe('cli map', () => {
  it('exit codes and output per CLI.md', async () => {
    // a copy of the demo next to its spec is not needed: the spec path is resolved from the project file
    const broken = join(dir, 'broken.connector.json');
    const text = readFileSync(demo, 'utf8').replace('"action": "range_map"', '"action": "range-map"');
    writeFileSync(broken, text);
    const badLine = text.split('\n').findIndex((l) => l.includes('"range-map"')) + 1;

    const invalidPayload = join(dir, 'invalid.connector.json');
    const project = JSON.parse(readFileSync(demo, 'utf8')) as { spec: { path: string }; mappings: { outbound: { target: string; action: string }[] } };
    project.spec.path = join(root, 'resources', 'demo', 'sandbox.openapi.yaml');
    // no custom mappings (so no Jsonnet host to start) and no external_ref: invalid payload
    project.mappings.outbound = project.mappings.outbound.filter((m) => m.action !== 'custom');
    writeFileSync(invalidPayload, JSON.stringify(project, null, 2));

    const badInput = join(dir, 'record.json');
    writeFileSync(badInput, '{\n  "title": "x",\n  oops\n}\n');

    // sequential: each run starts tsx (and the first one the Jsonnet host), on 2 shared cores
    const ok = await cli('map', demo, '--input', sample, '--json');
    const invalid = await cli('map', invalidPayload, '--input', sample);
    const bad = await cli('map', broken, '--input', sample, '--json');
    const inputBad = await cli('map', demo, '--input', badInput, '--json');
    const option = await cli('map', demo, '--input', sample, '--direction', 'sideways');

    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const doc = JSON.parse(ok.stdout) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(expect.arrayContaining(['output', 'errors', 'validation', 'unmappedRequired']));
    expect(doc).toMatchObject({ errors: [], validation: [], unmappedRequired: [], output: { external_ref: 'FN-5550001', effort_band: 'medium' } });

    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim()).toMatch(new RegExp(`broken\\.connector\\.json:${badLine}:\\d+: mappings\\.outbound\\[\\d+\\]\\.action must be one of`));
    expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack trace

    expect(invalid.code).toBe(1);
    expect((JSON.parse(invalid.stdout) as { title: string }).title).toBe('Replace point-of-sale terminal at front counter');
    expect(invalid.stderr).toMatch(/invalid: external_ref: is required/);
    expect(invalid.stderr).toMatch(/unmapped required target: external_ref/);
    expect(invalid.stderr).toMatch(/map: the payload has problems/);

    expect(inputBad.code).toBe(2);
    expect(inputBad.stderr).toMatch(/record\.json:3:3: invalid JSON/);

    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/--direction must be outbound or inbound/);
  }, 120_000);
});
