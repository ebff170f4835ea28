import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_TYPES } from '../../shared/common/project/model';
import { JsonnetHost } from '../../shared/node/mapping/jsonnet-client';
import { mapProject, targetInfo } from '../../shared/node/mapping/map-project';
import { compileSchema, validatePayload } from '../../shared/node/mapping/validate';
import { readProjectFile } from '../../shared/node/project/file';
import { loadSpecFile, operationSchema } from '../../shared/node/spec/index';

const demoDir = join(process.cwd(), 'resources', 'demo');
const demoPath = join(demoDir, 'demo.connector.json');
const workOrder = JSON.parse(readFileSync(join(demoDir, 'sample-workorder.json'), 'utf8')) as unknown;
const job = JSON.parse(readFileSync(join(demoDir, 'sample-job.json'), 'utf8')) as unknown;
let host: JsonnetHost;

beforeAll(async () => {
  host = new JsonnetHost();
  await host.warm();
});
afterAll(() => host.close());

describe('the demo project', () => {
  it('refers to the demo sandbox spec by relative path and its current sha256', async () => {
    const { project } = await readProjectFile(demoPath);
    expect(project.spec.path).toBe('sandbox.openapi.yaml');
    const sha = createHash('sha256').update(readFileSync(join(demoDir, 'sandbox.openapi.yaml'))).digest('hex');
    expect(project.spec.sha256).toBe(sha);
    expect(project.environments.sandbox).toEqual({ baseUrl: 'http://127.0.0.1:4010', username: 'demo' });
  });

  it('uses every action in both directions', async () => {
    const { project } = await readProjectFile(demoPath);
    for (const dir of ['outbound', 'inbound'] as const) {
      expect(new Set(project.mappings[dir].map((m) => m.action))).toEqual(new Set(ACTION_TYPES));
    }
    expect(project.mappings.outbound.some((m) => m.action === 'custom' && m.script?.includes('$.util'))).toBe(true);
  });

  it('maps the sample work order to the exact create payload, which the sandbox schema accepts', async () => {
    const { project, path } = await readProjectFile(demoPath);
    const r = await mapProject({ project, projectPath: path, direction: 'outbound', operation: 'create', input: workOrder, host });
    expect(r.errors).toEqual([]);
    expect(r.output).toEqual({
      title: 'Replace point-of-sale terminal at front counter',
      description: 'Swap the faulty POS terminal at register 2 and confirm it connects to the store network.',
      priority: 'high',
      status: 'scheduled',
      external_ref: 'FN-5550001',
      scheduled_start: '2026-03-10T09:00:00-05:00',
      scheduled_date: '2026-03-10',
      customer: { name: 'Example Retail Co.', email: 'store214.manager@example.com', phone: '+1-555-0100' },
      site: {
        name: 'Example Retail Store #214',
        address: { line1: '100 Sample Avenue', line2: 'Unit 5', city: 'Springfield', state: 'IL', postal_code: '62701', country: 'US' },
      },
      technician: { name: 'Sam Tester', email: 'sam.tester@example.com' },
      estimated_hours: 3.5,
      effort_band: 'medium',
      budget: 180,
      tags: ['retail', 'Installation'],
      line_items: [{ sku: 'EXP-8101', description: 'Parking garage', quantity: 1, unit_price: 24.5 }],
      notes: 'PO PO-55810; on site 03/10/2026 9:00 AM; approved expenses 24.5',
    });
    expect(r.validation).toEqual([]);
    expect(r.unmappedRequired).toEqual([]);
    expect(r.typeMismatches).toEqual([]);
    expect(r.log).toEqual([]);
    // independent check: compile the create request schema straight from the spec
    const spec = await loadSpecFile(join(demoDir, 'sandbox.openapi.yaml'));
    const os = operationSchema(spec, 'POST /jobs', 'request')!;
    expect(validatePayload(compileSchema(os.schema, os.dialect), r.output)).toEqual([]);
    // the trace explains every field
    const trace = r.trace.find((t) => t.target === 'effort_band')!;
    expect(trace).toMatchObject({ action: 'range_map', source: 'pay.hours', sourceValue: 3.5, value: 'medium', usedDefault: false, written: true });
  });

  it('also validates for the update operation (PATCH)', async () => {
    const { project, path } = await readProjectFile(demoPath);
    const r = await mapProject({ project, projectPath: path, direction: 'outbound', operation: 'update', input: workOrder, host });
    expect(r.validation).toEqual([]);
  });

  it('maps a sandbox job back to a work order that the work-order schema accepts', async () => {
    const { project, path } = await readProjectFile(demoPath);
    const r = await mapProject({ project, projectPath: path, direction: 'inbound', input: job, host });
    expect(r.errors).toEqual([]);
    expect(r.validation).toEqual([]);
    expect(r.unmappedRequired).toEqual([]);
    expect(r.log).toEqual(['instructions:2: external ref EXT-9001']);
    expect(r.output).toEqual({
      title: 'Replace receipt printer',
      description: {
        markdown: 'The receipt printer at register 1 jams on every second ticket.',
        html: '<p>The receipt printer at register 1 jams on every second ticket.</p>',
      },
      priority: 'critical',
      status_id: 3,
      schedule: { service_window: { start: { utc: '2026-11-01 06:30:00' } } },
      location: {
        mode: 'custom',
        display_name: 'Store 214 — Springfield',
        address1: '100 Sample Avenue',
        city: 'Springfield',
        state: 'IL',
        zip: '62701',
        country: 'US',
        company: { name: 'Example Retail Co.' },
      },
      contact: { email: 'ops@example.com' },
      time_estimate: 4,
      instructions: 'External job job_0042 (EXT-9001)',
    });
  });

  it('a payload the schema rejects is reported with paths', async () => {
    const { project, path } = await readProjectFile(demoPath);
    const broken = structuredClone(project);
    broken.mappings.outbound = broken.mappings.outbound.filter((m) => m.target !== 'external_ref');
    broken.mappings.outbound.push({ target: 'estimated_hours', action: 'set_static', value: -2 });
    broken.mappings.outbound.push({ target: 'site.address.country', action: 'set_static', value: 'usa' });
    const r = await mapProject({ project: broken, projectPath: path, direction: 'outbound', input: workOrder, host });
    expect(r.unmappedRequired).toEqual(['external_ref']);
    expect(r.validation).toEqual(
      expect.arrayContaining([
        { path: 'external_ref', message: 'is required' },
        { path: 'estimated_hours', message: 'must be >= 0' },
        { path: 'site.address.country', message: 'must match pattern "^[A-Z]{2}$"' },
      ]),
    );
  });

  it('lists source and target fields for the canvas', async () => {
    const { project, path } = await readProjectFile(demoPath);
    const out = await targetInfo(project, path, 'outbound', 'create');
    expect(out.targetSource).toBe('spec');
    expect(out.targetFields.filter((f) => f.required).map((f) => f.path)).toEqual(expect.arrayContaining(['title', 'priority', 'external_ref']));
    expect(out.targetFields.find((f) => f.path === 'priority')?.enum).toEqual(['low', 'normal', 'high', 'urgent']);
    expect(out.sourceFields.find((f) => f.path === 'schedule.service_window.start.utc')?.type).toBe('string');
    const inbound = await targetInfo(project, path, 'inbound');
    expect(inbound.sourceFields.map((f) => f.path)).toEqual(expect.arrayContaining(['id', 'title', 'site.address.city']));
    expect(inbound.targetFields.find((f) => f.path === 'title')?.required).toBe(true);
  });
});
