import { describe, expect, it } from 'vitest';
import { fillFixedParams, sendOperation, urlWithId, urlWithoutId } from '../../shared/node/sandbox/service';
import type { EndpointRef } from '../../shared/common/project/model';
import { demoProject, json, scriptedServer } from './helpers';

const TICKET: EndpointRef = {
  method: 'GET',
  path: '/collections/{collection_id}/tickets/{ticket_id}',
  idParam: 'ticket_id',
  params: { collection_id: 'sup port' },
};

describe('endpoints with more than one path parameter', () => {
  it('fills the fixed parameters, leaves the ID one to the record ID, and sends the rest as query', () => {
    expect(urlWithId('https://h.example/v1', TICKET, 'fetch', 'T/1', null)).toBe('https://h.example/v1/collections/sup%20port/tickets/T%2F1');
    const withQuery: EndpointRef = { ...TICKET, params: { collection_id: 'c1', fields: 'id,title' } };
    expect(urlWithId('https://h.example', withQuery, 'fetch', '9', null)).toBe('https://h.example/collections/c1/tickets/9?fields=id%2Ctitle');
    // a value stored under the ID parameter never overrides the record ID
    expect(urlWithId('https://h.example', { ...TICKET, params: { collection_id: 'c1', ticket_id: 'stale' } }, 'fetch', '9', null)).toBe('https://h.example/collections/c1/tickets/9');
    expect(fillFixedParams({ ...TICKET, params: { collection_id: '' } }, 'ticket_id').path).toBe(TICKET.path);
  });

  it('names the unfilled parameter and where to set it', () => {
    expect(() => urlWithId('https://h.example', { ...TICKET, params: undefined }, 'fetch', '9', null)).toThrow(
      /\{collection_id\} that cannot be filled; set their values in endpoints\.fetch\.params/,
    );
    expect(() => urlWithId('https://h.example', { ...TICKET, params: { collection_id: '' } }, 'update', '9', null)).toThrow(/endpoints\.update\.params/);
    expect(() => urlWithoutId('https://h.example', { method: 'POST', path: '/collections/{collection_id}/tickets' }, 'create')).toThrow(/\{collection_id\}.*endpoints\.create\.params/);
  });

  it('create and fetch reach the two-parameter paths on a real server', async () => {
    const s = await scriptedServer((req, res) => (req.method === 'POST' ? json(res, 201, { data: { id: 'T-5' } }) : json(res, 200, { data: { id: 'T-5' } })));
    try {
      const p = demoProject(s.url);
      p.endpoints.create = { method: 'POST', path: '/collections/{collection_id}/tickets', recordIdPath: 'data.id', params: { collection_id: 'support' } };
      p.endpoints.fetch = { ...TICKET, params: { collection_id: 'support' } };
      const t = { project: p, projectPath: null, env: 'sandbox' };
      const created = await sendOperation(t, { operation: 'create', input: { title: 'Broken printer' } }, { passwordOverride: 'x-Pass-1' });
      expect(created.recordId).toBe('T-5');
      const fetched = await sendOperation(t, { operation: 'fetch', id: 'T-5' }, { passwordOverride: 'x-Pass-1' });
      expect(fetched.ok).toBe(true);
      expect(s.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['POST /collections/support/tickets', 'GET /collections/support/tickets/T-5']);
    } finally {
      await s.close();
    }
  });
});
