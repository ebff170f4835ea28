import { describe, expect, it } from 'vitest';
import { buildBundlePayload } from '../../shared/common/bundle/format';
import type { Project } from '../../shared/common/project/model';

const project = (params?: Record<string, string>): Project => ({
  schemaVersion: 1,
  name: 'Tickets',
  spec: { path: 'specs/apideck.yaml', sha256: '' },
  endpoints: {
    fetch: { method: 'GET', path: '/collections/{collection_id}/tickets/{ticket_id}', idParam: 'ticket_id', ...(params ? { params } : {}) },
  },
  environments: {},
  mappings: { outbound: [], inbound: [] },
});

const build = (p: Project) =>
  buildBundlePayload({
    project: p,
    specSha256: 'a'.repeat(64),
    operations: [
      {
        method: 'GET',
        path: '/collections/{collection_id}/tickets/{ticket_id}',
        operationId: null,
        summary: null,
        tags: [],
        parameters: [
          { name: 'collection_id', in: 'path', required: true, type: 'string', format: null, description: null },
          { name: 'ticket_id', in: 'path', required: true, type: 'string', format: null, description: null },
        ],
      },
    ],
    utilLibsonnetSha256: 'b'.repeat(64),
    appVersion: '0.0.0',
    author: 'tester',
    createdAt: '2026-12-03T00:00:00.000Z',
    credentialRefs: {},
  });

describe('bundle endpoints with fixed parameter values', () => {
  it('carries params next to the parameter list', () => {
    const ep = build(project({ collection_id: 'support' })).endpoints.fetch!;
    expect(ep.parameters.map((p) => p.name)).toEqual(['collection_id', 'ticket_id']);
    expect(ep.params).toEqual({ collection_id: 'support' });
  });

  it('leaves the key out when the project sets none (payloads of existing projects do not change)', () => {
    expect('params' in build(project()).endpoints.fetch!).toBe(false);
    expect('params' in build(project({})).endpoints.fetch!).toBe(false);
  });
});
