/**
 * Flatten a body schema into the `fields` list of CLI.md. Composition (allOf/oneOf/anyOf) is
 * merged into one "shape" per node without descending into properties; properties are expanded
 * only while emitting, and expansion stops at the first schema already on the current path.
 */
import type { Field } from './model';
import { child, isObject, type Loc, type RefResolver } from './resolver';

export type Dialect = '3.0' | '3.1';

export interface FieldOptions {
  part: 'request' | 'response';
  dialect: Dialect;
  /** Safety net for pathological documents (never reached by sane ones). */
  maxFields?: number;
}

interface PropEntry {
  locs: Loc[];
}

interface Shape {
  types: string[];
  nullable: boolean;
  props: Map<string, PropEntry>;
  required: Set<string>;
  items: Loc[];
  additional: Loc[];
  enumValues: unknown[] | null;
  hasConst: boolean;
  constValue: unknown;
  format: string | null;
  readOnly: boolean;
  writeOnly: boolean;
  description: string | null;
  /** Ref targets entered while building the shape, in order, with their names. */
  refs: Map<string, string>;
  /** The chain ended in a pure `$ref` cycle or an unresolved ref. */
  broken: boolean;
}

function emptyShape(): Shape {
  return {
    types: [],
    nullable: false,
    props: new Map(),
    required: new Set(),
    items: [],
    additional: [],
    enumValues: null,
    hasConst: false,
    constValue: undefined,
    format: null,
    readOnly: false,
    writeOnly: false,
    description: null,
    refs: new Map(),
    broken: false,
  };
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v === 'object' ? 'object' : typeof v;
}

function addType(shape: Shape, t: string): void {
  if (t === 'null') {
    shape.nullable = true;
    return;
  }
  if (!shape.types.includes(t)) shape.types.push(t);
}

/** A branch that only admits null: `{type: 'null'}`, `{enum: [null]}`, `{const: null}`. */
function isNullOnly(v: unknown): boolean {
  if (!isObject(v)) return false;
  if (v.type === 'null') return true;
  if (Array.isArray(v.type) && v.type.length > 0 && v.type.every((t) => t === 'null')) return true;
  if (Array.isArray(v.enum) && v.enum.length > 0 && v.enum.every((e) => e === null)) return true;
  return 'const' in v && v.const === null && v.type === undefined;
}

interface RecursionInfo {
  graph: Map<string, string[]>;
  known: Set<string>;
}
const recursiveCache = new WeakMap<RefResolver, RecursionInfo>();

/**
 * The ref targets that sit on a `$ref` cycle (Tarjan SCC over the graph "target → targets
 * referenced inside it"). The graph is cached per resolver and grows as bodies are visited;
 * each target's subtree is walked once.
 */
export function recursiveTargets(resolver: RefResolver, start: Loc): Set<string> {
  let info = recursiveCache.get(resolver);
  if (!info) {
    info = { graph: new Map(), known: new Set() };
    recursiveCache.set(resolver, info);
  }
  const { graph, known } = info;
  const todo: [string, Loc][] = [];
  const queued = new Set<string>();
  const refsInside = (loc: Loc): string[] => {
    const out: string[] = [];
    const stack: Loc[] = [loc];
    const seen = new Set<object>();
    while (stack.length) {
      const cur = stack.pop() as Loc;
      const v = cur.value;
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) continue;
        seen.add(v);
      }
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (typeof v[i] === 'object' && v[i] !== null) stack.push(child(cur, i));
      } else if (isObject(v)) {
        if (typeof v.$ref === 'string') {
          const d = resolver.deref(cur);
          if (d.refId && !d.error) {
            out.push(d.refId);
            if (!graph.has(d.refId) && !queued.has(d.refId)) {
              queued.add(d.refId);
              todo.push([d.refId, d.loc]);
            }
          }
        }
        for (const k of Object.keys(v)) {
          if (k === '$ref' || k === 'example' || k === 'examples' || k === 'enum' || k === 'default' || k === 'const' || k.startsWith('x-')) continue;
          const c = v[k];
          if (typeof c === 'object' && c !== null) stack.push(child(cur, k));
        }
      }
    }
    return out;
  };
  refsInside(start);
  if (todo.length === 0) return known;
  while (todo.length) {
    const [id, loc] = todo.pop() as [string, Loc];
    if (graph.has(id)) continue;
    graph.set(id, refsInside(loc));
  }
  // Tarjan, iterative.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const st: string[] = [];
  for (const root of graph.keys()) {
    if (idx.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    while (work.length) {
      const top = work[work.length - 1] as [string, number];
      const [v, i] = top;
      if (i === 0 && !idx.has(v)) {
        idx.set(v, index);
        low.set(v, index);
        index++;
        st.push(v);
        onStack.add(v);
      }
      const edges = graph.get(v) ?? [];
      if (i < edges.length) {
        top[1] = i + 1;
        const w = edges[i] as string;
        if (!idx.has(w)) work.push([w, 0]);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, idx.get(w) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0]) as number, low.get(v) as number));
      if (low.get(v) === idx.get(v)) {
        const comp: string[] = [];
        let w: string;
        do {
          w = st.pop() as string;
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) for (const c of comp) known.add(c);
      }
    }
  }
  return known;
}

export class FieldExtractor {
  private count = 0;
  private readonly max: number;
  truncated = false;
  readonly problems: { message: string; at: Loc }[] = [];
  /** Recursive schemas (on a ref cycle) already expanded once in this extraction. */
  private readonly expanded = new Set<string>();
  private recursive: Set<string> = new Set();

  constructor(
    private readonly resolver: RefResolver,
    private readonly opts: FieldOptions,
  ) {
    this.max = opts.maxFields ?? 20000;
  }

  /** Merge one schema (following refs and composition) into `shape`. */
  private collect(shape: Shape, loc: Loc, visiting: Set<string>): void {
    const d = this.resolver.deref(loc);
    if (d.error) {
      shape.broken = true;
      this.problems.push({ message: d.error.message, at: d.error.at });
      return;
    }
    if (d.refId) {
      if (visiting.has(d.refId)) return;
      if (!shape.refs.has(d.refId)) shape.refs.set(d.refId, d.refName ?? d.refId);
      visiting.add(d.refId);
    }
    if (this.opts.dialect === '3.1') {
      for (const sib of d.siblings) this.collectPlain(shape, { value: sib, file: loc.file, path: loc.path }, visiting);
    }
    this.collectPlain(shape, d.loc, visiting);
    if (d.refId) visiting.delete(d.refId);
  }

  private collectPlain(shape: Shape, loc: Loc, visiting: Set<string>): void {
    const v = loc.value;
    if (v === true || v === undefined) return;
    if (!isObject(v)) return;
    const t = v.type;
    if (typeof t === 'string') addType(shape, t === 'file' ? 'string' : t);
    else if (Array.isArray(t)) for (const x of t) if (typeof x === 'string') addType(shape, x);
    if (v.type === 'file' && shape.format === null) shape.format = 'binary';
    if (v.nullable === true) shape.nullable = true;
    if ('const' in v && !shape.hasConst) {
      shape.hasConst = true;
      shape.constValue = v.const;
      if (v.const === null) shape.nullable = true;
      else if (typeof t !== 'string' && !Array.isArray(t)) addType(shape, jsonType(v.const) === 'integer' ? 'integer' : jsonType(v.const));
    }
    if (Array.isArray(v.enum) && shape.enumValues === null) {
      shape.enumValues = v.enum.filter((e) => e !== null);
      if (v.enum.includes(null)) shape.nullable = true;
      if (typeof t !== 'string' && !Array.isArray(t)) {
        for (const e of shape.enumValues) addType(shape, jsonType(e) === 'integer' && shape.types.includes('number') ? 'number' : jsonType(e));
      }
    }
    if (typeof v.format === 'string' && shape.format === null) shape.format = v.format;
    if (typeof v.description === 'string' && shape.description === null) shape.description = v.description;
    if (v.readOnly === true) shape.readOnly = true;
    if (v.writeOnly === true) shape.writeOnly = true;
    if (Array.isArray(v.allOf)) {
      const all = child(loc, 'allOf');
      v.allOf.forEach((_, i) => this.collect(shape, child(all, i), visiting));
    }
    if (isObject(v.properties)) {
      const props = child(loc, 'properties');
      for (const name of Object.keys(v.properties)) {
        let e = shape.props.get(name);
        if (!e) {
          e = { locs: [] };
          shape.props.set(name, e);
        }
        e.locs.push(child(props, name));
      }
    }
    if (Array.isArray(v.required)) for (const r of v.required) if (typeof r === 'string') shape.required.add(r);
    if (v.items !== undefined) {
      if (Array.isArray(v.items)) {
        if (v.items.length > 0) shape.items.push(child(child(loc, 'items'), 0));
      } else shape.items.push(child(loc, 'items'));
    } else if (Array.isArray(v.prefixItems) && v.prefixItems.length > 0) {
      shape.items.push(child(child(loc, 'prefixItems'), 0));
    }
    if (isObject(v.additionalProperties)) shape.additional.push(child(loc, 'additionalProperties'));
    for (const key of ['oneOf', 'anyOf'] as const) {
      const alts = v[key];
      if (!Array.isArray(alts)) continue;
      const altLoc = child(loc, key);
      alts.forEach((_, i) => {
        const bl = child(altLoc, i);
        const bd = this.resolver.deref(bl);
        if (!bd.error && isNullOnly(bd.loc.value)) {
          shape.nullable = true;
          return;
        }
        this.collect(shape, bl, visiting);
      });
    }
  }

  private shapeOf(locs: Loc[]): Shape {
    const shape = emptyShape();
    for (const l of locs) this.collect(shape, l, new Set());
    return shape;
  }

  private typeString(s: Shape): string {
    if (s.types.length) return s.types.join('|');
    if (s.props.size || s.additional.length) return 'object';
    if (s.items.length) return 'array';
    if (s.nullable) return 'null';
    return 'any';
  }

  private hasChildren(s: Shape): boolean {
    return s.props.size > 0 || s.additional.length > 0 || s.items.length > 0;
  }

  private makeField(path: string, s: Shape, required: boolean, cycle: string | null): Field {
    const f: Field = {
      path,
      type: this.typeString(s),
      required,
      nullable: s.nullable,
      enum: s.enumValues,
      format: s.format,
      readOnly: s.readOnly,
      writeOnly: s.writeOnly,
      description: s.description,
      cycle,
    };
    if (s.hasConst) f.const = s.constValue;
    return f;
  }

  /**
   * Where expansion stops: a schema already on the current path (a cycle), or a recursive
   * schema (one on a `$ref` cycle) already expanded elsewhere in this body — which keeps
   * documents with many interlinked recursive schemas (Stripe) finite and small. The tree is
   * built breadth-first, so a recursive schema is expanded at its shallowest use.
   */
  private cycleOf(s: Shape, ancestors: ReadonlySet<string>): string | null {
    for (const [id, name] of s.refs) if (ancestors.has(id)) return name;
    if (this.hasChildren(s)) for (const [id, name] of s.refs) if (this.expanded.has(id)) return name;
    return null;
  }

  private expand(node: TreeNode, cs: Shape, path: string, ancestors: ReadonlySet<string>, queue: Pending[]): void {
    const next = new Set(ancestors);
    for (const id of cs.refs.keys()) {
      next.add(id);
      if (this.recursive.has(id)) this.expanded.add(id);
    }
    queue.push({ node, shape: cs, prefix: path, ancestors: next });
  }

  /** The direct children of one expanded object/array node (one breadth-first step). */
  private step(p: Pending, queue: Pending[]): void {
    const { node, shape: s, prefix, ancestors } = p;
    const join = (name: string) => (prefix === '' ? name : `${prefix}.${name}`);
    const request = this.opts.part === 'request';
    const entries: [string, Loc[], boolean][] = [...s.props].map(([name, e]) => [name, e.locs, s.required.has(name)]);
    if (s.additional.length) entries.push(['*', s.additional, false]);
    for (const [name, locs, req] of entries) {
      if (this.count >= this.max) {
        this.truncated = true;
        return;
      }
      const cs = this.shapeOf(locs);
      if (request && cs.readOnly) continue;
      if (!request && cs.writeOnly) continue;
      const cycle = this.cycleOf(cs, ancestors);
      const path = join(name);
      const child: TreeNode = { field: this.makeField(path, cs, req && !(request && cs.readOnly), cycle), children: [] };
      this.count++;
      node.children.push(child);
      if (cycle === null && this.hasChildren(cs)) this.expand(child, cs, path, ancestors, queue);
    }
    if (s.items.length) {
      const is = this.shapeOf(s.items);
      const cycle = this.cycleOf(is, ancestors);
      const path = `${prefix}[]`;
      if (cycle !== null || !this.hasChildren(is)) {
        node.children.push({ field: this.makeField(path, is, false, cycle), children: [] });
        this.count++;
      } else {
        // Object items have no entry of their own: their fields follow as `name[].field`.
        const hidden: TreeNode = { field: null, children: [] };
        node.children.push(hidden);
        this.expand(hidden, is, path, ancestors, queue);
      }
    }
  }

  run(schema: Loc): Field[] {
    this.recursive = recursiveTargets(this.resolver, schema);
    const root = this.shapeOf([schema]);
    if (root.broken && !this.hasChildren(root)) return [];
    const ancestors = new Set(root.refs.keys());
    for (const id of root.refs.keys()) if (this.recursive.has(id)) this.expanded.add(id);
    const top: TreeNode = { field: null, children: [] };
    const queue: Pending[] = [{ node: top, shape: root, prefix: '', ancestors }];
    for (let i = 0; i < queue.length && !this.truncated; i++) this.step(queue[i] as Pending, queue);
    // Depth-first output in document order (iterative: no recursion limit).
    const out: Field[] = [];
    const stack: TreeNode[] = [...top.children].reverse();
    while (stack.length) {
      const n = stack.pop() as TreeNode;
      if (n.field) out.push(n.field);
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as TreeNode);
    }
    return out;
  }
}

interface TreeNode {
  field: Field | null;
  children: TreeNode[];
}

interface Pending {
  node: TreeNode;
  shape: Shape;
  prefix: string;
  ancestors: ReadonlySet<string>;
}

export function extractSchemaFields(resolver: RefResolver, schema: Loc, opts: FieldOptions): { fields: Field[]; truncated: boolean; problems: { message: string; at: Loc }[] } {
  const x = new FieldExtractor(resolver, opts);
  const fields = x.run(schema);
  return { fields, truncated: x.truncated, problems: x.problems };
}
