/**
 * Typed values for set_static, defaults and value-map cells: the user picks a JSON type and
 * types text; the value stored in the mapping has that type (array_map compares type-strictly,
 * so "1" and 1 must stay distinguishable in the UI).
 */
export type ValueType = 'string' | 'number' | 'boolean' | 'null' | 'json';
export const VALUE_TYPES: readonly ValueType[] = ['string', 'number', 'boolean', 'null', 'json'];

export function typeOfValue(v: unknown): ValueType {
  if (v === null) return 'null';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string' || v === undefined) return 'string';
  return 'json';
}

/** The natural value type for a target field type (`integer|null` → number). */
export function valueTypeForField(fieldType: string | undefined): ValueType {
  const t = (fieldType ?? 'string').split('|').filter((x) => x !== 'null')[0] ?? 'string';
  if (t === 'number' || t === 'integer') return 'number';
  if (t === 'boolean') return 'boolean';
  if (t === 'object' || t === 'array') return 'json';
  return 'string';
}

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

export function parseTypedValue(text: string, type: ValueType): Parsed {
  switch (type) {
    case 'string':
      return { ok: true, value: text };
    case 'number': {
      const t = text.trim();
      if (t === '' || !/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) return { ok: false, error: `"${text}" is not a number` };
      return { ok: true, value: Number(t) };
    }
    case 'boolean': {
      const t = text.trim().toLowerCase();
      if (t === 'true') return { ok: true, value: true };
      if (t === 'false') return { ok: true, value: false };
      return { ok: false, error: 'choose true or false' };
    }
    case 'null':
      return { ok: true, value: null };
    case 'json':
      try {
        return { ok: true, value: JSON.parse(text) as unknown };
      } catch (err) {
        return { ok: false, error: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
      }
  }
}

export function formatTypedValue(v: unknown, type: ValueType = typeOfValue(v)): string {
  if (v === undefined) return '';
  if (type === 'string') return typeof v === 'string' ? v : JSON.stringify(v);
  if (type === 'null') return '';
  if (type === 'json') return JSON.stringify(v);
  return String(v);
}

/** A short display of any value: strings quoted, numbers bare, objects abbreviated. */
export function describeValue(v: unknown, max = 60): string {
  if (v === undefined) return '(missing)';
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
