/**
 * Small, pure JSON Schema helpers for the sandbox: inline local `$ref`s and merge `allOf`, so a
 * schema can be walked (metadata descriptors) or handed to Ajv without the rest of the document.
 */

export type JsonObject = Record<string, unknown>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function pointerGet(doc: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '#') return doc;
  const parts = pointer.replace(/^#\/?/, '').split('/').map((p) => decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~'));
  let cur: unknown = doc;
  for (const p of parts) {
    if (Array.isArray(cur)) cur = cur[Number(p)];
    else if (isObject(cur)) cur = cur[p];
    else return undefined;
  }
  return cur;
}

/**
 * Returns a copy of `schema` with local `$ref`s inlined and `allOf` merged. A `$ref` seen again
 * below itself (a recursive schema) is left as `{ $ref, 'x-cycle': name }` instead of looping.
 */
export function inlineSchema(doc: unknown, schema: unknown, seen: string[] = []): unknown {
  if (Array.isArray(schema)) return schema.map((s) => inlineSchema(doc, s, seen));
  if (!isObject(schema)) return schema;
  if (typeof schema.$ref === 'string') {
    const ref = schema.$ref;
    if (!ref.startsWith('#')) return { ...schema };
    if (seen.includes(ref)) return { $ref: ref, 'x-cycle': ref.split('/').pop() ?? ref };
    const target = pointerGet(doc, ref);
    const { $ref: _ignored, ...siblings } = schema;
    const inlined = inlineSchema(doc, target, [...seen, ref]);
    return Object.keys(siblings).length > 0 && isObject(inlined) ? mergeSchemas([inlined, inlineSchema(doc, siblings, seen) as JsonObject]) : inlined;
  }
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'allOf') continue;
    if (k === 'properties' && isObject(v)) {
      out.properties = Object.fromEntries(Object.entries(v).map(([pk, pv]) => [pk, inlineSchema(doc, pv, seen)]));
    } else if (k === 'example' || k === 'examples' || k === 'enum' || k === 'const' || k === 'default') {
      out[k] = v;
    } else {
      out[k] = inlineSchema(doc, v, seen);
    }
  }
  if (Array.isArray(schema.allOf)) {
    const parts = schema.allOf.map((s) => inlineSchema(doc, s, seen)).filter(isObject);
    return mergeSchemas([...parts, out]);
  }
  return out;
}

/** Merges object schemas (allOf): properties united, required united, other keywords last wins. */
export function mergeSchemas(parts: JsonObject[]): JsonObject {
  const out: JsonObject = {};
  const properties: JsonObject = {};
  const required = new Set<string>();
  let hasProps = false;
  for (const p of parts) {
    for (const [k, v] of Object.entries(p)) {
      if (k === 'properties' && isObject(v)) {
        hasProps = true;
        for (const [pk, pv] of Object.entries(v)) {
          const prev = properties[pk];
          properties[pk] = isObject(prev) && isObject(pv) ? mergeSchemas([prev, pv]) : pv;
        }
      } else if (k === 'required' && Array.isArray(v)) {
        for (const r of v) if (typeof r === 'string') required.add(r);
      } else {
        out[k] = v;
      }
    }
  }
  if (hasProps) out.properties = properties;
  if (required.size > 0) out.required = [...required];
  if (hasProps && out.type === undefined) out.type = 'object';
  return out;
}

/** A field descriptor as the demo sandbox's metadata endpoint returns it. */
export interface FieldDescriptor {
  name: string;
  label: string;
  type: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'date' | 'datetime';
  required: boolean;
  options: string[] | null;
  /** Arrays of scalars: the items' type. */
  itemType?: FieldDescriptor['type'];
  children?: FieldDescriptor[];
}

export function labelFromName(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function descriptorType(schema: JsonObject): FieldDescriptor['type'] {
  const t = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  if (t === 'string' && schema.format === 'date') return 'date';
  if (t === 'string' && schema.format === 'date-time') return 'datetime';
  if (t === 'number' || t === 'integer' || t === 'boolean' || t === 'object' || t === 'array' || t === 'string') return t;
  if (isObject(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return 'string';
}

/** Field descriptors (the demo metadata shape) from an inlined object schema; readOnly fields are left out. */
export function descriptorsFromSchema(schema: unknown): FieldDescriptor[] {
  if (!isObject(schema) || !isObject(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);
  const out: FieldDescriptor[] = [];
  for (const [name, raw] of Object.entries(schema.properties)) {
    if (!isObject(raw) || raw.readOnly === true) continue;
    const type = descriptorType(raw);
    const d: FieldDescriptor = {
      name,
      label: typeof raw.title === 'string' ? raw.title : labelFromName(name),
      type,
      required: required.has(name),
      options: Array.isArray(raw.enum) ? raw.enum.map((e) => String(e)) : null,
    };
    if (type === 'object') d.children = descriptorsFromSchema(raw);
    if (type === 'array' && isObject(raw.items) && isObject(raw.items.properties)) d.children = descriptorsFromSchema(raw.items);
    else if (type === 'array' && isObject(raw.items)) d.itemType = descriptorType(raw.items);
    out.push(d);
  }
  return out;
}
