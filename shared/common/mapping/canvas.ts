/**
 * The mapping canvas as a pure derivation of the domain mapping list.
 *
 * The mapping list (Project.mappings[direction]) is the source of truth; everything drawn on
 * the canvas — field trees, visible rows, connections, the coverage meter — is computed here
 * from it, so the view can never disagree with the document and undo/redo only has to touch
 * the domain list.
 */
import type { Field } from '../spec/model';
import type { Mapping } from '../project/model';

/** Canonical key of a field path: array indices become `[]` (`lines[0].sku` → `lines[].sku`). */
export function fieldKey(path: string): string {
  return path.replace(/\[\d+\]/g, '[]').replace(/^\$\.input\./, '');
}

/** A path to write in a mapping for a field key: `[]` becomes `[0]` (first element). */
export function mappingPathFor(key: string): string {
  return key.replace(/\[\]/g, '[0]');
}

/** Splits a field key into its segments: `site.address.city` → [`site`, `address`, `city`]. */
export function splitKey(key: string): string[] {
  if (key === '' || key === '[]') return key === '' ? [] : ['[]'];
  return key.split('.').filter((s) => s !== '');
}

export interface FieldNode {
  /** Canonical field key (see fieldKey). */
  key: string;
  /** Last segment, e.g. `city` or `line_items[]`. */
  name: string;
  depth: number;
  type: string;
  required: boolean;
  enum: unknown[] | null;
  format: string | null;
  description: string | null;
  readOnly: boolean;
  /** True for an intermediate object that the field list did not name itself. */
  synthetic: boolean;
  children: FieldNode[];
}

/** Builds the collapsible tree of a flattened field list (order of first appearance kept). */
export function buildFieldTree(fields: readonly Field[]): FieldNode[] {
  const roots: FieldNode[] = [];
  const byKey = new Map<string, FieldNode>();
  const ensure = (segments: string[]): FieldNode => {
    // An array and its items are one node: `lines[].sku` is a child of `lines`.
    const key = segments.join('.').replace(/\[\]$/, '');
    const found = byKey.get(key);
    if (found) return found;
    const parentSegs = segments.slice(0, -1);
    const node: FieldNode = {
      key,
      name: (segments[segments.length - 1] ?? key).replace(/\[\]$/, ''),
      depth: segments.length - 1,
      type: 'object',
      required: false,
      enum: null,
      format: null,
      description: null,
      readOnly: false,
      synthetic: true,
      children: [],
    };
    byKey.set(key, node);
    if (parentSegs.length === 0) roots.push(node);
    else ensure(parentSegs).children.push(node);
    return node;
  };
  for (const f of fields) {
    const key = fieldKey(f.path);
    const segs = splitKey(key);
    if (segs.length === 0) continue;
    const node = ensure(segs);
    node.type = f.type;
    node.required = f.required;
    node.enum = f.enum;
    node.format = f.format;
    node.description = f.description;
    node.readOnly = f.readOnly;
    node.synthetic = false;
  }
  return roots;
}

export interface FieldRow {
  node: FieldNode;
  depth: number;
  hasChildren: boolean;
  expanded: boolean;
  /** The row itself matches the filter (ancestors of matches are shown too, unmarked). */
  match: boolean;
}

/** Lower-cased search terms: every term must appear in the path, type or description. */
function matches(node: FieldNode, terms: string[]): boolean {
  const hay = `${node.key} ${node.type} ${node.description ?? ''}`.toLowerCase();
  return terms.every((t) => hay.includes(t));
}

/**
 * The rows to draw: a depth-first walk that skips the children of collapsed nodes. With a
 * filter, every matching node and its ancestors are shown whatever the collapse state.
 */
export function visibleRows(tree: readonly FieldNode[], collapsed: ReadonlySet<string>, filter = ''): FieldRow[] {
  const terms = filter.toLowerCase().split(/\s+/).filter((t) => t !== '');
  const rows: FieldRow[] = [];
  if (terms.length === 0) {
    const walk = (nodes: readonly FieldNode[]) => {
      for (const node of nodes) {
        const hasChildren = node.children.length > 0;
        const expanded = hasChildren && !collapsed.has(node.key);
        rows.push({ node, depth: node.depth, hasChildren, expanded, match: false });
        if (expanded) walk(node.children);
      }
    };
    walk(tree);
    return rows;
  }
  // Filtered: keep a node when it or a descendant matches.
  const keep = (node: FieldNode): boolean => matches(node, terms) || node.children.some(keep);
  const walk = (nodes: readonly FieldNode[]) => {
    for (const node of nodes) {
      if (!keep(node)) continue;
      const hasChildren = node.children.length > 0;
      rows.push({ node, depth: node.depth, hasChildren, expanded: hasChildren, match: matches(node, terms) });
      walk(node.children);
    }
  };
  walk(tree);
  return rows;
}

/** Every node of a tree, flattened (used for lookups). */
export function allNodes(tree: readonly FieldNode[]): FieldNode[] {
  const out: FieldNode[] = [];
  const walk = (nodes: readonly FieldNode[]) => {
    for (const n of nodes) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(tree);
  return out;
}

const INPUT_PATH = /\$\.input((?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])+)/g;
const LOOKUP_CALL = /lookup_field\(\s*\$\.input\s*,\s*'([^']+)'/g;

/** The source field keys a mapping reads (for drawing its connections). */
export function sourceKeysOf(m: Mapping): string[] {
  switch (m.action) {
    case 'set_static':
      return [];
    case 'concat':
      return (m.parts ?? []).filter((p) => p.type === 'field' && p.value !== '').map((p) => fieldKey(p.value));
    case 'custom': {
      const keys = new Set<string>();
      const script = m.script ?? '';
      for (const hit of script.matchAll(INPUT_PATH)) keys.add(fieldKey((hit[1] ?? '').replace(/^\./, '')));
      for (const hit of script.matchAll(LOOKUP_CALL)) keys.add(fieldKey(hit[1] ?? ''));
      if (m.source) keys.add(fieldKey(m.source));
      return [...keys].filter((k) => k !== '');
    }
    default:
      return m.source ? [fieldKey(m.source)] : [];
  }
}

export type Side = 'source' | 'target';

export interface CanvasNode {
  id: string;
  side: Side;
  key: string;
  /** Index in that side's visible rows. */
  row: number;
  /** Number of mappings touching this row (including ones into collapsed descendants). */
  count: number;
}

export interface CanvasEdge {
  id: string;
  mappingIndex: number;
  action: Mapping['action'];
  /** Source node id, or null for a mapping without a source (set_static). */
  from: string | null;
  to: string;
  /** True when an end is drawn to a collapsed ancestor rather than the field itself. */
  folded: boolean;
}

export interface CanvasModel {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  /** Mappings with at least one end not visible (filtered out or unknown field). */
  offscreen: number[];
}

/** Row index of a key, or of its nearest visible ancestor. */
function locate(key: string, index: ReadonlyMap<string, number>): { row: number; exact: boolean } | null {
  const exact = index.get(key);
  if (exact !== undefined) return { row: exact, exact: true };
  const segs = splitKey(key);
  for (let n = segs.length - 1; n > 0; n--) {
    const row = index.get(segs.slice(0, n).join('.').replace(/\[\]$/, ''));
    if (row !== undefined) return { row, exact: false };
  }
  return null;
}

/**
 * Derives the canvas (anchor nodes on visible rows and the connections between them) from the
 * mapping list and the rows currently visible on each side.
 */
export function deriveCanvas(mappings: readonly Mapping[], sourceRows: readonly FieldRow[], targetRows: readonly FieldRow[]): CanvasModel {
  const srcIndex = new Map(sourceRows.map((r, i) => [r.node.key, i] as const));
  const tgtIndex = new Map(targetRows.map((r, i) => [r.node.key, i] as const));
  const nodes = new Map<string, CanvasNode>();
  const node = (side: Side, row: number, rows: readonly FieldRow[]): CanvasNode => {
    const key = rows[row]?.node.key ?? '';
    const id = `${side === 'source' ? 's' : 't'}:${key}`;
    let n = nodes.get(id);
    if (!n) nodes.set(id, (n = { id, side, key, row, count: 0 }));
    return n;
  };
  const edges: CanvasEdge[] = [];
  const offscreen: number[] = [];
  mappings.forEach((m, i) => {
    const to = locate(fieldKey(m.target), tgtIndex);
    const sources = sourceKeysOf(m).map((k) => locate(k, srcIndex));
    if (!to || sources.some((s) => s === null)) offscreen.push(i);
    if (!to) return;
    const tNode = node('target', to.row, targetRows);
    tNode.count++;
    if (sources.length === 0) {
      edges.push({ id: `m${i}`, mappingIndex: i, action: m.action, from: null, to: tNode.id, folded: !to.exact });
      return;
    }
    const seen = new Set<string>();
    sources.forEach((s) => {
      if (!s) return;
      const sNode = node('source', s.row, sourceRows);
      if (seen.has(sNode.id)) return;
      seen.add(sNode.id);
      sNode.count++;
      edges.push({ id: `m${i}:${sNode.id}`, mappingIndex: i, action: m.action, from: sNode.id, to: tNode.id, folded: !to.exact || !s.exact });
    });
  });
  return { nodes: [...nodes.values()], edges, offscreen };
}

/** Whether a mapping writes the field `key` (itself, or an ancestor object holding it). */
export function mappingCovers(m: Mapping, key: string): boolean {
  const t = fieldKey(m.target);
  return key === t || key.startsWith(`${t}.`) || key.startsWith(`${t}[]`);
}

export interface Coverage {
  /** Required targets right now (top-level required, or required inside a parent the mapping writes). */
  required: string[];
  mapped: string[];
  unmapped: string[];
}

/**
 * Coverage of required targets. A nested field counts as required when it is required in its
 * parent and the parent itself will exist: the parent is required, or a mapping writes into it.
 */
export function coverage(mappings: readonly Mapping[], targetFields: readonly Field[]): Coverage {
  const byKey = new Map<string, Field>();
  for (const f of targetFields) byKey.set(fieldKey(f.path), f);
  const targets = mappings.map((m) => fieldKey(m.target));
  const written = (parent: string) => targets.some((t) => t.startsWith(`${parent}.`) || t.startsWith(`${parent}[]`) || t === parent);
  const memo = new Map<string, boolean>();
  const exists = (key: string): boolean => {
    // Does the object at `key` exist in the output?
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const f = byKey.get(key);
    const parent = splitKey(key).slice(0, -1).join('.');
    const parentExists = parent === '' ? true : exists(parent);
    const result = written(key) || (parentExists && (f?.required ?? false) && !(f?.readOnly ?? false));
    memo.set(key, result);
    return result;
  };
  const required: string[] = [];
  for (const [key, f] of byKey) {
    if (!f.required || f.readOnly) continue;
    if (key.includes('[]')) {
      // Inside arrays: required only when an element is being written.
      const arr = key.slice(0, key.indexOf('[]') + 2);
      if (!targets.some((t) => t.startsWith(arr))) continue;
    }
    const parent = splitKey(key).slice(0, -1).join('.');
    if (parent !== '' && !exists(parent)) continue;
    // An object is covered through its required children; list leaves and objects without children.
    required.push(key);
  }
  const mapped = required.filter((k) => mappings.some((m) => mappingCovers(m, k)) || written(k));
  const mappedSet = new Set(mapped);
  return { required, mapped, unmapped: required.filter((k) => !mappedSet.has(k)) };
}

/** Fields found in a sample record (for source trees that the schema does not fully describe). */
export function fieldsFromSample(record: unknown): Field[] {
  const out: Field[] = [];
  const typeOf = (v: unknown): string =>
    v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;
  const walk = (value: unknown, prefix: string) => {
    if (Array.isArray(value)) {
      const first = value.find((v) => v !== null && typeof v === 'object');
      if (first !== undefined) walk(first, `${prefix}[]`);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [k, v] of Object.entries(value)) {
      const path = prefix === '' ? k : `${prefix}.${k}`;
      out.push({
        path,
        type: typeOf(v),
        required: false,
        nullable: v === null,
        enum: null,
        format: null,
        readOnly: false,
        writeOnly: false,
        description: null,
        cycle: null,
      });
      walk(v, path);
    }
  };
  walk(record, '');
  return out;
}

/** Schema fields first, then fields only the sample has (schema facts win on conflicts). */
export function mergeFields(schema: readonly Field[], sample: readonly Field[]): Field[] {
  const known = new Set(schema.map((f) => fieldKey(f.path)));
  return [...schema, ...sample.filter((f) => !known.has(fieldKey(f.path)))];
}

/** Reads a value at a dot path with `[n]` indices (`[]` reads the first element). */
export function readPath(record: unknown, path: string): unknown {
  let cur: unknown = record;
  const tokens = path.match(/[^.[\]]+|\[\d*\]/g) ?? [];
  for (const t of tokens) {
    if (cur === null || cur === undefined) return undefined;
    if (t.startsWith('[')) {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[t === '[]' ? 0 : Number(t.slice(1, -1))];
    } else {
      if (typeof cur !== 'object' || Array.isArray(cur)) return undefined;
      cur = (cur as Record<string, unknown>)[t];
    }
  }
  return cur;
}
