import { describe, expect, it } from 'vitest';
import type { Mapping } from '../../shared/common/project/model';
import type { Field } from '../../shared/common/spec/model';
import { inputPathsOf, projectRecord } from '../../shared/common/mapping/input-paths';
import { compileSchema, staticTypeMismatches, unmappedRequired, validatePayload } from '../../shared/node/mapping/validate';

const f = (path: string, type: string, extra: Partial<Field> = {}): Field => ({
  path, type, required: false, nullable: false, enum: null, format: null, readOnly: false, writeOnly: false, description: null, cycle: null, ...extra,
});

describe('unmapped required targets', () => {
  const fields = [
    f('title', 'string', { required: true }),
    f('id', 'string', { required: true, readOnly: true }),
    f('site', 'object'),
    f('site.address', 'object'),
    f('site.address.line1', 'string', { required: true }),
    f('site.address.city', 'string', { required: true }),
    f('owner', 'object', { required: true }),
    f('owner.email', 'string', { required: true }),
    f('lines', 'array'),
    f('lines[]', 'object'),
    f('lines[].sku', 'string', { required: true }),
  ];
  const m = (target: string): Mapping => ({ target, action: 'set_static', value: 'x' });

  it('top-level and required-chain fields count; nested ones only when their parent is mapped into', () => {
    expect(unmappedRequired(fields, [])).toEqual(['title', 'owner', 'owner.email']);
    expect(unmappedRequired(fields, [m('title'), m('owner.email'), m('site.address.city')])).toEqual(['site.address.line1']);
    expect(unmappedRequired(fields, [m('title'), m('owner'), m('lines[0].qty')])).toEqual(['lines[].sku']);
    expect(unmappedRequired(fields, [m('title'), m('owner'), m('lines[0].sku')])).toEqual([]);
  });

  it('a mapping that writes a whole object covers its required children', () => {
    expect(unmappedRequired(fields, [m('title'), m('owner'), m('site.address')])).toEqual([]);
  });
});

describe('static type mismatches', () => {
  const targets = [
    f('priority', 'string', { enum: ['low', 'normal', 'high'] }),
    f('count', 'integer'),
    f('amount', 'number'),
    f('when', 'string'),
    f('flag', 'boolean|null', { nullable: true }),
  ];
  const sources = [f('pay.units', 'number'), f('title', 'string')];

  it('finds values that cannot fit, without running anything', () => {
    const mappings: Mapping[] = [
      { source: 'p', target: 'priority', action: 'array_map', mappings: [{ compare: '1', value: 'low' }, { compare: '2', value: 3 }], default: 'Normal' },
      { target: 'count', action: 'set_static', value: '5' },
      { source: 'pay.units', target: 'amount', action: 'sync' },
      { source: 'title', target: 'count', action: 'sync' },
      { source: 'd', target: 'amount', action: 'date_convert', input_format: 'X', output_format: 'YYYY' },
      { source: 'd', target: 'count', action: 'date_convert', input_format: 'X', output_format: 'X' },
      { target: 'when', action: 'concat', parts: [] },
      { target: 'flag', action: 'set_static', value: null },
      { source: 'h', target: 'priority', action: 'range_map', ranges: [{ compare: 1, value: 'low' }], default: 'high' },
      { target: 'amount', action: 'custom', script: "'not checked'" },
    ];
    expect(staticTypeMismatches(mappings, targets, sources)).toEqual([
      { target: 'priority', mappingIndex: 0, message: '3 is a number, but priority is string' },
      { target: 'priority', mappingIndex: 0, message: '"Normal" is not one of the allowed values of priority: "low", "normal", "high"' },
      { target: 'count', mappingIndex: 1, message: '"5" is a string, but count is integer' },
      { target: 'count', mappingIndex: 3, message: 'sync produces a string, but count is integer' },
      { target: 'amount', mappingIndex: 4, message: 'date_convert produces a string, but amount is number' },
    ]);
  });
});

describe('payload validation', () => {
  it('reports paths for draft-04 (OpenAPI 3.0) schemas, with boolean exclusive bounds', () => {
    const v = compileSchema(
      {
        type: 'object',
        required: ['a'],
        additionalProperties: false,
        properties: { a: { type: 'number', minimum: 0, exclusiveMinimum: true }, b: { type: 'array', items: { type: 'string', format: 'email' } } },
      },
      'draft-04',
    );
    expect(validatePayload(v, { a: 1, b: ['x@example.com'] })).toEqual([]);
    expect(validatePayload(v, { a: 0, b: ['x@example.com', 'nope'], c: 1 })).toEqual([
      { path: 'c', message: 'is not allowed here (additionalProperties: false)' },
      { path: 'a', message: 'must be > 0' },
      { path: 'b[1]', message: 'must match format "email"' },
    ]);
    expect(validatePayload(v, {})).toEqual([{ path: 'a', message: 'is required' }]);
  });

  it('2020-12 (OpenAPI 3.1) schemas', () => {
    const v = compileSchema({ type: 'object', properties: { t: { type: ['string', 'null'] }, p: { prefixItems: [{ type: 'integer' }] } } }, '2020-12');
    expect(validatePayload(v, { t: null, p: [1] })).toEqual([]);
    expect(validatePayload(v, { t: 3, p: ['x'] }).map((i) => i.path)).toEqual(['t', 'p[0]']);
  });
});

describe('input projection (what the engine is sent)', () => {
  it('finds the paths scripts read', () => {
    expect(inputPathsOf("$.input.pay.base.amount + $.util.lookup_field($.input, 'contacts.results[0].email', '')")).toEqual([
      ['pay', 'base', 'amount'],
      ['contacts', 'results'],
    ]);
    expect(inputPathsOf("$.util.lookup_custom_field('835', $.input, 'x') // $.input.ignored in a comment")).toEqual([
      ['custom_fields'],
      ['workorder', 'custom_fields'],
    ]);
  });
  it.each([
    'std.objectFields($.input)',
    'local i = $.input; i.title',
    "$.input['title']",
    '$',
    "$.util.lookup_field($.input, p, '')",
    "$.util.results_values($.input, 'x')",
    'self.input.title',
    "local o = { k: 'title' }; self[o.k]",
  ])('sends the whole record for %s', (script) => {
    expect(inputPathsOf(script)).toBeNull();
  });
  it('cuts a record down, keeping non-objects where a path runs into them', () => {
    const rec = { a: { b: 1, c: 2 }, s: 'str', big: { x: 1 }, arr: [1] };
    expect(projectRecord(rec, [['a', 'b'], ['s', 'len'], ['arr', 'x'], ['nope', 'x']])).toEqual({ a: { b: 1 }, s: 'str', arr: [1] });
  });
});

describe('adaptive batch size', () => {
  it('starts small, fits overhead + per-record cost, and grows at most 8x per step', async () => {
    const { nextBatchSize } = await import('../../shared/node/mapping/custom');
    expect(nextBatchSize([], 1250)).toBe(25);
    // 25 records in 100 ms (no fit yet): 4 ms/record → 312, capped at 8 × 25
    expect(nextBatchSize([{ n: 25, ms: 100 }], 1250)).toBe(200);
    // 80 ms overhead + 1 ms/record fitted from two calls → (1250 - 80) / 1 = 1170
    expect(nextBatchSize([{ n: 25, ms: 105 }, { n: 200, ms: 280 }], 1250)).toBe(1170);
    // a noisy pair (slower with fewer records) falls back to the last call's average
    expect(nextBatchSize([{ n: 300, ms: 900 }, { n: 200, ms: 1000 }], 1250)).toBe(250);
  });
});

describe('imports', () => {
  it('only util.libsonnet may be imported', async () => {
    const { forbiddenImport } = await import('../../shared/common/mapping/input-paths');
    expect(forbiddenImport("local u = import 'util.libsonnet';\nu.array_sum([1])")).toBeNull();
    expect(forbiddenImport("// import '/etc/passwd'\n'import \"x\" is text'")).toBeNull();
    expect(forbiddenImport("local a = 1;\n  importstr '/etc/passwd'")).toEqual({ line: 2, column: 3, what: "importstr '/etc/passwd'" });
    expect(forbiddenImport('import "../secrets.libsonnet"')).toMatchObject({ line: 1, column: 1 });
    expect(forbiddenImport("importbin 'util.libsonnet'")).toMatchObject({ line: 1 });
    expect(forbiddenImport('import |||\n  x\n|||')).toMatchObject({ line: 1 });
  });
});
