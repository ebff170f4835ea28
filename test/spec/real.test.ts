/**
 * Every real document of ../shared/corpus/real loads with the counts of corpus/README.md.
 * One load per document (the large ones take a second or two each).
 */
import { describe, expect, it } from 'vitest';
import { loadSpecFile, type LoadedSpec } from '../../shared/node/spec/load';
import { extractFields, findOperation, inspectSpec, operationSchema } from '../../shared/node/spec/query';
import { realPath } from './helpers';

function summary(spec: LoadedSpec) {
  const ins = inspectSpec(spec);
  const pairs = new Set(ins.operations.map((o) => `${o.method} ${o.path}`));
  expect(pairs.size).toBe(ins.operations.length); // one entry per path+method
  return ins;
}

describe('real documents', { timeout: 120_000 }, () => {
  it('stripe: 3.0 YAML, version key on line 40,015, 468 operations, finite fields on recursive schemas', async () => {
    const spec = await loadSpecFile(realPath('stripe-spec3.yaml'));
    expect(spec.format).toBe('openapi-3.0');
    const ins = summary(spec);
    expect(ins.operations).toHaveLength(468);
    expect(ins.webhooks).toHaveLength(0);
    expect(ins.basicAuth).toBe(true);
    expect(ins.servers).toEqual(['https://api.stripe.com/']);
    expect(spec.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Form-encoded bodies count as the request body when there is no JSON one.
    const create = extractFields(spec, 'POST /v1/customers', 'request');
    expect(create.contentType).toBe('application/x-www-form-urlencoded');
    expect(create.fields.some((f) => f.path === 'email')).toBe(true);
    const t0 = performance.now();
    const resp = extractFields(spec, 'GET /v1/customers/{customer}', 'response');
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(resp.truncated).toBeUndefined();
    expect(resp.fields.find((f) => f.path === 'id')?.type).toBe('string');
    // Recursive schemas are cut (the customer inside a customer) and the list stays finite.
    expect(resp.fields.some((f) => f.cycle === 'customer')).toBe(true);
    expect(resp.fields.length).toBeLessThan(10000);
    const schema = operationSchema(spec, 'GET /v1/customers/{customer}', 'response');
    expect(schema?.dialect).toBe('draft-04');
    expect(JSON.stringify(schema?.schema).length).toBeLessThan(5_000_000);
  });

  it('kubernetes: Swagger 2.0 JSON, 958 operations, body parameters and path-level parameters', async () => {
    const spec = await loadSpecFile(realPath('kubernetes-v1.9.json'));
    expect(spec.format).toBe('swagger-2.0');
    const ins = summary(spec);
    expect(ins.operations).toHaveLength(958);
    const op = findOperation(spec, 'POST', '/api/v1/namespaces/{namespace}/pods');
    expect(op?.parameters.find((p) => p.name === 'namespace')?.in).toBe('path');
    expect(op?.parameters.some((p) => p.in === 'body')).toBe(true);
    const fields = extractFields(spec, 'POST /api/v1/namespaces/{namespace}/pods', 'request').fields;
    expect(fields.some((f) => f.path === 'metadata.name')).toBe(true);
    expect(fields.some((f) => f.path.startsWith('spec.containers[].'))).toBe(true);
    expect(spec.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('openai: 3.1, 288 operations + 16 webhooks, the unquoted date stays a string', async () => {
    const spec = await loadSpecFile(realPath('openai.yaml'));
    expect(spec.format).toBe('openapi-3.1');
    const ins = summary(spec);
    expect(ins.operations).toHaveLength(288);
    expect(ins.webhooks).toHaveLength(16);
    expect(spec.text).toMatch(/version: 2024-10-01/);
    expect(JSON.stringify(spec.resolver.root().value)).toContain('"version":"2024-10-01"');
    expect(ins.roles.attachment[0]?.score).toBeGreaterThan(0.5);
  });

  it('xero: 235 operations, unquoted dates stay strings', async () => {
    const spec = await loadSpecFile(realPath('xero-accounting.yaml'));
    const ins = summary(spec);
    expect(ins.operations).toHaveLength(235);
    const unquoted = [...spec.text.matchAll(/^\s+(\w+): (\d{4}-\d{2}-\d{2}(?:T[\d:.]+)?)\s*$/gm)];
    expect(unquoted.length).toBeGreaterThan(50);
    const json = JSON.stringify(spec.resolver.root().value);
    for (const m of unquoted.slice(0, 20)) expect(json).toContain(`"${m[1]}":"${m[2]}"`);
    expect(json).not.toMatch(/T00:00:00\.000Z/);
  });

  it('apideck: 15 operations and a full set of role suggestions', async () => {
    const spec = await loadSpecFile(realPath('apideck-issue-tracking.yaml'));
    const ins = summary(spec);
    expect(ins.operations).toHaveLength(15);
    const tickets = '/issue-tracking/collections/{collection_id}/tickets';
    expect(ins.roles.create[0]).toMatchObject({ method: 'POST', path: tickets, recordIdPath: 'data.id' });
    expect(ins.roles.update[0]).toMatchObject({ method: 'PATCH', path: `${tickets}/{ticket_id}`, idParam: 'ticket_id' });
    expect(ins.roles.fetch.every((c) => c.method === 'GET')).toBe(true);
    const fetchTicket = ins.roles.fetch.find((c) => c.path === `${tickets}/{ticket_id}`);
    expect(fetchTicket?.idParam).toBe('ticket_id');
    expect(fetchTicket?.score).toBeGreaterThan(0.5);
    // fetch prefers the item of the create endpoint's collection over the collection item /collections/{collection_id}
    expect(ins.roles.fetch[0]).toMatchObject({ method: 'GET', path: `${tickets}/{ticket_id}`, idParam: 'ticket_id' });
    expect(ins.roles.fetch[0]?.reasons).toContain(`item of the create endpoint's collection (${tickets})`);
    expect(ins.roles.fetch[1]?.path).toBe('/issue-tracking/collections/{collection_id}');
    // no operation takes a file: no attachment suggestion at all (the create-ticket POST is not one)
    expect(ins.roles.attachment).toEqual([]);
    // no schema endpoint: metadata candidates stay listed but all score at most 0.05
    expect(ins.roles.metadata.length).toBeGreaterThan(0);
    expect(Math.max(...ins.roles.metadata.map((c) => c.score))).toBeLessThanOrEqual(0.05);
    expect(ins.roles.metadata.every((c) => c.reasons?.includes('no sign of a schema endpoint'))).toBe(true);
  });

  it('servicenow: Swagger 2.0 host placeholder, body parameters, 12 operations', async () => {
    const spec = await loadSpecFile(realPath('servicenow-powerplatform-connector.json'));
    const ins = summary(spec);
    expect(ins.operations).toHaveLength(12);
    expect(ins.servers[0]).toMatch(/^https:\/\/.+service-now\.com/);
    const op = findOperation(spec, 'POST', '/api/now/v2/table/incident');
    expect(op?.requestContentTypes).toEqual(['application/json']);
    expect(ins.roles.create[0]).toMatchObject({ method: 'POST', path: '/api/now/v2/table/incident', recordIdPath: 'result.sys_id' });
    expect(ins.roles.metadata[0]?.path).toBe('/api/now/doc/table/schema');
    expect(ins.roles.metadata[0]?.score).toBeGreaterThan(0.5);
    // fetch / update: the incident item (create's collection), not sys_user or attachment items
    expect(ins.roles.fetch[0]).toMatchObject({ method: 'GET', path: '/api/now/v2/table/incident/{sys_id}', idParam: 'sys_id' });
    expect(ins.roles.update[0]).toMatchObject({ method: 'PUT', path: '/api/now/v2/table/incident/{sys_id}', idParam: 'sys_id' });
    // attachment: only the attachment upload; the incident create / update are not offered
    expect(ins.roles.attachment.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /api/now/v1/attachment/file']);
  });

  it('oai webhook example: no paths, one webhook', async () => {
    const spec = await loadSpecFile(realPath('oai-webhook-example-3.1.yaml'));
    const ins = summary(spec);
    expect(ins.operations).toHaveLength(0);
    expect(ins.webhooks).toHaveLength(1);
    expect(spec.diagnostics).toEqual([]);
  });

  it('digitalocean multi-file: 659 operations through relative refs; "off" stays a string', async () => {
    const spec = await loadSpecFile(realPath('digitalocean-multifile/specification/DigitalOcean-public.v2.yaml'));
    const ins = summary(spec);
    expect(ins.operations).toHaveLength(659);
    expect(spec.files.size).toBeGreaterThan(100);
    expect(spec.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const status = extractFields(spec, 'GET /v2/droplets/{droplet_id}', 'response').fields.find((f) => f.path === 'droplet.status');
    expect(status?.enum).toEqual(['new', 'active', 'off', 'archive']);
    // `$ref` on operation objects: the operation's own id and summary are read through it.
    expect(ins.operations.filter((o) => o.operationId).length).toBe(659);
  });
});
