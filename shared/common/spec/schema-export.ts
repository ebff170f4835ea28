/**
 * A self-contained JSON Schema for one body: every `$ref` target is copied once into
 * `definitions` (draft-04: Swagger 2.0 / OAS 3.0) or `$defs` (2020-12: OAS 3.1) and the refs
 * are rewritten, so cycles stay refs and Ajv can compile the result. OAS-only keywords are
 * translated (`nullable`) or dropped; readOnly properties leave request schemas (writeOnly
 * ones leave response schemas).
 */
import { child, isObject, type Loc, type RefResolver } from './resolver';

export type SchemaDialect = 'draft-04' | '2020-12';

const DROP = new Set(['discriminator', 'xml', 'externalDocs', 'example', 'nullable', 'deprecated', 'x-nullable']);

export function exportSchema(
  resolver: RefResolver,
  schema: Loc,
  opts: { dialect: SchemaDialect; part: 'request' | 'response'; siblingsApply: boolean },
): Record<string, unknown> {
  const defsKey = opts.dialect === '2020-12' ? '$defs' : 'definitions';
  const defs: Record<string, unknown> = {};
  const names = new Map<string, string>();
  const used = new Set<string>();
  const pending: [string, Loc][] = [];

  const defName = (id: string, refName: string | null): string => {
    const known = names.get(id);
    if (known) return known;
    const base = (refName ?? 'Schema').replace(/[^A-Za-z0-9_.-]/g, '_') || 'Schema';
    let n = base;
    for (let i = 2; used.has(n); i++) n = `${base}_${i}`;
    used.add(n);
    names.set(id, n);
    return n;
  };

  const hidden = (propLoc: Loc): boolean => {
    const d = resolver.deref(propLoc);
    const vals = [d.loc.value, ...(opts.siblingsApply ? d.siblings : [])];
    const key = opts.part === 'request' ? 'readOnly' : 'writeOnly';
    return vals.some((v) => isObject(v) && v[key] === true);
  };

  let budget = 500_000;
  const convert = (loc: Loc, depth: number): unknown => {
    const v = loc.value;
    if (depth > 200 || --budget < 0) return {};
    if (Array.isArray(v)) return v.map((_, i) => convert(child(loc, i), depth + 1));
    if (!isObject(v)) return v;
    if (typeof v.$ref === 'string') {
      const d = resolver.deref(loc);
      if (d.error || !d.refId) return {};
      const name = defName(d.refId, d.refName);
      if (!(name in defs)) {
        defs[name] = true;
        pending.push([name, d.loc]);
      }
      const ref = { $ref: `#/${defsKey}/${name}` };
      if (!opts.siblingsApply) return ref;
      const extra: Record<string, unknown> = {};
      for (const k of Object.keys(v)) if (k !== '$ref') extra[k] = convert(child(loc, k), depth + 1);
      return Object.keys(extra).length ? { ...extra, ...ref } : ref;
    }
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (DROP.has(k) || k.startsWith('x-')) continue;
      if (k === 'examples' && opts.dialect === 'draft-04') continue;
      if (k === 'type' && x === 'file') {
        out.type = 'string';
        continue;
      }
      if (k === 'properties' && isObject(x)) {
        const props: Record<string, unknown> = {};
        const pl = child(loc, 'properties');
        for (const name of Object.keys(x)) {
          const l = child(pl, name);
          if (hidden(l)) continue;
          props[name] = convert(l, depth + 1);
        }
        out.properties = props;
        continue;
      }
      // Schema-valued keywords recurse; data-valued ones (enum, const, default) are copied.
      if (k === 'enum' || k === 'const' || k === 'default' || k === 'examples' || k === 'required') {
        out[k] = x;
        continue;
      }
      out[k] = convert(child(loc, k), depth + 1);
    }
    if (Array.isArray(out.required) && isObject(out.properties)) {
      const present = out.properties;
      const props = isObject(v.properties) ? v.properties : {};
      out.required = (out.required as unknown[]).filter((r) => typeof r !== 'string' || !(r in props) || r in present);
      if ((out.required as unknown[]).length === 0 && opts.dialect === 'draft-04') delete out.required;
    }
    if (v.nullable === true || v['x-nullable'] === true) {
      if (typeof out.type === 'string') out.type = [out.type, 'null'];
      else if (Array.isArray(out.type)) { if (!out.type.includes('null')) out.type = [...out.type, 'null']; }
      else if (out.allOf || out.oneOf || out.anyOf || out.$ref) return { anyOf: [out, { type: 'null' }] };
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    }
    return out;
  };

  // A top-level body that is itself a ref: keep it as a ref so cycles through it stay finite.
  const top = convert(schema, 0) as Record<string, unknown>;
  while (pending.length) {
    const [name, loc] = pending.shift() as [string, Loc];
    defs[name] = convert(loc, 0);
  }
  const result: Record<string, unknown> = isObject(top) ? { ...top } : {};
  if (Object.keys(defs).length) {
    if (typeof result.$ref === 'string' && opts.dialect === 'draft-04') {
      // draft-04 ignores siblings of $ref: wrap so `definitions` is still read.
      return { allOf: [{ $ref: result.$ref }], [defsKey]: defs };
    }
    result[defsKey] = defs;
  }
  return result;
}
