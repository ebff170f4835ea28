/**
 * Bad input: explicit, positioned errors; never a crash or hang. Also URL loading and remote
 * refs against a real HTTP server on 127.0.0.1.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/common/api/define';
import { loadSpec, loadSpecFile } from '../../shared/node/spec/load';
import { extractFields, inspectSpec } from '../../shared/node/spec/query';

let dir: string;
let server: Server;
let base: string;
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'spec-errors-'));
  server = createServer((req, res) => {
    const body = files[req.url ?? ''];
    if (req.url === '/slow') return; // never answers
    if (body === undefined) {
      res.writeHead(404).end('nope');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/yaml' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, content);
  return p;
}

async function failure(p: Promise<unknown>): Promise<StudioError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(StudioError);
    return err as StudioError;
  }
  throw new Error('expected a failure');
}

const MINI = 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths:\n  /a:\n    get:\n      responses:\n        "200": {description: ok}\n';

describe('encodings', () => {
  it('refuses UTF-16 with a BOM as an encoding error', async () => {
    const p = write('u16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"openapi":"3.0.0"}', 'utf16le')]));
    const e = await failure(loadSpecFile(p));
    expect(e.code).toBe('encoding');
    expect(e.message).toMatch(/UTF-16/);
  });
  it('refuses UTF-16 without a BOM as an encoding error', async () => {
    const p = write('u16nobom.yaml', Buffer.from(MINI, 'utf16le'));
    expect((await failure(loadSpecFile(p))).code).toBe('encoding');
  });
  it('refuses invalid UTF-8 with its position', async () => {
    const bytes = Buffer.concat([Buffer.from('openapi: 3.0.3\ninfo:\n  title: caf'), Buffer.from([0xe9]), Buffer.from('\n  version: "1"\npaths: {}\n')]);
    const e = await failure(loadSpecFile(write('latin1.yaml', bytes)));
    expect(e.code).toBe('encoding');
    expect(e.message).toMatch(/invalid UTF-8/);
    expect([e.line, e.column]).toEqual([3, 13]);
  });
});

describe('syntax errors', () => {
  it('gives 1-based line and column for JSON', async () => {
    const p = write('bad.json', '{\n  "openapi": "3.0.0",\n  "info": { "title": "x" "version": "1" }\n}\n');
    const e = await failure(loadSpecFile(p));
    expect(e.code).toBe('unparseable');
    expect(e.file).toBe(p);
    expect(e.line).toBe(3);
    expect(e.column).toBe(26);
  });
  it('gives 1-based line and column for YAML', async () => {
    const p = write('bad.yaml', 'openapi: 3.0.0\ninfo:\n  title: "unterminated\n  version: 1\npaths: {}\n');
    const e = await failure(loadSpecFile(p));
    expect(e.code).toBe('unparseable');
    expect(e.line).toBeGreaterThanOrEqual(3);
    expect(e.column).toBeGreaterThanOrEqual(1);
  });
  it('reports bad indentation at its line', async () => {
    const p = write('indent.yaml', 'openapi: 3.0.0\ninfo:\n  title: t\n   version: 1\npaths: {}\n');
    const e = await failure(loadSpecFile(p));
    expect(e.code).toBe('unparseable');
    expect(e.line).toBe(4);
  });
});

describe('not OpenAPI / unsupported versions', () => {
  it('says when a document is not OpenAPI', async () => {
    const e = await failure(loadSpec({ kind: 'text', text: 'name: my-app\nversion: 1.0.0\n', name: 'package.yaml' }));
    expect(e.code).toBe('not-openapi');
    const e2 = await failure(loadSpec({ kind: 'text', text: '[1, 2]', name: 'list.json' }));
    expect(e2.code).toBe('not-openapi');
  });
  it('names the unsupported version', async () => {
    for (const v of ['4.0.0', '2.1.0', '3.2.0']) {
      const e = await failure(loadSpec({ kind: 'text', text: MINI.replace('3.0.3', v), name: 'v.yaml' }));
      expect(e.code).toBe('unsupported-version');
      expect(e.message).toContain(`unsupported OpenAPI version ${v}`);
    }
    const sw = await failure(loadSpec({ kind: 'text', text: 'swagger: "1.2"\ninfo: {title: t, version: "1"}\n', name: 's.yaml' }));
    expect(sw.message).toContain('unsupported OpenAPI version 1.2');
  });
  it('accepts 3.0.0 … 3.0.4 and 3.1.0 … 3.1.1', async () => {
    for (const v of ['3.0.0', '3.0.4', '3.1.0', '3.1.1']) {
      const s = await loadSpec({ kind: 'text', text: MINI.replace('3.0.3', v), name: 'v.yaml' });
      expect(inspectSpec(s).operations).toHaveLength(1);
    }
  });
  it('is a clear error for a missing file', async () => {
    const e = await failure(loadSpecFile(join(dir, 'missing.yaml')));
    expect(e.code).toBe('not-found');
  });
});

describe('$ref problems', () => {
  const doc = (ref: string) =>
    [
      'openapi: 3.0.3',
      'info: {title: t, version: "1"}',
      'paths:',
      '  /things:',
      '    post:',
      '      requestBody:',
      '        content:',
      '          application/json:',
      '            schema:',
      `              $ref: '${ref}'`,
      '      responses:',
      "        '201': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Ok'}}}}",
      'components:',
      '  schemas:',
      '    Ok: {type: object, properties: {id: {type: string}}}',
      '',
    ].join('\n');

  it('reports an unresolvable local ref at its position and keeps the rest', async () => {
    const s = await loadSpecFile(write('unresolved.yaml', doc('#/components/schemas/Nope')));
    expect(s.diagnostics).toHaveLength(1);
    expect(s.diagnostics[0]).toMatchObject({ code: 'unresolved-ref', severity: 'error', line: 10, column: 15 });
    expect(s.diagnostics[0]?.message).toContain('#/components/schemas/Nope');
    expect(extractFields(s, 'POST /things', 'request').fields).toEqual([]);
    expect(extractFields(s, 'POST /things', 'response').fields.map((f) => f.path)).toEqual(['id']);
  });

  it('reports a ref to a missing file', async () => {
    const s = await loadSpecFile(write('missingfile.yaml', doc('./schemas/none.yaml')));
    expect(s.diagnostics[0]).toMatchObject({ code: 'unresolved-ref', line: 10 });
    expect(s.diagnostics[0]?.message).toMatch(/none\.yaml/);
  });

  it('puts the position in the other file for refs inside a referenced file', async () => {
    write('multi/schemas/thing.yaml', 'type: object\nproperties:\n  owner:\n    $ref: "./missing.yaml#/Owner"\n  name: {type: string}\n');
    const s = await loadSpecFile(write('multi/openapi.yaml', doc('./schemas/thing.yaml')));
    expect(s.diagnostics).toHaveLength(1);
    expect(s.diagnostics[0]).toMatchObject({ code: 'unresolved-ref', line: 4, column: 5, file: join(dir, 'multi/schemas/thing.yaml') });
    expect(extractFields(s, 'POST /things').fields.map((f) => f.path)).toEqual(['owner', 'name']);
  });

  it('refuses remote refs by default, with a diagnostic at the ref', async () => {
    files['/remote-schema.yaml'] = 'type: object\nproperties:\n  remote: {type: string}\n';
    const s = await loadSpecFile(write('remote.yaml', doc(`${base}/remote-schema.yaml`)));
    expect(s.diagnostics).toHaveLength(1);
    expect(s.diagnostics[0]).toMatchObject({ code: 'remote-ref-refused', line: 10, column: 15 });
    expect(s.diagnostics[0]?.message).toMatch(/remote \$ref refused/);
    expect(extractFields(s, 'POST /things').fields).toEqual([]);
  });

  it('follows remote refs when allowed for the spec', async () => {
    const s = await loadSpec({ kind: 'file', path: join(dir, 'remote.yaml') }, { allowRemoteRefs: true });
    expect(s.diagnostics).toEqual([]);
    expect(extractFields(s, 'POST /things').fields.map((f) => f.path)).toEqual(['remote']);
  });

  it('cannot follow relative refs in pasted text, and says why', async () => {
    const s = await loadSpec({ kind: 'text', text: doc('./schemas/thing.yaml'), name: 'pasted.yaml' });
    expect(s.diagnostics[0]?.message).toMatch(/opened from a file/);
    expect(inspectSpec(s).operations).toHaveLength(1);
  });

  it('percent-encoded pointers resolve', async () => {
    const text = doc('#/components/schemas/With%20Space').replace('    Ok:', '    With Space: {type: object, properties: {x: {type: integer}}}\n    Ok:');
    const s = await loadSpec({ kind: 'text', text, name: 'pct.yaml' });
    expect(s.diagnostics).toEqual([]);
    expect(extractFields(s, 'POST /things').fields.map((f) => f.path)).toEqual(['x']);
  });

  it('mutually recursive files load without hanging', async () => {
    write('loop/a.yaml', 'type: object\nproperties:\n  b:\n    $ref: "./b.yaml"\n');
    write('loop/b.yaml', 'type: object\nproperties:\n  a:\n    $ref: "./a.yaml"\n');
    const s = await loadSpecFile(write('loop/openapi.yaml', doc('./a.yaml')));
    expect(s.diagnostics).toEqual([]);
    expect(extractFields(s, 'POST /things').fields.map((f) => `${f.path}${f.cycle ? `->${f.cycle}` : ''}`)).toEqual(['b', 'b.a->a']);
  });
});

describe('URL sources', () => {
  it('loads from a URL and resolves relative servers against it', async () => {
    files['/specs/api.yaml'] = MINI.replace('paths:', 'servers: [{url: /v2}]\npaths:');
    const s = await loadSpec({ kind: 'url', url: `${base}/specs/api.yaml` });
    expect(inspectSpec(s).servers).toEqual([`${base}/v2`]);
    expect(s.url).toBe(`${base}/specs/api.yaml`);
  });
  it('reports HTTP errors and timeouts as typed errors', async () => {
    expect((await failure(loadSpec({ kind: 'url', url: `${base}/nothing.yaml` }))).code).toBe('network');
    const t0 = Date.now();
    expect((await failure(loadSpec({ kind: 'url', url: `${base}/slow` }, { timeoutMs: 300 }))).code).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});

describe('hostile YAML', () => {
  it('does not blow up on nested aliases (billion laughs)', async () => {
    const lines = ['openapi: 3.0.3', 'info: {title: t, version: "1"}', 'x-a0: &a0 {$ref: "#/components/schemas/S", k: [1, 2]}'];
    for (let i = 1; i <= 25; i++) lines.push(`x-a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}]`);
    lines.push(
      'paths:',
      '  /x:',
      '    post:',
      '      requestBody: {content: {application/json: {schema: {type: object, properties: {p: *a25}}}}}',
      '      responses: {"204": {description: ok}}',
      'components: {schemas: {S: {type: object, properties: {id: {type: string}}}}}',
      '',
    );
    const t0 = Date.now();
    const spec = await loadSpec({ kind: 'text', text: lines.join('\n'), name: 'laughs.yaml' });
    expect(inspectSpec(spec).operations).toHaveLength(1);
    expect(extractFields(spec, 'POST /x').fields[0]?.path).toBe('p');
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
