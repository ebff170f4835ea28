/** Endpoint picking rules for the Endpoints view (pure). */
import type { EndpointRef, Project } from '../../../shared/common/project/model';
import type { Candidate, OperationSummary, Role, Roles } from '../../../shared/common/spec/model';

export const ROLE_INFO: Record<Role, { title: string; need: 'required' | 'recommended' | 'optional'; help: string }> = {
  metadata: { title: 'Record metadata', need: 'required', help: 'Describes the fields of a record (GET).' },
  fetch: { title: 'Record fetch', need: 'required', help: 'Reads one record by its ID (GET).' },
  create: { title: 'Record create', need: 'required', help: 'Creates a record (POST/PUT).' },
  update: { title: 'Record update', need: 'recommended', help: 'Changes a record by its ID (PUT/PATCH/POST).' },
  attachment: { title: 'Attachment upload', need: 'optional', help: 'Uploads a file to a record (multipart or binary).' },
};

export const ROLES_IN_ORDER: readonly Role[] = ['metadata', 'fetch', 'create', 'update', 'attachment'];
export const ROLES_WITH_ID: ReadonlySet<Role> = new Set<Role>(['fetch', 'update', 'attachment']);

export function operationKey(o: { method: string; path: string }): string {
  return `${o.method} ${o.path}`;
}

export function findOperation(operations: readonly OperationSummary[], ref: { method: string; path: string }): OperationSummary | null {
  return operations.find((o) => o.method === ref.method && o.path === ref.path) ?? null;
}

/** `{name}` placeholders of a path template, in order. */
export function pathTemplateParams(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

export interface IdParameterChoice {
  name: string;
  in: 'path' | 'query';
  required: boolean;
}

/**
 * Parameters that can carry a record ID: path and query parameters. When the operation summary
 * has no parameter list, the path template's placeholders stand in for them.
 */
export function idParameters(op: OperationSummary | null): IdParameterChoice[] {
  if (!op) return [];
  if (!op.parameters) return pathTemplateParams(op.path).map((name) => ({ name, in: 'path', required: true }));
  const out: IdParameterChoice[] = [];
  for (const p of op.parameters) if (p.in === 'path' || p.in === 'query') out.push({ name: p.name, in: p.in, required: p.required });
  for (const name of pathTemplateParams(op.path)) if (!out.some((p) => p.name === name)) out.push({ name, in: 'path', required: true });
  return out;
}

export function idParameterNames(op: OperationSummary | null): string[] {
  return idParameters(op).map((p) => p.name);
}

/**
 * Path parameters the user must give a fixed value (`params`): every `{name}` of the path except
 * the one that carries the record ID. E.g. `collection_id` in
 * `/collections/{collection_id}/tickets/{ticket_id}`.
 */
export function extraPathParams(role: Role, ref: Pick<EndpointRef, 'path' | 'idParam'>): string[] {
  const names = pathTemplateParams(ref.path);
  const id = ROLES_WITH_ID.has(role) ? ref.idParam : undefined;
  return [...new Set(names)].filter((n) => n !== id);
}

/** The extra path parameters of a chosen endpoint that still have no value. */
export function unfilledPathParams(role: Role, ref: EndpointRef): string[] {
  return extraPathParams(role, ref).filter((n) => (ref.params?.[n] ?? '').trim() === '');
}

/** The endpoint with one fixed parameter value set (an empty value removes it). */
export function withParam(ref: EndpointRef, name: string, value: string): EndpointRef {
  const params = { ...(ref.params ?? {}) };
  if (value === '') delete params[name];
  else params[name] = value;
  const next: EndpointRef = { ...ref, params };
  if (Object.keys(params).length === 0) delete next.params;
  return next;
}

/** The endpoint to store when the user (or the pre-fill) chooses a candidate. */
export function refFromCandidate(role: Role, candidate: Candidate, op: OperationSummary | null, previous?: EndpointRef): EndpointRef {
  const ref: EndpointRef = { method: candidate.method, path: candidate.path };
  if (ROLES_WITH_ID.has(role)) {
    const params = idParameters(op);
    const pathParams = params.filter((p) => p.in === 'path').map((p) => p.name);
    const idParam = candidate.idParam ?? pathParams[pathParams.length - 1] ?? params[0]?.name;
    if (idParam) ref.idParam = idParam;
  }
  if (role === 'create') ref.recordIdPath = candidate.recordIdPath ?? '';
  const types = op?.requestContentTypes ?? [];
  if (types.length > 1 && (role === 'create' || role === 'update' || role === 'attachment')) {
    const preferred = role === 'attachment' ? types.find((t) => t.startsWith('multipart/')) : types.find((t) => t.includes('json'));
    ref.contentType = preferred ?? types[0];
  }
  // Values typed for parameters the new operation also has (same name) are kept.
  const kept = Object.entries(previous?.params ?? {}).filter(([name]) => extraPathParams(role, ref).includes(name));
  if (kept.length > 0) ref.params = Object.fromEntries(kept);
  return ref;
}

/**
 * The lowest score a candidate needs to be pre-filled. Weaker candidates stay in the role's list
 * (the user can still pick one) but are not chosen on the user's behalf: a wrong pre-fill looks
 * like a decision and is easy to miss, an empty required role is flagged by the checklist.
 */
export const PREFILL_MIN_SCORE = 0.3;

/** Best suggestion per role for a project with no endpoints yet (only candidates scoring PREFILL_MIN_SCORE or more). */
export function suggestEndpoints(roles: Roles, operations: readonly OperationSummary[]): Partial<Record<Role, EndpointRef>> {
  const out: Partial<Record<Role, EndpointRef>> = {};
  for (const role of ROLES_IN_ORDER) {
    const best = roles[role]?.[0];
    if (best && best.score >= PREFILL_MIN_SCORE) out[role] = refFromCandidate(role, best, findOperation(operations, best));
  }
  return out;
}

export interface ReadinessItem {
  id: string;
  label: string;
  state: 'ok' | 'missing' | 'warn';
  detail?: string;
}

/** The readiness checklist: required roles chosen, ID parameters set, Basic Auth declared. */
export function readiness(endpoints: Project['endpoints'], basicAuth: boolean, operations: readonly OperationSummary[]): ReadinessItem[] {
  const items: ReadinessItem[] = [];
  for (const role of ROLES_IN_ORDER) {
    const info = ROLE_INFO[role];
    const ref = endpoints[role];
    if (!ref) {
      items.push({
        id: `role-${role}`,
        label: `${info.title} chosen`,
        state: info.need === 'required' ? 'missing' : info.need === 'recommended' ? 'warn' : 'ok',
        detail: info.need === 'required' ? 'required' : info.need === 'recommended' ? 'recommended' : 'optional, not used',
      });
      continue;
    }
    const op = findOperation(operations, ref);
    if (!op) {
      items.push({ id: `role-${role}`, label: `${info.title} chosen`, state: 'missing', detail: `${operationKey(ref)} is not in this spec` });
      continue;
    }
    items.push({ id: `role-${role}`, label: `${info.title} chosen`, state: 'ok', detail: operationKey(ref) });
    if (ROLES_WITH_ID.has(role)) {
      const ok = Boolean(ref.idParam) && idParameterNames(op).includes(ref.idParam ?? '');
      const missing = info.need === 'required' ? 'missing' : 'warn';
      items.push({ id: `id-${role}`, label: `${info.title}: ID parameter`, state: ok ? 'ok' : missing, detail: ok ? ref.idParam : 'choose the parameter that carries the record ID' });
    }
    // Until the ID parameter is chosen, which path parameters are "extra" is not known.
    const extra = ROLES_WITH_ID.has(role) && !ref.idParam ? [] : extraPathParams(role, ref);
    if (extra.length > 0) {
      const left = unfilledPathParams(role, ref);
      items.push({
        id: `params-${role}`,
        label: `${info.title}: path parameters`,
        state: left.length === 0 ? 'ok' : info.need === 'required' ? 'missing' : 'warn',
        detail: left.length === 0 ? extra.map((n) => `${n}=${ref.params?.[n] ?? ''}`).join(', ') : `set a value for ${left.map((n) => `{${n}}`).join(', ')}`,
      });
    }
  }
  items.push({
    id: 'basic-auth',
    label: 'Basic Auth declared in the spec',
    state: basicAuth ? 'ok' : 'warn',
    detail: basicAuth ? undefined : 'the broker authenticates with Basic Auth; check the API accepts it',
  });
  return items;
}

export function isReady(items: readonly ReadinessItem[]): boolean {
  return items.every((i) => i.state !== 'missing');
}
