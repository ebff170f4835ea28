/**
 * Load a spec: read (file, URL or text), decode, parse, detect the version after parsing the
 * whole document, load every file reachable through relative `$ref`s (once each), and report
 * unresolvable/remote/circular refs as positioned diagnostics. Nothing is dereferenced.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StudioError } from '../../common/api/define';
import type { SpecSource } from '../../common/api/calls-spec';
import type { Diagnostic, SpecFormat } from '../../common/spec/model';
import { normalize, type SpecModel } from '../../common/spec/normalize';
import { RefResolver, isObject, type DocumentStore, type Loc } from '../../common/spec/resolver';
import type { Dialect } from '../../common/spec/fields';
import { decodeBytes, detectFormat, parseText, type SourceFormat } from './parse';
import { PositionIndex } from './positions';

export interface LoadOptions {
  allowRemoteRefs?: boolean;
  /** Timeout for URL sources and remote refs, in ms (default 20 s). */
  timeoutMs?: number;
  onProgress?: (phase: 'read' | 'parse' | 'resolve' | 'operations', message: string) => void;
}

export interface SourceFile {
  key: string;
  text: string;
  format: SourceFormat;
  root: unknown;
  /** Set when the file could not be read or parsed (the ref diagnostics say why). */
  error?: string;
}

export interface LoadedSpec {
  name: string;
  path: string | null;
  url: string | null;
  rootKey: string;
  sourceFormat: SourceFormat;
  text: string;
  sha256: string;
  sizeBytes: number;
  format: SpecFormat;
  openapiVersion: string;
  dialect: Dialect;
  allowRemoteRefs: boolean;
  files: Map<string, SourceFile>;
  resolver: RefResolver;
  model: SpecModel;
  /** Load-time diagnostics (refs), positioned in their file. */
  diagnostics: Diagnostic[];
  loadMs: number;
  /** 1-based position of a located node (lazy, per file). */
  positionOf(loc: { file: string; path: readonly string[] }): { line: number; column: number; file?: string };
}

const isRemote = (key: string) => /^https?:\/\//i.test(key);

export function detectVersion(root: unknown, file: string): { format: SpecFormat; version: string } {
  if (!isObject(root)) {
    throw new StudioError('not-openapi', 'not an OpenAPI document: the top level is not a mapping', { file, line: 1, column: 1 });
  }
  if (root.openapi !== undefined) {
    const v = String(root.openapi);
    if (/^3\.0(\.\d+)?([-+].*)?$/.test(v)) return { format: 'openapi-3.0', version: v };
    if (/^3\.1(\.\d+)?([-+].*)?$/.test(v)) return { format: 'openapi-3.1', version: v };
    throw new StudioError('unsupported-version', `unsupported OpenAPI version ${v} (supported: 2.0, 3.0.x, 3.1.x)`, { file });
  }
  if (root.swagger !== undefined) {
    const v = String(root.swagger);
    if (v === '2.0' || v === '2') return { format: 'swagger-2.0', version: '2.0' };
    throw new StudioError('unsupported-version', `unsupported OpenAPI version ${v} (supported: 2.0, 3.0.x, 3.1.x)`, { file });
  }
  throw new StudioError('not-openapi', 'not an OpenAPI document: it has no "openapi" or "swagger" field', { file });
}

class NodeStore implements DocumentStore {
  constructor(
    readonly files: Map<string, SourceFile>,
    private readonly rootKey: string,
    private readonly allowRemote: boolean,
  ) {}

  get(key: string): unknown {
    const f = this.files.get(key);
    if (f) return f.error ? undefined : f.root;
    if (isRemote(key) || key.startsWith('pasted')) return undefined;
    // A file not met by the load scan (should not happen): read it now, synchronously.
    this.files.set(key, readLocal(key));
    return this.get(key);
  }

  resolveKey(base: string, ref: string): string {
    if (/^[a-z][a-z0-9+.-]*:/i.test(ref) && !/^[a-z]:[\\/]/i.test(ref)) {
      if (ref.startsWith('file:')) return fileURLToPath(ref);
      return ref;
    }
    if (isRemote(base)) return new URL(ref, base).toString();
    if (base.startsWith('pasted:')) return `pasted-relative:${ref}`;
    let rel: string;
    try {
      rel = decodeURIComponent(ref);
    } catch {
      rel = ref;
    }
    return isAbsolute(rel) ? rel : resolvePath(dirname(base), rel);
  }

  isRefused(key: string): boolean {
    return isRemote(key) && !this.allowRemote && key !== this.rootKey;
  }
}

function readLocal(key: string): SourceFile {
  try {
    const text = decodeBytes(readFileSync(key), key);
    const format = detectFormat(text, key);
    return { key, text, format, root: parseText(text, key, format) };
  } catch (err) {
    const message = err instanceof StudioError ? formatStudio(err) : err instanceof Error ? err.message : String(err);
    return { key, text: '', format: 'yaml', root: undefined, error: message };
  }
}

function formatStudio(e: StudioError): string {
  const where = e.line !== undefined ? `${e.file ?? ''}:${e.line}:${e.column ?? 1}: ` : '';
  return `${where}${e.message}`;
}

async function fetchText(url: string, timeoutMs: number): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new StudioError('timeout', `GET ${url} timed out after ${timeoutMs} ms`);
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new StudioError('network', `GET ${url} failed: ${cause?.code ?? cause?.message ?? e.message}`);
  }
  if (!res.ok) throw new StudioError('network', `GET ${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

interface PathNode {
  key: string;
  parent: PathNode | null;
}

function materialize(node: PathNode | null): string[] {
  const out: string[] = [];
  for (let n = node; n; n = n.parent) out.push(n.key);
  return out.reverse();
}

/** Visit every `$ref` string in a value (iterative; paths are built only for refs). */
function forEachRef(root: unknown, fn: (ref: string, path: () => string[]) => void): void {
  const values: unknown[] = [root];
  const paths: (PathNode | null)[] = [null];
  // YAML aliases share one object at many places: visit each object once (no alias blow-up).
  const seen = new Set<object>();
  while (values.length) {
    const v = values.pop();
    const at = paths.pop() as PathNode | null;
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) continue;
      seen.add(v);
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const c = v[i];
        if (typeof c === 'object' && c !== null) {
          values.push(c);
          paths.push({ key: String(i), parent: at });
        }
      }
    } else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      const ref = o.$ref;
      if (typeof ref === 'string') fn(ref, () => materialize(at));
      for (const k in o) {
        const c = o[k];
        if (typeof c === 'object' && c !== null) {
          values.push(c);
          paths.push({ key: k, parent: at });
        }
      }
    }
  }
}

interface Prepared {
  name: string;
  path: string | null;
  url: string | null;
  rootKey: string;
  bytes: Uint8Array;
}

async function readSource(source: SpecSource, timeoutMs: number): Promise<Prepared> {
  if (source.kind === 'file') {
    const abs = resolvePath(source.path);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(abs);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new StudioError('not-found', `${source.path}: no such file`, { file: source.path });
      if (code === 'EISDIR') throw new StudioError('io', `${source.path}: is a directory`, { file: source.path });
      throw new StudioError('io', `${source.path}: ${(err as Error).message}`, { file: source.path });
    }
    return { name: basename(abs), path: abs, url: null, rootKey: abs, bytes };
  }
  if (source.kind === 'url') {
    const bytes = await fetchText(source.url, timeoutMs);
    const name = new URL(source.url).pathname.split('/').pop() || source.url;
    return { name, path: null, url: source.url, rootKey: source.url, bytes };
  }
  const name = source.name ?? 'pasted';
  return { name, path: null, url: null, rootKey: `pasted:${name}`, bytes: new TextEncoder().encode(source.text) };
}

export async function loadSpec(source: SpecSource, opts: LoadOptions = {}): Promise<LoadedSpec> {
  const t0 = performance.now();
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const allowRemoteRefs = opts.allowRemoteRefs === true;
  opts.onProgress?.('read', 'reading');
  const prep = await readSource(source, timeoutMs);
  // Errors name the file as the user wrote it (CLI: `spec.yaml:3:5: ...`).
  const label = source.kind === 'file' ? source.path : (prep.url ?? prep.name);
  const text = source.kind === 'text' ? source.text.replace(/^\uFEFF/, '') : decodeBytes(prep.bytes, label);
  opts.onProgress?.('parse', `parsing ${(prep.bytes.length / 1e6).toFixed(1)} MB`);
  let sourceFormat = detectFormat(text, prep.name);
  let root: unknown;
  try {
    root = parseText(text, label, sourceFormat);
  } catch (err) {
    // `{openapi: 3.0.0, ...}` in a .yaml file is YAML flow style, not JSON.
    if (sourceFormat !== 'json' || /\.json$/i.test(prep.name)) throw err;
    try {
      root = parseText(text, label, 'yaml');
      sourceFormat = 'yaml';
    } catch {
      throw err;
    }
  }
  const { format, version } = detectVersion(root, label);
  const files = new Map<string, SourceFile>([[prep.rootKey, { key: prep.rootKey, text, format: sourceFormat, root }]]);
  opts.onProgress?.('resolve', 'resolving references');
  const refSites = await loadReachable(files, prep.rootKey, allowRemoteRefs, timeoutMs);
  return assemble({
    refSites,
    name: prep.name,
    path: prep.path,
    url: prep.url,
    rootKey: prep.rootKey,
    sourceFormat,
    text,
    sha256: createHash('sha256').update(prep.bytes).digest('hex'),
    sizeBytes: prep.bytes.length,
    format,
    openapiVersion: version,
    allowRemoteRefs,
    files,
    t0,
    onProgress: opts.onProgress,
  });
}

export function loadSpecFile(path: string, opts: LoadOptions = {}): Promise<LoadedSpec> {
  return loadSpec({ kind: 'file', path }, opts);
}

/** A `$ref` met by the load scan: where it is written (the path is built only when needed). */
export interface RefSite {
  file: string;
  ref: string;
  path: () => string[];
}

/** Breadth-first: every document reachable through `$ref`s, each read once. Returns every ref site. */
async function loadReachable(files: Map<string, SourceFile>, rootKey: string, allowRemote: boolean, timeoutMs: number): Promise<RefSite[]> {
  const sites: RefSite[] = [];
  const store = new NodeStore(files, rootKey, allowRemote);
  const queue = [rootKey];
  const scanned = new Set<string>();
  while (queue.length) {
    const key = queue.shift() as string;
    if (scanned.has(key)) continue;
    scanned.add(key);
    const f = files.get(key);
    if (!f || f.error) continue;
    const wanted = new Set<string>();
    forEachRef(f.root, (ref, path) => {
      sites.push({ file: key, ref, path });
      const hash = ref.indexOf('#');
      const docPart = hash >= 0 ? ref.slice(0, hash) : ref;
      if (docPart === '') return;
      const target = store.resolveKey(key, docPart);
      if (!files.has(target) && !wanted.has(target)) wanted.add(target);
      if (!scanned.has(target)) queue.push(target);
    });
    for (const target of wanted) {
      if (target.startsWith('pasted')) continue;
      if (isRemote(target)) {
        if (!allowRemote) continue;
        try {
          const bytes = await fetchText(target, timeoutMs);
          const t = decodeBytes(bytes, target);
          const fmt = detectFormat(t, target);
          files.set(target, { key: target, text: t, format: fmt, root: parseText(t, target, fmt) });
        } catch (err) {
          files.set(target, { key: target, text: '', format: 'yaml', root: undefined, error: err instanceof Error ? err.message : String(err) });
        }
      } else {
        files.set(target, readLocal(target));
      }
    }
  }
  return sites;
}

export interface AssembleInput
  extends Pick<
    LoadedSpec,
    | 'name'
    | 'path'
    | 'url'
    | 'rootKey'
    | 'sourceFormat'
    | 'text'
    | 'sha256'
    | 'sizeBytes'
    | 'format'
    | 'openapiVersion'
    | 'allowRemoteRefs'
    | 'files'
  > {
  t0: number;
  onProgress?: LoadOptions['onProgress'];
  /** Already computed load diagnostics (worker hand-off). */
  diagnostics?: Diagnostic[];
  /** Ref sites from the load scan (saves a second walk). */
  refSites?: RefSite[];
}

/** Build resolver, model and ref diagnostics over already-read documents (also used after a worker hand-off). */
export function assemble(input: AssembleInput): LoadedSpec {
  const store = new NodeStore(input.files, input.rootKey, input.allowRemoteRefs);
  const resolver = new RefResolver(store, input.rootKey);
  const positions = new Map<string, PositionIndex>();
  const positionOf = (loc: { file: string; path: readonly string[] }) => {
    const f = input.files.get(loc.file);
    if (!f || f.error || !f.text) return { line: 1, column: 1, ...(loc.file !== input.rootKey ? { file: loc.file } : {}) };
    let idx = positions.get(loc.file);
    if (!idx) {
      idx = new PositionIndex(f.text);
      positions.set(loc.file, idx);
    }
    const p = idx.locate(loc.path);
    return loc.file === input.rootKey ? p : { ...p, file: loc.file };
  };
  input.onProgress?.('operations', 'listing operations');
  const model = normalize(resolver, input.format, input.openapiVersion, input.url);
  const diagnostics = input.diagnostics ?? [...modelDiagnostics(model, positionOf), ...refDiagnostics(input.refSites ?? collectSites(input.files), input.files, resolver, input.rootKey, positionOf)];
  const spec: LoadedSpec = {
    name: input.name,
    path: input.path,
    url: input.url,
    rootKey: input.rootKey,
    sourceFormat: input.sourceFormat,
    text: input.text,
    sha256: input.sha256,
    sizeBytes: input.sizeBytes,
    format: input.format,
    openapiVersion: input.openapiVersion,
    dialect: input.format === 'openapi-3.1' ? '3.1' : '3.0',
    allowRemoteRefs: input.allowRemoteRefs,
    files: input.files,
    resolver,
    model,
    diagnostics,
    loadMs: Math.round(performance.now() - input.t0),
    positionOf,
  };
  return spec;
}

/** Normalisation problems that are not ref problems (those come from the ref scan). */
function modelDiagnostics(model: SpecModel, positionOf: LoadedSpec['positionOf']): Diagnostic[] {
  return model.problems
    .filter((p) => !/-ref$/.test(p.code))
    .map((p) => {
      const pos = positionOf(p.at);
      const d: Diagnostic = { source: 'connector', code: p.code, severity: p.severity, message: p.message, path: p.at.path, line: pos.line, column: pos.column };
      if (pos.file) d.file = pos.file;
      return d;
    });
}

function collectSites(files: Map<string, SourceFile>): RefSite[] {
  const sites: RefSite[] = [];
  for (const f of files.values()) {
    if (f.error || f.root === undefined) continue;
    forEachRef(f.root, (ref, path) => sites.push({ file: f.key, ref, path }));
  }
  return sites;
}

/** Every `$ref` that cannot be followed, at the ref's own position. */
function refDiagnostics(
  sites: RefSite[],
  files: Map<string, SourceFile>,
  resolver: RefResolver,
  rootKey: string,
  positionOf: LoadedSpec['positionOf'],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const site of sites) {
    const f = { key: site.file };
    const ref = site.ref;
    {
      // Cheap check first: the target exists and is not itself a $ref (no chain to follow).
      const t = resolver.target(ref, f.key);
      if (t.loc && !(isObject(t.loc.value) && typeof t.loc.value.$ref === 'string')) continue;
      const path = site.path();
      const loc: Loc = { value: { $ref: ref }, file: f.key, path };
      const d = resolver.deref(loc);
      if (!d.error) continue;
      const key = `${f.key}#${path.join('/')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      let message = d.error.message;
      if (d.error.kind === 'unresolved') {
        const target = resolver.target(ref, f.key);
        const tf = files.get(target.key);
        if (tf?.error) message = `unresolved $ref: ${ref} (${tf.error})`;
        else if (target.key.startsWith('pasted-relative:')) message = `unresolved $ref: ${ref} (relative references need the spec to be opened from a file)`;
        else if (!tf) message = `unresolved $ref: ${ref} (file not found)`;
        else message = `unresolved $ref: ${ref} (no such location in ${target.key === rootKey ? 'this document' : basename(target.key)})`;
      }
      const pos = positionOf({ file: f.key, path: [...path, '$ref'] });
      const diag: Diagnostic = {
        source: 'connector',
        code: d.error.kind === 'remote' ? 'remote-ref-refused' : d.error.kind === 'circular' ? 'circular-ref' : 'unresolved-ref',
        severity: d.error.kind === 'circular' ? 'warning' : 'error',
        message,
        path: [...path, '$ref'],
        line: pos.line,
        column: pos.column,
      };
      if (pos.file) diag.file = pos.file;
      out.push(diag);
    }
  }
  return out;
}
