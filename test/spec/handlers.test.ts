/**
 * The spec.* handlers over real worker threads: open answers before lint, events flow,
 * a newer open of the same source cancels the older one, cancel and close stop workers.
 */
import { describe, expect, it } from 'vitest';
import type { EventMap, EventName } from '../../shared/common/api/contract';
import type { ServerContext } from '../../shared/node/api/context';
import { createSpecHandlers, getOpenedSpec } from '../../shared/node/api/handlers-spec';
import { casePath } from './helpers';

function fakeContext() {
  const events: { event: EventName; payload: unknown }[] = [];
  const closers: (() => unknown)[] = [];
  const ctx: ServerContext = {
    mode: 'cli',
    studioHome: '/nonexistent',
    appVersion: 'test',
    emit: <E extends EventName>(event: E, payload: EventMap[E]) => {
      events.push({ event, payload });
    },
    onClose: (fn) => {
      closers.push(fn);
    },
  };
  return { ctx, events, close: async () => { for (const c of closers) await c(); } };
}

describe('spec handlers', { timeout: 120_000 }, () => {
  it('opens, lists operations before lint, then lints with events', async () => {
    const { ctx, events, close } = fakeContext();
    const h = createSpecHandlers(ctx);
    const opened = await h['spec.open']({ source: { kind: 'file', path: casePath('18-readonly-writeonly.yaml') } });
    expect(opened.operations.map((o) => `${o.method} ${o.path}`)).toEqual(['POST /accounts']);
    expect(opened).toMatchObject({ format: 'openapi-3.0', name: '18-readonly-writeonly.yaml', sourceFormat: 'yaml', diagnostics: [] });
    expect(opened.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(opened.serverDetails[0]?.url).toBe('https://api.example.test');
    expect(opened.roles.create[0]?.path).toBe('/accounts');
    expect(getOpenedSpec(ctx, opened.specId)).not.toBeNull();
    // Lint had not finished when open answered (it runs in the same worker afterwards).
    const lintedBefore = events.some((e) => e.event === 'spec.linted');
    const lint = await h['spec.lint']({ specId: opened.specId });
    expect(lint.specId).toBe(opened.specId);
    expect(lint.summary.warnings).toBeGreaterThan(0);
    const linted = events.filter((e) => e.event === 'spec.linted');
    expect(linted.length).toBeGreaterThanOrEqual(1);
    expect(lintedBefore).toBe(false);
    const phases = events.filter((e) => e.event === 'spec.progress').map((e) => (e.payload as { phase: string }).phase);
    expect(phases).toEqual(expect.arrayContaining(['read', 'parse', 'operations', 'lint', 'done']));
    const fields = await h['spec.fields']({ specId: opened.specId, operation: 'POST /accounts', part: 'response' });
    expect(fields.fields.map((f) => f.path)).toContain('createdAt');
    const src = await h['spec.source']({ specId: opened.specId });
    expect(src.language).toBe('yaml');
    expect(src.text).toContain('Case 18');
    await expect(h['spec.fields']({ specId: 'nope', operation: 'GET /x' })).rejects.toMatchObject({ code: 'not-found' });
    await expect(h['spec.fields']({ specId: opened.specId, operation: 'GET /missing' })).rejects.toMatchObject({ code: 'not-found' });
    await close();
  });

  it('a newer open of the same source cancels the older; cancel stops a running lint', async () => {
    const { ctx, events, close } = fakeContext();
    const h = createSpecHandlers(ctx);
    const source = { kind: 'file' as const, path: casePath('19-allof-request-body.yaml') };
    const first = h['spec.open']({ source });
    const second = h['spec.open']({ source });
    await expect(first).rejects.toMatchObject({ code: 'cancelled' });
    const opened = await second;
    expect(opened.operations).toHaveLength(1);
    expect(events.some((e) => e.event === 'spec.progress' && (e.payload as { phase: string }).phase === 'cancelled')).toBe(true);
    const c = await h['spec.cancel']({ specId: opened.specId });
    expect(c.cancelled).toBe(true);
    expect((await h['spec.cancel']({ specId: opened.specId })).cancelled).toBe(false);
    // The spec itself stays usable after its lint was cancelled.
    expect((await h['spec.fields']({ specId: opened.specId, operation: 'POST /assets' })).fields).toHaveLength(6);
    await close();
  });

  it('reports unusable input as a typed error with a position', async () => {
    const { ctx, close } = fakeContext();
    const h = createSpecHandlers(ctx);
    await expect(
      h['spec.open']({ source: { kind: 'text', text: 'openapi: 3.0.0\ninfo: [\n', name: 'broken.yaml' } }),
    ).rejects.toMatchObject({ code: 'unparseable', line: expect.any(Number) });
    await expect(h['spec.open']({ source: { kind: 'text', text: '{"hello": 1}', name: 'x.json' } })).rejects.toMatchObject({ code: 'not-openapi' });
    await close();
  });
});
