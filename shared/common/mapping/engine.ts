/**
 * The mapping engine: applies one direction's mappings to a source record, in list order, and
 * builds the target payload with a per-field trace. Pure and isomorphic. Custom (Jsonnet)
 * results are computed by the Node side beforehand (all scripts of the set, batched, in the
 * Jsonnet host) and handed in through `custom`; every other action runs here in TypeScript.
 *
 * The rules chosen where the broker's docs are silent are in docs/mapping-semantics.md; the
 * short version is repeated beside each action below.
 */
import type { MapError, TraceEntry } from '../api/calls-mapping';
import type { Mapping } from '../project/model';
import { DateConvertError, convertDate } from './dates';
import { PathError, parsePath, readSegments, writeSegments, type PathSegment } from './paths';

export type CustomOutcome =
  | { ok: true; value: unknown }
  | { ok: false; message: string; line?: number; column?: number };

export interface ApplyOptions {
  /** The Jsonnet result of mapping `index` for this record (undefined: not evaluated). */
  custom?: (index: number) => CustomOutcome | undefined;
}

export interface ApplyResult {
  output: Record<string, unknown>;
  errors: MapError[];
  trace: TraceEntry[];
}

/** "Empty" in the broker's sense: the default applies. */
export function isEmptyValue(v: unknown): boolean {
  return v === undefined || v === null || v === '';
}

/** A number, or a string that is exactly a decimal number (after trimming). */
export function toNumeric(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') {
    const t = v.trim();
    if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
    const n = Number(t);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** Type-strict structural equality (array_map's compare). */
export function strictEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => strictEquals(x, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && strictEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** range_map: the bucket with the smallest threshold ≥ value (ties: the first listed). */
export function rangeLookup(ranges: readonly { compare: unknown; value: unknown }[], n: number): { hit: boolean; value: unknown } {
  let best: { compare: number; value: unknown } | null = null;
  for (const r of ranges) {
    const c = toNumeric(r.compare);
    if (c === null || n > c) continue;
    if (best === null || c < best.compare) best = { compare: c, value: r.value };
  }
  return best ? { hit: true, value: best.value } : { hit: false, value: undefined };
}

/** array_map: the first entry whose compare equals the value, type-strictly. */
export function arrayLookup(entries: readonly { compare: unknown; value: unknown }[], v: unknown): { hit: boolean; value: unknown } {
  for (const e of entries) if (strictEquals(e.compare, v)) return { hit: true, value: e.value };
  return { hit: false, value: undefined };
}

function stringifyPart(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

interface Step {
  /** Value to write; `write: false` leaves the target out of the payload. */
  write: boolean;
  value?: unknown;
  sourceValue: unknown;
  usedDefault: boolean;
  note?: string;
  error?: MapError;
}

function hasDefault(m: Mapping): boolean {
  return Object.prototype.hasOwnProperty.call(m, 'default') && m.default !== undefined;
}

function fallback(m: Mapping, sourceValue: unknown, note: string): Step {
  if (hasDefault(m)) return { write: true, value: m.default, sourceValue, usedDefault: true, note };
  return { write: false, sourceValue, usedDefault: false, note: `${note}; no default, target left out` };
}

function readSource(m: Mapping, input: unknown): { value: unknown; error?: string } {
  if (m.source === undefined || m.source === '') return { value: undefined, error: `${m.action} needs a source path` };
  try {
    return { value: readSegments(input, parsePath(m.source)).value };
  } catch (err) {
    return { value: undefined, error: err instanceof Error ? err.message : String(err) };
  }
}

function fail(m: Mapping, message: string, sourceValue: unknown, where?: { line?: number; column?: number }): Step {
  const error: MapError = { target: m.target, message };
  if (where?.line !== undefined) error.line = where.line;
  if (where?.column !== undefined) error.column = where.column;
  return { write: false, sourceValue, usedDefault: false, error, note: 'error' };
}

function runAction(m: Mapping, index: number, input: unknown, opts: ApplyOptions): Step {
  switch (m.action) {
    case 'sync': {
      // Copies the value unchanged (no type conversion); empty → default.
      const src = readSource(m, input);
      if (src.error) return fail(m, src.error, undefined);
      if (isEmptyValue(src.value)) return fallback(m, src.value, src.value === undefined ? 'source missing' : src.value === null ? 'source null' : 'source empty');
      return { write: true, value: src.value, sourceValue: src.value, usedDefault: false };
    }
    case 'set_static': {
      // The constant, whatever the source holds. No `value` → the default, else an error.
      if (m.value !== undefined) return { write: true, value: m.value, sourceValue: undefined, usedDefault: false };
      if (hasDefault(m)) return { write: true, value: m.default, sourceValue: undefined, usedDefault: true, note: 'no value; default used' };
      return fail(m, 'set_static needs a value', undefined);
    }
    case 'array_map': {
      // Exact, case- and whitespace-sensitive, type-strict ("1" ≠ 1); compare as written.
      if (!Array.isArray(m.mappings)) return fail(m, 'array_map needs a mappings list', undefined);
      const src = readSource(m, input);
      if (src.error) return fail(m, src.error, undefined);
      if (isEmptyValue(src.value)) return fallback(m, src.value, 'source empty');
      const hit = arrayLookup(m.mappings, src.value);
      if (hit.hit) return { write: true, value: hit.value, sourceValue: src.value, usedDefault: false };
      return fallback(m, src.value, `no entry matches ${JSON.stringify(src.value)}`);
    }
    case 'range_map': {
      // Smallest threshold ≥ value wins (equal is inside); any order; non-numeric → default.
      if (!Array.isArray(m.ranges)) return fail(m, 'range_map needs a ranges list', undefined);
      const src = readSource(m, input);
      if (src.error) return fail(m, src.error, undefined);
      if (isEmptyValue(src.value)) return fallback(m, src.value, 'source empty');
      const n = toNumeric(src.value);
      if (n === null) return fallback(m, src.value, `${JSON.stringify(src.value)} is not numeric`);
      const hit = rangeLookup(m.ranges, n);
      if (hit.hit) return { write: true, value: hit.value, sourceValue: src.value, usedDefault: false };
      return fallback(m, src.value, `${n} is above every threshold`);
    }
    case 'date_convert': {
      // Empty → default (written as-is, not converted). Unparseable → error, target left out.
      if (!m.input_format || !m.output_format) return fail(m, 'date_convert needs input_format and output_format', undefined);
      const src = readSource(m, input);
      if (src.error) return fail(m, src.error, undefined);
      if (isEmptyValue(src.value)) return fallback(m, src.value, 'source empty');
      try {
        const out = convertDate(src.value, m.input_format, m.output_format, m.timezone_in || 'UTC', m.timezone_out || 'UTC');
        return { write: true, value: out, sourceValue: src.value, usedDefault: false };
      } catch (err) {
        if (err instanceof DateConvertError) return fail(m, err.message, src.value);
        throw err;
      }
    }
    case 'concat': {
      // Parts in order; a missing/null field part contributes nothing; numbers and booleans as
      // text, objects as JSON. When no field part had a value, the default (if set) replaces
      // the result.
      if (!Array.isArray(m.parts)) return fail(m, 'concat needs a parts list', undefined);
      let out = '';
      let anyField = false;
      let anyValue = false;
      const values: unknown[] = [];
      for (const p of m.parts) {
        if (p.type === 'static') {
          out += p.value;
          continue;
        }
        anyField = true;
        let v: unknown;
        try {
          v = readSegments(input, parsePath(p.value)).value;
        } catch (err) {
          return fail(m, err instanceof Error ? err.message : String(err), values);
        }
        values.push(v);
        if (isEmptyValue(v)) continue;
        anyValue = true;
        out += stringifyPart(v);
      }
      if (anyField && !anyValue && hasDefault(m)) return { write: true, value: m.default, sourceValue: values, usedDefault: true, note: 'no field part had a value' };
      return { write: true, value: out, sourceValue: values, usedDefault: false };
    }
    case 'custom': {
      // The script's value; null or "" → the default when set. A failing script only loses
      // its own target (the error is reported; every other field is still produced).
      const r = opts.custom?.(index);
      if (!r) return fail(m, 'custom script was not evaluated', undefined);
      if (!r.ok) return fail(m, r.message, undefined, r);
      if (isEmptyValue(r.value) && hasDefault(m)) return { write: true, value: m.default, sourceValue: r.value, usedDefault: true, note: 'script returned empty' };
      return { write: true, value: r.value, sourceValue: r.value, usedDefault: false };
    }
    default:
      return fail(m, `unknown action "${String((m as { action: unknown }).action)}"`, undefined);
  }
}

/** Apply `mappings` to `input`. Later mappings to the same target overwrite earlier ones. */
export function applyMappings(mappings: readonly Mapping[], input: unknown, opts: ApplyOptions = {}): ApplyResult {
  const output: Record<string, unknown> = {};
  const errors: MapError[] = [];
  const trace: TraceEntry[] = [];
  mappings.forEach((m, index) => {
    let step: Step | undefined;
    let targetSegs: PathSegment[] | null = null;
    try {
      targetSegs = parsePath(m.target);
    } catch (err) {
      step = fail(m, `target: ${err instanceof Error ? err.message : String(err)}`, undefined);
    }
    step ??= runAction(m, index, input, opts);
    const s0: Step = step;
    step = s0;
    if (step.write && targetSegs) {
      try {
        writeSegments(output, targetSegs, step.value);
      } catch (err) {
        if (!(err instanceof PathError)) throw err;
        step = { ...fail(m, err.message, step.sourceValue), usedDefault: step.usedDefault };
      }
    }
    if (step.error) errors.push(step.error);
    const entry: TraceEntry = {
      target: m.target,
      mappingIndex: index,
      mappingId: m.id ?? null,
      action: m.action,
      source: m.action === 'concat' ? (m.parts ?? []).filter((p) => p.type === 'field').map((p) => p.value).join(' + ') || null : m.source ?? null,
      sourceValue: step.sourceValue,
      value: step.write ? step.value : undefined,
      usedDefault: step.usedDefault,
      written: step.write && !step.error,
    };
    if (step.note) entry.note = step.note;
    trace.push(entry);
  });
  return { output, errors, trace };
}
