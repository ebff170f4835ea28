import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoSpecPath, startDemoSandbox } from '../../shared/node/sandbox/demo-server';
import { baseUrlOf, testConnection } from '../../shared/node/sandbox/service';
import { loadSpecView, specViewFromDocument } from '../../shared/node/sandbox/spec-access';
import { demoProject, tempDir, writeProject } from './helpers';

describe('what the sandbox reads from the spec', () => {
  it('without a typed base URL, uses the spec server with its variables filled', async () => {
    const password = 'Spec-Server-Pass-1';
    const sb = await startDemoSandbox({ password });
    const tmp = tempDir();
    try {
      // The demo spec's server is http://127.0.0.1:{port} (default 4010): point the default at this sandbox.
      const text = readFileSync(demoSpecPath(), 'utf8').replace("default: '4010'", `default: '${sb.port}'`);
      writeFileSync(join(tmp.dir, 'jobs.yaml'), text);
      const project = demoProject('', { spec: { path: 'jobs.yaml', sha256: '' } });
      const projectPath = writeProject(tmp.dir, project);
      const t = { project, projectPath, env: 'sandbox' };
      expect(baseUrlOf(t, await loadSpecView(project, projectPath))).toBe(sb.url);
      const r = await testConnection(t, { passwordOverride: password });
      expect(r).toMatchObject({ ok: true, category: 'ok' });
      expect(r.exchange?.request.url).toBe(`${sb.url}/jobs/metadata`);
    } finally {
      await sb.close();
      tmp.cleanup();
    }
  });

  it('a typed base URL wins; neither one is a clear error', async () => {
    const typed = demoProject('https://typed.example/v2');
    expect(baseUrlOf({ project: typed, projectPath: null, env: 'sandbox' }, null)).toBe('https://typed.example/v2');
    const none = demoProject('');
    expect(() => baseUrlOf({ project: none, projectPath: null, env: 'sandbox' }, null)).toThrow(/has no base URL and the spec lists no absolute server URL/);
  });

  it('the demo spec through the spec engine: parameters, content types, request fields', async () => {
    const view = await loadSpecView({ spec: { path: demoSpecPath(), sha256: '' } }, null);
    expect(view.servers).toEqual(['http://127.0.0.1:4010']);
    const att = view.operation('POST', '/jobs/{jobId}/attachments');
    expect(att?.parameters).toEqual([{ name: 'jobId', in: 'path', required: true }]);
    expect(att?.requestContentTypes).toEqual(['multipart/form-data']);
    const fields = view.requestFields('POST', '/jobs');
    expect(fields.find((f) => f.path === 'priority')).toMatchObject({ required: true, enum: ['low', 'normal', 'high', 'urgent'] });
    expect(fields.find((f) => f.path === 'id')).toBeUndefined();
    expect(view.operation('DELETE', '/jobs')).toBeNull();
  });

  it('the local reader (used when the spec engine cannot load a file) handles Swagger 2.0', () => {
    const view = specViewFromDocument(
      {
        swagger: '2.0',
        info: { title: 't', version: '1' },
        host: 'api.example.com',
        basePath: '/v1/',
        schemes: ['https'],
        paths: {
          '/tickets': { post: { parameters: [{ in: 'body', name: 'body', schema: { $ref: '#/definitions/T' } }], responses: { '201': { description: 'ok' } } } },
          '/tickets/{id}/files': {
            parameters: [{ in: 'path', name: 'id', required: true, type: 'string' }],
            post: { consumes: ['multipart/form-data'], parameters: [{ in: 'formData', name: 'upload', type: 'file', required: true }, { in: 'formData', name: 'note', type: 'string' }], responses: { '200': { description: 'ok' } } },
          },
        },
        definitions: { T: { type: 'object', required: ['subject'], properties: { subject: { type: 'string' }, id: { type: 'integer', readOnly: true } } } },
      },
      'spec.json',
    );
    expect(view.servers).toEqual(['https://api.example.com/v1']);
    expect(view.requestFields('POST', '/tickets').map((f) => [f.path, f.required])).toEqual([['subject', true]]);
    const files = view.operation('POST', '/tickets/{id}/files');
    expect(files?.parameters).toEqual([{ name: 'id', in: 'path', required: true }]);
    expect(files?.requestContentTypes).toEqual(['multipart/form-data']);
    expect(files?.requestSchema('multipart/form-data')).toMatchObject({ properties: { upload: { type: 'string', format: 'binary' } }, required: ['upload'] });
  });
});
