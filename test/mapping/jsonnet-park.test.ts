import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mapping } from '../../shared/common/project/model';
import { buildProgram, customScripts, evaluateCustom, type ScriptRef } from '../../shared/node/mapping/custom';
import { JsonnetHost } from '../../shared/node/mapping/jsonnet-client';

// Parked evaluations (jsonnet-host.ts): the host starts the next evaluation of a program ahead
// of time and hands it the records when they come. The results must be those of a fresh one.
let host: JsonnetHost;
beforeAll(async () => {
  host = new JsonnetHost();
  await host.warm();
});
afterAll(async () => {
  await host.close();
});

const scripts = (...texts: string[]): ScriptRef[] => texts.map((script, index) => ({ index, target: `t${index}`, script }));

async function twice(layoutScripts: ScriptRef[], records: unknown[]) {
  const layout = buildProgram(layoutScripts);
  const job = { program: layout.text, filename: layout.filename, ext: { records: JSON.stringify(records) }, park: layout.parkText };
  const first = await host.run([job]);
  const second = await host.run([job]);
  return { first, second };
}

describe('parked evaluations', () => {
  it('the second run of a program is served by the parked evaluation, with the same values', async () => {
    const { first, second } = await twice(scripts("'FN-' + $.input.id", "$.util.lookup_field($.input, 'a.b', 'none')"), [{ id: 1, a: { b: 2 } }, { id: 2 }]);
    expect(first.kind).toBe('done');
    expect(first.results[0]).toMatchObject({ ok: true });
    expect(first.results[0]!.parked).toBeUndefined();
    expect(second.results[0]).toMatchObject({ ok: true, parked: true });
    const values = JSON.parse((second.results[0] as { json: string }).json) as unknown;
    expect(values).toEqual([{ s0: 'FN-1', s1: 2 }, { s0: 'FN-2', s1: 'none' }]);
    expect(values).toEqual(JSON.parse((first.results[0] as { json: string }).json));
  });

  it('a parked evaluation reports the same runtime error, position and trace lines', async () => {
    const { first, second } = await twice(scripts('1', "std.trace('seen ' + $.input.id, null)", "local x = $.input.id;\nif x > 1 then error 'too big: ' + x else x"), [{ id: 1 }, { id: 2 }]);
    expect(second.results[0]).toMatchObject({ ok: false, parked: true });
    expect(first.results[0]).toMatchObject({ ok: false });
    expect((second.results[0] as { message: string }).message).toBe((first.results[0] as { message: string }).message);
    expect((second.results[0] as { message: string }).message).toMatch(/too big: 2/);
    expect(second.trace.length).toBeGreaterThan(0);
    expect(second.trace).toEqual(first.trace);
  });

  it('through evaluateCustom: repeated previews give identical outcomes, errors located in the script', async () => {
    const S = scripts("$.util.lookup_field($.input, 'n', 0) * 2", "local v = $.input.n;\nv + true");
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await evaluateCustom(host, S, [{ n: 4 }]));
    for (const run of runs) {
      expect(run.outcomes[0]!.get(0)).toEqual({ ok: true, value: 8 });
      expect(run.outcomes[0]!.get(1)).toMatchObject({ ok: false, line: 2, column: 1 });
    }
    expect(runs[2]!.outcomes[0]!.get(1)).toEqual(runs[0]!.outcomes[0]!.get(1));
  });

  it('a different program is evaluated afresh, not by a parked one', async () => {
    await twice(scripts('1'), [{}]);
    const other = buildProgram(scripts('2'));
    const out = await host.run([{ program: other.text, filename: other.filename, ext: { records: '[{}]' }, park: other.parkText }]);
    expect(out.results[0]).toMatchObject({ ok: true, json: expect.stringContaining('2') as unknown as string });
    expect(out.results[0]!.parked).toBeUndefined();
  });

  it('adding a built-in mapping before the custom ones leaves the program the same, and values still go to the right mapping', async () => {
    const custom = (id: string, script: string): Mapping => ({ id, target: id, action: 'custom', script }) as Mapping;
    const before = [custom('a', "'A' + $.input.x"), custom('b', '$.input.x * 2')];
    const after = [{ id: 'title', source: 'title', target: 'title', action: 'sync' } as Mapping, ...before];
    expect(buildProgram(customScripts(after)).text).toBe(buildProgram(customScripts(before)).text);
    const run = await evaluateCustom(host, customScripts(after), [{ x: 3 }]);
    expect(run.outcomes[0]!.get(1)).toEqual({ ok: true, value: 'A3' });
    expect(run.outcomes[0]!.get(2)).toEqual({ ok: true, value: 6 });
    expect(run.outcomes[0]!.get(0)).toBeUndefined();
  });
});
