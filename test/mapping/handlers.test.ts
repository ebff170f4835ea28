import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ServerContext } from '../../shared/node/api/context';
import { createMappingHandlers } from '../../shared/node/api/handlers-mapping';

const closers: (() => Promise<void> | void)[] = [];
const ctx: ServerContext = {
  mode: 'cli',
  studioHome: '/nonexistent',
  appVersion: 'test',
  emit: () => undefined,
  onClose: (fn) => closers.push(fn),
};
const h = createMappingHandlers(ctx);
afterAll(async () => {
  for (const c of closers) await c();
});

const demoPath = join(process.cwd(), 'resources', 'demo', 'demo.connector.json');
const project = JSON.parse(readFileSync(demoPath, 'utf8')) as Record<string, unknown>;

describe('mapping.* handlers', () => {
  it('mapping.run maps, validates and traces', async () => {
    const input = await h['mapping.sampleWorkOrder']({});
    const r = await h['mapping.run']({ project, projectPath: demoPath, direction: 'outbound', input });
    expect(r.errors).toEqual([]);
    expect(r.validation).toEqual([]);
    expect(r.output).toMatchObject({ external_ref: 'FN-5550001', budget: 180 });
    expect(r.trace).toHaveLength((project.mappings as { outbound: unknown[] }).outbound.length);
    expect(r.log).toEqual([]);
    expect(r.durationMs).toBeGreaterThan(0);
  });

  it('mapping.run refuses a malformed project, naming the key', async () => {
    const bad = { ...project, mappings: { outbound: [{ target: 'x', action: 'copy' }], inbound: [] } };
    await expect(h['mapping.run']({ project: bad, projectPath: demoPath, direction: 'outbound', input: {} })).rejects.toMatchObject({
      code: 'bad-input',
      message: expect.stringMatching(/mappings\.outbound\[0\]\.action must be one of/) as unknown as string,
    });
  });

  it('mapping.checkScript gives diagnostics with line and column, or the value and trace log', async () => {
    const bad = await h['mapping.checkScript']({ script: "local a = 1;\n\na +\n", input: {} });
    expect(bad.diagnostics).toHaveLength(1);
    expect(bad.diagnostics[0]).toMatchObject({ severity: 'error', line: 4 });
    const good = await h['mapping.checkScript']({ script: "std.trace('hi', $.util.lookup_field($.input, 'a.b', 0) + 1)", input: { a: { b: 41 } } });
    expect(good).toEqual({ diagnostics: [], value: 42, log: ['line 1: hi'] });
  });

  it('mapping.fields lists source and target fields', async () => {
    const out = await h['mapping.fields']({ project, projectPath: demoPath, direction: 'outbound' });
    expect(out.targetSource).toBe('spec');
    expect(out.target.map((f) => f.path)).toEqual(expect.arrayContaining(['title', 'site.address.city', 'line_items[].sku']));
    expect(out.source.map((f) => f.path)).toEqual(expect.arrayContaining(['title', 'pay.expenses.results[].amount']));
  });
});
