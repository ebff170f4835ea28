/**
 * Lint in the worker: Spectral (oas recommended) + connector rules, positions in the original
 * file (and in the other file for multi-file specs).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintSpec } from '../../shared/node/spec/lint-client';
import { connectorDiagnostics } from '../../shared/node/spec/lint';
import { loadSpecFile } from '../../shared/node/spec/load';
import { casePath } from './helpers';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'spec-lint-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lint', { timeout: 120_000 }, () => {
  it('reports Spectral and connector diagnostics with 1-based positions', async () => {
    const r = await lintSpec({ kind: 'file', path: casePath('19-allof-request-body.yaml') });
    const spectral = r.diagnostics.filter((d) => d.source === 'spectral');
    const connector = r.diagnostics.filter((d) => d.source === 'connector');
    expect(spectral.length).toBeGreaterThan(0);
    const contact = spectral.find((d) => d.code === 'info-contact');
    // `info:` is on line 2; Spectral points at its value.
    expect(contact).toMatchObject({ severity: 'warning', path: ['info'], line: 2 });
    expect(connector.map((d) => d.code)).toEqual(
      expect.arrayContaining(['connector-basic-auth', 'connector-fetch-candidate', 'connector-metadata-candidate']),
    );
    expect(connector.map((d) => d.code)).not.toContain('connector-create-candidate');
    expect(r.summary).toEqual({
      errors: r.diagnostics.filter((d) => d.severity === 'error').length,
      warnings: r.diagnostics.filter((d) => d.severity === 'warning').length,
    });
    for (const d of r.diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
    }
  });

  it('knows a declared Basic scheme (2.0 type basic, 3.x http/basic in any case)', async () => {
    const p = join(dir, 'basic.yaml');
    writeFileSync(
      p,
      'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  securitySchemes:\n    b: {type: http, scheme: Basic}\n',
    );
    expect(connectorDiagnostics(await loadSpecFile(p)).map((d) => d.code)).not.toContain('connector-basic-auth');
    writeFileSync(p, 'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\ncomponents:\n  securitySchemes:\n    b: {type: http, scheme: bearer}\n');
    expect(connectorDiagnostics(await loadSpecFile(p)).find((d) => d.code === 'connector-basic-auth')).toMatchObject({ line: 5, column: 3 });
    const p2 = join(dir, 'basic2.json');
    writeFileSync(p2, JSON.stringify({ swagger: '2.0', info: { title: 't', version: '1' }, paths: {}, securityDefinitions: { b: { type: 'basic' } } }));
    expect(connectorDiagnostics(await loadSpecFile(p2)).map((d) => d.code)).not.toContain('connector-basic-auth');
  });

  it('flags request bodies without a schema at their position', async () => {
    const p = join(dir, 'noschema.yaml');
    writeFileSync(
      p,
      [
        'openapi: 3.0.3',
        'info: {title: t, version: "1"}',
        'paths:',
        '  /tickets:',
        '    post:',
        '      requestBody:',
        '        content:',
        '          application/json: {}',
        '      responses:',
        "        '201': {description: created}",
        '',
      ].join('\n'),
    );
    const d = connectorDiagnostics(await loadSpecFile(p)).find((x) => x.code === 'connector-request-body-schema');
    expect(d).toMatchObject({ source: 'connector', severity: 'warning', line: 8 });
  });

  it('includes unresolved refs, positioned in the file that holds them', async () => {
    mkdirSync(join(dir, 'm/schemas'), { recursive: true });
    writeFileSync(join(dir, 'm/schemas/thing.yaml'), 'type: object\nproperties:\n  owner:\n    $ref: "./gone.yaml"\n  remote:\n    $ref: "https://schemas.invalid/x.yaml"\n');
    const root = join(dir, 'm/openapi.yaml');
    writeFileSync(
      root,
      "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /t:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema: {$ref: './schemas/thing.yaml'}\n      responses: {'201': {description: ok}}\n",
    );
    const r = await lintSpec({ kind: 'file', path: root });
    const d = r.diagnostics.find((x) => x.code === 'unresolved-ref');
    expect(d).toMatchObject({ severity: 'error', file: join(dir, 'm/schemas/thing.yaml'), line: 4, column: 5 });
    expect(r.summary.errors).toBeGreaterThan(0);
    // Remote refs are refused during lint too (no network access), at the ref's position.
    expect(r.diagnostics.find((x) => x.code === 'remote-ref-refused')).toMatchObject({ line: 6, column: 5, file: join(dir, 'm/schemas/thing.yaml') });
  });

  it('fails with a typed, positioned error for an unparseable document', async () => {
    const p = join(dir, 'broken.json');
    writeFileSync(p, '{"openapi": "3.0.0",\n "info": }');
    await expect(lintSpec({ kind: 'file', path: p })).rejects.toMatchObject({ code: 'unparseable', line: 2 });
  });
});

describe('connector rules (in-process)', () => {
  it('warns when a closed allOf member meets properties added by the other members (case 19)', async () => {
    const spec = await loadSpecFile(casePath('19-allof-request-body.yaml'));
    const d = connectorDiagnostics(spec).find((x) => x.code === 'connector-allof-closed');
    expect(d).toMatchObject({ severity: 'warning', line: 16, column: 15 });
    expect(d?.message).toContain('BaseAsset');
    expect(d?.message).toContain('"serial"');
    expect(d?.message).toContain('"site"');
    const clean = await loadSpecFile(casePath('18-readonly-writeonly.yaml'));
    expect(connectorDiagnostics(clean).map((x) => x.code)).not.toContain('connector-allof-closed');
  });
});
