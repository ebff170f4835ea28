/**
 * Lint = Spectral's `oas` ruleset (recommended rules) + the connector-readiness rules. Runs in
 * the spec worker (see worker.ts); Spectral is CPU-heavy on large documents.
 */
import { readFile } from 'node:fs/promises';
import spectralCore from '@stoplight/spectral-core';
import Parsers from '@stoplight/spectral-parsers';
import { oas } from '@stoplight/spectral-rulesets';
import { Resolver } from '@stoplight/spectral-ref-resolver';
import type { Diagnostic, Severity } from '../../common/spec/model';
import { CANDIDATE_THRESHOLD, suggestRoles } from '../../common/spec/roles';
import { child, isObject, locId, type Loc, type RefResolver } from '../../common/spec/resolver';
import type { LoadedSpec } from './load';
import { PositionIndex } from './positions';

const SEVERITIES: Severity[] = ['error', 'warning', 'info', 'hint'];

type Positioner = (loc: { file: string; path: readonly string[] }) => { line: number; column: number; file?: string };

interface SpectralRange {
  start: { line: number; character: number };
}

/**
 * What lint needs once the spec is loaded: texts, not the parsed documents — so the worker can
 * drop its parsed copy before Spectral (which builds its own) runs.
 */
export interface LintInput {
  rootKey: string;
  text: string;
  sourceFormat: 'json' | 'yaml';
  path: string | null;
  url: string | null;
  allowRemoteRefs: boolean;
  /** Texts of every document read while loading (key → text). */
  texts: Map<string, string>;
  loadDiagnostics: Diagnostic[];
  findings: Finding[];
}

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  at: { file: string; path: string[] };
}

export function prepareLint(spec: LoadedSpec): LintInput {
  const texts = new Map<string, string>();
  for (const f of spec.files.values()) if (!f.error) texts.set(f.key, f.text);
  return {
    rootKey: spec.rootKey,
    text: spec.text,
    sourceFormat: spec.sourceFormat,
    path: spec.path,
    url: spec.url,
    allowRemoteRefs: spec.allowRemoteRefs,
    texts,
    loadDiagnostics: spec.diagnostics,
    findings: connectorFindings(spec),
  };
}

function makeResolver(spec: LintInput) {
  const readLocal = async (ref: { href(): string }) => {
    const path = ref.href();
    const cached = spec.texts.get(path);
    if (cached !== undefined) return cached;
    return (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  };
  const readRemote = async (ref: { href(): string }) => {
    const url = ref.href();
    if (!spec.allowRemoteRefs) throw new Error(`remote $ref refused: ${url} (allow remote references for this spec to follow it)`);
    const cached = spec.texts.get(url);
    if (cached !== undefined) return cached;
    const res = await fetch(url, { signal: AbortSignal.timeout(20_000) });
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
    return res.text();
  };
  return new Resolver({ resolvers: { file: { resolve: readLocal }, http: { resolve: readRemote }, https: { resolve: readRemote } } });
}

export async function spectralDiagnostics(spec: LintInput): Promise<{ diagnostics: Diagnostic[]; rangeOf: (path: readonly string[]) => { line: number; column: number } | null }> {
  const spectral = new spectralCore.Spectral({ resolver: makeResolver(spec) as never });
  spectral.setRuleset({ extends: [[oas as never, 'recommended']] } as never);
  const parser = spec.sourceFormat === 'json' ? Parsers.Json : Parsers.Yaml;
  const source = spec.path ?? spec.url ?? undefined;
  const doc = new spectralCore.Document(spec.text, parser as never, source);
  const results = await spectral.run(doc);
  const diagnostics: Diagnostic[] = results.map((r) => {
    const range = r.range as SpectralRange;
    const d: Diagnostic = {
      source: 'spectral',
      code: String(r.code),
      severity: SEVERITIES[r.severity] ?? 'warning',
      message: r.message,
      path: r.path.map(String),
      line: range.start.line + 1,
      column: range.start.character + 1,
    };
    if (r.source && source && r.source !== source) d.file = r.source;
    return d;
  });
  const rangeOf = (path: readonly string[]) => {
    const range = doc.getRangeForJsonPath([...path], true) as SpectralRange | undefined;
    return range ? { line: range.start.line + 1, column: range.start.character + 1 } : null;
  };
  return { diagnostics, rangeOf };
}

/** The connector-readiness rules with positions. */
export function connectorDiagnostics(spec: LoadedSpec, positionOf: Positioner = spec.positionOf): Diagnostic[] {
  return connectorFindings(spec).map((f) => positioned(f, positionOf));
}

function positioned(f: Finding, positionOf: Positioner): Diagnostic {
  const p = positionOf(f.at);
  const d: Diagnostic = { source: 'connector', code: f.code, severity: f.severity, message: f.message, path: [...f.at.path], line: p.line, column: p.column };
  if (p.file) d.file = p.file;
  return d;
}

/** The connector-readiness rules: what the broker needs from the spec (positions come later). */
export function connectorFindings(spec: LoadedSpec): Finding[] {
  const out: Finding[] = [];
  const m = spec.model;
  const add = (code: string, severity: Severity, message: string, at: Loc | { file: string; path: string[] }) => {
    out.push({ code, severity, message, at: { file: at.file, path: [...at.path] } });
  };
  const root = spec.resolver.root();
  const is2 = m.format === 'swagger-2.0';
  if (!m.basicAuth) {
    const schemes = is2 ? child(root, 'securityDefinitions') : child(child(root, 'components'), 'securitySchemes');
    const at = schemes.value !== undefined ? schemes : { file: root.file, path: [] };
    add(
      'connector-basic-auth',
      'warning',
      'no HTTP Basic security scheme is declared; the broker authenticates with Basic Auth only',
      at,
    );
  }
  const roles = suggestRoles(spec.resolver, m.operations);
  const needed: [keyof typeof roles, string][] = [
    ['create', 'a create endpoint (POST on a collection with a JSON body)'],
    ['fetch', 'a fetch endpoint (GET by ID)'],
    ['metadata', 'a metadata endpoint (GET …/metadata or …/schema); fields can also come from the spec'],
  ];
  for (const [role, what] of needed) {
    const best = roles[role][0];
    if (!best || best.score < CANDIDATE_THRESHOLD) {
      add(`connector-${role}-candidate`, 'warning', `no likely ${role} candidate: the broker needs ${what}`, { file: root.file, path: m.operations.length ? ['paths'] : [] });
    }
  }
  for (const op of m.operations) {
    for (const b of op.requestBodies) {
      if (b.schema) continue;
      const at = is2 ? b.loc : b.loc;
      add('connector-request-body-schema', 'warning', `${op.method} ${op.path}: request body ${b.contentType} has no schema, so mappings cannot be validated`, at);
    }
    if (is2) {
      const body = op.parameters.find((p) => p.in === 'body');
      if (body && !body.schema) add('connector-request-body-schema', 'warning', `${op.method} ${op.path}: body parameter "${body.name}" has no schema`, body.loc);
    }
  }
  const seen = new Set<string>();
  for (const op of m.operations) {
    for (const b of op.requestBodies) {
      if (!b.schema) continue;
      for (const hit of closedAllOfs(spec.resolver, b.schema, seen)) {
        add(
          'connector-allof-closed',
          'warning',
          `allOf member ${hit.member} has additionalProperties: false, so strict JSON Schema rejects ${hit.extra.map((x) => `"${x}"`).join(', ')} added by the other members`,
          hit.at,
        );
      }
    }
  }
  if (!m.servers.some((s) => /^https?:\/\//i.test(s.url))) {
    const at = is2 ? child(root, 'host') : child(root, 'servers');
    add('connector-base-url', 'info', 'no absolute server URL: the base URL must be entered per environment', at.value !== undefined ? at : { file: root.file, path: [] });
  }
  return out;
}

/** allOf compositions where one member is closed (`additionalProperties: false`) and others add properties. */
function closedAllOfs(resolver: RefResolver, start: Loc, seen: Set<string>): { at: Loc; member: string; extra: string[] }[] {
  const out: { at: Loc; member: string; extra: string[] }[] = [];
  const stack: Loc[] = [start];
  let budget = 5000;
  while (stack.length && budget-- > 0) {
    const d = resolver.deref(stack.pop() as Loc);
    if (d.error || !isObject(d.loc.value)) continue;
    const id = locId(d.loc);
    if (seen.has(id)) continue;
    seen.add(id);
    const v = d.loc.value;
    if (Array.isArray(v.allOf)) {
      const members = v.allOf.map((_, i) => {
        const md = resolver.deref(child(child(d.loc, 'allOf'), i));
        const mv = isObject(md.loc.value) ? md.loc.value : {};
        return { name: md.refName ?? `#${i + 1}`, closed: mv.additionalProperties === false, props: isObject(mv.properties) ? Object.keys(mv.properties) : [] };
      });
      for (const closed of members.filter((x) => x.closed)) {
        const extra = [...new Set(members.filter((x) => x !== closed).flatMap((x) => x.props))].filter((p) => !closed.props.includes(p));
        if (extra.length) out.push({ at: child(d.loc, 'allOf'), member: closed.name, extra });
      }
      v.allOf.forEach((_, i) => stack.push(child(child(d.loc, 'allOf'), i)));
    }
    if (isObject(v.properties)) for (const k of Object.keys(v.properties)) stack.push(child(child(d.loc, 'properties'), k));
    if (v.items !== undefined && !Array.isArray(v.items)) stack.push(child(d.loc, 'items'));
    for (const key of ['oneOf', 'anyOf'] as const) if (Array.isArray(v[key])) v[key].forEach((_, i) => stack.push(child(child(d.loc, key), i)));
  }
  return out;
}

export interface LintOutput {
  diagnostics: Diagnostic[];
  summary: { errors: number; warnings: number };
  lintMs: number;
}

export function summarize(diagnostics: Diagnostic[]): { errors: number; warnings: number } {
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

/** Run everything on a loaded spec. Load diagnostics of the spec are included. */
export function lintLoaded(spec: LoadedSpec): Promise<LintOutput> {
  return lintPrepared(prepareLint(spec));
}

/** Spectral + positioned connector findings (call in the worker, after dropping the parsed spec). */
export async function lintPrepared(input: LintInput): Promise<LintOutput> {
  const t0 = performance.now();
  const { diagnostics: spectral, rangeOf } = await spectralDiagnostics(input);
  // Root-file positions come from Spectral's own parse (no second parse of a large document).
  const indexes = new Map<string, PositionIndex>();
  const positionOf: Positioner = (loc) => {
    if (loc.file === input.rootKey) {
      const p = rangeOf(loc.path);
      if (p) return p;
    }
    const text = input.texts.get(loc.file);
    if (text === undefined) return { line: 1, column: 1, ...(loc.file !== input.rootKey ? { file: loc.file } : {}) };
    let idx = indexes.get(loc.file);
    if (!idx) {
      idx = new PositionIndex(text);
      indexes.set(loc.file, idx);
    }
    const p = idx.locate(loc.path);
    return loc.file === input.rootKey ? p : { ...p, file: loc.file };
  };
  const connector = input.findings.map((f) => positioned(f, positionOf));
  const diagnostics = [...input.loadDiagnostics, ...connector, ...spectral].sort(
    (a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.line - b.line || a.column - b.column,
  );
  return { diagnostics, summary: summarize(diagnostics), lintMs: Math.round(performance.now() - t0) };
}
