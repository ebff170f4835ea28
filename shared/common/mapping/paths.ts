/**
 * Field paths, as the broker writes them: dot-separated keys with `[n]` array indices
 * (`contacts.results[0].email`). A key that itself contains a dot, a bracket or a quote is
 * written bracket-quoted with a JSON string: `a["b.c"].d` reads key "b.c" of `a`
 * (single quotes work too: `a['b.c']`). See docs/mapping-semantics.md §Paths.
 *
 * Reading is null-safe: a missing key, an index past the end, or stepping into a non-object
 * gives "missing". Writing creates what is needed: an object for a key segment, an array for an
 * index segment (holes are filled with null). Writing through an existing non-container value is
 * an error rather than a silent overwrite.
 */
export type PathSegment = string | number;

export class PathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathError';
  }
}

const cache = new Map<string, PathSegment[]>();

export function parsePath(path: string): PathSegment[] {
  const hit = cache.get(path);
  if (hit) return hit;
  const segs: PathSegment[] = [];
  let i = 0;
  let expectKey = true; // at the start or after a '.'
  const n = path.length;
  if (n === 0) throw new PathError('empty path');
  while (i < n) {
    const c = path[i];
    if (c === '[') {
      const close = path[i + 1];
      if (close === '"' || close === "'") {
        // quoted key: JSON-style escapes for double quotes; single quotes end at the next '
        let j = i + 2;
        let key = '';
        for (; j < n && path[j] !== close; j++) {
          if (path[j] === '\\' && j + 1 < n) {
            j++;
            const e = path[j]!;
            key += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          } else key += path[j];
        }
        if (j >= n || path[j + 1] !== ']') throw new PathError(`unterminated quoted key in "${path}" at ${i + 1}`);
        segs.push(key);
        i = j + 2;
      } else {
        const end = path.indexOf(']', i);
        const body = end === -1 ? '' : path.slice(i + 1, end);
        if (!/^\d+$/.test(body)) {
          throw new PathError(`"${path}": expected an index like [0] or a quoted key like ["a.b"] at ${i + 1}`);
        }
        segs.push(Number(body));
        i = end + 1;
      }
      expectKey = false;
      if (i < n && path[i] !== '.' && path[i] !== '[') throw new PathError(`"${path}": expected '.' or '[' at ${i + 1}`);
      continue;
    }
    if (c === '.') {
      if (expectKey) throw new PathError(`"${path}": empty key at ${i + 1}`);
      expectKey = true;
      i++;
      if (i >= n) throw new PathError(`"${path}": path ends with '.'`);
      continue;
    }
    let j = i;
    while (j < n && path[j] !== '.' && path[j] !== '[') j++;
    segs.push(path.slice(i, j));
    i = j;
    expectKey = false;
  }
  if (cache.size > 5000) cache.clear();
  cache.set(path, segs);
  return segs;
}

/** The canonical text of a path (quoting keys that need it). */
export function formatPath(segs: readonly PathSegment[]): string {
  let out = '';
  for (const s of segs) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (s === '' || /[.[\]"'\\]/.test(s)) out += `[${JSON.stringify(s)}]`;
    else out += out ? `.${s}` : s;
  }
  return out;
}

export interface ReadResult {
  found: boolean;
  value: unknown;
}

export function readSegments(root: unknown, segs: readonly PathSegment[]): ReadResult {
  let cur: unknown = root;
  for (const s of segs) {
    if (typeof s === 'number') {
      if (!Array.isArray(cur) || s >= cur.length) return { found: false, value: undefined };
      cur = cur[s];
    } else {
      if (typeof cur !== 'object' || cur === null || Array.isArray(cur)) return { found: false, value: undefined };
      if (!Object.prototype.hasOwnProperty.call(cur, s)) return { found: false, value: undefined };
      cur = (cur as Record<string, unknown>)[s];
    }
  }
  return { found: true, value: cur };
}

export function readPath(root: unknown, path: string): ReadResult {
  return readSegments(root, parsePath(path));
}

function defineKey(obj: Record<string, unknown>, key: string, value: unknown): void {
  // defineProperty so that a key named "__proto__" is stored as data, never as a prototype.
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Write `value` at `segs` inside `root` (an object), creating objects and arrays on the way. */
export function writeSegments(root: Record<string, unknown>, segs: readonly PathSegment[], value: unknown): void {
  if (segs.length === 0) throw new PathError('cannot write the root');
  if (typeof segs[0] === 'number') throw new PathError(`${formatPath(segs)}: the payload root is an object; a path cannot start with an index`);
  let cur: unknown = root;
  for (let k = 0; k < segs.length; k++) {
    const s = segs[k]!;
    const last = k === segs.length - 1;
    const next = segs[k + 1];
    const here = formatPath(segs.slice(0, k + 1));
    if (typeof s === 'number') {
      const arr = cur as unknown[];
      while (arr.length < s) arr.push(null);
      if (last) {
        arr[s] = value;
        return;
      }
      let child = arr[s];
      if (child === undefined || child === null) {
        child = typeof next === 'number' ? [] : {};
        arr[s] = child;
      } else checkContainer(child, next!, here);
      cur = child;
    } else {
      const obj = cur as Record<string, unknown>;
      if (last) {
        defineKey(obj, s, value);
        return;
      }
      let child = Object.prototype.hasOwnProperty.call(obj, s) ? obj[s] : undefined;
      if (child === undefined || child === null) {
        child = typeof next === 'number' ? [] : {};
        defineKey(obj, s, child);
      } else checkContainer(child, next!, here);
      cur = child;
    }
  }
}

function checkContainer(child: unknown, next: PathSegment, here: string): void {
  if (typeof next === 'number') {
    if (!Array.isArray(child)) throw new PathError(`cannot write into ${here}[${next}]: ${here} already holds ${describe(child)}`);
  } else if (typeof child !== 'object' || Array.isArray(child)) {
    throw new PathError(`cannot write into ${here}.${next}: ${here} already holds ${describe(child)}`);
  }
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v === null) return 'null';
  return typeof v === 'object' ? 'an object' : `a ${typeof v} (${JSON.stringify(v)})`;
}

export function writePath(root: Record<string, unknown>, path: string, value: unknown): void {
  writeSegments(root, parsePath(path), value);
}
