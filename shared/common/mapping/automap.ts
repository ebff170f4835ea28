/**
 * Auto-map: suggested `sync` connections by normalised name and type compatibility.
 * Suggestions are only proposals for the user to confirm; a target that any mapping already
 * writes is never suggested, so confirming can never overwrite the user's work.
 */
import type { Field } from '../spec/model';
import type { Mapping } from '../project/model';
import { fieldKey, mappingCovers, mappingPathFor } from './canvas';

export interface Suggestion {
  source: string;
  target: string;
  /** 0..1; 1 = same normalised name and identical type. */
  score: number;
  reason: string;
  /** `array_map` when the target is an enum the source values may not match. */
  action: 'sync' | 'array_map';
}

/** Words of a name: camelCase, snake_case, kebab-case and digits split; lower-cased. */
export function nameTokens(name: string): string[] {
  return name
    .replace(/\[\]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
}

/** Small, domain-specific synonym groups (field service and addresses). */
const SYNONYMS: string[][] = [
  ['zip', 'zipcode', 'postal', 'postcode', 'postalcode'],
  ['address1', 'line1', 'street', 'addressline1'],
  ['address2', 'line2', 'addressline2'],
  ['state', 'province', 'region'],
  ['title', 'summary', 'subject'],
  ['description', 'details', 'body'],
  ['email', 'mail', 'emailaddress'],
  ['phone', 'telephone', 'tel', 'phonenumber'],
  ['notes', 'note', 'comments', 'remarks'],
  ['technician', 'assignee', 'provider', 'tech'],
  ['customer', 'client', 'company', 'account'],
  ['site', 'location'],
  ['ref', 'reference', 'id'],
];
const SYN = new Map<string, number>();
SYNONYMS.forEach((group, i) => group.forEach((w) => SYN.set(w, i)));

function canonicalWord(w: string): string {
  const g = SYN.get(w);
  return g === undefined ? w : `#${g}`;
}

/** Normalised name: tokens joined, plural `s` dropped (`postal_code` → `postalcode`). */
export function normaliseName(name: string): string {
  return nameTokens(name).join('').replace(/s$/, '');
}

const NUMERIC = new Set(['number', 'integer']);

/** Can a value of `source` type be written into `target` without loss? 1 same, 0.8 safe, 0 not. */
export function typeCompatibility(source: string, target: string): number {
  const s = source.split('|').filter((t) => t !== 'null');
  const t = target.split('|').filter((x) => x !== 'null');
  let best = 0;
  for (const a of s) {
    for (const b of t) {
      let c = 0;
      if (a === b || b === 'any' || a === 'any') c = 1;
      else if (a === 'integer' && b === 'number') c = 0.9;
      else if (b === 'string' && (NUMERIC.has(a) || a === 'boolean')) c = 0.6;
      best = Math.max(best, c);
    }
  }
  return best;
}

function lastSegment(key: string): string {
  const segs = key.split('.');
  return segs[segs.length - 1] ?? key;
}

/** How alike two field keys are by name: 1 same leaf, less for synonyms or partial overlap. */
export function nameSimilarity(sourceKey: string, targetKey: string): { score: number; reason: string } {
  const sLeaf = lastSegment(sourceKey);
  const tLeaf = lastSegment(targetKey);
  if (normaliseName(sLeaf) === normaliseName(tLeaf) && normaliseName(tLeaf) !== '') {
    // Same leaf; a matching parent makes it stronger.
    const sPath = nameTokens(sourceKey).map(canonicalWord);
    const tPath = nameTokens(targetKey).map(canonicalWord);
    const shared = tPath.filter((w) => sPath.includes(w)).length;
    return { score: Math.min(1, 0.85 + 0.15 * (shared / Math.max(1, tPath.length))), reason: `same name "${tLeaf}"` };
  }
  const sWhole = canonicalWord(normaliseName(sLeaf));
  if (sWhole.startsWith('#') && sWhole === canonicalWord(normaliseName(tLeaf))) {
    return { score: 0.75, reason: `synonyms "${sLeaf}" ≈ "${tLeaf}"` };
  }
  const sw = nameTokens(sLeaf).map(canonicalWord);
  const tw = nameTokens(tLeaf).map(canonicalWord);
  if (sw.join(' ') === tw.join(' ') && tw.length > 0) return { score: 0.75, reason: `synonyms "${sLeaf}" ≈ "${tLeaf}"` };
  // Whole-path token overlap (Jaccard), e.g. `location.zip` ~ `site.address.postal_code`.
  const sAll = new Set(nameTokens(sourceKey).map(canonicalWord));
  const tAll = new Set(nameTokens(targetKey).map(canonicalWord));
  const inter = [...tAll].filter((w) => sAll.has(w)).length;
  const union = new Set([...sAll, ...tAll]).size;
  const leafShared = tw.some((w) => sw.includes(w));
  if (!leafShared || union === 0) return { score: 0, reason: '' };
  return { score: 0.6 * (inter / union) + 0.1, reason: `similar names "${sourceKey}" ~ "${targetKey}"` };
}

const MIN_SCORE = 0.45;

function isLeaf(f: Field): boolean {
  return f.type !== 'object' && f.type !== 'array' && !f.path.endsWith('[]');
}

/**
 * Suggests one source per unmapped writable target leaf, best matches first; each source is
 * suggested at most once (one-to-one greedy assignment by score).
 */
export function suggestMappings(source: readonly Field[], target: readonly Field[], existing: readonly Mapping[]): Suggestion[] {
  const targets = target.filter((f) => isLeaf(f) && !f.readOnly && !fieldKey(f.path).includes('[]'));
  const sources = source.filter((f) => isLeaf(f) && !fieldKey(f.path).includes('[]'));
  const candidates: Suggestion[] = [];
  for (const t of targets) {
    const tKey = fieldKey(t.path);
    if (existing.some((m) => mappingCovers(m, tKey))) continue;
    for (const s of sources) {
      const sKey = fieldKey(s.path);
      const name = nameSimilarity(sKey, tKey);
      if (name.score === 0) continue;
      const type = typeCompatibility(s.type, t.type);
      if (type === 0) continue;
      const enumTarget = Array.isArray(t.enum) && t.enum.length > 0;
      const enumMatch = enumTarget && Array.isArray(s.enum) && s.enum.every((v) => t.enum?.includes(v));
      const score = name.score * (0.7 + 0.3 * type) * (enumTarget && !enumMatch ? 0.9 : 1);
      if (score < MIN_SCORE) continue;
      const typeNote = type === 1 ? `both ${t.type}` : `${s.type} → ${t.type}`;
      candidates.push({
        source: mappingPathFor(sKey),
        target: mappingPathFor(tKey),
        score: Math.round(score * 100) / 100,
        reason: `${name.reason}; ${typeNote}${enumTarget && !enumMatch ? '; target is an enum — map its values' : ''}`,
        action: enumTarget && !enumMatch ? 'array_map' : 'sync',
      });
    }
  }
  candidates.sort((a, b) => b.score - a.score || a.target.localeCompare(b.target));
  const usedSource = new Set<string>();
  const usedTarget = new Set<string>();
  const out: Suggestion[] = [];
  for (const c of candidates) {
    if (usedSource.has(c.source) || usedTarget.has(c.target)) continue;
    usedSource.add(c.source);
    usedTarget.add(c.target);
    out.push(c);
  }
  return out;
}

/** The mappings to append when the user accepts suggestions (never replacing an existing one). */
export function acceptSuggestions(existing: readonly Mapping[], accepted: readonly Suggestion[], targetFields: readonly Field[] = []): Mapping[] {
  const out = [...existing];
  for (const s of accepted) {
    const key = fieldKey(s.target);
    if (out.some((m) => mappingCovers(m, key))) continue;
    if (s.action === 'array_map') {
      const t = targetFields.find((f) => fieldKey(f.path) === key);
      const values = (t?.enum ?? []).map((v) => ({ compare: v, value: v }));
      out.push({ source: s.source, target: s.target, action: 'array_map', mappings: values });
    } else {
      out.push({ source: s.source, target: s.target, action: 'sync' });
    }
  }
  return out;
}
