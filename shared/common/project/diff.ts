/**
 * What changed between two versions of a project: endpoints by role, environments by name,
 * mappings by direction (matched by `id` when set, else by target), and any other top-level key.
 * Pure: the history view and `project.diff` call it on two saved revisions.
 */
import type { ProjectDiff } from '../api/calls-project';
import { canonicalize } from '../bundle/canonical-json';

type Json = Record<string, unknown>;

function asRecord(v: unknown): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  try {
    return canonicalize(a) === canonicalize(b);
  } catch {
    return JSON.stringify(a) === JSON.stringify(b);
  }
}

function sortedUnion(a: Json, b: Json): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

function keyedDiff(before: Json, after: Json): { key: string; before: unknown; after: unknown }[] {
  const out: { key: string; before: unknown; after: unknown }[] = [];
  for (const key of sortedUnion(before, after)) {
    const b = before[key];
    const a = after[key];
    if (!same(b, a)) out.push({ key, before: b ?? null, after: a ?? null });
  }
  return out;
}

/** Mappings keyed by id, else target; a repeated key gets `#2`, `#3`... in list order. */
function keyedMappings(list: unknown): Map<string, { target: string; mapping: unknown }> {
  const out = new Map<string, { target: string; mapping: unknown }>();
  if (!Array.isArray(list)) return out;
  for (const item of list) {
    const m = asRecord(item);
    const target = typeof m.target === 'string' ? m.target : '';
    const base = typeof m.id === 'string' && m.id !== '' ? `id:${m.id}` : `target:${target}`;
    let key = base;
    for (let n = 2; out.has(key); n++) key = `${base}#${n}`;
    out.set(key, { target, mapping: item });
  }
  return out;
}

const STRUCTURED = new Set(['endpoints', 'environments', 'mappings']);

/** The changes from `before` to `after` (both project JSON values). */
export function diffProjects(before: unknown, after: unknown): ProjectDiff {
  const b = asRecord(before);
  const a = asRecord(after);
  const diff: ProjectDiff = { endpoints: [], environments: [], mappings: [], other: [] };
  for (const c of keyedDiff(asRecord(b.endpoints), asRecord(a.endpoints))) {
    diff.endpoints.push({ role: c.key, before: c.before, after: c.after });
  }
  for (const c of keyedDiff(asRecord(b.environments), asRecord(a.environments))) {
    diff.environments.push({ name: c.key, before: c.before, after: c.after });
  }
  const bm = asRecord(b.mappings);
  const am = asRecord(a.mappings);
  for (const direction of sortedUnion(bm, am)) {
    const old = keyedMappings(bm[direction]);
    const now = keyedMappings(am[direction]);
    for (const [key, entry] of old) {
      const next = now.get(key);
      if (!next) diff.mappings.push({ direction, target: entry.target, change: 'removed', before: entry.mapping, after: null });
      else if (!same(entry.mapping, next.mapping)) {
        diff.mappings.push({ direction, target: next.target, change: 'changed', before: entry.mapping, after: next.mapping });
      }
    }
    for (const [key, entry] of now) {
      if (!old.has(key)) diff.mappings.push({ direction, target: entry.target, change: 'added', before: null, after: entry.mapping });
    }
  }
  const rest = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([k]) => !STRUCTURED.has(k)));
  diff.other = keyedDiff(rest(b), rest(a));
  return diff;
}

/** One line per change, for revision summaries ("2 mappings changed, endpoint create changed"). */
export function summarizeDiff(diff: ProjectDiff): string {
  const parts: string[] = [];
  const count = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`;
  if (diff.endpoints.length) parts.push(`${count(diff.endpoints.length, 'endpoint')} changed (${diff.endpoints.map((e) => e.role).join(', ')})`);
  if (diff.environments.length) parts.push(`${count(diff.environments.length, 'environment')} changed`);
  for (const change of ['added', 'removed', 'changed'] as const) {
    const n = diff.mappings.filter((m) => m.change === change).length;
    if (n) parts.push(`${count(n, 'mapping')} ${change}`);
  }
  if (diff.other.length) parts.push(`${diff.other.map((o) => o.key).join(', ')} changed`);
  return parts.length ? parts.join('; ') : 'no changes';
}
