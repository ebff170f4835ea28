import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { DEMO_PASSWORD, DEMO_USERNAME, demoSpecPath, startDemoSandbox, type DemoSandbox } from '../../shared/node/sandbox/demo-server';
import { authHeader } from './helpers';

describe('the demo sandbox API', () => {
  let sb: DemoSandbox;
  const auth = authHeader(DEMO_USERNAME, DEMO_PASSWORD);
  beforeAll(async () => {
    sb = await startDemoSandbox();
  });
  afterAll(async () => {
    await sb.close();
  });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${sb.url}${path}`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('listens on loopback with the documented demo credential by default', async () => {
    expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await fetch(`${sb.url}/jobs/metadata`, { headers: { authorization: auth } });
    expect(r.status).toBe(200);
  });

  it('401 with WWW-Authenticate without credentials or with a wrong password', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: authHeader('demo', 'nope') }, { authorization: 'Bearer abc' }, { authorization: 'Basic !!!' }]) {
      const r = await fetch(`${sb.url}/jobs/metadata`, { headers });
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
      expect(await r.json()).toMatchObject({ error: 'unauthorized' });
    }
  });

  it('the metadata descriptors follow the create schema of its own spec', async () => {
    const body = (await (await fetch(`${sb.url}/jobs/metadata`, { headers: { authorization: auth } })).json()) as { name: string; required: boolean; type: string; options: string[] | null; children?: { name: string; required: boolean; children?: unknown[] }[] }[];
    const doc = YAML.parse(readFileSync(demoSpecPath(), 'utf8')) as { components: { schemas: { JobFields: { properties: Record<string, unknown> }; JobCreate: { allOf: { required?: string[] }[] } } } };
    expect(body.map((d) => d.name)).toEqual(Object.keys(doc.components.schemas.JobFields.properties));
    const required = doc.components.schemas.JobCreate.allOf.flatMap((p) => p.required ?? []);
    expect(body.filter((d) => d.required).map((d) => d.name).sort()).toEqual([...required].sort());
    const site = body.find((d) => d.name === 'site');
    expect(site?.children?.find((c) => c.name === 'address')?.children).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'city', required: true, type: 'string' }), expect.objectContaining({ name: 'country', required: false })]),
    );
    expect(body.find((d) => d.name === 'scheduled_start')?.type).toBe('datetime');
    expect(body.find((d) => d.name === 'scheduled_date')?.type).toBe('date');
    expect(body.find((d) => d.name === 'status')?.options).toEqual(['open', 'scheduled', 'dispatched', 'in_progress', 'completed', 'cancelled']);
  });

  it('400 lists every invalid field path', async () => {
    const r = await post('/jobs', {
      title: '',
      priority: 'asap',
      scheduled_start: 'tomorrow',
      customer: { email: 'not-an-email', fax: '1' },
      site: { address: { line1: '1 Main', country: 'usa' } },
      line_items: [{ sku: 'A', quantity: 1 }, { quantity: 2.5, unit_price: -1 }],
      tags: ['ok', 3],
    });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { error: string; message: string; details: { path: string; message: string }[] };
    expect(body.error).toBe('validation_failed');
    const paths = body.details.map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['title', 'priority', 'external_ref', 'scheduled_start', 'customer.email', 'customer.fax', 'site.address.city', 'site.address.country', 'line_items[1].quantity', 'line_items[1].unit_price', 'tags[1]']),
    );
    expect(body.details.find((d) => d.path === 'external_ref')?.message).toBe('is required');
    expect(body.details.find((d) => d.path === 'priority')?.message).toMatch(/"low", "normal", "high", "urgent"/);
    expect(body.details.find((d) => d.path === 'customer.fax')?.message).toBe('is not an allowed field');
    expect(body.message).toContain('site.address.city is required');
  });

  it('400 for broken JSON, 415 for a non-JSON content type, 405 for a wrong method, 404 for unknown paths and IDs', async () => {
    const broken = await post('/jobs', '{"title": ');
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: 'invalid_json' });
    const form = await post('/jobs', 'title=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    const del = await fetch(`${sb.url}/jobs/metadata`, { method: 'DELETE', headers: { authorization: auth } });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET');
    expect((await fetch(`${sb.url}/nothing`, { headers: { authorization: auth } })).status).toBe(404);
    const missing = await fetch(`${sb.url}/jobs/job_424242`, { headers: { authorization: auth } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'not_found', message: 'no job with id "job_424242"' });
  });

  it('is stateful: IDs, Location, read-only fields ignored, PATCH validated and merged', async () => {
    const c = await post('/jobs', { title: 'A', priority: 'low', external_ref: 'X-1', id: 'mine', created_at: 'yesterday' });
    expect(c.status).toBe(201);
    const job = (await c.json()) as { id: string; created_at: string };
    expect(job.id).toMatch(/^job_\d{6}$/);
    expect(job.id).not.toBe('mine');
    expect(Number.isNaN(Date.parse(job.created_at))).toBe(false);
    expect(c.headers.get('location')).toBe(`/jobs/${job.id}`);
    const bad = await fetch(`${sb.url}/jobs/${job.id}`, { method: 'PATCH', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ status: 'done' }) });
    expect(bad.status).toBe(400);
    const ok = await fetch(`${sb.url}/jobs/${job.id}`, { method: 'PATCH', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify({ status: 'completed', notes: 'n' }) });
    expect(await ok.json()).toMatchObject({ id: job.id, title: 'A', status: 'completed', notes: 'n' });
  });

  it('attachments need multipart/form-data with a file part', async () => {
    const c = (await (await post('/jobs', { title: 'B', priority: 'low', external_ref: 'X-2' })).json()) as { id: string };
    const asJson = await post(`/jobs/${c.id}/attachments`, { file: 'x' });
    expect(asJson.status).toBe(415);
    const noFile = new FormData();
    noFile.set('description', 'just text');
    const r1 = await fetch(`${sb.url}/jobs/${c.id}/attachments`, { method: 'POST', headers: { authorization: auth }, body: noFile });
    expect(r1.status).toBe(400);
    expect(await r1.json()).toMatchObject({ details: [{ path: 'file', message: 'is required' }] });
    const withFile = new FormData();
    withFile.set('file', new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' }), 'photo.png');
    const r2 = await fetch(`${sb.url}/jobs/${c.id}/attachments`, { method: 'POST', headers: { authorization: auth }, body: withFile });
    expect(r2.status).toBe(201);
    expect(await r2.json()).toMatchObject({ filename: 'photo.png', content_type: 'image/png', size: 3 });
  });

  it('fault hooks are off by default and only act when set', async () => {
    const before = sb.requestCount();
    sb.setFaults({ failNext: 1, failStatus: 429, retryAfter: '7' });
    const r1 = await fetch(`${sb.url}/jobs/metadata`, { headers: { authorization: auth } });
    expect(r1.status).toBe(429);
    expect(r1.headers.get('retry-after')).toBe('7');
    const r2 = await fetch(`${sb.url}/jobs/metadata`, { headers: { authorization: auth } });
    expect(r2.status).toBe(200);
    expect(sb.requestCount() - before).toBe(2);
  });

  it('custom credentials replace the demo ones', async () => {
    const other = await startDemoSandbox({ username: 'svc@example.com', password: 'other-pass' });
    try {
      expect((await fetch(`${other.url}/jobs/metadata`, { headers: { authorization: auth } })).status).toBe(401);
      expect((await fetch(`${other.url}/jobs/metadata`, { headers: { authorization: authHeader('svc@example.com', 'other-pass') } })).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
