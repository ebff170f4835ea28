/**
 * Questions asked of a loaded spec: the inspect summary, one operation, its body fields and a
 * self-contained JSON Schema of a body.
 */
import { StudioError } from '../../common/api/define';
import { HTTP_METHODS, type FieldsResult, type HttpMethod, type InspectResult, type ServerSummary } from '../../common/spec/model';
import type { NormBody, NormOperation } from '../../common/spec/normalize';
import { extractSchemaFields } from '../../common/spec/fields';
import { suggestRoles } from '../../common/spec/roles';
import { exportSchema, type SchemaDialect } from '../../common/spec/schema-export';
import type { LoadedSpec } from './load';

export function inspectSpec(spec: LoadedSpec): InspectResult {
  const m = spec.model;
  return {
    format: m.format,
    title: m.title,
    version: m.version,
    servers: m.servers.map((s) => s.url),
    basicAuth: m.basicAuth,
    operations: m.operations.map((o) => ({
      method: o.method,
      path: o.path,
      operationId: o.operationId,
      summary: o.summary,
      tags: o.tags,
    })),
    webhooks: m.webhooks.map((w) => ({ name: w.name ?? w.path, method: w.method, operationId: w.operationId })),
    roles: suggestRoles(spec.resolver, m.operations),
  };
}

export function serverDetails(spec: LoadedSpec): ServerSummary[] {
  return spec.model.servers;
}

/** "POST /tickets" (or "WEBHOOK name POST") → method and path. */
export function parseOperationRef(operation: string): { method: HttpMethod; path: string; webhook: boolean } {
  const t = operation.trim();
  const wh = t.match(/^WEBHOOK\s+(\S+)\s+([A-Za-z]+)$/i);
  if (wh) return { method: (wh[2] as string).toUpperCase() as HttpMethod, path: wh[1] as string, webhook: true };
  const m = t.match(/^([A-Za-z]+)\s+(\S.*)$/);
  const method = m?.[1]?.toUpperCase();
  if (!m || !method || !HTTP_METHODS.includes(method as HttpMethod)) {
    throw new StudioError('bad-input', `operation must look like "POST /path" (got "${operation}")`);
  }
  return { method: method as HttpMethod, path: (m[2] as string).trim(), webhook: false };
}

/** The normalised operation (path params, query params, request content types, responses). */
export function findOperation(spec: LoadedSpec, method: string, path: string): NormOperation | null {
  const mm = method.toUpperCase();
  return (
    spec.model.operations.find((o) => o.method === mm && o.path === path) ??
    spec.model.webhooks.find((o) => o.method === mm && o.path === path) ??
    null
  );
}

function requireOperation(spec: LoadedSpec, operation: string): NormOperation {
  const ref = parseOperationRef(operation);
  const op = findOperation(spec, ref.method, ref.path);
  if (!op) throw new StudioError('not-found', `no operation ${ref.method} ${ref.path} in ${spec.name}`);
  return op;
}

const JSONISH = [
  (ct: string) => /^application\/json\s*(;|$)/i.test(ct),
  (ct: string) => /\+json\s*(;|$)/i.test(ct) || /\/json\s*(;|$)/i.test(ct),
  (ct: string) => /^application\/x-www-form-urlencoded/i.test(ct),
  (ct: string) => /^multipart\/form-data/i.test(ct),
  (ct: string) => /^multipart\//i.test(ct),
];

/** The body the CLI means: JSON first, then any +json, then form/multipart, else the first. */
export function pickBody(bodies: NormBody[]): NormBody | null {
  for (const test of JSONISH) {
    const b = bodies.find((x) => test(x.contentType) && x.schema);
    if (b) return b;
  }
  return bodies.find((b) => b.schema) ?? bodies[0] ?? null;
}

export function bodyFor(op: NormOperation, part: 'request' | 'response'): { body: NormBody | null; status: string | null } {
  if (part === 'request') return { body: pickBody(op.requestBodies), status: null };
  const ok = op.responses.find((r) => /^2(\d\d|XX)$/i.test(r.status));
  if (!ok) return { body: null, status: null };
  return { body: pickBody(ok.contents), status: ok.status };
}

export function extractFields(spec: LoadedSpec, operation: string, part: 'request' | 'response' = 'request'): FieldsResult {
  const op = requireOperation(spec, operation);
  const { body } = bodyFor(op, part);
  const label = op.kind === 'webhook' ? `WEBHOOK ${op.path} ${op.method}` : `${op.method} ${op.path}`;
  if (!body || !body.schema) return { operation: label, part, contentType: body?.contentType ?? null, fields: [] };
  const r = extractSchemaFields(spec.resolver, body.schema, { part, dialect: spec.dialect });
  const result: FieldsResult = { operation: label, part, contentType: body.contentType, fields: r.fields };
  if (r.truncated) result.truncated = true;
  return result;
}

export interface OperationSchema {
  schema: Record<string, unknown>;
  contentType: string | null;
  dialect: SchemaDialect;
}

export function operationSchema(spec: LoadedSpec, operation: string, part: 'request' | 'response'): OperationSchema | null {
  const op = requireOperation(spec, operation);
  const { body } = bodyFor(op, part);
  if (!body || !body.schema) return null;
  const dialect: SchemaDialect = spec.dialect === '3.1' ? '2020-12' : 'draft-04';
  const schema = exportSchema(spec.resolver, body.schema, { dialect, part, siblingsApply: spec.dialect === '3.1' });
  return { schema, contentType: body.contentType, dialect };
}
