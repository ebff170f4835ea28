import { describe, expect, it } from 'vitest';
import {
  buildFieldTree,
  coverage,
  deriveCanvas,
  fieldKey,
  fieldsFromSample,
  mergeFields,
  readPath,
  sourceKeysOf,
  visibleRows,
} from '../../../shared/common/mapping/canvas';
import type { Mapping } from '../../../shared/common/project/model';
import { field, JOB_CREATE, WORK_ORDER } from './fixtures';

const keys = (rows: { node: { key: string } }[]) => rows.map((r) => r.node.key);

describe('field trees', () => {
  it('nests flattened paths and creates synthetic parents the list does not name', () => {
    const tree = buildFieldTree(WORK_ORDER);
    const schedule = tree.find((n) => n.key === 'schedule');
    expect(schedule?.synthetic).toBe(true);
    expect(schedule?.children.map((c) => c.key)).toEqual(['schedule.service_window']);
    const contacts = tree.find((n) => n.key === 'contacts');
    expect(contacts?.children[0]?.key).toBe('contacts[].email');
    expect(tree.find((n) => n.key === 'status')?.children[0]?.enum).toContain('Work Done');
  });

  it('hides the children of collapsed nodes and shows everything when expanded', () => {
    const tree = buildFieldTree(JOB_CREATE);
    const all = visibleRows(tree, new Set());
    expect(all).toHaveLength(JOB_CREATE.length);
    const folded = visibleRows(tree, new Set(['site']));
    expect(keys(folded)).not.toContain('site.address.city');
    expect(folded.find((r) => r.node.key === 'site')).toMatchObject({ hasChildren: true, expanded: false });
  });

  it('filters by path, type or description and keeps the ancestors of matches, even collapsed', () => {
    const tree = buildFieldTree(JOB_CREATE);
    const rows = visibleRows(tree, new Set(['site']), 'city');
    expect(keys(rows)).toEqual(['site', 'site.address', 'site.address.city']);
    expect(rows.map((r) => r.match)).toEqual([false, false, true]);
    expect(keys(visibleRows(tree, new Set(), 'integer'))).toEqual(['line_items', 'line_items[].quantity']);
    expect(visibleRows(tree, new Set(), 'nothing-like-this')).toEqual([]);
  });

  it('normalises indices in keys', () => {
    expect(fieldKey('line_items[3].sku')).toBe('line_items[].sku');
    expect(fieldKey('$.input.status.name')).toBe('status.name');
  });
});

describe('deriveCanvas (mapping → nodes and edges)', () => {
  const mappings: Mapping[] = [
    { source: 'title', target: 'title', action: 'sync' },
    { source: 'status.name', target: 'status', action: 'array_map', mappings: [{ compare: 'Assigned', value: 'dispatched' }] },
    { target: 'priority', action: 'set_static', value: 'normal' },
    {
      target: 'site.address.line1',
      action: 'concat',
      parts: [
        { type: 'field', value: 'location.address1' },
        { type: 'static', value: ', ' },
        { type: 'field', value: 'location.city' },
      ],
    },
    { target: 'external_ref', action: 'custom', script: "std.toString($.input.id) + $.util.lookup_field($.input, 'location.zip', '')" },
    { source: 'contacts[0].email', target: 'customer.email', action: 'sync' },
  ];

  it('draws one edge per source of each mapping, and a source-less edge for set_static', () => {
    const src = visibleRows(buildFieldTree(WORK_ORDER), new Set());
    const tgt = visibleRows(buildFieldTree(JOB_CREATE), new Set());
    const model = deriveCanvas(mappings, src, tgt);
    const summary = model.edges.map((e) => `${e.mappingIndex}:${e.from ?? '-'}→${e.to}:${e.action}`);
    expect(summary).toEqual([
      '0:s:title→t:title:sync',
      '1:s:status.name→t:status:array_map',
      '2:-→t:priority:set_static',
      '3:s:location.address1→t:site.address.line1:concat',
      '3:s:location.city→t:site.address.line1:concat',
      '4:s:id→t:external_ref:custom',
      '4:s:location.zip→t:external_ref:custom',
      '5:s:contacts[].email→t:customer.email:sync',
    ]);
    expect(model.offscreen).toEqual([]);
    const line1 = model.nodes.find((n) => n.id === 't:site.address.line1');
    expect(line1?.row).toBe(tgt.findIndex((r) => r.node.key === 'site.address.line1'));
    expect(model.edges.every((e) => !e.folded)).toBe(true);
  });

  it('attaches ends inside collapsed subtrees to the nearest visible ancestor, marked folded', () => {
    const src = visibleRows(buildFieldTree(WORK_ORDER), new Set(['location']));
    const tgt = visibleRows(buildFieldTree(JOB_CREATE), new Set(['site']));
    const model = deriveCanvas(mappings, src, tgt);
    const concat = model.edges.filter((e) => e.mappingIndex === 3);
    // Both concat parts collapse into the same `location` row: one edge, not two.
    expect(concat).toEqual([{ id: 'm3:s:location', mappingIndex: 3, action: 'concat', from: 's:location', to: 't:site', folded: true }]);
    expect(model.nodes.find((n) => n.id === 's:location')?.count).toBe(2);
  });

  it('lists mappings whose fields are filtered away as offscreen instead of drawing them', () => {
    const src = visibleRows(buildFieldTree(WORK_ORDER), new Set(), 'title');
    const tgt = visibleRows(buildFieldTree(JOB_CREATE), new Set());
    const model = deriveCanvas(mappings, src, tgt);
    expect(model.offscreen).toEqual([1, 3, 4, 5]);
    expect(model.edges.map((e) => e.mappingIndex)).toEqual([0, 2]);
  });

  it('reads the source paths a custom script uses', () => {
    expect(sourceKeysOf({ target: 'x', action: 'custom', script: '$.input.a.b[2].c + $.input.d' })).toEqual(['a.b[].c', 'd']);
    expect(sourceKeysOf({ target: 'x', action: 'set_static', value: 1 })).toEqual([]);
  });
});

describe('coverage', () => {
  it('counts top-level required targets, and nested ones once their parent is written', () => {
    const none = coverage([], JOB_CREATE);
    expect(none.required).toEqual(['title', 'priority', 'external_ref']);
    expect(none.unmapped).toEqual(['title', 'priority', 'external_ref']);
    const some = coverage(
      [
        { source: 'title', target: 'title', action: 'sync' },
        { source: 'location.city', target: 'site.address.city', action: 'sync' },
      ],
      JOB_CREATE,
    );
    expect(some.required).toEqual(['title', 'priority', 'external_ref', 'site.address.line1', 'site.address.city']);
    expect(some.mapped).toEqual(['title', 'site.address.city']);
    expect(some.unmapped).toEqual(['priority', 'external_ref', 'site.address.line1']);
  });

  it('treats a mapping that writes a whole object as covering its children', () => {
    const c = coverage([{ target: 'site.address', action: 'custom', script: '{}' }], JOB_CREATE);
    expect(c.unmapped).not.toContain('site.address.line1');
    expect(c.mapped).toContain('site.address.city');
  });

  it('requires array item fields only when an element is written', () => {
    expect(coverage([], JOB_CREATE).required).not.toContain('line_items[].quantity');
    const c = coverage([{ source: 'id', target: 'line_items[0].sku', action: 'sync' }], JOB_CREATE);
    expect(c.unmapped).toContain('line_items[].quantity');
  });
});

describe('sample fields', () => {
  it('derives fields from a record and merges them after the schema fields', () => {
    const sample = { id: 5, title: 'x', extra: { flag: true, n: 1.5 }, list: [{ a: 'b' }] };
    const fromSample = fieldsFromSample(sample);
    expect(fromSample.map((f) => `${f.path}:${f.type}`)).toEqual([
      'id:integer',
      'title:string',
      'extra:object',
      'extra.flag:boolean',
      'extra.n:number',
      'list:array',
      'list[].a:string',
    ]);
    const merged = mergeFields([field('title', 'string', { required: true })], fromSample);
    expect(merged.filter((f) => f.path === 'title')).toHaveLength(1);
    expect(merged[0]?.required).toBe(true);
  });

  it('reads values at dot paths with indices', () => {
    const rec = { a: { b: [{ c: 1 }, { c: 2 }] } };
    expect(readPath(rec, 'a.b[1].c')).toBe(2);
    expect(readPath(rec, 'a.b[].c')).toBe(1);
    expect(readPath(rec, 'a.x.c')).toBeUndefined();
  });
});
