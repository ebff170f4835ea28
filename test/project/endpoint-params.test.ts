import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/common/api/define';
import type { Project } from '../../shared/common/project/model';
import { parseProjectText, readProjectFile, serializeProject, writeProjectFile } from '../../shared/node/project/file';

const dir = mkdtempSync(join(tmpdir(), 'cs-project-params-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const project = (): Project => ({
  schemaVersion: 1,
  name: 'Apideck tickets',
  spec: { path: 'apideck.yaml', sha256: '' },
  endpoints: {
    create: { method: 'POST', path: '/collections/{collection_id}/tickets', recordIdPath: 'data.id', params: { collection_id: 'support' } },
    fetch: { method: 'GET', path: '/collections/{collection_id}/tickets/{ticket_id}', idParam: 'ticket_id', params: { raw: 'false', collection_id: 'support' } },
  },
  environments: { sandbox: { baseUrl: 'http://127.0.0.1:4010', username: 'demo' } },
  mappings: { outbound: [], inbound: [] },
});

describe('endpoint params in the project file', () => {
  it('round-trips, byte-stable, with params last in the endpoint and its names sorted', async () => {
    const file = join(dir, 'params.connector.json');
    const text = await writeProjectFile(file, project());
    const back = await readProjectFile(file);
    expect(back.project).toEqual(project());
    expect(back.text).toBe(text);
    const obj = JSON.parse(text) as { endpoints: Record<string, Record<string, unknown>> };
    expect(Object.keys(obj.endpoints.fetch!)).toEqual(['method', 'path', 'idParam', 'params']);
    expect(Object.keys(obj.endpoints.fetch!.params as object)).toEqual(['collection_id', 'raw']);
  });

  it('rejects a non-string parameter value at its line', () => {
    const bad = serializeProject(project()).replace('"raw": "false"', '"raw": false');
    let err: unknown;
    try {
      parseProjectText(bad, 'p.connector.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StudioError);
    const e = err as StudioError;
    expect(e.message).toMatch(/endpoints\.fetch\.params\.raw must be string/);
    expect(e.line).toBe(bad.split('\n').findIndex((l) => l.includes('"raw": false')) + 1);
  });
});
