/**
 * Which parts of `$.input` a set of Jsonnet scripts can read, found statically, so that only
 * those parts are sent to the engine (parsing a 20 KB work order costs the engine milliseconds;
 * the projection is what makes thousands of records per second possible).
 *
 * Conservative by construction: a script that uses `$.input` in any way not recognised here
 * (passed to its own function, `std.objectFields($.input)`, `$.input[k]`, `$` on its own, ...)
 * makes the whole record go through unchanged. Recognised: `$.input.a.b` chains, and
 * `$.util.<fn>($.input, '<literal path>', ...)` / `$.util.lookup_custom_field(<id>, $.input, ...)`.
 */
import { parsePath, readSegments, type PathSegment } from './paths';

const PATH_FIRST_ARG = new Set(['lookup_field']);

function stripComments(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === "'" || c === '"') {
      const q = c;
      let j = i + 1;
      while (j < src.length && src[j] !== q) j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
    } else if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end === -1 ? src.length : end + 2;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * The first import in a script that is not `util.libsonnet`, with its 1-based position, or null.
 * libjsonnet resolves `import` / `importstr` / `importbin` against the local file system, so a
 * script from someone else's project could read any local file into a payload; only the
 * helper library may be imported.
 */
export function forbiddenImport(script: string): { line: number; column: number; what: string } | null {
  const src = blankComments(script);
  // the keyword is only looked for outside string literals
  const masked = src.replace(/'(?:\\.|[^'\\])*'|"(?:\\.|[^"\\])*"/g, (lit) => lit[0] + ' '.repeat(lit.length - 2) + lit[0]);
  const re = /\bimport(str|bin)?\s*(@?['"]|\|\|\|)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(masked))) {
    const opener = m[2]!;
    const litStart = m.index + m[0].length - 1;
    let target: string | null = null;
    if (opener.endsWith("'") || opener.endsWith('"')) {
      const close = src.indexOf(opener.slice(-1), litStart + 1);
      if (close !== -1) target = src.slice(litStart + 1, close);
    }
    if (m[1] === undefined && target === 'util.libsonnet') continue;
    const before = src.slice(0, m.index);
    const line = before.split('\n').length;
    const column = m.index - before.lastIndexOf('\n');
    const what = target !== null ? `${m[0].slice(0, -1)}${opener.slice(-1)}${target}${opener.slice(-1)}` : m[0];
    return { line, column, what: what.replace(/\s+/g, ' ') };
  }
  return null;
}

/** Comments replaced by spaces (positions kept). */
function blankComments(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      out += src.slice(i, j + 1);
      i = j + 1;
    } else if ((c === '/' && src[i + 1] === '/') || c === '#') {
      while (i < src.length && src[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end === -1 ? src.length : end + 2;
      out += src.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Key paths (no indices) under `$.input` the script reads, or null when it may read anything. */
export function inputPathsOf(script: string): PathSegment[][] | null {
  const src = stripComments(script);
  if (src.includes('|||')) return null;
  // `self` at the top of a script is the per-record object too: self.input / self[...] read it
  if (/\b(self|super)\s*(\.\s*input\b|\[)/.test(src)) return null;
  const paths: PathSegment[][] = [];
  const dollar = /\$/g;
  let m: RegExpExecArray | null;
  while ((m = dollar.exec(src))) {
    const at = m.index;
    const rest = src.slice(at + 1);
    if (/^\s*\.\s*util\b/.test(rest)) continue;
    const inp = /^\s*\.\s*input\b/.exec(rest);
    if (!inp) return null;
    const after = rest.slice(inp[0].length);
    const chain = /^(\s*\.\s*[A-Za-z_]\w*)+/.exec(after);
    if (chain) {
      const keys = chain[0].split('.').map((s) => s.trim()).filter(Boolean);
      paths.push(keys);
      continue;
    }
    // `$.input` as an argument of a $.util function
    const before = src.slice(0, at);
    const firstArg = /\$\s*\.\s*util\s*\.\s*(\w+)\s*\(\s*$/.exec(before);
    if (firstArg && PATH_FIRST_ARG.has(firstArg[1]!)) {
      const lit = /^\s*,\s*(['"])((?:\\.|(?!\1).)*)\1\s*[,)]/.exec(after);
      if (!lit) return null;
      let segs: PathSegment[];
      try {
        segs = parsePath(lit[2]!);
      } catch {
        return null;
      }
      const keys: PathSegment[] = [];
      for (const s of segs) {
        if (typeof s === 'number') break;
        keys.push(s);
      }
      if (keys.length === 0) return null;
      paths.push(keys);
      continue;
    }
    if (/\$\s*\.\s*util\s*\.\s*lookup_custom_field\s*\(\s*[^,()]+,\s*$/.test(before) && /^\s*[,)]/.test(after)) {
      paths.push(['custom_fields'], ['workorder', 'custom_fields']);
      continue;
    }
    return null;
  }
  return paths;
}

/** Union of the paths of several scripts (null if any may read anything). */
export function inputPathsOfAll(scripts: readonly string[]): PathSegment[][] | null {
  const all: PathSegment[][] = [];
  for (const s of scripts) {
    const p = inputPathsOf(s);
    if (p === null) return null;
    all.push(...p);
  }
  return all;
}

/**
 * The record cut down to `paths`. Where a path runs into a non-object, that value is kept as
 * it is, so a script fails on the projection exactly as it would on the full record.
 */
export function projectRecord(record: unknown, paths: readonly PathSegment[][]): unknown {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return record;
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    let src: unknown = record;
    let dst: Record<string, unknown> = out;
    for (let k = 0; k < path.length; k++) {
      const key = path[k] as string;
      if (typeof src !== 'object' || src === null || Array.isArray(src)) break;
      const r = readSegments(src, [key]);
      if (!r.found) break;
      const last = k === path.length - 1;
      const v = r.value;
      if (last || typeof v !== 'object' || v === null || Array.isArray(v)) {
        Object.defineProperty(dst, key, { value: v, enumerable: true, writable: true, configurable: true });
        break;
      }
      const existing = Object.prototype.hasOwnProperty.call(dst, key) ? dst[key] : undefined;
      if (existing !== undefined && (typeof existing !== 'object' || existing === null || Array.isArray(existing) || existing === v)) break;
      let next = existing as Record<string, unknown> | undefined;
      if (!next) {
        next = {};
        Object.defineProperty(dst, key, { value: next, enumerable: true, writable: true, configurable: true });
      }
      dst = next;
      src = v;
    }
  }
  return out;
}
