import { describe, expect, it } from 'vitest';
import { convertDate } from '../../shared/common/mapping/dates';
import { applyMappings } from '../../shared/common/mapping/engine';
import { formatPath, parsePath, readPath, writePath } from '../../shared/common/mapping/paths';
import type { Mapping } from '../../shared/common/project/model';

/** Run one mapping over `input`; returns the written value (undefined = left out) and the error. */
function one(m: Mapping, input: unknown) {
  const r = applyMappings([m], input);
  const t = r.trace[0]!;
  return { value: readPath(r.output, m.target).value, written: t.written, usedDefault: t.usedDefault, error: r.errors[0]?.message, note: t.note };
}

describe('paths', () => {
  it.each([
    ['a', ['a']],
    ['a.b.c', ['a', 'b', 'c']],
    ['contacts.results[0].email', ['contacts', 'results', 0, 'email']],
    ['m[1][2]', ['m', 1, 2]],
    ['a["b.c"].d', ['a', 'b.c', 'd']],
    ["a['b.c']", ['a', 'b.c']],
    ['["x y"]', ['x y']],
    ['a["q\\"uote"]', ['a', 'q"uote']],
  ])('parses %s', (path, segs) => {
    expect(parsePath(path)).toEqual(segs);
  });

  it.each(['', 'a..b', 'a.', '.a', 'a[x]', 'a[-1]', 'a["b', 'a[0]b'])('rejects %j', (path) => {
    expect(() => parsePath(path)).toThrow();
  });

  it('formats paths, quoting keys that need it', () => {
    expect(formatPath(['a', 'b.c', 0, 'd'])).toBe('a["b.c"][0].d');
    expect(parsePath(formatPath(['we"ird', 'x']))).toEqual(['we"ird', 'x']);
  });

  it('reads null-safely', () => {
    const doc = { a: { 'b.c': 1, list: [{ x: 2 }], n: null }, s: 'str' };
    expect(readPath(doc, 'a["b.c"]')).toEqual({ found: true, value: 1 });
    expect(readPath(doc, 'a.list[0].x')).toEqual({ found: true, value: 2 });
    expect(readPath(doc, 'a.list[1].x').found).toBe(false);
    expect(readPath(doc, 'a.n')).toEqual({ found: true, value: null });
    expect(readPath(doc, 'a.n.deeper').found).toBe(false);
    expect(readPath(doc, 's.length').found).toBe(false);
    expect(readPath(doc, 'a.list.x').found).toBe(false); // a key on an array is missing, not an error
  });

  it('writes, creating objects and arrays (holes become null)', () => {
    const out: Record<string, unknown> = {};
    writePath(out, 'site.address.city', 'Springfield');
    writePath(out, 'lines[2].sku', 'A');
    writePath(out, 'a["b.c"]', 1);
    writePath(out, 'matrix[0][1]', 5);
    expect(out).toEqual({ site: { address: { city: 'Springfield' } }, lines: [null, null, { sku: 'A' }], a: { 'b.c': 1 }, matrix: [[null, 5]] });
  });

  it('refuses to write through a value that is not a container', () => {
    const out: Record<string, unknown> = { a: 'text' };
    expect(() => writePath(out, 'a.b', 1)).toThrow(/a already holds a string/);
    expect(() => writePath(out, '[0]', 1)).toThrow(/cannot start with an index/);
  });

  it('stores "__proto__" as a plain key', () => {
    const out: Record<string, unknown> = {};
    writePath(out, '__proto__.polluted', 1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(out)).toEqual(['__proto__']);
  });
});

describe('default: missing, null and "" (and only those)', () => {
  const sync: Mapping = { source: 'v', target: 't', action: 'sync', default: 'D' };
  it.each([
    ['missing', {}, 'D', true],
    ['null', { v: null }, 'D', true],
    ['empty string', { v: '' }, 'D', true],
    ['zero', { v: 0 }, 0, false],
    ['false', { v: false }, false, false],
    ['whitespace', { v: ' ' }, ' ', false],
    ['empty array', { v: [] }, [], false],
  ])('%s', (_label, input, value, usedDefault) => {
    const r = one(sync, input);
    expect(r.value).toEqual(value);
    expect(r.usedDefault).toBe(usedDefault);
  });

  it('without a default, an empty source leaves the target out', () => {
    for (const input of [{}, { v: null }, { v: '' }]) {
      const r = one({ source: 'v', target: 't', action: 'sync' }, input);
      expect(r.written).toBe(false);
      expect(r.value).toBeUndefined();
    }
  });

  it('a default can be any JSON value, including an object', () => {
    expect(one({ source: 'v', target: 't', action: 'sync', default: { a: [1] } }, {}).value).toEqual({ a: [1] });
  });
});

describe('sync and set_static', () => {
  it('sync copies unchanged (no type conversion)', () => {
    expect(one({ source: 'a.b', target: 'x.y', action: 'sync' }, { a: { b: '42' } }).value).toBe('42');
    expect(one({ source: 'a', target: 'x', action: 'sync' }, { a: { deep: [1, 2] } }).value).toEqual({ deep: [1, 2] });
  });
  it('set_static writes the value whatever the source holds', () => {
    expect(one({ source: 'a', target: 'x', action: 'set_static', value: 'FN' }, { a: 'other' }).value).toBe('FN');
    expect(one({ target: 'x', action: 'set_static', value: 0 }, {}).value).toBe(0);
    expect(one({ target: 'x', action: 'set_static', value: null }, {}).value).toBeNull();
    expect(one({ target: 'x', action: 'set_static' }, {}).error).toMatch(/needs a value/);
  });
});

describe('array_map (exact, type-strict, first match)', () => {
  const m: Mapping = {
    source: 's',
    target: 't',
    action: 'array_map',
    mappings: [
      { compare: 'Published', value: 'OPEN' },
      { compare: 'Assigned', value: 'DISPATCHED' },
      { compare: '1', value: 'one-string' },
      { compare: 2, value: 'two-number' },
      { compare: 'Assigned', value: 'SECOND' },
    ],
    default: 'DEF',
  };
  it.each([
    ['exact', 'Assigned', 'DISPATCHED'],
    ['case differs', 'assigned', 'DEF'],
    ['leading space', ' Assigned', 'DEF'],
    ['trailing space', 'Assigned ', 'DEF'],
    ['number vs string compare', 1, 'DEF'],
    ['string compare as written', '1', 'one-string'],
    ['numeric compare as written', 2, 'two-number'],
    ['string vs numeric compare', '2', 'DEF'],
    ['boolean', true, 'DEF'],
  ])('%s', (_l, v, expected) => {
    expect(one(m, { s: v }).value).toBe(expected);
  });
  it('missing / null / "" take the default; no match without default leaves the target out', () => {
    expect(one(m, {}).value).toBe('DEF');
    expect(one(m, { s: null }).value).toBe('DEF');
    expect(one(m, { s: '' }).value).toBe('DEF');
    const noDefault = { ...m, default: undefined };
    const r = one(noDefault, { s: 'Draft' });
    expect(r.written).toBe(false);
    expect(r.note).toMatch(/no entry matches "Draft"/);
  });
});

describe('range_map (smallest threshold >= value)', () => {
  const docs: Mapping = {
    source: 'h',
    target: 't',
    action: 'range_map',
    ranges: [
      { compare: 0.5, value: '30 min' },
      { compare: 1, value: '1 hour' },
      { compare: 2, value: '2 hours' },
      { compare: 4, value: '4 hours' },
    ],
    default: '4+ Hours',
  };
  it.each([
    [0.3, '30 min'],
    [0.5, '30 min'], // equal to a threshold is inside that bucket
    [0.51, '1 hour'],
    [1.5, '2 hours'],
    [4, '4 hours'],
    [5, '4+ Hours'],
    [-10, '30 min'],
    ['1.5', '2 hours'], // a numeric string counts as a number
    [' 2 ', '2 hours'],
    ['abc', '4+ Hours'], // non-numeric → default
    [true, '4+ Hours'],
    ['1,5', '4+ Hours'],
  ])('%j → %j', (v, expected) => {
    expect(one(docs, { h: v }).value).toBe(expected);
  });
  it('handles unsorted thresholds (ties: the first listed)', () => {
    const unsorted: Mapping = { ...docs, ranges: [{ compare: 4, value: 'L' }, { compare: 1, value: 'S' }, { compare: 2, value: 'M' }, { compare: 1, value: 'S2' }] };
    expect(one(unsorted, { h: 0.2 }).value).toBe('S');
    expect(one(unsorted, { h: 1.2 }).value).toBe('M');
    expect(one(unsorted, { h: 3 }).value).toBe('L');
  });
  it('missing / null / "" → default', () => {
    expect(one(docs, {}).value).toBe('4+ Hours');
    expect(one(docs, { h: null }).value).toBe('4+ Hours');
    expect(one(docs, { h: '' }).value).toBe('4+ Hours');
  });
});

describe('date_convert', () => {
  const dc = (v: unknown, fin: string, fout: string, zin?: string, zout?: string) =>
    one({ source: 'd', target: 't', action: 'date_convert', input_format: fin, output_format: fout, timezone_in: zin, timezone_out: zout }, { d: v });

  it.each([
    // FN UTC → US local, across the US spring-forward (2026-03-08): CST before, CDT after
    ['2026-03-07 18:00:00', 'YYYY-MM-DD HH:mm:ss', 'MM/DD/YYYY hh:mm A Z', 'UTC', 'America/Chicago', '03/07/2026 12:00 PM -06:00'],
    ['2026-03-09 18:00:00', 'YYYY-MM-DD HH:mm:ss', 'MM/DD/YYYY hh:mm A Z', 'UTC', 'America/Chicago', '03/09/2026 01:00 PM -05:00'],
    // Europe changes on a different date (2026-03-29)
    ['2026-03-09 18:00:00', 'YYYY-MM-DD HH:mm:ss', 'YYYY-MM-DD HH:mm', 'UTC', 'Europe/Berlin', '2026-03-09 19:00'],
    ['2026-03-30 18:00:00', 'YYYY-MM-DD HH:mm:ss', 'YYYY-MM-DD HH:mm', 'UTC', 'Europe/Berlin', '2026-03-30 20:00'],
    // local → UTC (timezone_in), both sides of the fall-back (2026-11-01 in the US)
    ['10/31/2026 9:00:00 AM', 'MM/DD/YYYY h:mm:ss A', 'YYYY-MM-DD HH:mm:ss', 'America/New_York', 'UTC', '2026-10-31 13:00:00'],
    ['11/02/2026 9:00:00 AM', 'MM/DD/YYYY h:mm:ss A', 'YYYY-MM-DD HH:mm:ss', 'America/New_York', 'UTC', '2026-11-02 14:00:00'],
    // the spring-forward gap: 02:30 does not exist in New York; it moves forward by the gap
    ['2026-03-08 02:30:00', 'YYYY-MM-DD HH:mm:ss', 'YYYY-MM-DDTHH:mm:ssZ', 'America/New_York', 'America/New_York', '2026-03-08T03:30:00-04:00'],
    // the fall-back overlap: 01:30 happens twice; the earlier instant (still daylight time), on both sides of the Atlantic
    ['2026-11-01 01:30:00', 'YYYY-MM-DD HH:mm:ss', 'YYYY-MM-DD HH:mm:ss', 'America/New_York', 'UTC', '2026-11-01 05:30:00'],
    ['2026-10-25 02:30:00', 'YYYY-MM-DD HH:mm:ss', 'YYYY-MM-DD HH:mm:ss', 'Europe/Berlin', 'UTC', '2026-10-25 00:30:00'],
    ['2026-10-25 03:30:00', 'YYYY-MM-DD HH:mm:ss', 'YYYY-MM-DDTHH:mm:ssZ', 'Europe/Berlin', 'Europe/Berlin', '2026-10-25T03:30:00+01:00'],
    ['2026-03-29 02:30:00', 'YYYY-MM-DD HH:mm:ss', 'YYYY-MM-DDTHH:mm:ssZZ', 'Europe/Berlin', 'Europe/Berlin', '2026-03-29T03:30:00+0200'],
    ['2026-03-10 14:00:00', 'YYYY-MM-DD HH:mm:ss', 'YYYY-MM-DD HH:mm [GMT]Z', 'UTC', 'Asia/Kolkata', '2026-03-10 19:30 GMT+05:30'],
    // ISO with offset: the offset wins over timezone_in; a literal Z is +00:00
    ['2026-03-10T14:00:00Z', 'YYYY-MM-DDTHH:mm:ssZ', 'YYYY-MM-DD HH:mm:ss', 'America/Denver', 'UTC', '2026-03-10 14:00:00'],
    ['2026-03-10T14:00:00+02:00', 'YYYY-MM-DDTHH:mm:ssZ', 'YYYY-MM-DD HH:mm:ss', 'UTC', 'UTC', '2026-03-10 12:00:00'],
    // Unix seconds / milliseconds, in and out
    [1773151200, 'X', 'YYYY-MM-DD HH:mm:ss', 'UTC', 'UTC', '2026-03-10 14:00:00'],
    ['1773151200000', 'x', 'YYYY-MM-DD HH:mm', 'UTC', 'Asia/Tokyo', '2026-03-10 23:00'],
    ['2026-03-10 14:00:00', 'YYYY-MM-DD HH:mm:ss', 'X', 'UTC', 'America/Chicago', 1773151200],
    ['2026-03-10 14:00:00', 'YYYY-MM-DD HH:mm:ss', 'x', 'UTC', 'UTC', 1773151200000],
    ['2026-03-10 14:00:00', 'YYYY-MM-DD HH:mm:ss', '[epoch] X', 'UTC', 'America/Chicago', 'epoch 1773151200'],
    // the docs' formats
    ['03/10/2026', 'MM/DD/YYYY', 'YYYY-MM-DD', 'UTC', 'UTC', '2026-03-10'],
    ['2026-03-10 14:05:00', 'YYYY-MM-DD HH:mm:ss', 'h:mm A', 'UTC', 'America/Denver', '8:05 AM'],
  ])('%j %s → %s (%s→%s)', (v, fin, fout, zin, zout, expected) => {
    const r = dc(v, fin, fout, zin, zout);
    expect(r.error).toBeUndefined();
    expect(r.value).toBe(expected);
  });

  it('zones default to UTC when omitted', () => {
    expect(dc('2026-03-10 14:00:00', 'YYYY-MM-DD HH:mm:ss', 'HH:mm').value).toBe('14:00');
  });

  it('a value that does not match the format is an error (target left out), not the default', () => {
    const r = one({ source: 'd', target: 't', action: 'date_convert', input_format: 'YYYY-MM-DD', output_format: 'X', default: 'D' }, { d: '2026-13-45' });
    expect(r.error).toMatch(/does not match the input format "YYYY-MM-DD"/);
    expect(r.written).toBe(false);
    expect(dc('2026-03-10', 'YYYY-MM-DD HH:mm:ss', 'X').error).toMatch(/does not match/);
  });

  it('an unknown zone is an error', () => {
    expect(dc('2026-03-10', 'YYYY-MM-DD', 'YYYY', 'Mars/Olympus').error).toMatch(/unknown time zone "Mars\/Olympus"/);
  });

  it('empty source → default (written as is)', () => {
    const r = one({ source: 'd', target: 't', action: 'date_convert', input_format: 'YYYY', output_format: 'YY', default: 'n/a' }, { d: '' });
    expect(r.value).toBe('n/a');
  });

  it('does not depend on the process time zone', () => {
    expect(convertDate('2026-07-01 00:00:00', 'YYYY-MM-DD HH:mm:ss', 'YYYY-MM-DD HH:mm Z', 'Australia/Sydney', 'UTC')).toBe('2026-06-30 14:00 +00:00');
  });
});

describe('concat', () => {
  const m: Mapping = {
    target: 'site',
    action: 'concat',
    parts: [
      { type: 'field', value: 'city' },
      { type: 'static', value: ', ' },
      { type: 'field', value: 'state' },
    ],
  };
  it('joins parts in order; numbers and booleans as text', () => {
    expect(one(m, { city: 'Springfield', state: 'IL' }).value).toBe('Springfield, IL');
    expect(one(m, { city: 42, state: true }).value).toBe('42, true');
  });
  it('a missing or null field part contributes nothing', () => {
    expect(one(m, { city: 'Springfield' }).value).toBe('Springfield, ');
    expect(one(m, { city: null, state: 'IL' }).value).toBe(', IL');
  });
  it('when no field part has a value, the default replaces the result', () => {
    expect(one({ ...m, default: 'unknown' }, {}).value).toBe('unknown');
    expect(one(m, {}).value).toBe(', ');
  });
});

describe('the whole set', () => {
  it('applies in order, later mappings overwrite, errors do not stop other fields, trace per mapping', () => {
    const r = applyMappings(
      [
        { id: 'a', source: 'x', target: 'out.v', action: 'sync' },
        { source: 'y', target: 'out.v', action: 'sync' },
        { source: 'z', target: 'out.v.deeper', action: 'sync' },
        { target: 'k', action: 'custom', script: '1' },
        { source: 'bad[', target: 'q', action: 'sync' },
      ],
      { x: 1, y: 2, z: 3 },
      { custom: () => ({ ok: false, message: 'RUNTIME ERROR: boom', line: 2, column: 5 }) },
    );
    expect(r.output).toEqual({ out: { v: 2 } });
    expect(r.errors).toEqual([
      { target: 'out.v.deeper', message: expect.stringMatching(/out\.v already holds a number/) as unknown as string },
      { target: 'k', message: 'RUNTIME ERROR: boom', line: 2, column: 5 },
      { target: 'q', message: expect.stringMatching(/bad\[/) as unknown as string },
    ]);
    expect(r.trace.map((t) => [t.mappingIndex, t.mappingId, t.source, t.sourceValue, t.written])).toEqual([
      [0, 'a', 'x', 1, true],
      [1, null, 'y', 2, true],
      [2, null, 'z', 3, false],
      [3, null, null, undefined, false],
      [4, null, 'bad[', undefined, false],
    ]);
  });
});
