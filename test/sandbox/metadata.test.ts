import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Field } from '../../shared/common/spec/model';
import { compareFields, parseMetadata } from '../../shared/common/sandbox/metadata';
import { startDemoSandbox, type DemoSandbox } from '../../shared/node/sandbox/demo-server';
import { refreshFields, RemoteCallFailed } from '../../shared/node/sandbox/service';
import { shutdownSharedJsonnetHost } from '../../shared/node/mapping/jsonnet-client';
import { authHeader, demoProject, json, scriptedServer } from './helpers';

const PASSWORD = 'Meta-Test-Pass-2207';

const byPath = (fields: Field[]) => Object.fromEntries(fields.map((f) => [f.path, f]));

// The shapes metadata endpoints answer with, as the server sends them.
const SHAPES: Record<string, unknown> = {
  'json-schema': {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    required: ['subject', 'severity'],
    definitions: { Address: { type: 'object', required: ['city'], properties: { city: { type: 'string' }, zip: { type: ['string', 'null'] } } } },
    properties: {
      subject: { type: 'string', description: 'Short summary' },
      severity: { type: 'string', enum: ['p1', 'p2', 'p3'] },
      due: { type: 'string', format: 'date-time' },
      location: { $ref: '#/definitions/Address' },
      parts: { type: 'array', items: { type: 'object', required: ['sku'], properties: { sku: { type: 'string' }, qty: { type: 'integer' } } } },
    },
  },
  'openapi-schema-in-wrapper': {
    schema: {
      allOf: [
        { type: 'object', properties: { subject: { type: 'string' } }, required: ['subject'] },
        { type: 'object', properties: { cost: { type: 'number', nullable: true }, severity: { type: 'string', enum: ['p1', 'p2', 'p3'] } } },
      ],
    },
  },
  'descriptor-array': [
    { key: 'subject', label: 'Subject', type: 'text', required: true },
    { key: 'severity', label: 'Severity', type: 'picklist', options: [{ value: 'p1', label: 'P1' }, { value: 'p2', label: 'P2' }] },
    { key: 'due', label: 'Due', type: 'datetime' },
    { key: 'location', label: 'Location', type: 'object', children: [{ key: 'city', label: 'City', type: 'string', required: true }] },
    { key: 'parts', label: 'Parts', type: 'list', children: [{ key: 'sku', label: 'SKU', type: 'string' }] },
  ],
  'salesforce-describe': {
    name: 'Case',
    fields: [
      { name: 'Subject', label: 'Subject', type: 'string', nillable: false, createable: true, defaultedOnCreate: false },
      { name: 'Priority', label: 'Priority', type: 'picklist', nillable: true, picklistValues: [{ value: 'High', active: true }, { value: 'Low', active: true }] },
      { name: 'IsEscalated', label: 'Escalated', type: 'boolean', nillable: false, createable: true, defaultedOnCreate: true },
      { name: 'Amount__c', label: 'Amount', type: 'currency', nillable: true },
    ],
  },
  'keyed-object': {
    subject: { type: 'string', label: 'Subject', required: true },
    severity: { type: 'string', label: 'Severity', enum: ['p1', 'p2'] },
    visits: { type: 'integer', label: 'Visits' },
  },
  'data-wrapper': { data: { fields: [{ id: 'subject', label: 'Subject', dataType: 'string', nullable: false }, { id: 'hours', label: 'Hours', dataType: 'decimal' }] } },
};

describe('parseMetadata recognises the common shapes', () => {
  it('JSON Schema with $ref, nullable union, enum, date-time and arrays of objects', () => {
    const r = parseMetadata(SHAPES['json-schema']);
    expect(r?.shape).toBe('json-schema');
    const f = byPath(r!.fields);
    expect(f.subject).toMatchObject({ type: 'string', required: true, description: 'Short summary' });
    expect(f.severity).toMatchObject({ enum: ['p1', 'p2', 'p3'], required: true });
    expect(f.due).toMatchObject({ type: 'string', format: 'date-time', required: false });
    expect(f['location.city']).toMatchObject({ type: 'string', required: true });
    expect(f['location.zip']).toMatchObject({ type: 'string', nullable: true });
    expect(f['parts[].sku']).toMatchObject({ required: true });
    expect(f['parts[].qty']).toMatchObject({ type: 'integer' });
  });

  it('an OpenAPI schema object (allOf, nullable) inside a {schema} wrapper', () => {
    const r = parseMetadata(SHAPES['openapi-schema-in-wrapper']);
    expect(r).toMatchObject({ shape: 'json-schema', at: 'schema' });
    const f = byPath(r!.fields);
    expect(f.subject).toMatchObject({ required: true });
    expect(f.cost).toMatchObject({ type: 'number', nullable: true });
  });

  it('an array of descriptors (key, label, type aliases, options objects, nested children)', () => {
    const r = parseMetadata(SHAPES['descriptor-array']);
    expect(r?.shape).toBe('descriptor-array');
    const f = byPath(r!.fields);
    expect(f.subject).toMatchObject({ type: 'string', required: true, description: 'Subject' });
    expect(f.severity).toMatchObject({ type: 'string', enum: ['p1', 'p2'] });
    expect(f.due).toMatchObject({ type: 'string', format: 'date-time' });
    expect(f.location).toMatchObject({ type: 'object' });
    expect(f['location.city']).toMatchObject({ required: true });
    expect(f.parts).toMatchObject({ type: 'array' });
    expect(f['parts[].sku']).toMatchObject({ type: 'string' });
  });

  it('a Salesforce-style describe ({fields}, nillable, picklistValues)', () => {
    const r = parseMetadata(SHAPES['salesforce-describe']);
    expect(r).toMatchObject({ shape: 'descriptor-array', at: 'fields' });
    const f = byPath(r!.fields);
    expect(f.Subject).toMatchObject({ required: true, nullable: false });
    expect(f.Priority).toMatchObject({ required: false, nullable: true, enum: ['High', 'Low'] });
    expect(f.IsEscalated).toMatchObject({ type: 'boolean', required: false });
    expect(f.Amount__c).toMatchObject({ type: 'number' });
  });

  it('an object keyed by field name', () => {
    const r = parseMetadata(SHAPES['keyed-object']);
    expect(r?.shape).toBe('keyed-object');
    expect(r!.fields.map((f) => [f.path, f.type, f.required])).toEqual([
      ['subject', 'string', true],
      ['severity', 'string', false],
      ['visits', 'integer', false],
    ]);
  });

  it('descriptors inside {data: {fields}} (id, dataType, nullable:false → required)', () => {
    const r = parseMetadata(SHAPES['data-wrapper']);
    expect(r).toMatchObject({ shape: 'descriptor-array', at: 'data.fields' });
    expect(byPath(r!.fields).subject).toMatchObject({ required: true });
    expect(byPath(r!.fields).hours).toMatchObject({ type: 'number' });
  });

  it('returns null for shapes it does not know', () => {
    expect(parseMetadata({ cols: [['subject', 'S'], ['severity', 'L']] })).toBeNull();
    expect(parseMetadata([1, 2, 3])).toBeNull();
    expect(parseMetadata({})).toBeNull();
    expect(parseMetadata('fields')).toBeNull();
  });

  it('compares spec and live fields: both, spec only, live only, type differs', () => {
    const f = (path: string, type: string): Field => ({ path, type, required: false, nullable: false, enum: null, format: null, readOnly: false, writeOnly: false, description: null, cycle: null });
    const c = compareFields([f('a', 'string'), f('b', 'integer'), f('c', 'string'), f('n', 'integer')], [f('a', 'string'), f('b', 'string'), f('d', 'number'), f('n', 'number')]);
    expect(c).toEqual([
      { path: 'a', status: 'both', specType: 'string', liveType: 'string' },
      { path: 'b', status: 'type-differs', specType: 'integer', liveType: 'string' },
      { path: 'c', status: 'spec-only', specType: 'string', liveType: null },
      { path: 'n', status: 'both', specType: 'integer', liveType: 'number' },
      { path: 'd', status: 'live-only', specType: null, liveType: 'number' },
    ]);
  });
});

describe('Refresh Fields over loopback HTTP', () => {
  let meta: Awaited<ReturnType<typeof scriptedServer>>;
  let body: unknown = null;
  let demo: DemoSandbox;
  beforeAll(async () => {
    meta = await scriptedServer((req, res) => {
      if (req.headers.authorization !== authHeader('demo', PASSWORD)) return json(res, 401, { error: 'no' });
      json(res, 200, body);
    });
    demo = await startDemoSandbox({ password: PASSWORD });
  });
  afterAll(async () => {
    await meta.close();
    await demo.close();
    await shutdownSharedJsonnetHost();
  });
  const target = (baseUrl: string, overrides = {}) => ({ project: demoProject(baseUrl, overrides), projectPath: null, env: 'sandbox' });

  for (const [name, shape] of Object.entries(SHAPES)) {
    it(`reads the ${name} shape from the wire`, async () => {
      body = shape;
      const r = await refreshFields(target(meta.url), { passwordOverride: PASSWORD });
      expect(r.source).toBe('metadata');
      expect(r.fields.length).toBeGreaterThanOrEqual(2);
      expect(r.fields).toEqual(parseMetadata(shape)!.fields);
      // None of these fields is in the demo create schema except those named alike.
      expect(r.comparison.some((c) => c.status === 'spec-only' && c.path === 'external_ref')).toBe(true);
    });
  }

  it('the demo sandbox metadata matches its own create schema: every field in both', async () => {
    const r = await refreshFields(target(demo.url), { passwordOverride: PASSWORD });
    expect(r.source).toBe('metadata');
    expect(r.shape).toBe('descriptor-array');
    const f = byPath(r.fields);
    expect(f.priority).toMatchObject({ required: true, enum: ['low', 'normal', 'high', 'urgent'] });
    expect(f['site.address.city']).toMatchObject({ required: true });
    expect(f['line_items[].quantity']).toMatchObject({ type: 'integer' });
    expect(f.scheduled_date).toMatchObject({ type: 'string', format: 'date' });
    const statuses = new Set(r.comparison.map((c) => c.status));
    expect([...statuses]).toEqual(['both']);
    expect(r.comparison.map((c) => c.path)).toContain('site.address.country');
  });

  it('reads a large metadata response (over 1 MB) whole, and captures only a preview of it', async () => {
    body = Array.from({ length: 9000 }, (_, i) => ({ name: `custom_field_${i}`, label: `Custom field number ${i} with a long label`, type: i % 3 === 0 ? 'number' : 'string', required: i % 7 === 0, options: null }));
    expect(JSON.stringify(body).length).toBeGreaterThan(1024 * 1024);
    const r = await refreshFields(target(meta.url), { passwordOverride: PASSWORD });
    expect(r.fields).toHaveLength(9000);
    expect(r.fields[7]).toMatchObject({ path: 'custom_field_7', required: true });
    expect(typeof r.exchange?.response?.body).toBe('string');
    expect((r.exchange?.response?.body as string).length).toBeLessThanOrEqual(256 * 1024 + 1);
  });

  it('an unknown shape without an adapter says to write one', async () => {
    body = { cols: [['subject', 'string', true]] };
    await expect(refreshFields(target(meta.url), { passwordOverride: PASSWORD })).rejects.toThrow(/write a metadata adapter/);
  });

  it('an unknown shape with a Jsonnet metadata adapter (real engine)', async () => {
    body = { cols: [['subject', 'string', true], ['hours', 'number', false], ['kind', 'string', false]] };
    const adapter = "[ { name: c[0], type: c[1], required: c[2], label: std.asciiUpper(c[0]) } for c in $.input.cols ]";
    const r = await refreshFields(target(meta.url, { metadataAdapter: adapter }), { passwordOverride: PASSWORD });
    expect(r.shape).toBe('adapter');
    expect(r.fields.map((f) => [f.path, f.type, f.required, f.description])).toEqual([
      ['subject', 'string', true, 'SUBJECT'],
      ['hours', 'number', false, 'HOURS'],
      ['kind', 'string', false, 'KIND'],
    ]);
  });

  it('an adapter error points at the line in the adapter script', async () => {
    body = { cols: [] };
    const adapter = '[\n  x.name for x in $.input.cols\n  +\n]';
    const err = await refreshFields(target(meta.url, { metadataAdapter: adapter }), { passwordOverride: PASSWORD }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'bad-input', file: 'metadataAdapter' });
    expect((err as { line: number }).line).toBeGreaterThanOrEqual(2);
    expect((err as { line: number }).line).toBeLessThanOrEqual(4);
    expect((err as Error).message).toMatch(/^metadata adapter: /);
  });

  it('a failed metadata call carries the outcome (auth) and the redacted exchange', async () => {
    const err = await refreshFields(target(meta.url), { passwordOverride: 'wrong' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RemoteCallFailed);
    expect((err as RemoteCallFailed).outcome.category).toBe('auth');
    expect((err as RemoteCallFailed).exchange.request.headers.authorization).toBe('Basic <redacted>');
  });

  it('without a metadata endpoint, fields come from the create request schema', async () => {
    const p = demoProject(demo.url);
    delete p.endpoints.metadata;
    const r = await refreshFields({ project: p, projectPath: null, env: 'sandbox' }, { passwordOverride: PASSWORD });
    expect(r.source).toBe('spec');
    const f = byPath(r.fields);
    expect(f.title).toMatchObject({ required: true });
    expect(f.external_ref).toMatchObject({ required: true });
    expect(f.id).toBeUndefined(); // readOnly: not a request field
    expect(f['site.address.line1']).toMatchObject({ required: true });
    expect(r.exchange).toBeUndefined();
  });
});
