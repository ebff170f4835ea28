import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateCustom, type ScriptRef } from '../../shared/node/mapping/custom';
import { JsonnetHost } from '../../shared/node/mapping/jsonnet-client';

const sample = JSON.parse(readFileSync(join(process.cwd(), 'resources', 'demo', 'sample-workorder.json'), 'utf8')) as Record<string, unknown>;
let host: JsonnetHost;

beforeAll(async () => {
  host = new JsonnetHost();
  await host.warm();
});
afterAll(async () => {
  await host.close();
});

const scripts = (...texts: string[]): ScriptRef[] => texts.map((script, index) => ({ index, target: `t${index}`, script }));

async function evalOne(script: string, input: unknown = sample, timeLimitMs?: number) {
  const run = await evaluateCustom(host, scripts(script), [input], { timeLimitMs });
  return { outcome: run.outcomes[0]!.get(0)!, log: run.log, calls: run.engineCalls };
}

describe('$.util (all 14 functions)', () => {
  it('evaluates every function on the sample work order', async () => {
    const script = `
local u = $.util;
local ex = u.lookup_field($.input, 'pay.expenses.results', []);
{
  f1_lookup: u.lookup_field($.input, 'contacts.results[1].email', 'none'),
  f1_missing: u.lookup_field($.input, 'contacts.results[5].email', 'none'),
  f1_null_mid: u.lookup_field({ a: null }, 'a.b', 'dflt'),
  f1_raw: u.lookup_field({ 'a.b': 1, a: { b: 2 } }, 'a.b', 0, true),
  f1_quoted: u.lookup_field({ 'a.b': { c: 3 } }, '["a.b"].c', 0),
  f2_custom: u.lookup_custom_field('835', $.input, 'NO-PO'),
  f2_custom_num: u.lookup_custom_field(1001, $.input),
  f2_custom_missing: u.lookup_custom_field('999', $.input, 'NO-PO'),
  f2_wrapped: u.lookup_custom_field('912', { workorder: $.input }, ''),
  f3_array_map: [u.array_map([{ cmp: 'open', val: '1' }, { cmp: 'closed', val: '4' }], v, 'x') for v in ['closed', 'Closed', 1, 'open']],
  f3_typed: u.array_map([{ cmp: 1, val: 'one' }], '1', 'strict'),
  f4_range_map: [u.range_map([{ cmp: 4, val: 'L' }, { cmp: 0.5, val: 'XS' }, { cmp: 1, val: 'S' }], v, 'XL') for v in [0.3, 0.5, 1, 3.9, 4, 4.1, '2', 'abc', null]],
  f5_date: u.date_convert('2026-03-10 14:00:00', 'YYYY-MM-DD HH:mm:ss', 'DD.MM.YYYY HH:mm', 'UTC', 'Europe/Berlin'),
  f5_date_defaults: u.date_convert('2026-03-10 14:00:00', u.date_time_format_fn_utc(), 'HH:mm'),
  f6_format: u.date_time_format_fn_utc(),
  f7_add: u.date_add('2026-02-28 10:00:00', 'YYYY-MM-DD HH:mm:ss'),
  f7_add_default_format: u.date_add('2026-12-31 23:30:00'),
  f7_add_date_only: u.date_add('02/28/2028', 'MM/DD/YYYY'),
  f8_sum: u.array_sum([3, 4.5, 2, 'x', null]),
  f9_object_map_array: u.object_map_array(ex, { description: 'what', 'category.label': 'category', nope: 'gone' }),
  f10_values: u.results_values(ex, 'status'),
  f10_values_default: u.results_values([{ a: 1 }, {}], 'a', 'none'),
  f11_unique: u.results_values_unique([{ k: 'b' }, { k: 'a' }, { k: 'b' }, {}], 'k', 'z'),
  f12_group: u.results_group_by(ex, 'status', null),
  f12_group_filtered: std.objectFields(u.results_group_by(ex, 'category.label', u.is_expense_approved_fn)),
  f13_approved: [u.is_expense_approved_fn(e) for e in ex] + [u.is_expense_approved_fn({ status: 'Approved' }), u.is_expense_approved_fn({})],
  f14_sum_all: u.sum_expense_field(ex, 'amount'),
  f14_sum_approved: u.sum_expense_field(std.filter(u.is_expense_approved_fn, ex), 'amount'),
}`;
    const { outcome } = await evalOne(script);
    expect(outcome.ok).toBe(true);
    const v = (outcome as { value: Record<string, unknown> }).value;
    const { f12_group, ...rest } = v;
    expect(rest).toEqual({
      f1_lookup: 'it.desk@example.com',
      f1_missing: 'none',
      f1_null_mid: 'dflt',
      f1_raw: 1,
      f1_quoted: 3,
      f2_custom: 'PO-55810',
      f2_custom_num: 'SN-000123',
      f2_custom_missing: 'NO-PO',
      f2_wrapped: 'TCK-10042',
      f3_array_map: ['4', 'x', 'x', '1'],
      f3_typed: 'strict',
      f4_range_map: ['XS', 'XS', 'S', 'L', 'L', 'XL', 'L', 'XL', 'XL'],
      f5_date: '10.03.2026 15:00',
      f5_date_defaults: '14:00',
      f6_format: 'YYYY-MM-DD HH:mm:ss',
      f7_add: '2026-03-01 10:00:00',
      f7_add_default_format: '2027-01-01 23:30:00',
      f7_add_date_only: '02/29/2028',
      f8_sum: 9.5,
      f9_object_map_array: [
        { what: 'Parking garage', category: 'Parking', gone: null },
        { what: 'Mounting bracket', category: 'Materials', gone: null },
      ],
      f10_values: ['approved', 'pending'],
      f10_values_default: [1, 'none'],
      f11_unique: ['b', 'a', 'z'],
      f12_group_filtered: ['Parking'],
      f13_approved: [true, false, true, false],
      f14_sum_all: 36.5,
      f14_sum_approved: 24.5,
    });
    expect(Object.keys(f12_group as object)).toEqual(['approved', 'pending']);
    expect((f12_group as Record<string, { id: number }[]>).pending!.map((e) => e.id)).toEqual([8102]);
  });
});

describe('errors are reported relative to the script', () => {
  it('syntax error: line and column inside the script, wherever it sits in the combined program', async () => {
    const bad = "local a = 1;\nlocal b = 2\na + b\n";
    const alone = await evalOne(bad);
    const run = await evaluateCustom(host, scripts("'first'", "local x = 1;\n\nx", bad), [sample]);
    const combined = run.outcomes[0]!.get(2)!;
    expect(alone.outcome).toMatchObject({ ok: false, line: 3, column: 1 });
    expect((alone.outcome as { message: string }).message).toMatch(/^STATIC ERROR: /);
    expect(combined).toEqual(alone.outcome);
    // the other scripts of the set still produce their values
    expect(run.outcomes[0]!.get(0)).toEqual({ ok: true, value: 'first' });
    expect(run.outcomes[0]!.get(1)).toEqual({ ok: true, value: 1 });
  });

  it('an unclosed bracket points at the end of the script', async () => {
    const { outcome } = await evalOne('{\n  a: [1, 2,\n');
    expect(outcome).toMatchObject({ ok: false });
    expect((outcome as { line?: number }).line).toBeGreaterThanOrEqual(2);
  });

  it('runtime error: type error on line 3', async () => {
    const run = await evaluateCustom(host, scripts('1 + 1', 'local x = 1;\nlocal y = true;\nx + y'), [sample]);
    expect(run.outcomes[0]!.get(0)).toEqual({ ok: true, value: 2 });
    const o = run.outcomes[0]!.get(1)!;
    expect(o).toMatchObject({ ok: false, line: 3, column: 1 });
    expect((o as { message: string }).message).toMatch(/RUNTIME ERROR: .*matching types/);
  });

  it('a missing field ("null pointer") and an explicit error', async () => {
    expect((await evalOne('\n  $.input.nope.deeper')).outcome).toMatchObject({ ok: false, line: 2, column: 3, message: expect.stringMatching(/field does not exist: nope/) as unknown as string });
    expect((await evalOne("local f(x) =\n  if x > 1 then error 'too big: ' + x else x;\nf(5)")).outcome).toMatchObject({
      ok: false,
      line: 2,
      message: 'RUNTIME ERROR: too big: 5',
    });
  });

  it('an error inside $.util points at the call in the script', async () => {
    const { outcome } = await evalOne("local d = 'not a date';\n$.util.date_convert(d, 'YYYY-MM-DD', 'X')");
    expect(outcome).toMatchObject({ ok: false, line: 2, column: 1 });
    expect((outcome as { message: string }).message).toMatch(/"not a date" does not match the input format "YYYY-MM-DD"/);
    expect((outcome as { message: string }).message).not.toContain(process.cwd());
  });

  it('in a batch, only the record that fails loses the field', async () => {
    const records = Array.from({ length: 40 }, (_, i) => ({ n: i === 17 ? 'seventeen' : i }));
    const run = await evaluateCustom(host, scripts('$.input.n * 2', "'ok'"), records);
    expect(run.outcomes.map((o) => o.get(1))).toEqual(records.map(() => ({ ok: true, value: 'ok' })));
    const failing = run.outcomes.flatMap((o, i) => (o.get(0)!.ok ? [] : [i]));
    expect(failing).toEqual([17]);
    expect(run.outcomes[3]!.get(0)).toEqual({ ok: true, value: 6 });
  });
});

describe('runaway scripts and crashes', () => {
  it('infinite recursion stops with an error, and the next evaluation works', async () => {
    const { outcome } = await evalOne('local f(x) = f(x + 1) + 1;\nf(0)');
    expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(/max stack frames exceeded/) as unknown as string, line: 1 });
    expect((await evalOne('40 + 2')).outcome).toEqual({ ok: true, value: 42 });
  });

  it('a long loop is stopped within its limit, the other scripts keep their values, and the next evaluation works', async () => {
    const starts = host.starts;
    const t0 = Date.now();
    const run = await evaluateCustom(
      host,
      scripts("'quick'", 'std.foldl(function(a, b) a + b, std.range(1, 300000000), 0)'),
      [sample],
      { timeLimitMs: 1500 },
    );
    const took = Date.now() - t0;
    expect(run.outcomes[0]!.get(0)).toEqual({ ok: true, value: 'quick' });
    expect(run.outcomes[0]!.get(1)).toMatchObject({ ok: false, message: expect.stringMatching(/did not finish within the 1500 ms time limit/) as unknown as string });
    // one limit for the combined program, one for the isolation round, plus restarts
    expect(took).toBeLessThan(1500 * 2 + 8000);
    expect(host.starts).toBeGreaterThan(starts);
    const t1 = Date.now();
    expect((await evalOne("'alive'")).outcome).toEqual({ ok: true, value: 'alive' });
    expect(Date.now() - t1).toBeLessThan(6000);
  }, 30_000);

  it('a script that makes the engine abort its process is reported, and the host comes back', async () => {
    const { outcome } = await evalOne("std.parseYaml('1\\n---')");
    expect(outcome).toMatchObject({ ok: false });
    expect((outcome as { message: string }).message).toMatch(/crashed|RUNTIME ERROR/);
    expect((await evalOne("'back'")).outcome).toEqual({ ok: true, value: 'back' });
  }, 30_000);
});

describe('std.trace', () => {
  it('is captured into the log with the target and the script line', async () => {
    const run = await evaluateCustom(host, [{ index: 4, target: 'notes', script: "local v = 7;\nstd.trace('seven is ' + v, v)" }], [{}, {}]);
    expect(run.outcomes.map((o) => o.get(4))).toEqual([{ ok: true, value: 7 }, { ok: true, value: 7 }]);
    expect(run.log).toEqual(['notes:2: seven is 7', 'notes:2: seven is 7']);
  });

  it('many trace lines in one evaluation all arrive', async () => {
    const records = Array.from({ length: 300 }, (_, i) => ({ i }));
    const run = await evaluateCustom(host, scripts("std.trace('r' + $.input.i, $.input.i)"), records, { batchSize: 300 });
    expect(run.log).toHaveLength(300);
    expect(run.log[299]).toBe('t0:1: r299');
  });
});

describe('performance design', () => {
  it('a batch where one record fails still gives every other record its values (concurrent jobs)', async () => {
    const records = Array.from({ length: 120 }, (_, i) => ({ n: i === 100 ? 'x' : i }));
    const run = await evaluateCustom(host, scripts('$.input.n * 2'), records, { batchSize: 120, parallel: 2 });
    expect(run.outcomes.flatMap((o, i) => (o.get(0)!.ok ? [] : [i]))).toEqual([100]);
    expect(run.outcomes[119]!.get(0)).toEqual({ ok: true, value: 238 });
  });

  it('all scripts of a set and a batch of records go through in one engine call', async () => {
    const records = Array.from({ length: 200 }, (_, i) => ({ id: i, pay: { amount: i / 2 } }));
    const run = await evaluateCustom(host, scripts("'FN-' + $.input.id", "$.util.lookup_field($.input, 'pay.amount', 0) * 2", '$.input.id % 7'), records, { batchSize: 200 });
    expect(run.engineCalls).toBe(1);
    expect(run.outcomes[150]!.get(0)).toEqual({ ok: true, value: 'FN-150' });
    expect(run.outcomes[150]!.get(1)).toEqual({ ok: true, value: 150 });
    expect(run.outcomes[150]!.get(2)).toEqual({ ok: true, value: 3 });
  });
});

describe('imports', () => {
  it('a script reading a local file is refused before evaluation; the others still run', async () => {
    const run = await evaluateCustom(host, scripts("'fine'", "local x = 1;\nimportstr '/etc/hostname'"), [{}]);
    expect(run.outcomes[0]!.get(0)).toEqual({ ok: true, value: 'fine' });
    expect(run.outcomes[0]!.get(1)).toMatchObject({ ok: false, line: 2, column: 1, message: expect.stringMatching(/only 'util.libsonnet' may be imported/) as unknown as string });
  });
});
