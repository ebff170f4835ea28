/**
 * Output validation: Ajv against the target operation's request schema (outbound) or the
 * work-order schema (inbound); required target fields that no mapping fills; and type
 * mismatches visible without running anything (a number mapped into a string enum, ...).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Field } from '../../common/spec/model';
import type { Mapping } from '../../common/project/model';
import { parsePath } from '../../common/mapping/paths';
import { resourcesDir } from '../runtime/paths';

// ajv-formats is CommonJS; under ESM its default export is the function (or { default: fn }).
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv | Ajv2020) => void;

export interface ValidationIssue {
  path: string;
  message: string;
}

export interface TypeMismatch {
  target: string;
  mappingIndex: number;
  message: string;
}

export type Dialect = 'draft-04' | '2020-12' | 'draft-07';

/** draft-04 → what Ajv's default (draft-07) engine understands: boolean exclusive bounds, `id`. */
function upgradeDraft04(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(upgradeDraft04);
  if (typeof node !== 'object' || node === null) return node;
  const src = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === '$schema' || k === 'id') continue;
    if ((k === 'exclusiveMinimum' || k === 'exclusiveMaximum') && typeof v === 'boolean') continue;
    out[k] = k === 'enum' || k === 'const' || k === 'default' || k === 'example' || k === 'examples' ? v : upgradeDraft04(v);
  }
  if (src.exclusiveMinimum === true && typeof src.minimum === 'number') {
    out.exclusiveMinimum = src.minimum;
    delete out.minimum;
  }
  if (src.exclusiveMaximum === true && typeof src.maximum === 'number') {
    out.exclusiveMaximum = src.maximum;
    delete out.maximum;
  }
  return out;
}

const compiled = new WeakMap<object, ValidateFunction>();

export function compileSchema(schema: Record<string, unknown>, dialect: Dialect): ValidateFunction {
  const hit = compiled.get(schema);
  if (hit) return hit;
  let v: ValidateFunction;
  if (dialect === '2020-12') {
    const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
    addFormats(ajv);
    const { $schema: _drop, ...rest } = schema;
    v = ajv.compile(rest);
  } else {
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
    addFormats(ajv);
    v = ajv.compile((dialect === 'draft-04' ? upgradeDraft04(schema) : schema) as object);
  }
  compiled.set(schema, v);
  return v;
}

function pointerToPath(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const t = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(t)) out += `[${t}]`;
    else out += out ? `.${t}` : t;
  }
  return out;
}

function join2(base: string, key: string): string {
  return base ? `${base}.${key}` : key;
}

export function ajvIssues(errors: readonly ErrorObject[] | null | undefined): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    if (e.keyword === 'if' || e.keyword === 'allOf') continue;
    const base = pointerToPath(e.instancePath);
    const p = e.params as Record<string, unknown>;
    let issue: ValidationIssue;
    if (e.keyword === 'required') issue = { path: join2(base, String(p.missingProperty)), message: 'is required' };
    else if (e.keyword === 'additionalProperties') issue = { path: join2(base, String(p.additionalProperty)), message: 'is not allowed here (additionalProperties: false)' };
    else if (e.keyword === 'enum') issue = { path: base, message: `must be one of ${(p.allowedValues as unknown[]).map((x) => JSON.stringify(x)).join(', ')}` };
    else issue = { path: base, message: e.message ?? 'is invalid' };
    const key = `${issue.path}\u0000${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(issue);
    }
  }
  return out;
}

export function validatePayload(validate: ValidateFunction, payload: unknown): ValidationIssue[] {
  return validate(payload) ? [] : ajvIssues(validate.errors);
}

let workOrderSchema: Record<string, unknown> | null = null;

export function loadWorkOrderSchema(): Record<string, unknown> {
  workOrderSchema ??= JSON.parse(readFileSync(join(resourcesDir(), 'schemas', 'workorder.schema.json'), 'utf8')) as Record<string, unknown>;
  return workOrderSchema;
}

/** Flatten a plain JSON Schema (local `#/definitions` refs only) into CLI-style fields. */
export function schemaFields(root: Record<string, unknown>): Field[] {
  const fields: Field[] = [];
  const defs = (root.definitions ?? root.$defs ?? {}) as Record<string, Record<string, unknown>>;
  const deref = (s: Record<string, unknown>, seen: Set<string>): { s: Record<string, unknown>; cycle: string | null } => {
    let cur = s;
    while (typeof cur.$ref === 'string') {
      const name = cur.$ref.replace(/^#\/(definitions|\$defs)\//, '');
      if (seen.has(name)) return { s: cur, cycle: name };
      seen = new Set(seen).add(name);
      cur = defs[name] ?? {};
    }
    return { s: cur, cycle: null };
  };
  const walk = (schema: Record<string, unknown>, prefix: string, required: boolean, seen: Set<string>) => {
    const { s, cycle } = deref(schema, seen);
    const t = s.type;
    const type = Array.isArray(t) ? t.join('|') : typeof t === 'string' ? t : 'any';
    if (prefix) {
      fields.push({
        path: prefix,
        type,
        required,
        nullable: Array.isArray(t) && t.includes('null'),
        enum: Array.isArray(s.enum) ? s.enum : null,
        format: typeof s.format === 'string' ? s.format : null,
        readOnly: s.readOnly === true,
        writeOnly: s.writeOnly === true,
        description: typeof s.description === 'string' ? s.description : null,
        cycle,
      });
    }
    if (cycle) return;
    if (s.properties && typeof s.properties === 'object') {
      const req = new Set(Array.isArray(s.required) ? (s.required as string[]) : []);
      for (const [k, v] of Object.entries(s.properties as Record<string, Record<string, unknown>>)) walk(v, prefix ? `${prefix}.${k}` : k, req.has(k), seen);
    }
    if (s.items && typeof s.items === 'object' && !Array.isArray(s.items)) walk(s.items as Record<string, unknown>, `${prefix}[]`, false, seen);
  };
  walk(root, '', false, new Set());
  return fields;
}

/** `a.b[3].c` → `a.b[].c` (the field-list form). */
export function fieldForm(target: string): string {
  try {
    let out = '';
    for (const s of parsePath(target)) out += typeof s === 'number' ? '[]' : out ? `.${s}` : s;
    return out;
  } catch {
    return target;
  }
}

function parentOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('.'), path.endsWith('[]') ? path.length - 2 : -1);
  if (path.endsWith('[]')) return path.slice(0, -2);
  return cut > 0 ? path.slice(0, cut) : '';
}

/**
 * Required target fields no mapping fills. A nested required field counts only where its
 * parent is itself required all the way up, or some mapping writes inside that parent (a
 * required `site.address.city` matters once anything is mapped into `site.address`).
 */
export function unmappedRequired(fields: readonly Field[], mappings: readonly Mapping[]): string[] {
  const targets = mappings.map((m) => fieldForm(m.target));
  const covers = (path: string) => targets.some((t) => t === path || t.startsWith(`${path}.`) || t.startsWith(`${path}[]`) || path.startsWith(`${t}.`) || path.startsWith(`${t}[]`));
  const byPath = new Map(fields.map((f) => [f.path, f]));
  const inPlay = (path: string): boolean => {
    const parent = parentOf(path);
    if (parent === '') return true;
    if (targets.some((t) => t.startsWith(`${parent}.`) || t.startsWith(`${parent}[]`))) return true;
    const pf = byPath.get(parent);
    return pf !== undefined && pf.required && inPlay(parent);
  };
  return fields.filter((f) => f.required && !f.readOnly && inPlay(f.path) && !covers(f.path)).map((f) => f.path);
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeFits(valueType: string, fieldType: string): boolean {
  if (fieldType === 'any' || fieldType === '') return true;
  const allowed = fieldType.split('|');
  if (allowed.includes(valueType)) return true;
  return valueType === 'integer' && allowed.includes('number');
}

/** Values a mapping can produce, known without running it (null when unknown). */
function staticOutputs(m: Mapping, sourceFields: Map<string, Field>): { values: unknown[]; types: string[] } | null {
  const withDefault = (vals: unknown[]) => (m.default !== undefined ? [...vals, m.default] : vals);
  switch (m.action) {
    case 'set_static':
      return { values: [m.value ?? m.default], types: [] };
    case 'array_map':
      return { values: withDefault((m.mappings ?? []).map((e) => e.value)), types: [] };
    case 'range_map':
      return { values: withDefault((m.ranges ?? []).map((e) => e.value)), types: [] };
    case 'concat':
      return { values: m.default !== undefined ? [m.default] : [], types: ['string'] };
    case 'date_convert':
      return { values: m.default !== undefined ? [m.default] : [], types: [m.output_format === 'X' || m.output_format === 'x' ? 'integer' : 'string'] };
    case 'sync': {
      const f = m.source ? sourceFields.get(fieldForm(m.source)) : undefined;
      if (!f || f.type === 'any' || f.type.includes('|')) return m.default !== undefined ? { values: [m.default], types: [] } : null;
      return { values: m.default !== undefined ? [m.default] : [], types: [f.type] };
    }
    default:
      return null;
  }
}

export function staticTypeMismatches(mappings: readonly Mapping[], targetFields: readonly Field[], sourceFields: readonly Field[]): TypeMismatch[] {
  const targets = new Map(targetFields.map((f) => [f.path, f]));
  const sources = new Map(sourceFields.map((f) => [f.path, f]));
  const out: TypeMismatch[] = [];
  mappings.forEach((m, mappingIndex) => {
    const f = targets.get(fieldForm(m.target));
    if (!f) return;
    const produced = staticOutputs(m, sources);
    if (!produced) return;
    for (const t of produced.types) {
      if (!typeFits(t, f.type)) out.push({ target: m.target, mappingIndex, message: `${m.action} produces ${t === 'integer' ? 'a number' : `a ${t}`}, but ${f.path} is ${f.type}` });
    }
    for (const v of produced.values) {
      if (v === undefined) continue;
      const t = jsonType(v);
      if (!typeFits(t, f.type) && !(v === null && f.nullable)) {
        out.push({ target: m.target, mappingIndex, message: `${JSON.stringify(v)} is ${t === 'integer' ? 'a number' : `a ${t}`}, but ${f.path} is ${f.type}` });
      } else if (f.enum && !f.enum.some((e) => e === v)) {
        out.push({ target: m.target, mappingIndex, message: `${JSON.stringify(v)} is not one of the allowed values of ${f.path}: ${f.enum.map((e) => JSON.stringify(e)).join(', ')}` });
      }
    }
  });
  return out;
}
