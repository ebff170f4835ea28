/**
 * Role suggestions (broker rules, fieldnation-connector.md §1.3). Each role lists only the
 * operations whose method fits it, scored 0..1 with the reasons shown in the endpoint picker.
 */
import type { Candidate, HttpMethod, Role, Roles } from './model';
import type { NormOperation } from './normalize';
import { child, isObject, locId, type Loc, type RefResolver } from './resolver';

const ID_NAME = /^(id|uuid|guid|key|sys_?id|number|.*(_id|Id|ID|_key|Key|_uuid|Uuid|_number|Number))$/;
const METADATA_WORDS = /(^|[/_.-])(metadata|meta|schema|schemas|fields|describe|definition|definitions|columns|attributes)([/_.-]|$)/i;
const ATTACHMENT_WORDS = /(^|[/_.-])(attachments?|files?|documents?|uploads?|media|photos?|images?|blobs?)([/_.-]|$)/i;
const SCHEMA_RESPONSE_KEYS = new Set(['fields', 'properties', 'schema', 'columns', 'attributes', 'definitions']);

const ROLE_METHODS: Record<Role, HttpMethod[]> = {
  metadata: ['GET', 'OPTIONS'],
  fetch: ['GET'],
  create: ['POST', 'PUT'],
  update: ['PUT', 'PATCH', 'POST'],
  attachment: ['POST', 'PUT'],
};

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}
const isParamSeg = (s: string) => /^\{[^}]+\}$/.test(s);
const paramName = (s: string) => s.slice(1, -1);

function idParamOf(op: NormOperation): { name: string; in: 'path' | 'query' } | null {
  const segs = segments(op.path);
  const pathParams = segs.filter(isParamSeg).map(paramName);
  const last = segs[segs.length - 1];
  if (last && isParamSeg(last)) return { name: paramName(last), in: 'path' };
  const idLike = [...pathParams].reverse().find((n) => ID_NAME.test(n));
  if (idLike) return { name: idLike, in: 'path' };
  if (pathParams.length) return { name: pathParams[pathParams.length - 1] as string, in: 'path' };
  const q = op.parameters.find((p) => p.in === 'query' && ID_NAME.test(p.name) && p.required) ?? op.parameters.find((p) => p.in === 'query' && /^(id|sys_id|key|uuid)$/i.test(p.name));
  return q ? { name: q.name, in: 'query' } : null;
}

function isJsonType(ct: string): boolean {
  return /^application\/json\b/i.test(ct) || /\+json\b/i.test(ct) || /\/json\b/i.test(ct);
}

const topCache = new WeakMap<RefResolver, Map<string, Map<string, Loc>>>();

/** Shallow look at a schema's top-level property names (follows refs and composition a few levels). */
function topProps(resolver: RefResolver, loc: Loc | null, depth = 0): Map<string, Loc> {
  if (!loc || depth > 3) return new Map();
  let cache = topCache.get(resolver);
  if (!cache) {
    cache = new Map();
    topCache.set(resolver, cache);
  }
  const key = `${depth}:${locId(loc)}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const out = computeTopProps(resolver, loc, depth);
  cache.set(key, out);
  return out;
}

function computeTopProps(resolver: RefResolver, loc: Loc, depth: number): Map<string, Loc> {
  const out = new Map<string, Loc>();
  const d = resolver.deref(loc);
  if (d.error || !isObject(d.loc.value)) return out;
  const v = d.loc.value;
  if (isObject(v.properties)) for (const k of Object.keys(v.properties)) out.set(k, child(child(d.loc, 'properties'), k));
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    if (Array.isArray(v[key])) v[key].forEach((_, i) => { for (const [k, l] of topProps(resolver, child(child(d.loc, key), i), depth + 1)) if (!out.has(k)) out.set(k, l); });
  }
  return out;
}

function successSchema(op: NormOperation): Loc | null {
  const r = op.responses.find((x) => /^2/.test(x.status));
  if (!r) return null;
  const c = r.contents.find((b) => isJsonType(b.contentType)) ?? r.contents[0];
  return c?.schema ?? null;
}

/** The response path of a created record's ID: id, data.id, result.id, ... */
export function suggestRecordIdPath(resolver: RefResolver, op: NormOperation): string | null {
  const top = topProps(resolver, successSchema(op));
  const scalar = (l: Loc | undefined): boolean => {
    if (!l) return false;
    const d = resolver.deref(l);
    if (d.error || !isObject(d.loc.value)) return false;
    const t = d.loc.value.type;
    const types = Array.isArray(t) ? t : [t];
    return types.some((x) => x === 'string' || x === 'integer' || x === 'number') || (t === undefined && d.loc.value.properties === undefined && d.loc.value.items === undefined);
  };
  const pickId = (m: Map<string, Loc>) =>
    ['id', 'uuid', 'sys_id', 'key', 'number'].find((k) => scalar(m.get(k))) ?? [...m.keys()].find((k) => ID_NAME.test(k) && scalar(m.get(k)));
  const direct = pickId(top);
  if (direct) return direct;
  for (const wrapper of ['data', 'result', 'record', 'item', 'resource', 'object', 'entity', ...top.keys()]) {
    const w = top.get(wrapper);
    if (!w) continue;
    const inner = topProps(resolver, w);
    const k = pickId(inner);
    if (k) return `${wrapper}.${k}`;
  }
  return null;
}

/** The last segment of a path that is not a parameter (`/a/{id}/files` → `files`). */
function lastLiteral(segs: string[]): string {
  return [...segs].reverse().find((x) => !isParamSeg(x)) ?? '';
}

/**
 * Where the best create candidate puts records: `POST /x/tickets` → collection `/x/tickets`, so
 * `/x/tickets/{id}` is its item path. Fetch, update and attachment prefer operations on that item.
 */
interface CreateContext {
  collection: string;
}

function onCreatedItem(ctx: CreateContext | null, path: string): 'item' | 'under-item' | null {
  if (!ctx) return null;
  const base = segments(ctx.collection);
  const segs = segments(path);
  if (segs.length <= base.length || !base.every((x, i) => segs[i] === x)) return null;
  if (!isParamSeg(segs[base.length] ?? '')) return null;
  return segs.length === base.length + 1 ? 'item' : 'under-item';
}

function score(resolver: RefResolver, role: Role, op: NormOperation, ctx: CreateContext | null = null): Candidate | null {
  if (!ROLE_METHODS[role].includes(op.method)) return null;
  const segs = segments(op.path);
  const last = segs[segs.length - 1] ?? '';
  const itemPath = isParamSeg(last);
  const pathParamCount = segs.filter(isParamSeg).length;
  const reasons: string[] = [];
  let s = 0;
  const cts = op.requestContentTypes;
  const jsonBody = cts.some(isJsonType);
  const anyBody = cts.length > 0;
  const fileBody = cts.some((c) => /multipart\/form-data|application\/octet-stream|^image\/|^application\/pdf/i.test(c)) ||
    op.parameters.some((p) => p.type === 'file');
  switch (role) {
    case 'fetch': {
      const id = idParamOf(op);
      if (itemPath) { s += 0.6; reasons.push(`GET on an item path (ends with {${paramName(last)}})`); }
      else if (id?.in === 'query') { s += 0.45; reasons.push(`ID passed as query parameter "${id.name}"`); }
      else if (id) { s += 0.25; reasons.push(`has path parameter "${id.name}" but the path continues after it`); }
      else reasons.push('no ID parameter');
      if (id && ID_NAME.test(id.name)) { s += 0.2; reasons.push(`"${id.name}" looks like an ID`); }
      if (pathParamCount === 1 && itemPath) { s += 0.1; reasons.push('exactly one path parameter'); }
      if (onCreatedItem(ctx, op.path) === 'item') { s += 0.3; reasons.push(`item of the create endpoint's collection (${ctx?.collection})`); }
      if (METADATA_WORDS.test(op.path)) { s -= 0.2; reasons.push('path looks like metadata'); }
      if (ATTACHMENT_WORDS.test(last)) { s -= 0.1; }
      return cand(op, s, reasons, { idParam: id?.name ?? null });
    }
    case 'update': {
      const id = idParamOf(op);
      if (itemPath) { s += 0.5; reasons.push('on an item path'); }
      else if (/(^|[/_.-])update$/i.test(last) && pathParamCount > 0) { s += 0.5; reasons.push('POST …/{id}/update form'); }
      else if (pathParamCount > 0) { s += 0.15; reasons.push('has a path parameter'); }
      else reasons.push('collection path (no ID)');
      const onItem = onCreatedItem(ctx, op.path);
      if (onItem === 'item' || (onItem === 'under-item' && /(^|[/_.-])update$/i.test(last))) {
        s += 0.2;
        reasons.push(`item of the create endpoint's collection (${ctx?.collection})`);
      }
      if (op.method === 'PATCH') { s += 0.3; reasons.push('PATCH: partial update'); }
      else if (op.method === 'PUT') { s += 0.25; reasons.push('PUT: full replacement'); }
      else { s += 0.05; }
      if (jsonBody) { s += 0.1; reasons.push('JSON request body'); }
      else if (!anyBody) { s -= 0.2; reasons.push('no request body'); }
      if (ATTACHMENT_WORDS.test(last) || fileBody) { s -= 0.2; reasons.push('looks like a file upload'); }
      return cand(op, s, reasons, { idParam: id?.name ?? null });
    }
    case 'create': {
      if (!itemPath) { s += 0.45; reasons.push('on a collection path'); } else reasons.push('on an item path');
      if (op.method === 'POST') { s += 0.25; reasons.push('POST'); } else { s += 0.05; reasons.push('PUT (creates only on some APIs)'); }
      if (jsonBody) { s += 0.2; reasons.push('JSON request body'); }
      else if (anyBody && !fileBody) { s += 0.1; reasons.push(`request body (${cts[0]})`); }
      else if (!anyBody) { s -= 0.2; reasons.push('no request body'); }
      if (fileBody || ATTACHMENT_WORDS.test(last)) { s -= 0.25; reasons.push('looks like a file upload'); }
      if (op.responses.some((r) => r.status === '201')) { s += 0.1; reasons.push('answers 201 Created'); }
      if (/(^|[/_.-])(search|query|find|batch|bulk|login|auth|token)([/_.-]|$)/i.test(last)) { s -= 0.25; reasons.push('path looks like an action, not a collection'); }
      const recordIdPath = suggestRecordIdPath(resolver, op);
      if (recordIdPath) reasons.push(`created ID at "${recordIdPath}"`);
      return cand(op, s, reasons, { recordIdPath });
    }
    case 'attachment': {
      // Only operations with some sign of a file upload: a file body or a files/attachments path.
      if (!fileBody && !ATTACHMENT_WORDS.test(lastLiteral(segs))) return null;
      const id = idParamOf(op);
      if (fileBody) { s += 0.5; reasons.push('file body (multipart / binary)'); }
      if (ATTACHMENT_WORDS.test(op.path)) { s += 0.3; reasons.push('path names attachments/files/documents'); }
      if (pathParamCount > 0) { s += 0.1; reasons.push('belongs to a record (path parameter)'); }
      if (op.method === 'POST') s += 0.05;
      if (onCreatedItem(ctx, op.path) === 'under-item') { s += 0.1; reasons.push(`on a record of the create endpoint's collection (${ctx?.collection})`); }
      if (!fileBody) reasons.push('no file body declared');
      return cand(op, s, reasons, { idParam: id?.name ?? null });
    }
    case 'metadata': {
      if (METADATA_WORDS.test(op.path)) { s += 0.6; reasons.push('path names metadata/schema/fields'); }
      if (op.method === 'OPTIONS') { s += 0.2; reasons.push('OPTIONS on the resource'); }
      const props = topProps(resolver, successSchema(op));
      const schemaKeys = [...props.keys()].filter((k) => SCHEMA_RESPONSE_KEYS.has(k));
      if (schemaKeys.length) { s += 0.25; reasons.push(`response has ${schemaKeys.join(', ')}`); }
      if (pathParamCount === 0 && op.method === 'GET') s += 0.05;
      if (s === 0 || (!METADATA_WORDS.test(op.path) && !schemaKeys.length && op.method !== 'OPTIONS')) {
        // Any GET could be asked; without a sign of a schema it is a poor guess, kept at the bottom.
        s = Math.min(s, 0.05);
        reasons.push('no sign of a schema endpoint');
      }
      return cand(op, s, reasons, {});
    }
  }
}

function cand(op: NormOperation, s: number, reasons: string[], extra: Partial<Candidate>): Candidate {
  const clamped = Math.max(0, Math.min(1, Math.round(s * 100) / 100));
  return { method: op.method, path: op.path, score: clamped, reasons, ...extra };
}

export function suggestRoles(resolver: RefResolver, operations: NormOperation[]): Roles {
  const roles = {} as Roles;
  const rank = (role: Role, ctx: CreateContext | null): Candidate[] => {
    const list: { c: Candidate; i: number }[] = [];
    operations.forEach((op, i) => {
      const c = score(resolver, role, op, ctx);
      if (c) list.push({ c, i });
    });
    list.sort((a, b) => b.c.score - a.c.score || a.i - b.i);
    return list.map((x) => x.c);
  };
  // Create first: its best candidate's collection steers fetch / update / attachment.
  const create = rank('create', null);
  const best = create[0];
  const bestSegs = best ? segments(best.path) : [];
  const ctx = best && best.score >= CANDIDATE_THRESHOLD && !isParamSeg(bestSegs[bestSegs.length - 1] ?? '') ? { collection: best.path } : null;
  for (const role of ['metadata', 'fetch', 'create', 'update', 'attachment'] as Role[]) {
    roles[role] = role === 'create' ? create : rank(role, ctx);
  }
  return roles;
}

/** The best score at or above which a role counts as "has a candidate" for readiness. */
export const CANDIDATE_THRESHOLD = 0.5;
