/**
 * Lazy `$ref` resolution over a set of already-parsed documents. Nothing is dereferenced in
 * place: callers walk located nodes (`Loc`) and ask for the target of a `$ref` when they need it.
 * Isomorphic: the document store and URI resolution are injected (shared/node supplies files).
 */

/** A node inside one document: its value, the document key and the JSON-pointer segments. */
export interface Loc {
  value: unknown;
  file: string;
  path: string[];
}

/** Where a `$ref` chain ended. */
export interface Deref {
  /** The first non-`$ref` node (or the original node when the chain broke). */
  loc: Loc;
  /** Identity of the last followed target (`file#/pointer`), null when `loc` was not a ref. */
  refId: string | null;
  /** A readable name of that target: the last pointer segment, or the file name. */
  refName: string | null;
  /** Keywords written beside each `$ref` on the chain (outermost first), without `$ref`. */
  siblings: Record<string, unknown>[];
  /** Why the chain could not be followed. */
  error: { kind: 'unresolved' | 'remote' | 'circular'; message: string; at: Loc } | null;
}

export interface DocumentStore {
  /** The parsed root of a document, or undefined when it is not (or cannot be) loaded. */
  get(key: string): unknown;
  /** Resolve a ref's document part against the key of the document containing it. */
  resolveKey(base: string, ref: string): string;
  /** True for documents that must not be read (remote refs not allowed). */
  isRefused(key: string): boolean;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function child(loc: Loc, key: string | number): Loc {
  const v = loc.value as Record<string, unknown> | unknown[] | null;
  const value = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key as string] : undefined;
  return { value, file: loc.file, path: [...loc.path, String(key)] };
}

/** RFC 6901 with the URI-fragment form: percent-decode, split, then `~1` → `/` before `~0` → `~`. */
export function parsePointer(fragment: string): string[] | null {
  let f: string;
  try {
    f = decodeURIComponent(fragment);
  } catch {
    return null;
  }
  if (f === '' || f === '/') return f === '' ? [] : [''];
  if (!f.startsWith('/')) return null;
  return f
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function encodePointer(path: readonly string[]): string {
  return path.map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function locId(loc: Loc): string {
  return `${loc.file}#${encodePointer(loc.path)}`;
}

function baseName(key: string): string {
  const noQuery = key.replace(/[?#].*$/, '');
  const last = noQuery.split(/[\\/]/).pop() ?? noQuery;
  return last.replace(/\.(ya?ml|json)$/i, '');
}

export class RefResolver {
  private readonly cache = new Map<string, Deref>();

  constructor(
    readonly store: DocumentStore,
    readonly rootKey: string,
  ) {}

  root(): Loc {
    return { value: this.store.get(this.rootKey), file: this.rootKey, path: [] };
  }

  /** Where a `$ref` string written in `file` points, without following further. */
  private readonly targets = new Map<string, ReturnType<RefResolver['findTarget']>>();

  target(ref: string, file: string): { loc: Loc | null; error: 'remote' | 'unresolved' | null; key: string; pointer: string[] | null } {
    const k = `${file}\n${ref}`;
    let t = this.targets.get(k);
    if (!t) {
      t = this.findTarget(ref, file);
      this.targets.set(k, t);
    }
    return t;
  }

  private findTarget(ref: string, file: string): { loc: Loc | null; error: 'remote' | 'unresolved' | null; key: string; pointer: string[] | null } {
    const hash = ref.indexOf('#');
    const docPart = hash >= 0 ? ref.slice(0, hash) : ref;
    const frag = hash >= 0 ? ref.slice(hash + 1) : '';
    const key = docPart === '' ? file : this.store.resolveKey(file, docPart);
    const pointer = parsePointer(frag);
    if (this.store.isRefused(key)) return { loc: null, error: 'remote', key, pointer };
    const doc = this.store.get(key);
    if (doc === undefined || pointer === null) return { loc: null, error: 'unresolved', key, pointer };
    let value: unknown = doc;
    for (const seg of pointer) {
      if (Array.isArray(value)) {
        if (!/^(0|[1-9]\d*)$/.test(seg)) return { loc: null, error: 'unresolved', key, pointer };
        value = value[Number(seg)];
      } else if (isObject(value)) {
        value = Object.prototype.hasOwnProperty.call(value, seg) ? value[seg] : undefined;
      } else value = undefined;
      if (value === undefined) return { loc: null, error: 'unresolved', key, pointer };
    }
    return { loc: { value, file: key, path: pointer }, error: null, key, pointer };
  }

  /** Follow `$ref` chains from `loc` to the first concrete node. Never loops. */
  deref(loc: Loc): Deref {
    if (!isObject(loc.value) || typeof loc.value.$ref !== 'string') {
      return { loc, refId: null, refName: null, siblings: [], error: null };
    }
    const startId = locId(loc);
    const cached = this.cache.get(startId);
    if (cached && cached.loc.value !== undefined) {
      return cached;
    }
    const siblings: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    let cur = loc;
    let refId: string | null = null;
    let refName: string | null = null;
    let result: Deref | null = null;
    while (isObject(cur.value) && typeof cur.value.$ref === 'string') {
      const ref = cur.value.$ref;
      const sib: Record<string, unknown> = {};
      let hasSib = false;
      for (const k of Object.keys(cur.value)) {
        if (k !== '$ref') {
          sib[k] = cur.value[k];
          hasSib = true;
        }
      }
      if (hasSib) siblings.push(sib);
      const t = this.target(ref, cur.file);
      if (!t.loc) {
        const message =
          t.error === 'remote'
            ? `remote $ref refused: ${ref} (allow remote references for this spec to follow it)`
            : `unresolved $ref: ${ref}`;
        result = { loc: cur, refId, refName, siblings, error: { kind: t.error ?? 'unresolved', message, at: child(cur, '$ref') } };
        break;
      }
      const id = locId(t.loc);
      if (seen.has(id)) {
        const name = `${t.key === this.rootKey ? '' : t.key}#${encodePointer(t.loc.path)}`;
        result = {
          loc: cur,
          refId: id,
          refName: refName ?? nameOf(t.loc, t.key),
          siblings,
          error: { kind: 'circular', message: `circular $ref with no concrete schema: ${name}`, at: child(cur, '$ref') },
        };
        break;
      }
      seen.add(id);
      refId = id;
      refName = nameOf(t.loc, t.key);
      cur = t.loc;
    }
    if (!result) result = { loc: cur, refId, refName, siblings, error: null };
    this.cache.set(startId, result);
    return result;
  }
}

function nameOf(loc: Loc, key: string): string {
  const last = loc.path[loc.path.length - 1];
  return last !== undefined && last !== '' ? last : baseName(key);
}
