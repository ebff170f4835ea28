import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSandbox, type DemoSandbox } from '../../shared/node/sandbox/demo-server';
import { extractRecordId, sendOperation, urlWithId, RemoteCallFailed } from '../../shared/node/sandbox/service';
import { shutdownSharedJsonnetHost } from '../../shared/node/mapping/jsonnet-client';
import { demoProject, json, scriptedServer, tempDir, writeProject } from './helpers';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readProjectFile } from '../../shared/node/project/file';
import { resourcesDir } from '../../shared/node/runtime/paths';

const PASSWORD = 'Round-Trip-Pass-9931';

const JOB = {
  title: 'Replace POS terminal',
  priority: 'high',
  external_ref: 'WO-5550001',
  scheduled_start: '2026-03-10T14:00:00Z',
  scheduled_date: '2026-03-10',
  site: { name: 'Store 12', address: { line1: '12 Main St', city: 'Austin', state: 'TX', postal_code: '78701', country: 'US' } },
  line_items: [{ sku: 'POS-200', description: 'Terminal', quantity: 1, unit_price: 182 }],
  tags: ['pos', 'retail'],
};

describe('create → fetch → update → attachment against the demo sandbox', () => {
  let sb: DemoSandbox;
  beforeAll(async () => {
    sb = await startDemoSandbox({ password: PASSWORD });
  });
  afterAll(async () => {
    await sb.close();
    await shutdownSharedJsonnetHost();
  });
  const target = (overrides = {}) => ({ project: demoProject(sb.url, overrides), projectPath: null, env: 'sandbox' });
  const opts = { passwordOverride: PASSWORD };

  it('round trip with the record ID', async () => {
    const created = await sendOperation(target(), { operation: 'create', input: JOB }, opts);
    expect(created.ok).toBe(true);
    expect(created.response.status).toBe(201);
    expect(created.recordId).toMatch(/^job_\d{6}$/);
    expect(created.request.headers.authorization).toBe('Basic <redacted>');
    expect(created.request.body).toEqual(JOB);
    const id = created.recordId!;
    expect(sb.jobs.get(id)).toMatchObject({ title: JOB.title, status: 'open' });

    const fetched = await sendOperation(target(), { operation: 'fetch', id }, opts);
    expect(fetched.request.url).toBe(`${sb.url}/jobs/${id}`);
    expect(fetched.response.status).toBe(200);
    expect(fetched.response.body).toMatchObject({ id, ...JOB });
    expect(fetched.recordId).toBe(id);

    const updated = await sendOperation(target(), { operation: 'update', id, input: { status: 'scheduled', site: { address: { line1: '12 Main St', line2: 'Back door', city: 'Austin' } } } }, opts);
    expect(updated.request.method).toBe('PATCH');
    expect(updated.response.status).toBe(200);
    expect(updated.response.body).toMatchObject({ status: 'scheduled', site: { name: 'Store 12', address: { line1: '12 Main St', line2: 'Back door', postal_code: '78701' } } });

    const data = new TextEncoder().encode('serial: SN-44821\n');
    const attached = await sendOperation(target(), { operation: 'attachment', id, input: { description: 'Serial label' }, file: { name: 'serial.txt', contentType: 'text/plain', data } }, opts);
    expect(attached.response.status).toBe(201);
    expect(attached.request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(attached.request.body).toEqual({ multipart: [{ name: 'file', filename: 'serial.txt', contentType: 'text/plain', size: data.length }, { name: 'description', value: 'Serial label' }] });
    expect(attached.response.body).toMatchObject({ filename: 'serial.txt', size: data.length, description: 'Serial label', sha256: createHash('sha256').update(data).digest('hex') });

    const again = await sendOperation(target(), { operation: 'fetch', id }, opts);
    expect(again.response.body).toMatchObject({ status: 'scheduled', attachments: [{ filename: 'serial.txt' }] });
  });

  it('a body the sandbox rejects comes back as a 400 naming the field paths (not ok)', async () => {
    const r = await sendOperation(target(), { operation: 'create', input: { title: 'x', priority: 'asap', site: { address: { line1: 'a' } } } }, opts);
    expect(r.ok).toBe(false);
    expect(r.response.status).toBe(400);
    const details = (r.response.body as { details: { path: string }[] }).details.map((d) => d.path);
    expect(details).toEqual(expect.arrayContaining(['external_ref', 'priority', 'site.address.city']));
    expect(r.recordId).toBeNull();
  });

  it('fetching an unknown ID is a 404', async () => {
    const r = await sendOperation(target(), { operation: 'fetch', id: 'job_999999' }, opts);
    expect(r.response.status).toBe(404);
    expect(r.ok).toBe(false);
  });

  it('reads the ID from a configured response path', async () => {
    const s = await scriptedServer((_req, res) => json(res, 201, { result: { ticket: { number: 'T-77' } }, id: 'ignored' }));
    try {
      const p = demoProject(s.url);
      p.endpoints.create = { method: 'POST', path: '/jobs', recordIdPath: 'result.ticket.number' };
      const r = await sendOperation({ project: p, projectPath: null, env: 'sandbox' }, { operation: 'create', input: JOB }, opts);
      expect(r.recordId).toBe('T-77');
    } finally {
      await s.close();
    }
  });

  it('builds the create body with the outbound mappings when the project has them', async () => {
    const mappings = [
      { source: 'title', target: 'title', action: 'sync' as const },
      { target: 'priority', action: 'set_static' as const, value: 'normal' },
      { source: 'id', target: 'external_ref', action: 'custom' as const, script: "'WO-' + std.toString($.input.id)" },
      { source: 'location.city', target: 'site.address.city', action: 'sync' as const },
      { source: 'location.address1', target: 'site.address.line1', action: 'sync' as const },
    ];
    const tmp = tempDir();
    try {
      const path = writeProject(tmp.dir, demoProject(sb.url, { mappings: { outbound: mappings, inbound: [] } }));
      const project = demoProject(sb.url, { mappings: { outbound: mappings, inbound: [] } });
      const workOrder = { id: 5550001, title: 'Swap terminal', location: { city: 'Austin', address1: '12 Main St' } };
      const r = await sendOperation({ project, projectPath: path, env: 'sandbox' }, { operation: 'create', input: workOrder }, opts);
      expect(r.request.body).toEqual({ title: 'Swap terminal', priority: 'normal', external_ref: 'WO-5550001', site: { address: { city: 'Austin', line1: '12 Main St' } } });
      expect(r.response.status).toBe(201);
      expect(sb.jobs.get(r.recordId!)).toMatchObject({ external_ref: 'WO-5550001' });
    } finally {
      tmp.cleanup();
    }
  });

  it('the demo project maps the sample work order into a job the demo sandbox accepts', async () => {
    const { project, path } = await readProjectFile(join(resourcesDir(), 'demo', 'demo.connector.json'));
    project.environments.sandbox = { ...project.environments.sandbox!, baseUrl: sb.url };
    const workOrder = JSON.parse(readFileSync(join(resourcesDir(), 'demo', 'sample-workorder.json'), 'utf8')) as unknown;
    const t = { project, projectPath: path, env: 'sandbox' };
    const created = await sendOperation(t, { operation: 'create', input: workOrder }, opts);
    expect(created.response.status, JSON.stringify(created.response.body)).toBe(201);
    expect(created.recordId).toMatch(/^job_/);
    const job = sb.jobs.get(created.recordId!);
    expect(job).toMatchObject({ title: expect.any(String), priority: expect.stringMatching(/^(low|normal|high|urgent)$/), external_ref: expect.any(String) });
  });

  it('uploads base64 JSON when the attachment operation takes JSON', async () => {
    const tmp = tempDir();
    const s = await scriptedServer((_req, res) => json(res, 201, { ok: true }));
    try {
      const spec = {
        openapi: '3.0.3',
        info: { title: 't', version: '1' },
        paths: {
          '/tickets/{id}/documents': {
            put: {
              parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
              requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { fileName: { type: 'string' }, mimeType: { type: 'string' }, content: { type: 'string', format: 'byte' } } } } } },
              responses: { '201': { description: 'ok' } },
            },
          },
          '/tickets': { get: { parameters: [{ name: 'ticketId', in: 'query', schema: { type: 'string' } }], responses: { '200': { description: 'ok' } } } },
        },
      };
      writeFileSync(join(tmp.dir, 'spec.json'), JSON.stringify(spec));
      const p = demoProject(s.url, {
        spec: { path: 'spec.json', sha256: '' },
        endpoints: { attachment: { method: 'PUT', path: '/tickets/{id}/documents', idParam: 'id' }, fetch: { method: 'GET', path: '/tickets', idParam: 'ticketId' } },
      });
      const path = writeProject(tmp.dir, p);
      const data = new Uint8Array([0, 1, 2, 250, 255]);
      const r = await sendOperation({ project: p, projectPath: path, env: 'sandbox' }, { operation: 'attachment', id: 'T 1', file: { name: 'a.bin', contentType: 'application/octet-stream', data } }, opts);
      expect(r.request.url).toBe(`${s.url}/tickets/T%201/documents`);
      expect(JSON.parse(s.requests[0]!.body.toString('utf8'))).toEqual({ fileName: 'a.bin', mimeType: 'application/octet-stream', content: Buffer.from(data).toString('base64') });
      // and the fetch endpoint carries the ID as a query parameter
      const f = await sendOperation({ project: p, projectPath: path, env: 'sandbox' }, { operation: 'fetch', id: 'T 1' }, opts);
      expect(f.request.url).toBe(`${s.url}/tickets?ticketId=T+1`);
    } finally {
      await s.close();
      tmp.cleanup();
    }
  });

  it('a network failure during send is a RemoteCallFailed with the request captured', async () => {
    const gone = await scriptedServer(() => undefined);
    await gone.close();
    const err = await sendOperation({ project: demoProject(gone.url), projectPath: null, env: 'sandbox' }, { operation: 'fetch', id: 'x' }, opts).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteCallFailed);
    expect((err as RemoteCallFailed).outcome.category).toBe('network');
    expect((err as RemoteCallFailed).exchange.request.url).toBe(`${gone.url}/jobs/x`);
  });

  it('explains missing inputs', async () => {
    await expect(sendOperation(target(), { operation: 'fetch' }, opts)).rejects.toThrow(/needs the record ID/);
    await expect(sendOperation(target(), { operation: 'create' }, opts)).rejects.toThrow(/needs an input record/);
    await expect(sendOperation(target(), { operation: 'attachment', id: 'x' }, opts)).rejects.toThrow(/needs a file/);
    const p = demoProject(sb.url);
    delete p.endpoints.update;
    await expect(sendOperation({ project: p, projectPath: null, env: 'sandbox' }, { operation: 'update', id: 'x', input: {} }, opts)).rejects.toThrow(/no update endpoint/);
  });
});

describe('record ID detection', () => {
  it('auto-detects id, data.id, result.id and the Location header', () => {
    expect(extractRecordId({ id: 12 }, {})).toBe('12');
    expect(extractRecordId({ data: { id: 'd-1' } }, {})).toBe('d-1');
    expect(extractRecordId({ result: { id: 'r-1' } }, {})).toBe('r-1');
    expect(extractRecordId('', { location: 'https://api.example.com/v2/tickets/TCK-9/' })).toBe('TCK-9');
    expect(extractRecordId({ ok: true }, {})).toBeNull();
    expect(extractRecordId({ records: [{ key: 'K1' }] }, {}, 'records[0].key')).toBe('K1');
    expect(extractRecordId({ id: 'x' }, {}, 'missing.path')).toBeNull();
  });

  it('puts the ID in the path or the query as the endpoint says', () => {
    expect(urlWithId('https://h.example/v1', { method: 'GET', path: '/t/{tid}', idParam: 'tid' }, 'fetch', 'a/b', null)).toBe('https://h.example/v1/t/a%2Fb');
    expect(urlWithId('https://h.example/v1/', { method: 'GET', path: '/t', idParam: 'id' }, 'fetch', '7', null)).toBe('https://h.example/v1/t?id=7');
    expect(urlWithId('https://h.example', { method: 'GET', path: '/t/{id}' }, 'fetch', '7', null)).toBe('https://h.example/t/7');
    expect(() => urlWithId('https://h.example', { method: 'GET', path: '/t' }, 'fetch', '7', null)).toThrow(/no ID parameter/);
  });
});
