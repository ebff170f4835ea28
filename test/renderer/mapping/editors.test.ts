import { describe, expect, it } from 'vitest';
import { analyseValueMap, moveRow, seedValueMap } from '../../../renderer/src/features/mapping/logic/value-map';
import { analyseRanges, bucketFor, intervalLabel, nextThreshold, sortRanges } from '../../../renderer/src/features/mapping/logic/range-map';
import { addPart, movePart, previewConcat, removePart } from '../../../renderer/src/features/mapping/logic/concat';
import { convertSample, timeZones } from '../../../renderer/src/features/mapping/logic/date-tokens';
import { describeValue, formatTypedValue, parseTypedValue, typeOfValue, valueTypeForField } from '../../../renderer/src/features/mapping/logic/typed-value';
import { addForTarget, connect, newConnection, removeAt, withAction, withDefault } from '../../../renderer/src/features/mapping/logic/edits';
import { buildFieldTree, allNodes } from '../../../shared/common/mapping/canvas';
import type { Mapping } from '../../../shared/common/project/model';
import { JOB_CREATE, WORK_ORDER } from './fixtures';

const targetNode = (key: string) => allNodes(buildFieldTree(JOB_CREATE)).find((n) => n.key === key);
const sourceNode = (key: string) => allNodes(buildFieldTree(WORK_ORDER)).find((n) => n.key === key);

describe('typed values', () => {
  it('keeps "1" and 1 apart and parses each type strictly', () => {
    expect(parseTypedValue('1', 'string')).toEqual({ ok: true, value: '1' });
    expect(parseTypedValue('1', 'number')).toEqual({ ok: true, value: 1 });
    expect(parseTypedValue('1.5e2', 'number')).toEqual({ ok: true, value: 150 });
    expect(parseTypedValue('12abc', 'number').ok).toBe(false);
    expect(parseTypedValue('', 'number').ok).toBe(false);
    expect(parseTypedValue('TRUE', 'boolean')).toEqual({ ok: true, value: true });
    expect(parseTypedValue('yes', 'boolean').ok).toBe(false);
    expect(parseTypedValue('{"a":[1]}', 'json')).toEqual({ ok: true, value: { a: [1] } });
    expect(parseTypedValue('{a:1}', 'json')).toMatchObject({ ok: false });
    expect(parseTypedValue('anything', 'null')).toEqual({ ok: true, value: null });
  });

  it('round-trips through the text shown in the input', () => {
    for (const v of ['x', 3, false, null, { a: 1 }, [1, 'b']]) {
      const t = typeOfValue(v);
      expect(parseTypedValue(formatTypedValue(v, t), t)).toEqual({ ok: true, value: v });
    }
    expect(valueTypeForField('integer|null')).toBe('number');
    expect(valueTypeForField('object')).toBe('json');
    expect(describeValue(undefined)).toBe('(missing)');
    expect(describeValue('x'.repeat(100), 10)).toHaveLength(10);
  });
});

describe('value map editor', () => {
  it('seeds one identity row per target enum value', () => {
    expect(seedValueMap(['low', 'high'], null)).toEqual([
      { compare: 'low', value: 'low' },
      { compare: 'high', value: 'high' },
    ]);
  });

  it('seeds from the source enum, matching target values by normalised name', () => {
    expect(seedValueMap(['open', 'in_progress', 'completed'], ['Open', 'In Progress', 'Work Done'])).toEqual([
      { compare: 'Open', value: 'open' },
      { compare: 'In Progress', value: 'in_progress' },
      { compare: 'Work Done', value: '' },
    ]);
  });

  it('flags values the target does not allow, duplicate compares, and unmapped source values', () => {
    const rows = [
      { compare: 'Assigned', value: 'dispatched' },
      { compare: 'Assigned', value: 'open' },
      { compare: 'Done', value: 'finished' },
      { compare: '', value: 'open' },
    ];
    const a = analyseValueMap(rows, {
      targetEnum: ['open', 'dispatched', 'completed'],
      sourceEnum: ['Assigned', 'Done', 'Published'],
      sample: 'Paid',
    });
    expect(a.rows).toEqual([[], ['duplicate-compare'], ['value-not-allowed'], ['empty-compare']]);
    expect(a.unmappedSource).toEqual(['Published', 'Paid']);
    expect(a.unusedTarget).toEqual(['completed']);
    expect(a.sampleRow).toBeNull();
  });

  it('matches the sample type-strictly, as the engine does', () => {
    const rows = [
      { compare: '1', value: 'low' },
      { compare: 2, value: 'high' },
    ];
    expect(analyseValueMap(rows, { sample: 1 }).sampleRow).toBeNull();
    expect(analyseValueMap(rows, { sample: '1' }).sampleRow).toBe(0);
    expect(analyseValueMap(rows, { sample: 2 }).sampleRow).toBe(1);
    expect(moveRow(rows, 1, 0)).toEqual([rows[1], rows[0]]);
    expect(moveRow(rows, 0, 5)).toEqual(rows);
  });
});

describe('range map editor', () => {
  const ranges = sortRanges([
    { compare: 2, value: '≤2h' },
    { compare: 0.5, value: '≤30m' },
    { compare: 4, value: '≤4h' },
    { compare: 1, value: '≤1h' },
  ]);

  it('keeps thresholds ascending and labels each interval', () => {
    expect(ranges.map((r) => r.compare)).toEqual([0.5, 1, 2, 4]);
    expect(intervalLabel(ranges, 0)).toBe('x ≤ 0.5');
    expect(intervalLabel(ranges, 2)).toBe('1 < x ≤ 2');
  });

  it('previews the bucket of the reference examples (0.3, 1.5, equal to a threshold, above all)', () => {
    expect(bucketFor(ranges, 0.3).row).toBe(0);
    expect(bucketFor(ranges, 1.5).row).toBe(2);
    expect(bucketFor(ranges, 1).row).toBe(1);
    expect(bucketFor(ranges, '2').row).toBe(2);
    const above = bucketFor(ranges, 5);
    expect(above.row).toBeNull();
    expect(above.reason).toBe('5 > 4 → default');
    expect(bucketFor(ranges, 'n/a')).toMatchObject({ row: null, reason: '"n/a" is not numeric → default' });
  });

  it('flags duplicate thresholds and proposes the next one', () => {
    expect(analyseRanges(sortRanges([{ compare: 1, value: 'a' }, { compare: 1, value: 'b' }]))).toEqual([[], ['duplicate-threshold']]);
    expect(nextThreshold(ranges)).toBe(6);
    expect(nextThreshold([])).toBe(1);
  });
});

describe('concat editor', () => {
  const parts = [
    { type: 'field' as const, value: 'location.city' },
    { type: 'static' as const, value: ', ' },
    { type: 'field' as const, value: 'location.state' },
  ];
  it('adds, removes and reorders parts', () => {
    expect(addPart(parts, { type: 'static', value: '!' }).map((p) => p.value)).toEqual(['location.city', ', ', 'location.state', '!']);
    expect(addPart(parts, { type: 'static', value: '>' }, 0)[0]?.value).toBe('>');
    expect(removePart(parts, 1).map((p) => p.value)).toEqual(['location.city', 'location.state']);
    expect(movePart(parts, 2, 0).map((p) => p.value)).toEqual(['location.state', 'location.city', ', ']);
  });

  it('previews through the engine (a missing field part contributes nothing)', () => {
    const sample = { location: { city: 'Springfield', state: 'IL' } };
    expect(previewConcat(parts, sample)).toEqual({ value: 'Springfield, IL', error: null });
    expect(previewConcat(parts, { location: { city: 'Springfield' } }).value).toBe('Springfield, ');
  });
});

describe('date convert editor', () => {
  it('converts the sample live with the engine’s date code, DST-aware', () => {
    expect(convertSample('2026-03-10 14:00:00', 'YYYY-MM-DD HH:mm:ss', 'YYYY-MM-DDTHH:mm:ssZ', 'UTC', 'America/Chicago')).toEqual({ ok: true, value: '2026-03-10T09:00:00-05:00' });
    expect(convertSample('2026-01-10 14:00:00', 'YYYY-MM-DD HH:mm:ss', 'MM/DD/YYYY hh:mm A', 'UTC', 'America/Chicago')).toEqual({ ok: true, value: '01/10/2026 08:00 AM' });
    expect(convertSample('2026-03-10 14:00:00', 'YYYY-MM-DD HH:mm:ss', 'X', 'UTC', 'UTC')).toEqual({ ok: true, value: 1773151200 });
  });

  it('reports unparseable values and unknown zones instead of throwing, and nothing for no sample', () => {
    expect(convertSample('10/03/2026', 'YYYY-MM-DD HH:mm:ss', 'YYYY', 'UTC', 'UTC').ok).toBe(false);
    expect(convertSample('2026-03-10 14:00:00', 'YYYY-MM-DD HH:mm:ss', 'YYYY', 'Mars/Olympus', 'UTC')).toMatchObject({ ok: false, error: expect.stringContaining('Mars/Olympus') });
    expect(convertSample(undefined, 'X', 'YYYY', 'UTC', 'UTC')).toEqual({ ok: null });
    const zones = timeZones();
    expect(zones[0]).toBe('UTC');
    expect(zones).toContain('America/Chicago');
  });
});

describe('mapping edits', () => {
  it('starts an enum target as a value map seeded from the enum, a plain target as sync', () => {
    expect(newConnection('title', 'title', { target: targetNode('title') })).toEqual({ source: 'title', target: 'title', action: 'sync' });
    const m = newConnection('priority', 'priority', { target: targetNode('priority'), source: sourceNode('priority') });
    expect(m.action).toBe('array_map');
    expect(m.mappings?.map((r) => r.value)).toEqual(['low', 'normal', 'high', 'urgent']);
  });

  it('re-points an existing mapping of the same target instead of adding a second one', () => {
    const list: Mapping[] = [{ source: 'a', target: 'title', action: 'sync', default: 'x' }];
    const r = connect(list, 'b', 'title');
    expect(r).toEqual({ list: [{ source: 'b', target: 'title', action: 'sync', default: 'x' }], index: 0, created: false });
    expect(list[0]?.source).toBe('a');
  });

  it('adds a field part when connecting into a concat', () => {
    const list: Mapping[] = [{ target: 'site.name', action: 'concat', parts: [{ type: 'field', value: 'location.city' }] }];
    const r = connect(list, 'location.state', 'site.name');
    expect(r.list[0]?.parts).toEqual([
      { type: 'field', value: 'location.city' },
      { type: 'static', value: ' ' },
      { type: 'field', value: 'location.state' },
    ]);
  });

  it('changing the action keeps source, target, default and id and drops the old parameters', () => {
    const m: Mapping = { id: 'p', source: 'status.name', target: 'status', action: 'array_map', mappings: [{ compare: 'a', value: 'b' }], default: 'open' };
    const asDate = withAction(m, 'date_convert', { target: targetNode('scheduled_start') });
    expect(asDate).toEqual({
      id: 'p',
      source: 'status.name',
      target: 'status',
      action: 'date_convert',
      default: 'open',
      input_format: 'YYYY-MM-DD HH:mm:ss',
      output_format: 'YYYY-MM-DDTHH:mm:ssZ',
      timezone_in: 'UTC',
      timezone_out: 'UTC',
    });
    expect(withAction(m, 'custom').script).toBe("$.util.lookup_field($.input, 'status.name', null)\n");
    expect(withAction(m, 'concat')).toMatchObject({ parts: [{ type: 'field', value: 'status.name' }] });
    expect(withAction(m, 'concat').source).toBeUndefined();
    expect(withAction(m, 'set_static', { target: targetNode('status') })).toMatchObject({ value: 'open', action: 'set_static' });
    expect(withAction(m, 'array_map')).toBe(m);
  });

  it('adds source-less mappings for a target, removes by index, sets and clears defaults', () => {
    const r = addForTarget([], 'external_ref', 'custom');
    expect(r.list[0]).toMatchObject({ target: 'external_ref', action: 'custom' });
    expect(r.list[0]?.source).toBeUndefined();
    expect(removeAt([{ target: 'a', action: 'sync' }, { target: 'b', action: 'sync' }], 0)).toEqual([{ target: 'b', action: 'sync' }]);
    expect(withDefault({ target: 'a', action: 'sync' }, 0)).toEqual({ target: 'a', action: 'sync', default: 0 });
    expect('default' in withDefault({ target: 'a', action: 'sync', default: 1 }, undefined)).toBe(false);
  });
});
