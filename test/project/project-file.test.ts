import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/common/api/define';
import { parseJsonWithPositions } from '../../shared/common/project/json-positions';
import type { Project } from '../../shared/common/project/model';
import {
  migrateProject,
  parseProjectText,
  readProjectFile,
  resolveSpecPath,
  serializeProject,
  writeProjectFile,
} from '../../shared/node/project/file';

const dir = mkdtempSync(join(tmpdir(), 'cs-project-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const minimal = (): Project => ({
  schemaVersion: 1,
  name: 'Tickets',
  spec: { path: 'api.yaml', sha256: 'a'.repeat(64) },
  endpoints: { create: { method: 'POST', path: '/tickets', recordIdPath: 'id' } },
  environments: { sandbox: { baseUrl: 'http://127.0.0.1:4010', username: 'demo' } },
  mappings: { outbound: [{ source: 'title', target: 'summary', action: 'sync' }], inbound: [] },
});

function errorOf(fn: () => unknown): StudioError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StudioError) return err;
    throw err;
  }
  throw new Error('expected a StudioError');
}

describe('project file', () => {
  it('round-trips through write and read, byte-stable', async () => {
    const file = join(dir, 'rt.connector.json');
    const text = await writeProjectFile(file, minimal());
    const back = await readProjectFile(file);
    expect(back.project).toEqual(minimal());
    expect(back.text).toBe(text);
    expect(serializeProject(back.project)).toBe(text);
    // no temp file left behind
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes known keys in a fixed order, unknown keys sorted, 2-space indent and final newline', () => {
    const p = minimal() as unknown as Record<string, unknown>;
    const shuffled = {
      zeta: 1,
      mappings: { inbound: [], outbound: [{ action: 'sync', target: 't', source: 's', default: { b: 1, a: 2 } }] },
      alpha: true,
      name: p.name,
      environments: { zz: { username: 'u', baseUrl: 'b' }, sandbox: { username: 'demo', baseUrl: 'x' } },
      endpoints: { update: { path: '/t/{id}', method: 'PATCH', idParam: 'id' }, create: { path: '/t', method: 'POST' } },
      spec: { sha256: '', path: 'a.yaml' },
      schemaVersion: 1,
    };
    const text = serializeProject(shuffled);
    expect(text.endsWith('}\n')).toBe(true);
    const keys = Object.keys(JSON.parse(text) as object);
    expect(keys).toEqual(['schemaVersion', 'name', 'spec', 'endpoints', 'environments', 'mappings', 'alpha', 'zeta']);
    const obj = JSON.parse(text) as { endpoints: object; environments: object; mappings: { outbound: Record<string, unknown>[] }; spec: object };
    expect(Object.keys(obj.endpoints)).toEqual(['create', 'update']);
    expect(Object.keys(obj.environments)).toEqual(['sandbox', 'zz']);
    expect(Object.keys(obj.mappings)).toEqual(['outbound', 'inbound']);
    expect(Object.keys(obj.mappings.outbound[0]!)).toEqual(['source', 'target', 'action', 'default']);
    // opaque user values keep their own key order
    expect(Object.keys(obj.mappings.outbound[0]!.default as object)).toEqual(['b', 'a']);
    expect(Object.keys(obj.spec)).toEqual(['path', 'sha256']);
    expect(text).toContain('\n  "name": "Tickets",\n');
  });

  it('reports broken JSON with line and column', () => {
    const text = '{\n  "schemaVersion": 1,\n  "name": "x",\n  "spec": { "path": "a" "sha256": "" }\n}\n';
    const e = errorOf(() => parseProjectText(text, 'p.connector.json'));
    expect(e.code).toBe('unparseable');
    expect([e.file, e.line, e.column]).toEqual(['p.connector.json', 4, 25]);
    expect(e.message).toMatch(/expected ',' or '}'/);
  });

  it('reports a schema violation naming the key and its line', () => {
    const good = serializeProject(minimal());
    const bad = good.replace('"action": "sync"', '"action": "copy"');
    const line = bad.split('\n').findIndex((l) => l.includes('"copy"')) + 1;
    const e = errorOf(() => parseProjectText(bad, 'p.connector.json'));
    expect(e.code).toBe('bad-input');
    expect(e.message).toMatch(/^mappings\.outbound\[0\]\.action must be one of "sync"/);
    expect(e.line).toBe(line);
    expect(e.column).toBe(bad.split('\n')[line - 1]!.indexOf('"copy"') + 1);
  });

  it('reports an unknown mapping key at the key and a missing required key at its object', () => {
    const bad = serializeProject(minimal()).replace('"action": "sync"', '"action": "sync",\n        "scirpt": "1"');
    const e = errorOf(() => parseProjectText(bad, 'p.connector.json'));
    expect(e.message).toMatch(/mappings\.outbound\[0\]\.scirpt is not a known key/);
    expect(e.line).toBe(bad.split('\n').findIndex((l) => l.includes('scirpt')) + 1);
    expect(e.column).toBe(9);

    const noTarget = JSON.parse(serializeProject(minimal())) as Project;
    delete (noTarget.mappings.outbound[0] as Partial<Project['mappings']['outbound'][0]>).target;
    const text = serializeProject(noTarget);
    const e2 = errorOf(() => parseProjectText(text, 'p.connector.json'));
    expect(e2.message).toMatch(/^mappings\.outbound\[0\]\.target is required/);
    expect(e2.line).toBe(text.split('\n').findIndex((l) => l.includes('"outbound"')) + 2);
  });

  it('migrates the draft format (version 0) and refuses a newer version', () => {
    const draft = { name: 'Old', spec: 'api.yaml', mappings: [{ source: 'a', target: 'b', action: 'sync' }] };
    const r = migrateProject(draft);
    expect(r.fromVersion).toBe(0);
    expect(r.applied).toHaveLength(1);
    expect(r.raw).toEqual({
      name: 'Old',
      schemaVersion: 1,
      spec: { path: 'api.yaml', sha256: '' },
      mappings: { outbound: [{ source: 'a', target: 'b', action: 'sync' }], inbound: [] },
      environments: {},
      endpoints: {},
    });
    expect(parseProjectText(JSON.stringify(draft), 'old.json').schemaVersion).toBe(1);

    const newer = serializeProject({ ...minimal(), schemaVersion: 7 });
    const e = errorOf(() => parseProjectText(newer, 'new.connector.json'));
    expect(e.code).toBe('unsupported-version');
    expect(e.message).toMatch(/schemaVersion 7 is newer than this version of Connector Studio supports \(1\)/);
    expect(e.line).toBe(2);
  });

  it('read errors: missing file, not an object', async () => {
    await expect(readProjectFile(join(dir, 'nope.connector.json'))).rejects.toMatchObject({ code: 'not-found' });
    const f = join(dir, 'arr.connector.json');
    writeFileSync(f, '[1, 2]\n');
    await expect(readProjectFile(f)).rejects.toMatchObject({ code: 'bad-input' });
  });

  it('resolves the spec path relative to the project file', () => {
    expect(resolveSpecPath('/a/b/p.connector.json', { spec: { path: 'specs/x.yaml', sha256: '' } })).toBe('/a/b/specs/x.yaml');
    expect(resolveSpecPath('/a/b/p.connector.json', { spec: { path: '/abs/x.yaml', sha256: '' } })).toBe('/abs/x.yaml');
  });

  it('positions parser: keys, values, duplicates, escapes', () => {
    const p = parseJsonWithPositions('{"a":\n [1, {"b\\/c": "\\u0041"}]}');
    expect(p.value).toEqual({ a: [1, { 'b/c': 'A' }] });
    expect(p.keys.get('/a/1/b~1c')).toMatchObject({ line: 2, column: 7 });
    expect(p.values.get('/a/1')).toMatchObject({ line: 2, column: 6 });
    expect(() => parseJsonWithPositions('{"a":1,"a":2}')).toThrow(/duplicate key "a"/);
    expect(() => parseJsonWithPositions('[1,]')).toThrow(/trailing comma/);
  });

  it('the shipped demo project loads', async () => {
    const demo = join(process.cwd(), 'resources', 'demo', 'demo.connector.json');
    const text = readFileSync(demo, 'utf8');
    const { project } = await readProjectFile(demo);
    expect(serializeProject(project)).toBe(text);
  });
});
