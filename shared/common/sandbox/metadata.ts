/**
 * Refresh Fields: turn a metadata endpoint's response into the flat Field list of CLI.md
 * `fields` (dot paths, `name[]` for arrays). Recognised shapes:
 *  - a JSON Schema / OpenAPI schema object (`properties`, `allOf`, local `$ref`s),
 *  - an array of field descriptors (name|key|id|apiName, label, type, required|nullable|nillable,
 *    options|enum|picklistValues|values, nested children|fields|properties),
 *  - an object keyed by field name whose values describe the field,
 *  - any of these inside a common wrapper ({fields}, {data}, {result}, {schema}, ...).
 * Anything else returns null, and the project's Jsonnet `metadataAdapter` takes over.
 */
import type { Field } from '../spec/model';
import type { FieldComparison } from '../api/calls-sandbox';
import { inlineSchema, isObject, type JsonObject } from './schema';

export type MetadataShape = 'json-schema' | 'descriptor-array' | 'keyed-object';

export interface ParsedMetadata {
  shape: MetadataShape;
  /** Where the recognised part was found, e.g. `data.fields` ('' for the root). */
  at: string;
  fields: Field[];
}

const NAME_KEYS = ['name', 'key', 'apiName', 'api_name', 'fieldName', 'field_name', 'field', 'id', 'path'];
const CHILD_KEYS = ['children', 'fields', 'properties', 'subfields', 'items'];
const OPTION_KEYS = ['options', 'enum', 'picklistValues', 'picklist_values', 'values', 'choices', 'allowedValues', 'allowed_values'];
const WRAPPER_KEYS = ['fields', 'data', 'result', 'results', 'schema', 'metadata', 'items', 'attributes', 'columns', 'definition', 'response'];
const DESCRIPTOR_HINTS = ['type', 'dataType', 'data_type', 'fieldType', 'label', 'required', 'nullable', 'nillable', ...OPTION_KEYS, 'description'];

function field(path: string, partial: Partial<Field>): Field {
  return {
    path,
    type: partial.type ?? 'any',
    required: partial.required ?? false,
    nullable: partial.nullable ?? false,
    enum: partial.enum ?? null,
    format: partial.format ?? null,
    readOnly: partial.readOnly ?? false,
    writeOnly: partial.writeOnly ?? false,
    description: partial.description ?? null,
    cycle: partial.cycle ?? null,
  };
}

function join(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`;
}

// ---------------------------------------------------------------------------------------------
// JSON Schema

function looksLikeSchema(v: unknown): v is JsonObject {
  if (!isObject(v)) return false;
  if (isObject(v.properties)) return true;
  if (Array.isArray(v.allOf) && v.allOf.some((s) => isObject(s) && (isObject(s.properties) || typeof s.$ref === 'string'))) return true;
  if (v.type === 'array' && isObject(v.items) && (isObject(v.items.properties) || typeof v.items.$ref === 'string')) return true;
  return false;
}

function schemaType(s: JsonObject): { type: string; nullable: boolean } {
  let nullable = s.nullable === true;
  let types: string[] = [];
  if (Array.isArray(s.type)) types = s.type.filter((t): t is string => typeof t === 'string');
  else if (typeof s.type === 'string') types = [s.type];
  if (types.includes('null')) {
    nullable = true;
    types = types.filter((t) => t !== 'null');
  }
  if (types.length === 0) {
    if (isObject(s.properties)) types = ['object'];
    else if (s.items !== undefined) types = ['array'];
    else if (Array.isArray(s.enum) && s.enum.length > 0) types = [...new Set(s.enum.filter((e) => e !== null).map((e) => (typeof e === 'number' ? (Number.isInteger(e) ? 'integer' : 'number') : typeof e)))];
  }
  return { type: types.length === 0 ? 'any' : types.join('|'), nullable };
}

function schemaFields(s: unknown, prefix: string, required: boolean, out: Field[]): void {
  if (!isObject(s)) return;
  if (typeof s.$ref === 'string') {
    out.push(field(prefix, { type: 'object', required, cycle: typeof s['x-cycle'] === 'string' ? s['x-cycle'] : s.$ref }));
    return;
  }
  const { type, nullable } = schemaType(s);
  if (prefix !== '') {
    out.push(
      field(prefix, {
        type,
        required,
        nullable,
        enum: Array.isArray(s.enum) ? [...s.enum] : null,
        format: typeof s.format === 'string' ? s.format : null,
        readOnly: s.readOnly === true,
        writeOnly: s.writeOnly === true,
        description: typeof s.description === 'string' ? s.description : typeof s.title === 'string' ? s.title : null,
      }),
    );
  }
  if (isObject(s.properties)) {
    const req = new Set(Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : []);
    for (const [name, sub] of Object.entries(s.properties)) schemaFields(sub, join(prefix, name), req.has(name), out);
  }
  if (type.split('|').includes('array') && isObject(s.items)) {
    const itemPrefix = `${prefix}[]`;
    const items = s.items;
    if (isObject(items.properties) || Array.isArray(items.allOf)) {
      const req = new Set(Array.isArray(items.required) ? items.required.filter((r): r is string => typeof r === 'string') : []);
      for (const [name, sub] of Object.entries(isObject(items.properties) ? items.properties : {})) schemaFields(sub, join(itemPrefix, name), req.has(name), out);
    } else if (prefix !== '' && typeof items.$ref !== 'string') {
      // An array of scalars: the items are a field of their own (`tags[]`), as CLI.md `fields` lists them.
      schemaFields(items, itemPrefix, false, out);
    }
  }
}

export function fieldsFromSchema(schema: unknown, doc: unknown = schema): Field[] {
  const inlined = inlineSchema(doc, schema);
  const out: Field[] = [];
  if (isObject(inlined) && inlined.type === 'array' && isObject(inlined.items)) schemaFields(inlined, '', false, out);
  else schemaFields(inlined, '', false, out);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Field descriptors

function descriptorName(d: JsonObject): string | null {
  for (const k of NAME_KEYS) {
    const v = d[k];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return null;
}

function isDescriptor(v: unknown): v is JsonObject {
  return isObject(v) && descriptorName(v) !== null && DESCRIPTOR_HINTS.some((k) => k in v);
}

function isDescriptorArray(v: unknown): v is JsonObject[] {
  return Array.isArray(v) && v.length > 0 && v.every(isDescriptor);
}

/** Values of a keyed object: `{ title: { type: 'string', required: true }, ... }`. */
function isKeyedObject(v: unknown): v is Record<string, JsonObject> {
  if (!isObject(v)) return false;
  const entries = Object.entries(v);
  if (entries.length === 0) return false;
  return entries.every(([, d]) => isObject(d) && DESCRIPTOR_HINTS.some((k) => k in d) && (typeof d.type === 'string' || typeof d.dataType === 'string' || typeof d.data_type === 'string' || typeof d.fieldType === 'string' || typeof d.label === 'string'));
}

/** Maps the many type spellings of metadata APIs to JSON types (+ format). */
export function normaliseType(raw: unknown): { type: string; format: string | null } {
  const t = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  switch (t) {
    case 'string': case 'text': case 'textarea': case 'str': case 'varchar': case 'char': case 'email': case 'phone': case 'url':
    case 'picklist': case 'select': case 'enum': case 'reference': case 'id': case 'richtext': case 'html': case 'uuid':
      return { type: 'string', format: t === 'email' ? 'email' : t === 'url' ? 'uri' : t === 'uuid' ? 'uuid' : null };
    case 'integer': case 'int': case 'int32': case 'int64': case 'long': case 'short':
      return { type: 'integer', format: null };
    case 'number': case 'double': case 'float': case 'decimal': case 'currency': case 'percent': case 'numeric': case 'money':
      return { type: 'number', format: null };
    case 'boolean': case 'bool': case 'checkbox':
      return { type: 'boolean', format: null };
    case 'date':
      return { type: 'string', format: 'date' };
    case 'datetime': case 'date-time': case 'date_time': case 'timestamp':
      return { type: 'string', format: 'date-time' };
    case 'time':
      return { type: 'string', format: 'time' };
    case 'object': case 'map': case 'record': case 'struct': case 'address': case 'group':
      return { type: 'object', format: null };
    case 'array': case 'list': case 'multipicklist': case 'multiselect':
      return { type: 'array', format: null };
    case '':
      return { type: 'any', format: null };
    default:
      return { type: t, format: null };
  }
}

function descriptorOptions(d: JsonObject): unknown[] | null {
  for (const k of OPTION_KEYS) {
    const v = d[k];
    if (!Array.isArray(v)) continue;
    return v.map((o) => {
      if (!isObject(o)) return o;
      for (const vk of ['value', 'key', 'id', 'name', 'label']) if (o[vk] !== undefined) return o[vk];
      return o;
    });
  }
  return null;
}

function descriptorChildren(d: JsonObject): { kind: 'array' | 'keyed' | 'schema'; value: unknown } | null {
  for (const k of CHILD_KEYS) {
    const v = d[k];
    if (isDescriptorArray(v)) return { kind: 'array', value: v };
    if (k !== 'items' && isKeyedObject(v)) return { kind: 'keyed', value: v };
    if (k === 'items' && looksLikeSchema(v)) return { kind: 'schema', value: v };
  }
  return null;
}

function descriptorFields(d: JsonObject, name: string, prefix: string, out: Field[]): void {
  const rawType = d.type ?? d.dataType ?? d.data_type ?? d.fieldType ?? d.field_type;
  let { type, format } = normaliseType(rawType);
  if (typeof d.format === 'string') format = d.format;
  const options = descriptorOptions(d);
  const children = descriptorChildren(d);
  if (type === 'any' && children) type = d.multiple === true || d.array === true || d.isArray === true ? 'array' : 'object';
  if (type === 'any' && options) type = 'string';
  const isArray = type === 'array' || d.multiple === true || d.array === true || d.isArray === true;
  if (isArray && type !== 'array') type = 'array';
  const path = join(prefix, name);
  const nullable = d.nullable === true || d.nillable === true;
  const required = d.required === true || d.mandatory === true || d.isRequired === true || (d.required === undefined && (d.nullable === false || d.nillable === false) && d.createable !== false && d.defaultedOnCreate !== true);
  const label = typeof d.label === 'string' ? d.label : typeof d.title === 'string' ? d.title : null;
  const description = typeof d.description === 'string' ? d.description : label;
  out.push(
    field(path, {
      type,
      format,
      required,
      nullable,
      enum: options,
      readOnly: d.readOnly === true || d.readonly === true || (d.updateable === false && d.createable === false),
      description,
    }),
  );
  const itemType = typeof d.itemType === 'string' ? d.itemType : typeof d.item_type === 'string' ? d.item_type : typeof d.elementType === 'string' ? d.elementType : isObject(d.items) && typeof d.items.type === 'string' && !children ? d.items.type : null;
  if (isArray && !children && itemType) {
    const it = normaliseType(itemType);
    out.push(field(`${path}[]`, { type: it.type, format: it.format }));
  }
  if (!children) return;
  const childPrefix = isArray ? `${path}[]` : path;
  if (children.kind === 'array') for (const c of children.value as JsonObject[]) descriptorFields(c, descriptorName(c) ?? '?', childPrefix, out);
  else if (children.kind === 'keyed') for (const [k, c] of Object.entries(children.value as Record<string, JsonObject>)) descriptorFields(c, k, childPrefix, out);
  else {
    const sub: Field[] = [];
    schemaFields(children.value, '', false, sub);
    for (const f of sub) out.push({ ...f, path: `${childPrefix}${f.path.startsWith('[]') ? f.path : `.${f.path}`}` });
  }
}

export function fieldsFromDescriptors(list: JsonObject[], prefix = ''): Field[] {
  const out: Field[] = [];
  for (const d of list) descriptorFields(d, descriptorName(d) ?? '?', prefix, out);
  return out;
}

export function fieldsFromKeyed(obj: Record<string, JsonObject>): Field[] {
  const out: Field[] = [];
  for (const [k, d] of Object.entries(obj)) descriptorFields(d, k, '', out);
  return out;
}

// ---------------------------------------------------------------------------------------------

function recognise(body: unknown, at: string, depth: number, root: unknown): ParsedMetadata | null {
  if (looksLikeSchema(body)) return { shape: 'json-schema', at, fields: fieldsFromSchema(body, root) };
  if (isDescriptorArray(body)) return { shape: 'descriptor-array', at, fields: fieldsFromDescriptors(body) };
  if (depth < 3 && isObject(body)) {
    for (const k of WRAPPER_KEYS) {
      if (!(k in body)) continue;
      const inner = recognise(body[k], at === '' ? k : `${at}.${k}`, depth + 1, root);
      if (inner) return inner;
    }
  }
  if (isKeyedObject(body)) return { shape: 'keyed-object', at, fields: fieldsFromKeyed(body) };
  return null;
}

/** Recognises the metadata response; null when the shape is unknown (use the Jsonnet adapter). */
export function parseMetadata(body: unknown): ParsedMetadata | null {
  const r = recognise(body, '', 0, body);
  if (!r || r.fields.length === 0) return null;
  return r;
}

/** Spec fields vs live fields: in both, spec only, live only, type differs. */
export function compareFields(spec: Field[], live: Field[]): FieldComparison[] {
  const specBy = new Map(spec.map((f) => [f.path, f]));
  const liveBy = new Map(live.map((f) => [f.path, f]));
  const out: FieldComparison[] = [];
  const paths = [...new Set([...spec.map((f) => f.path), ...live.map((f) => f.path)])];
  for (const path of paths) {
    const s = specBy.get(path);
    const l = liveBy.get(path);
    if (s && l) {
      const same = typesCompatible(s.type, l.type);
      out.push({ path, status: same ? 'both' : 'type-differs', specType: s.type, liveType: l.type });
    } else if (s) out.push({ path, status: 'spec-only', specType: s.type, liveType: null });
    else if (l) out.push({ path, status: 'live-only', specType: null, liveType: l.type });
  }
  return out;
}

function typesCompatible(a: string, b: string): boolean {
  if (a === b || a === 'any' || b === 'any') return true;
  const sa = new Set(a.split('|'));
  const sb = new Set(b.split('|'));
  // An integer is a number: a metadata API that only says "number" agrees with an integer spec field.
  if ((sa.has('integer') && sb.has('number')) || (sa.has('number') && sb.has('integer'))) return true;
  return [...sa].some((t) => sb.has(t)) && sa.size === sb.size;
}
