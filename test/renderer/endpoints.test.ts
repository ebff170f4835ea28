import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedSpec } from '../../shared/common/api/calls-spec';
import type { OperationSummary } from '../../shared/common/spec/model';
import { createStudioServer, type StudioServer } from '../../shared/node/api/server';
import { idParameters, isReady, readiness, refFromCandidate, suggestEndpoints } from '../../renderer/src/lib/endpoints';

const op = (method: OperationSummary['method'], path: string, extra: Partial<OperationSummary> = {}): OperationSummary => ({
  method,
  path,
  operationId: null,
  summary: null,
  tags: [],
  ...extra,
});

describe('ID parameters', () => {
  it('lists path and query parameters of the operation', () => {
    const o = op('GET', '/tickets/{ticket_id}', {
      parameters: [
        { name: 'ticket_id', in: 'path', required: true, type: 'string', format: null, description: null },
        { name: 'expand', in: 'query', required: false, type: 'string', format: null, description: null },
        { name: 'x-trace', in: 'header', required: false, type: 'string', format: null, description: null },
      ],
    });
    expect(idParameters(o).map((p) => `${p.in}:${p.name}`)).toEqual(['path:ticket_id', 'query:expand']);
  });

  it('falls back to the path template when the summary has no parameter list', () => {
    expect(idParameters(op('PATCH', '/a/{accountId}/jobs/{jobId}')).map((p) => p.name)).toEqual(['accountId', 'jobId']);
  });
});

describe('choosing a candidate', () => {
  it('takes the suggested ID parameter, else the last path parameter', () => {
    const o = op('PUT', '/a/{accountId}/jobs/{jobId}');
    expect(refFromCandidate('update', { method: 'PUT', path: o.path, score: 1, idParam: null }, o).idParam).toBe('jobId');
    expect(refFromCandidate('update', { method: 'PUT', path: o.path, score: 1, idParam: 'accountId' }, o).idParam).toBe('accountId');
  });

  it('records the suggested record-ID path for create, empty for auto-detect', () => {
    const o = op('POST', '/jobs');
    expect(refFromCandidate('create', { method: 'POST', path: '/jobs', score: 1, recordIdPath: 'data.id' }, o)).toEqual({ method: 'POST', path: '/jobs', recordIdPath: 'data.id' });
    expect(refFromCandidate('create', { method: 'POST', path: '/jobs', score: 1 }, o).recordIdPath).toBe('');
  });

  it('prefers a multipart body for attachments and JSON for create when several are offered', () => {
    const o = op('POST', '/jobs/{id}/files', { requestContentTypes: ['application/octet-stream', 'multipart/form-data'] });
    expect(refFromCandidate('attachment', { method: 'POST', path: o.path, score: 1 }, o).contentType).toBe('multipart/form-data');
    const c = op('POST', '/jobs', { requestContentTypes: ['application/x-www-form-urlencoded', 'application/json'] });
    expect(refFromCandidate('create', { method: 'POST', path: c.path, score: 1 }, c).contentType).toBe('application/json');
  });
});

describe('readiness checklist', () => {
  const ops = [op('GET', '/meta'), op('GET', '/jobs/{id}'), op('POST', '/jobs'), op('PATCH', '/jobs/{id}')];

  it('is not ready while a required role is missing', () => {
    const items = readiness({ metadata: { method: 'GET', path: '/meta' }, fetch: { method: 'GET', path: '/jobs/{id}', idParam: 'id' } }, true, ops);
    expect(items.find((i) => i.id === 'role-create')).toMatchObject({ state: 'missing', detail: 'required' });
    expect(items.find((i) => i.id === 'role-update')).toMatchObject({ state: 'warn', detail: 'recommended' });
    expect(isReady(items)).toBe(false);
  });

  it('is ready with the three required roles and their ID parameter; Basic Auth absence is a warning', () => {
    const items = readiness(
      { metadata: { method: 'GET', path: '/meta' }, fetch: { method: 'GET', path: '/jobs/{id}', idParam: 'id' }, create: { method: 'POST', path: '/jobs' } },
      false,
      ops,
    );
    expect(isReady(items)).toBe(true);
    expect(items.find((i) => i.id === 'basic-auth')?.state).toBe('warn');
  });

  it('flags a fetch without a valid ID parameter and an endpoint missing from the spec', () => {
    const items = readiness(
      { metadata: { method: 'GET', path: '/gone' }, fetch: { method: 'GET', path: '/jobs/{id}', idParam: 'nope' }, create: { method: 'POST', path: '/jobs' } },
      true,
      ops,
    );
    expect(items.find((i) => i.id === 'role-metadata')).toMatchObject({ state: 'missing', detail: 'GET /gone is not in this spec' });
    expect(items.find((i) => i.id === 'id-fetch')?.state).toBe('missing');
    expect(isReady(items)).toBe(false);
  });
});

describe('suggestions on the real demo spec (spec engine through the dispatcher)', () => {
  let server: StudioServer;
  let home: string;
  let spec: OpenedSpec;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'renderer-endpoints-'));
    server = createStudioServer({ mode: 'browser', studioHome: home });
    const outcome = await server.dispatch('spec.open', { source: { kind: 'file', path: resolve('resources/demo/sandbox.openapi.yaml') } });
    if (!outcome.ok) throw new Error(outcome.error.message);
    spec = outcome.value as OpenedSpec;
  });

  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('pre-fills every role from the best candidate and is then ready', () => {
    const endpoints = suggestEndpoints(spec.roles, spec.operations);
    expect(endpoints.metadata).toMatchObject({ method: 'GET', path: '/jobs/metadata' });
    expect(endpoints.fetch).toMatchObject({ method: 'GET', path: '/jobs/{jobId}', idParam: 'jobId' });
    expect(endpoints.create).toMatchObject({ method: 'POST', path: '/jobs' });
    expect(endpoints.update?.idParam).toBe('jobId');
    const items = readiness(endpoints, spec.basicAuth, spec.operations);
    expect(items.filter((i) => i.state !== 'ok')).toEqual([]);
  });
});
