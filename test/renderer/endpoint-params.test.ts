import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedSpec } from '../../shared/common/api/calls-spec';
import type { EndpointRef } from '../../shared/common/project/model';
import type { OperationSummary } from '../../shared/common/spec/model';
import { createStudioServer, type StudioServer } from '../../shared/node/api/server';
import {
  extraPathParams,
  isReady,
  PREFILL_MIN_SCORE,
  readiness,
  refFromCandidate,
  suggestEndpoints,
  unfilledPathParams,
  withParam,
} from '../../renderer/src/lib/endpoints';

const op = (method: OperationSummary['method'], path: string): OperationSummary => ({ method, path, operationId: null, summary: null, tags: [] });
const C = '/collections/{collection_id}/tickets';
const ops = [op('GET', '/meta'), op('GET', `${C}/{ticket_id}`), op('POST', C), op('PATCH', `${C}/{ticket_id}`)];

describe('extra path parameters', () => {
  it('are the path parameters other than the record ID; every one for roles without an ID', () => {
    expect(extraPathParams('fetch', { path: `${C}/{ticket_id}`, idParam: 'ticket_id' })).toEqual(['collection_id']);
    expect(extraPathParams('create', { path: C })).toEqual(['collection_id']);
    expect(extraPathParams('fetch', { path: '/tickets/{id}', idParam: 'id' })).toEqual([]);
    expect(unfilledPathParams('create', { method: 'POST', path: C, params: { collection_id: '  ' } })).toEqual(['collection_id']);
  });

  it('withParam sets and clears a value, dropping an empty params object', () => {
    const ref: EndpointRef = { method: 'POST', path: C };
    const set = withParam(ref, 'collection_id', 'support');
    expect(set.params).toEqual({ collection_id: 'support' });
    expect(ref.params).toBeUndefined();
    expect('params' in withParam(set, 'collection_id', '')).toBe(false);
  });

  it('choosing another operation keeps values of parameters it shares with the previous choice', () => {
    const prev: EndpointRef = { method: 'GET', path: `${C}/{ticket_id}`, idParam: 'ticket_id', params: { collection_id: 'support', stale: 'x' } };
    const next = refFromCandidate('fetch', { method: 'GET', path: `${C}/{ticket_id}/comments/{id}`, score: 1, idParam: 'id' }, null, prev);
    expect(next).toEqual({ method: 'GET', path: `${C}/{ticket_id}/comments/{id}`, idParam: 'id', params: { collection_id: 'support' } });
  });
});

describe('readiness with a two-parameter path', () => {
  const base = (params?: Record<string, string>) => ({
    metadata: { method: 'GET' as const, path: '/meta' },
    fetch: { method: 'GET' as const, path: `${C}/{ticket_id}`, idParam: 'ticket_id', ...(params ? { params } : {}) },
    create: { method: 'POST' as const, path: C, ...(params ? { params } : {}) },
  });

  it('is not ready while collection_id has no value, and says which parameter', () => {
    const items = readiness(base(), true, ops);
    expect(items.find((i) => i.id === 'params-fetch')).toMatchObject({ state: 'missing', detail: 'set a value for {collection_id}' });
    expect(items.find((i) => i.id === 'params-create')?.state).toBe('missing');
    expect(items.find((i) => i.id === 'id-fetch')?.state).toBe('ok');
    expect(isReady(items)).toBe(false);
    // without an ID parameter only the ID item is flagged (not every path parameter)
    const noId = readiness({ ...base({ collection_id: 'support' }), fetch: { method: 'GET', path: `${C}/{ticket_id}` } }, true, ops);
    expect(noId.find((i) => i.id === 'id-fetch')?.state).toBe('missing');
    expect(noId.find((i) => i.id === 'params-fetch')).toBeUndefined();
  });

  it('is ready once it has one; an optional role with an unfilled parameter only warns', () => {
    const endpoints = { ...base({ collection_id: 'support' }), update: { method: 'PATCH' as const, path: `${C}/{ticket_id}`, idParam: 'ticket_id' } };
    const items = readiness(endpoints, true, ops);
    expect(items.find((i) => i.id === 'params-fetch')).toMatchObject({ state: 'ok', detail: 'collection_id=support' });
    expect(items.find((i) => i.id === 'params-update')?.state).toBe('warn');
    expect(isReady(items)).toBe(true);
  });
});

describe('pre-fill on the apideck spec (spec engine through the dispatcher)', () => {
  let server: StudioServer;
  let home: string;
  let spec: OpenedSpec;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), 'renderer-endpoint-params-'));
    server = createStudioServer({ mode: 'browser', studioHome: home });
    const file = resolve('..', 'shared', 'corpus', 'real', 'apideck-issue-tracking.yaml');
    const outcome = await server.dispatch('spec.open', { source: { kind: 'file', path: file } });
    if (!outcome.ok) throw new Error(outcome.error.message);
    spec = outcome.value as OpenedSpec;
  });

  afterAll(async () => {
    await server.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('picks the ticket item for fetch, leaves metadata and attachment empty, and is not ready until collection_id is set', () => {
    expect(spec.roles.metadata.length).toBeGreaterThan(0);
    expect(spec.roles.metadata[0]!.score).toBeLessThan(PREFILL_MIN_SCORE);
    const endpoints = suggestEndpoints(spec.roles, spec.operations);
    expect(endpoints.metadata).toBeUndefined();
    expect(endpoints.attachment).toBeUndefined();
    const tickets = '/issue-tracking/collections/{collection_id}/tickets';
    expect(endpoints.fetch).toEqual({ method: 'GET', path: `${tickets}/{ticket_id}`, idParam: 'ticket_id' });
    expect(endpoints.create).toMatchObject({ method: 'POST', path: tickets });
    const items = readiness(endpoints, spec.basicAuth, spec.operations);
    expect(items.find((i) => i.id === 'role-metadata')?.state).toBe('missing');
    expect(items.find((i) => i.id === 'params-fetch')?.state).toBe('missing');

    const m = spec.roles.metadata[0]!;
    const filled = {
      ...endpoints,
      metadata: refFromCandidate('metadata', m, null),
      fetch: withParam(endpoints.fetch!, 'collection_id', 'support'),
      create: withParam(endpoints.create!, 'collection_id', 'support'),
      update: withParam(endpoints.update!, 'collection_id', 'support'),
    };
    expect(isReady(readiness(filled, spec.basicAuth, spec.operations))).toBe(true);
  });
});
